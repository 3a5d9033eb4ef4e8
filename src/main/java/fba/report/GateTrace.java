package fba.report;

import fba.core.Profile;
import fba.protocol.Session;
import fba.protocol.VectorFile;
import fba.protocol.VectorLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The gate report's failing trace: the one a stage left (a check's shrunk divergence, a fuzz or
 * model test's regression vector) copied to {@code trace.vec}, replayed through the reference,
 * with its heap picture and explorer page.
 */
final class GateTrace {

    /** A request line of a printed vector file, with or without its expectation. */
    private static final Pattern REQUEST_LINE =
            Pattern.compile("(init|malloc|free|grow|truncate|poke|peek|stats|pages)( .*)?");

    private final Path gate;

    GateTrace(Path gate) {
        this.gate = gate;
    }

    /**
     * Stores the minimal failing trace a stage left behind as {@code trace.vec}, unless there is
     * one already: the check's shrunk divergence ({@code check/*.vec}), else the first regression
     * vector a failing model-based property printed into the tests or model log.
     */
    void collect() throws IOException {
        Path p = gate.resolve("trace.vec");
        if (Files.exists(p)) {
            return;
        }
        Path check = gate.resolve("check");
        if (Files.isDirectory(check)) {
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(check, "*.vec")) {
                ds.forEach(found::add);
            }
            if (!found.isEmpty()) {
                found.sort(null);
                Files.copy(found.get(0), p);
                return;
            }
        }
        for (String stage : new String[] {"tests", "model"}) {
            String text = GateReport.log(gate, stage);
            String vector = text == null ? null : regressionVector(text);
            if (vector != null) {
                Files.writeString(p, vector, StandardCharsets.UTF_8);
                return;
            }
        }
    }

    /**
     * The first regression vector in a test log: the comment and request lines after the
     * {@code --- regression vector} marker, up to the first other line. Surefire indents the
     * lines of a failure message, so they are read without their leading blanks.
     */
    static String regressionVector(String log) {
        String[] lines = log.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].contains("--- regression vector")) {
                continue;
            }
            StringBuilder vector = new StringBuilder();
            boolean anyRequest = false;
            for (int j = i + 1; j < lines.length; j++) {
                String line = lines[j].strip();
                boolean request = REQUEST_LINE.matcher(line).matches();
                if (!request && !line.startsWith("#")) {
                    break;
                }
                anyRequest |= request;
                vector.append(line).append('\n');
            }
            if (anyRequest) {
                return vector.toString();
            }
        }
        return null;
    }

    /**
     * The minimal failing trace a stage left in {@code trace.vec} (a divergence or a failing
     * property), replayed to draw the heap after its last request, with the block of the pointer
     * named by the last request marked.
     */
    Map<String, Object> read() throws IOException {
        Path p = gate.resolve("trace.vec");
        if (!Files.exists(p)) {
            return null;
        }
        VectorFile v = VectorFile.read(p);
        Session session = new Session(v.profile() != null ? v.profile() : Profile.SUBSTRATE);
        StringBuilder sb = new StringBuilder();
        String last = null;
        String lastResponse = null;
        for (VectorLine line : v.lines()) {
            if (line.request() != null) {
                sb.setLength(0);
                session.execute(line.request(), sb);
                last = line.request();
                lastResponse = sb.toString();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", "trace.vec");
        m.put("text", Files.readString(p, StandardCharsets.UTF_8));
        m.put("last_request", last);
        m.put("reference_response", lastResponse);
        // The same trace in the explorer, next to the page: every step, not just the last.
        // (it names the implementation and seed the trace's comments record, and how to replay it)
        TraceExplorer.write(p, TraceExplorer.read(p), v.profile() != null ? v.profile() : Profile.SUBSTRATE,
                gate.resolve("trace.html"));
        m.put("explorer", "trace.html");
        if (session.allocator() != null) {
            long mark = markedAddress(last, lastResponse);
            m.put("marked_address", mark);
            m.put("svg", HeapSvg.render(HeapLayout.of(session.allocator(), 5_000), "heap after the failing trace", mark));
        } else if (session.proposal() != null) {
            // The heap picture reads sc-allocator's headers; the page says so instead of leaving a gap.
            m.put("no_svg", "The trace runs the proposal profile: the heap picture draws sc-allocator's heap only;"
                    + " the trace explorer lists every request with its answer.");
        }
        return m;
    }

    /** The pointer the last request is about: its argument for free/peek/poke, the result for malloc. */
    static long markedAddress(String request, String response) {
        if (request == null) {
            return -1;
        }
        String[] t = request.split(" ");
        try {
            if ((t[0].equals("free") || t[0].equals("peek") || t[0].equals("poke")) && t.length > 1) {
                return Long.parseLong(t[1]);
            }
            if (t[0].equals("malloc") && response != null && response.startsWith("ok ")) {
                return Long.parseLong(response.substring(3).trim());
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
