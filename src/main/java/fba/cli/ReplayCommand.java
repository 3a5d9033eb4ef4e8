package fba.cli;

import fba.protocol.Session;
import fba.report.HeapLayout;
import fba.report.HeapSvg;
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
            "usage: fba replay [--profile substrate|strict] [--svg OUT.svg [--mark ADDR]] FILE...",
            "",
            "Executes every request of each FILE (a trace or vector file; expectations after",
            "' => ' are ignored) in a fresh session per file and prints one response per",
            "request. With several files, each file's responses are preceded by '# FILE'.",
            "--svg draws the heap after the last request of the (single) FILE: blocks by",
            "address, coloured by order, free vs occupied; --mark outlines the block holding ADDR.");

    private ReplayCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o = Options.parse(args, Set.of("profile", "svg", "mark"), Set.of());
        if (o.help()) {
            out.println(HELP);
            return 0;
        }
        if (o.positional().isEmpty()) {
            throw new UsageException("needs at least one FILE (see fba replay --help)");
        }
        String svg = o.get("svg", null);
        long mark = o.getLong("mark", -1, 0, 0xFFFFFFFFL);
        if (svg == null && mark >= 0) {
            throw new UsageException("--mark goes with --svg");
        }
        if (svg != null && o.positional().size() != 1) {
            throw new UsageException("--svg draws one heap: give exactly one FILE");
        }
        Session session = null;
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(1 << 16);
        boolean many = o.positional().size() > 1;
        try {
            for (String name : o.positional()) {
                Path file = Path.of(name);
                if (many) {
                    sb.append("# ").append(name).append('\n');
                }
                session = new Session(o.profile());
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
            if (svg != null) {
                return writeSvg(session, Path.of(svg), o.positional().get(0), mark, err);
            }
            return 0;
        } catch (IOException e) {
            err.println("fba replay: I/O error: " + e.getMessage());
            return 2;
        }
    }

    private static int writeSvg(Session session, Path target, String trace, long mark, PrintStream err) {
        if (session.allocator() == null) {
            err.println("fba replay: " + trace + ": no session was initialised, so there is no heap to draw");
            return 2;
        }
        String picture = HeapSvg.render(HeapLayout.of(session.allocator(), 20_000),
                "heap after the last request of " + trace, mark);
        try {
            Files.writeString(target, picture, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("fba replay: cannot write " + target + ": " + e.getMessage());
            return 2;
        }
        return 0;
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
