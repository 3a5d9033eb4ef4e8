package fba.cli;

import fba.protocol.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** {@code fba serve}: the reference as a protocol peer on stdin/stdout. */
final class ServeCommand {

    static final String HELP = String.join("\n",
            "usage: fba serve [--profile substrate|strict]",
            "",
            "Reads one request per line on stdin and writes one response per line on stdout",
            "(spec/protocol.md). Output is flushed whenever no further input is waiting, so an",
            "interactive peer sees each answer at once while a pipelined peer gets full buffers.");

    private ServeCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o = Options.parse(args, Set.of("profile"), Set.of());
        if (o.help()) {
            out.println(HELP);
            return 0;
        }
        if (!o.positional().isEmpty()) {
            throw new UsageException("takes no arguments, got '" + o.positional().get(0) + "'");
        }
        Session session = new Session(o.profile());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(256);
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (session.execute(stripCr(line), sb)) {
                    sb.append('\n');
                }
                if (sb.length() > (1 << 15) || !in.ready()) {
                    w.append(sb);
                    sb.setLength(0);
                    w.flush();
                }
            }
            w.append(sb);
            w.flush();
            return 0;
        } catch (IOException e) {
            err.println("fba serve: I/O error: " + e.getMessage());
            return 2;
        }
    }

    static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
