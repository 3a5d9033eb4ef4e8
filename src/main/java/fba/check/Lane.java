package fba.check;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One implementation process checking a contiguous range of generated sessions, on its own thread
 * ({@code --jobs N} runs N lanes side by side). Lanes share the lowest session index at which any
 * of them found a problem: a lane whose next session lies above it stops, since the check reports
 * only the lowest one; lanes below it run on, as they may still find a lower one.
 */
final class Lane implements Runnable {

    final int from;
    final int to;
    private final CheckConfig cfg;
    private final int threads;
    private final int batchSize;
    private final AtomicInteger lowestProblem;

    final Counts counts = new Counts();
    /** Requests handed to the process so far, for the progress line. */
    volatile long requestsSent;
    volatile int sessionsDone;
    ImplProcess process;
    Outcome outcome;
    /** The session the outcome is about (Integer.MAX_VALUE when it passed). */
    int problemSession = Integer.MAX_VALUE;
    /** Stopped because another lane found a problem in a lower session: its outcome means nothing. */
    boolean cancelled;
    /** The check could not run this lane (the command could not start, or a checker defect). */
    Exception error;

    Lane(CheckConfig cfg, int from, int to, int threads, int batchSize, AtomicInteger lowestProblem) {
        this.cfg = cfg;
        this.from = from;
        this.to = to;
        this.threads = threads;
        this.batchSize = batchSize;
        this.lowestProblem = lowestProblem;
    }

    @Override
    public void run() {
        SessionSource source = null;
        try {
            process = ImplProcess.start(cfg.command, cfg.timeoutMs);
            source = new SessionSource(cfg, from, to, threads, batchSize);
            for (int s = from; s < to; s++) {
                if (s > lowestProblem.get()) {
                    cancelled = true;
                    process.kill();
                    return;
                }
                SessionSource.Generated g = source.take(s);
                counts.add(g.counts);
                boolean sent = true;
                for (Batch b : g.batches) {
                    if (!process.send(b)) {
                        sent = false;
                        break;
                    }
                }
                requestsSent = counts.requests;
                if (!sent) {
                    break;
                }
                sessionsDone = s + 1 - from;
            }
            outcome = process.finish();
            if (outcome.kind != Outcome.Kind.PASS) {
                problemSession = sessionOf(outcome);
                lowestProblem.accumulateAndGet(problemSession, Math::min);
            }
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                process.kill();
            }
            error = e;
            lowestProblem.accumulateAndGet(from, Math::min);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.kill();
            error = new IOException("interrupted");
        } finally {
            if (source != null) {
                source.close();
            }
        }
    }

    /**
     * The session an outcome is about: the session of the request owed, else (a failure at the end
     * of output, such as a non-zero exit status) the last session this lane sent.
     */
    private int sessionOf(Outcome o) {
        if (o.batch != null && o.batch.owner instanceof SessionSource.Generated g) {
            return g.index;
        }
        return from + Math.max(0, sessionsDone - 1);
    }
}
