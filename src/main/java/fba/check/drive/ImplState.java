package fba.check.drive;

import fba.core.Profile;
import fba.protocol.Session;
import fba.report.HeapLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The implementation's own state at the divergent request, for the explorer page to draw next to
 * the reference's heap: a fresh process replays the trace up to that request, then answers
 * {@code pages}, {@code stats} and a {@code peek} of every header the reference's heap has. Those
 * requests never change an allocator (spec/protocol.md), so what they read is the state the
 * divergent request left. When the implementation cannot tell (it dies, hangs, answers fewer
 * lines, or the profile has no sc-allocator heap) the result says why instead.
 */
public final class ImplState {

    /** At most this many headers are asked for: the page draws a few hundred blocks around the one that matters. */
    public static final int MAX_HEADERS = 400;

    private ImplState() {
    }

    /**
     * What {@code TraceExplorer} puts into the page as {@code impl_state}: {@code step} (1-based),
     * then either {@code error}, or {@code pages}, {@code stats} (each [reference, implementation])
     * and {@code headers} ([header, order, reference's peek answer, implementation's]).
     */
    public static Map<String, Object> probe(String command, long timeoutMs, Profile profile, String[] requests, int index) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", index + 1);
        Session ref = new Session(profile);
        for (int i = 0; i <= index; i++) {
            ref.execute(requests[i]);
        }
        if (ref.allocator() == null) {
            m.put("error", profile == Profile.PROPOSAL ? "the proposal profile's heap is not drawn"
                    : "no session is initialised at this request, so there is no heap to ask about");
            return m;
        }
        List<HeapLayout.Block> blocks = HeapLayout.of(ref.allocator(), MAX_HEADERS).blocks();
        List<String> queries = new ArrayList<>(List.of("pages", "stats"));
        for (HeapLayout.Block b : blocks) {
            queries.add("peek " + b.header());
        }
        List<String> answers;
        try {
            answers = run(command, timeoutMs, requests, index, queries);
        } catch (IOException e) {
            m.put("error", "the implementation could not be asked: " + e.getMessage());
            return m;
        }
        int skip = index + 1;
        if (answers.size() < skip + queries.size()) {
            m.put("error", "the implementation answered " + Math.max(0, answers.size() - skip) + " of the "
                    + queries.size() + " requests that read its state (pages, stats, peek of each header)");
            return m;
        }
        List<String> own = answers.subList(skip, skip + queries.size());
        m.put("pages", List.of(ref.execute("pages"), ResponseShape.printable(own.get(0))));
        m.put("stats", List.of(ref.execute("stats"), ResponseShape.printable(own.get(1))));
        List<List<Object>> headers = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            HeapLayout.Block b = blocks.get(i);
            headers.add(List.of(b.header(), b.order(), ref.execute(queries.get(i + 2)),
                    ResponseShape.printable(own.get(i + 2))));
        }
        m.put("headers", headers);
        return m;
    }

    /** Every line the implementation printed for the trace up to {@code index} and the queries. */
    private static List<String> run(String command, long timeoutMs, String[] requests, int index, List<String> queries)
            throws IOException {
        Process p = new ProcessBuilder(CommandArgs.argv(command)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder in = new StringBuilder();
        for (int i = 0; i <= index; i++) {
            in.append(requests[i]).append('\n');
        }
        for (String q : queries) {
            in.append(q).append('\n');
        }
        byte[] out;
        try {
            Thread writer = new Thread(() -> {
                try (OutputStream o = p.getOutputStream()) {
                    o.write(in.toString().getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the process closed its input early; what it printed is still read
                }
            });
            writer.setDaemon(true);
            writer.start();
            ByteReader reader = new ByteReader(p.getInputStream());
            reader.start();
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new IOException("it did not finish within " + timeoutMs + " ms");
            }
            reader.join(timeoutMs);
            out = reader.bytes();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            p.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }

    /** Reads a stream to its end on a thread of its own. */
    private static final class ByteReader extends Thread {
        private final InputStream in;
        private volatile byte[] bytes = new byte[0];

        public ByteReader(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                // the process went away; keep what was read (nothing)
            }
        }

        public byte[] bytes() {
            return bytes;
        }
    }
}
