package fba.check.drive;

import fba.check.generate.Bytes;
import fba.check.generate.Counts;
import fba.check.generate.Request;
import fba.check.generate.SessionGenerator;
import fba.core.Profile;
import fba.protocol.ResponseBuffer;
import fba.protocol.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Generates sessions ahead of the thread that sends them, on worker threads, and hands them out in
 * session order.
 *
 * <p>Sessions can be generated independently because each one opens with an {@code init}, which
 * replaces the whole reference state (a refused strict-profile init clears it), so the reference a
 * worker carries over from its previous session cannot influence the next. Worker {@code w} of
 * {@code n} makes sessions {@code from+w, from+w+n, ...} with its own reference; the first session
 * alone opens with requests sent before any init, and worker 0's reference is fresh for it, just
 * as the implementation's process is.
 */
public final class SessionSource {

    /**
     * One generated session: its batches ready to send, its counts, and (on the object path) its
     * symbolic trace. The byte path keeps no trace: a session that diverges is generated again on
     * the object path ({@link #regenerate}), which makes the same requests.
     */
    public static final class Generated {
        public final int index;
        /** The requests, or null when the session was made on the byte path. */
        public final List<Request> requests;
        public final List<Batch> batches = new ArrayList<>();
        public final Counts counts = new Counts();

        public Generated(int index, List<Request> requests) {
            this.index = index;
            this.requests = requests;
        }
    }

    private static final int AHEAD = 4;

    private final CheckConfig cfg;
    private final int batchSize;
    private final int from;
    private final List<BlockingQueue<Generated>> queues = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile RuntimeException failure;

    /** Generates sessions {@code from} (inclusive) to {@code to} (exclusive). */
    public SessionSource(CheckConfig cfg, int from, int to, int threads, int batchSize) {
        this.cfg = cfg;
        this.batchSize = batchSize;
        this.from = from;
        for (int w = 0; w < threads; w++) {
            BlockingQueue<Generated> q = new ArrayBlockingQueue<>(AHEAD);
            queues.add(q);
            int first = from + w;
            Thread t = new Thread(() -> work(first, to, threads, q), "fba-check-generator-" + w);
            t.setDaemon(true);
            workers.add(t);
        }
        for (Thread t : workers) {
            t.start();
        }
    }

    /** Session {@code s}, waiting for it if need be; sessions must be taken in order. */
    public Generated take(int s) throws InterruptedException {
        BlockingQueue<Generated> q = queues.get((s - from) % queues.size());
        while (true) {
            Generated g = q.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (g != null) {
                return g;
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Stops the workers (sessions not taken are dropped). */
    public void close() {
        for (Thread t : workers) {
            t.interrupt();
        }
    }

    private void work(int first, int to, int step, BlockingQueue<Generated> q) {
        try {
            Session reference = new Session(cfg.profile);
            for (int s = first; s < to; s += step) {
                q.put(cfg.objectPath ? generate(s, reference, cfg.profile) : generateBytes(s, reference));
            }
        } catch (InterruptedException e) {
            // closed
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            // Surface it to the taker, which would otherwise wait for a session that never comes.
            failure = new IllegalStateException("session generator died: " + e, e);
        }
    }

    private static final long[] NO_RESULTS = new long[0];

    /**
     * Session {@code s} on the object path: each request rendered to a String and run through the
     * reference's String path, and the symbolic trace kept for shrinking (package-private for
     * fba.check.CheckCost and the tests).
     */
    public Generated generate(int s, Session reference, Profile profile) {
        Generated g = new Generated(s, new ArrayList<>(cfg.ops));
        SessionGenerator gen = new SessionGenerator(cfg.seed, s, cfg.ops, profile, reference, s == 0);
        StringBuilder sb = new StringBuilder(128);
        Batch batch = new Batch(g, batchSize);
        Request r;
        while ((r = gen.next()) != null) {
            String line = r.render(NO_RESULTS);
            sb.setLength(0);
            String expected = reference.execute(line, sb) ? sb.toString() : null;
            // The byte path's bookkeeping, so that both paths observe and count alike by construction.
            byte[] response = expected == null ? null : expected.getBytes(StandardCharsets.ISO_8859_1);
            int from = response == null ? -1 : 0;
            int to = response == null ? -1 : response.length;
            gen.observe(r, response, from, to);
            g.counts.count(r, response, from, to);
            batch.add(line, expected, g.requests.size());
            g.requests.add(r);
            if (batch.isFull()) {
                batch.seal();
                g.batches.add(batch);
                batch = new Batch(g, batchSize);
            }
        }
        if (batch.size > 0) {
            batch.seal();
            g.batches.add(batch);
        }
        return g;
    }

    /**
     * Session {@code s} with its requests and symbolic trace, generated again on the object path
     * with a fresh reference: the same requests as every other generation of it, since a session
     * opens with an {@code init} that replaces (or, refused in the strict profile, clears) whatever
     * the reference held.
     */
    public static Generated regenerate(CheckConfig cfg, int s) {
        return new SessionSource(cfg, s, s, 0, 512).generate(s, new Session(cfg.profile), cfg.profile);
    }

    /** Session {@code s} on the byte path, generated again with a fresh reference (to resend it to a new process). */
    public static Generated regenerateBytes(CheckConfig cfg, int s) {
        return new SessionSource(cfg, s, s, 0, 512).generateBytes(s, new Session(cfg.profile));
    }

    /**
     * Session {@code s} on the byte path (what the workers run): each request rendered straight into
     * the batch's bytes, run through the reference's byte path (the one {@code serve} uses), its
     * response kept as bytes for the reader to compare. The same requests, expected responses and
     * counts as {@link #generate}, without a String or a kept Request per request (issue 16).
     */
    public Generated generateBytes(int s, Session reference) {
        Generated g = new Generated(s, null);
        SessionGenerator gen = new SessionGenerator(cfg.seed, s, cfg.ops, cfg.profile, reference, s == 0);
        ResponseBuffer response = new ResponseBuffer(256);
        ByteBatcher batch = new ByteBatcher(g, batchSize);
        int position = 0;
        Request r;
        while ((r = gen.next()) != null) {
            Bytes lines = batch.lines;
            int start = lines.length();
            r.renderTo(lines);
            int end = lines.length();
            lines.write('\n');
            Bytes expected = batch.responses;
            int from = expected.length();
            if (reference.execute(lines.array(), start, end, response)) {
                expected.take(response);
            } else {
                from = -1;
            }
            int to = expected.length();
            gen.observe(r, expected.array(), from, to);
            g.counts.count(r, expected.array(), from, to);
            batch.added(position++, end, from, to);
            if (batch.isFull()) {
                g.batches.add(batch.seal());
                batch = new ByteBatcher(g, batchSize);
            }
        }
        if (batch.size > 0) {
            g.batches.add(batch.seal());
        }
        return g;
    }

    /** A batch being filled on the byte path. */
    private static final class ByteBatcher {
        public final Object owner;
        public final Bytes lines;
        public final Bytes responses;
        public final int[] position;
        public final int[] lineEnd;
        public final int[] responseStart;
        public final int[] responseEnd;
        public int size;

        public ByteBatcher(Object owner, int capacity) {
            this.owner = owner;
            // room for the usual lines and responses of generated sessions, so the arrays seldom grow
            this.lines = new Bytes(capacity * 24);
            this.responses = new Bytes(capacity * 16);
            this.position = new int[capacity];
            this.lineEnd = new int[capacity];
            this.responseStart = new int[capacity];
            this.responseEnd = new int[capacity];
        }

        public void added(int pos, int end, int from, int to) {
            position[size] = pos;
            lineEnd[size] = end;
            responseStart[size] = from;
            responseEnd[size] = to;
            size++;
        }

        public boolean isFull() {
            return size == position.length;
        }

        public Batch seal() {
            return Batch.ofBytes(owner, size, position, lines.array(), lines.length(), lineEnd, responses.array(),
                    responseStart, responseEnd);
        }
    }
}
