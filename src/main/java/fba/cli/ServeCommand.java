package fba.cli;

import fba.protocol.LineSplitter;
import fba.protocol.ResponseBuffer;
import fba.protocol.Session;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** {@code fba serve}: the reference as a protocol peer on stdin/stdout. */
final class ServeCommand {

    static final String HELP = String.join("\n",
            "usage: fba serve [--profile substrate|strict|proposal]",
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
        LineSplitter lines = new LineSplitter(System.in, 1 << 16);
        ResponseBuffer buf = new ResponseBuffer(1 << 16);
        try {
            while (lines.next()) {
                if (execute(session, lines, buf)) {
                    buf.append('\n');
                }
                if (buf.length() > (1 << 15) || !lines.ready()) {
                    buf.writeTo(out);
                    out.flush();
                }
            }
            buf.writeTo(out);
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("fba serve: I/O error: " + e.getMessage());
            return 2;
        }
    }

    /**
     * Executes the current line. A line that is not ASCII is decoded as UTF-8 with replacement
     * characters, as the reader serve used to read with did, and takes the String path.
     */
    private static boolean execute(Session session, LineSplitter lines, ResponseBuffer buf) {
        if (lines.ascii()) {
            return session.execute(lines.buffer(), lines.start(), lines.end(), buf);
        }
        String line = new String(lines.buffer(), lines.start(), lines.end() - lines.start(), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        boolean responded = session.execute(line, sb);
        buf.append(sb);
        return responded;
    }

}
