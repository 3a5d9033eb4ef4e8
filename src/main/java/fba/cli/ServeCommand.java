package fba.cli;

import fba.protocol.LineSplitter;
import fba.protocol.ResponseBuffer;
import fba.protocol.Session;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fba serve}: the reference as a protocol peer on stdin/stdout. */
@Command(name = "serve", header = "speak the line protocol on stdin/stdout (fba as an implementation)",
        synopsisHeading = "usage: ",
        description = {"", "Reads one request per line on stdin and writes one response per line on stdout",
            "(spec/protocol.md). Output is flushed whenever no further input is waiting, so an",
            "interactive peer sees each answer at once while a pipelined peer gets full buffers."})
final class ServeCommand implements Callable<Integer> {

    private final Io io;

    @Mixin
    private HelpOption help;

    @Mixin
    private ProfileOption profile;

    ServeCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        return serve(io, profile.profile);
    }

    /** Serves stdin in {@code p}; {@link QuickStart} calls it without building the command line. */
    static int serve(Io io, fba.core.Profile p) {
        PrintStream out = io.out;
        PrintStream err = io.err;
        Session session = new Session(p);
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
