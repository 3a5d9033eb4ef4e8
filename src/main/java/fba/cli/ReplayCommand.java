package fba.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import fba.protocol.LineSplitter;
import fba.protocol.ResponseBuffer;
import fba.protocol.Session;
import fba.protocol.VectorLine;
import fba.report.HeapLayout;
import fba.report.HeapSvg;
import fba.report.TraceExplorer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fba replay}: the reference's response to every request of one or more traces. */
@Command(name = "replay", header = "print the reference's response to every request of trace files",
        synopsisHeading = "usage: ",
        description = {"", "Executes every request of each FILE (a trace or vector file; expectations after",
            "' => ' are ignored) in a fresh session per file and prints one response per",
            "request. With several files, each file's responses are preceded by '# FILE'."})
final class ReplayCommand implements Callable<Integer> {

    private final Io io;

    @Mixin
    private HelpOption help;

    @Mixin
    private ProfileOption profile;

    @Option(names = "--svg", paramLabel = "OUT.svg",
            description = "draw the heap after the last request of the (single) FILE: blocks by address,"
                    + " coloured by order, free vs occupied")
    private String svg;

    @Option(names = "--mark", paramLabel = "ADDR", description = "with --svg: outline the block holding ADDR")
    private Long markOption;

    @Option(names = "--html", paramLabel = "OUT.html",
            description = "write the trace explorer of the (single) FILE: one self-contained page that steps"
                    + " through its requests and draws the heap after each (see README)")
    private String html;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "trace or vector files")
    private List<String> files;

    ReplayCommand(Io io) {
        this.io = io;
    }

    /** {@code replay FILE...} with no option but the profile, as {@link QuickStart} runs it. */
    static ReplayCommand plain(Io io, fba.core.Profile p, List<String> files) {
        ReplayCommand c = new ReplayCommand(io);
        c.profile = new ProfileOption();
        c.profile.profile = p;
        c.files = files;
        return c;
    }

    /** Responses are handed to the output in blocks of about this many bytes. */
    private static final int FLUSH_AT = (1 << 16) - 512;

    @Override
    public Integer call() {
        PrintStream out = io.out;
        PrintStream err = io.err;
        long mark = markOption == null ? -1 : UsageException.inRange("--mark", markOption, 0, 0xFFFFFFFFL);
        if (svg == null && mark >= 0) {
            throw new UsageException("--mark goes with --svg");
        }
        if (svg != null && files.size() != 1) {
            throw new UsageException("--svg draws one heap: give exactly one FILE");
        }
        if (html != null && files.size() != 1) {
            throw new UsageException("--html explores one trace: give exactly one FILE");
        }
        Session session = null;
        ResponseBuffer buf = new ResponseBuffer(1 << 16);
        boolean many = files.size() > 1;
        try {
            for (String name : files) {
                Path file = Path.of(name);
                if (many) {
                    buf.append("# ").append(name).append('\n');
                }
                session = new Session(profile.profile);
                try (InputStream in = Files.newInputStream(file)) {
                    LineSplitter lines = new LineSplitter(in, 1 << 16);
                    while (lines.next()) {
                        if (replayLine(session, lines, buf)) {
                            buf.append('\n');
                        }
                        if (buf.length() > FLUSH_AT) {
                            buf.writeTo(out);
                        }
                    }
                } catch (NoSuchFileException e) {
                    buf.writeTo(out);
                    out.flush();
                    err.println("fba replay: " + name + ": no such file");
                    return 2;
                } catch (CharacterCodingException e) {
                    buf.writeTo(out);
                    out.flush();
                    err.println("fba replay: " + name + ": not valid UTF-8 text");
                    return 2;
                }
            }
            buf.writeTo(out);
            out.flush();
            int status = svg == null ? 0 : writeSvg(session, Path.of(svg), files.get(0), mark, err);
            return status != 0 || html == null ? status : writeHtml(Path.of(files.get(0)), profile.profile,
                    Path.of(html), err);
        } catch (IOException e) {
            err.println("fba replay: I/O error: " + e.getMessage());
            return 2;
        }
    }

    private static int writeSvg(Session session, Path target, String trace, long mark, PrintStream err) {
        if (session.proposal() != null) {
            err.println("fba replay: " + trace + ": --svg draws sc-allocator's heap; the proposal profile has no picture");
            return 2;
        }
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

    private static int writeHtml(Path file, fba.core.Profile profile, Path target, PrintStream err) {
        TraceExplorer.Trace trace;
        try {
            trace = TraceExplorer.read(file);
        } catch (IOException e) {
            err.println("fba replay: " + file + ": " + e.getMessage());
            return 2;
        }
        try {
            TraceExplorer.write(file, trace, profile, target);
        } catch (IOException e) {
            err.println("fba replay: cannot write the explorer " + target + ": "
                    + (e instanceof NoSuchFileException ? "no such directory" : e.getMessage()));
            return 2;
        }
        return 0;
    }

    /**
     * Executes the request of the current line, if it has one, appending its response; the same
     * as {@code session.execute(requestOf(line), ...)} on the decoded line, without decoding ASCII.
     */
    private static boolean replayLine(Session session, LineSplitter lines, ResponseBuffer buf)
            throws CharacterCodingException {
        byte[] b = lines.buffer();
        int from = lines.start();
        int to = lines.end();
        if (!lines.ascii()) {
            String line = UTF_8.newDecoder().decode(ByteBuffer.wrap(b, from, to - from)).toString();
            String request = requestOf(line);
            if (request == null) {
                return false;
            }
            StringBuilder sb = new StringBuilder();
            boolean responded = session.execute(request, sb);
            buf.append(sb);
            return responded;
        }
        if (from == to || b[from] == '#') {
            return false;
        }
        return session.execute(b, from, requestEnd(b, from, to), buf);
    }

    /** Where the request part of an ASCII line ends: at the first ' => ', else the line's end. */
    private static int requestEnd(byte[] b, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (b[i + 1] == '=' && b[i] == ' ' && b[i + 2] == '>' && b[i + 3] == ' ') {
                return i;
            }
        }
        return to;
    }

    /** The request part of a trace line (what precedes ' => '). */
    static String requestOf(String line) {
        if (line.isEmpty() || line.charAt(0) == '#') {
            return null;
        }
        int arrow = line.indexOf(VectorLine.ARROW);
        if (arrow >= 0) {
            return line.substring(0, arrow);
        }
        return line;
    }
}
