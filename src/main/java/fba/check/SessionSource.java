package fba.check;

import fba.core.Profile;
import fba.protocol.Session;
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
final class SessionSource {

    /** One generated session: its symbolic trace, its batches ready to send, and its counts. */
    static final class Generated {
        final int index;
        final List<Request> requests;
        final List<Batch> batches = new ArrayList<>();
        final Counts counts = new Counts();

        Generated(int index, int ops) {
            this.index = index;
            this.requests = new ArrayList<>(ops);
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
    SessionSource(CheckConfig cfg, int from, int to, int threads, int batchSize) {
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
    Generated take(int s) throws InterruptedException {
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
    void close() {
        for (Thread t : workers) {
            t.interrupt();
        }
    }

    private void work(int first, int to, int step, BlockingQueue<Generated> q) {
        try {
            Session reference = new Session(cfg.profile);
            for (int s = first; s < to; s += step) {
                q.put(generate(s, reference, cfg.profile));
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

    /** Session {@code s}, generated on the calling thread (package-private for fba.check.CheckCost). */
    Generated generate(int s, Session reference, Profile profile) {
        Generated g = new Generated(s, cfg.ops);
        SessionGenerator gen = new SessionGenerator(cfg.seed, s, cfg.ops, profile, reference, s == 0);
        StringBuilder sb = new StringBuilder(128);
        Batch batch = new Batch(g, batchSize);
        Request r;
        while ((r = gen.next()) != null) {
            String line = r.render(NO_RESULTS);
            sb.setLength(0);
            String expected = reference.execute(line, sb) ? sb.toString() : null;
            gen.observe(r, expected);
            g.counts.count(r, expected);
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
}
