package fba.cli;

import fba.protocol.Session;
import fba.protocol.VectorLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/** {@code fba replay}: the reference's response to every request of one or more traces. */
final class ReplayCommand {

    static final String HELP = String.join("\n",
            "usage: fba replay [--profile substrate|strict] FILE...",
            "",
            "Executes every request of each FILE (a trace or vector file; expectations after",
            "' => ' are ignored) in a fresh session per file and prints one response per",
            "request. With several files, each file's responses are preceded by '# FILE'.");

    private ReplayCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o = Options.parse(args, Set.of("profile"), Set.of());
        if (o.help()) {
            out.println(HELP);
            return 0;
        }
        if (o.positional().isEmpty()) {
            throw new UsageException("needs at least one FILE (see fba replay --help)");
        }
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(1 << 16);
        boolean many = o.positional().size() > 1;
        try {
            for (String name : o.positional()) {
                Path file = Path.of(name);
                if (many) {
                    sb.append("# ").append(name).append('\n');
                }
                Session session = new Session(o.profile());
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        String request = requestOf(line);
                        if (request != null && session.execute(request, sb)) {
                            sb.append('\n');
                        }
                        if (sb.length() > (1 << 16) - 512) {
                            w.append(sb);
                            sb.setLength(0);
                        }
                    }
                } catch (NoSuchFileException e) {
                    w.append(sb).flush();
                    err.println("fba replay: " + name + ": no such file");
                    return 2;
                } catch (CharacterCodingException e) {
                    w.append(sb).flush();
                    err.println("fba replay: " + name + ": not valid UTF-8 text");
                    return 2;
                }
            }
            w.append(sb);
            w.flush();
            return 0;
        } catch (IOException e) {
            err.println("fba replay: I/O error: " + e.getMessage());
            return 2;
        }
    }

    /** The request part of a trace line (what precedes ' => '), minus a trailing CR. */
    static String requestOf(String line) {
        if (line.isEmpty() || line.charAt(0) == '#') {
            return null;
        }
        int arrow = line.indexOf(VectorLine.ARROW);
        if (arrow >= 0) {
            return line.substring(0, arrow);
        }
        return ServeCommand.stripCr(line);
    }
}
