package fba.check;

import fba.check.drive.Batch;
import fba.check.drive.CheckConfig;
import fba.check.drive.CrashLocator;
import fba.check.drive.ImplProcess;
import fba.check.drive.Outcome;
import fba.check.drive.Script;
import fba.check.drive.SessionSource;
import fba.check.generate.Counts;
import fba.check.generate.Request;
import fba.check.report.Causes;
import fba.check.report.Signature;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One implementation process at a time checking a contiguous range of generated sessions, on its
 * own thread ({@code --jobs N} runs N lanes side by side). A divergence, or a crash, hang or
 * non-protocol answer while a request was owed, is counted as a cause in the shared
 * {@link Causes}; the lane then starts the implementation afresh at the next session and goes on,
 * until its range is done or the run has seen {@code --max-causes} distinct causes.
 *
 * <p>With {@code --max-causes 1} the lane ends at its first problem instead, and lanes share the
 * lowest session index at which any of them found one: a lane whose next session lies above it
 * stops, since only the lowest is reported; lanes below it run on, as they may still find a lower
 * one.
 */
final class Lane implements Runnable {

    final int from;
    final int to;
    private final CheckConfig cfg;
    private final int threads;
    private final int batchSize;
    private final AtomicInteger lowestProblem;
    private final Causes causes;

    final Counts counts = new Counts();
    /** Requests handed to the process so far, for the progress line. */
    volatile long requestsSent;
    volatile int sessionsDone;
    ImplProcess process;
    /** A failure that ends the check (not tied to a request, or an implementation that cannot run). */
    Outcome failure;
    /** The session the failure is about. */
    int failureSession = Integer.MAX_VALUE;
    /** With --max-causes 1: the session of this lane's problem (Integer.MAX_VALUE when none). */
    int problemSession = Integer.MAX_VALUE;
    /** The check could not run this lane (the command could not start, or a checker defect). */
    Exception error;

    Lane(CheckConfig cfg, int from, int to, int threads, int batchSize, AtomicInteger lowestProblem, Causes causes) {
        this.cfg = cfg;
        this.from = from;
        this.to = to;
        this.threads = threads;
        this.batchSize = batchSize;
        this.lowestProblem = lowestProblem;
        this.causes = causes;
    }

    @Override
    public void run() {
        SessionSource source = null;
        try {
            source = new SessionSource(cfg, from, to, threads, batchSize);
            int taken = from;
            int next = from;
            java.util.BitSet crashed = new java.util.BitSet();
            java.util.BitSet diverged = new java.util.BitSet();
            while (next < to) {
                process = ImplProcess.start(cfg.command, cfg.timeoutMs);
                if (cfg.maxCauses > 1) {
                    // A divergence leaves the stream intact: count it and go on with the next session
                    // (its init starts afresh); only a crash, hang or garbage needs a new process.
                    process.continueAfterDivergence(d -> {
                        SessionSource.Generated g = (SessionSource.Generated) d.batch.owner;
                        // a session sent again after a crash shows its divergence again: count it once
                        if (!diverged.get(g.index - from)) {
                            diverged.set(g.index - from);
                            causes.add(Signature.of(d), seen(d, g.index));
                        }
                    });
                }
                int started = next;
                boolean sent = true;
                for (; next < to && sent; next++) {
                    if (stop(next)) {
                        process.kill();
                        return;
                    }
                    if (crashed.get(next - from)) {
                        continue; // a session that crashed, counted already; those before it are sent again
                    }
                    // Sessions resent after a restart are generated again (each depends only on the
                    // seed and its index); the others come from the workers, in order.
                    boolean fresh = next >= taken;
                    SessionSource.Generated g = fresh ? source.take(taken++) : SessionSource.regenerateBytes(cfg, next);
                    if (fresh) {
                        counts.add(g.counts);
                    }
                    for (Batch b : g.batches) {
                        if (!process.send(b)) {
                            sent = false;
                            break;
                        }
                    }
                    requestsSent = counts.requests;
                    if (sent) {
                        sessionsDone = Math.max(sessionsDone, next + 1 - from);
                    }
                }
                Outcome o = process.finish();
                if (o.kind == Outcome.Kind.PASS) {
                    sessionsDone = next - from;
                    continue;
                }
                int at = sessionOf(o, next);
                String signature = Signature.of(o);
                if (signature == null || (o.received == 0 && o.kind == Outcome.Kind.FAILURE && started == from
                        && !ImplProcess.answersAtAll(cfg.command, cfg.timeoutMs))) {
                    // Not a cause: the implementation failed outside any request, or cannot run at all.
                    failure = o;
                    failureSession = at;
                    lowestProblem.accumulateAndGet(at, Math::min);
                    return;
                }
                Causes.Seen seen = seen(o, at);
                int resume = at + 1;
                if ("crash".equals(o.cause)) {
                    // The answers before a crash may be lost in the adapter's buffer: find the
                    // session and request it really died on, replaying each one sent since alone.
                    for (int s = at; s < next; s++) {
                        if (crashed.get(s - from)) {
                            continue;
                        }
                        java.util.List<Request> requests = SessionSource.regenerate(cfg, s).requests;
                        CrashLocator.Located where = CrashLocator.locate(cfg.command, cfg.timeoutMs, cfg.profile,
                                requests, o.cause);
                        if (where != null) {
                            // sessions from the owed one up to this one lost their answers: check them again
                            resume = at;
                            crashed.set(s - from);
                            // a divergence before the crash in that session lost its answer too
                            if (where.divergence() != null && !diverged.get(s - from)) {
                                diverged.set(s - from);
                                causes.add(Signature.of(where.divergence()), seen(where.divergence(), s));
                            }
                            at = s;
                            String line = requests.get(where.index()).toString();
                            signature = "crash " + Signature.kind(line);
                            seen = new Causes.Seen("generated", s, where.index(), "session " + s + " request "
                                    + (where.index() + 1), line, ((Script) where.outcome().batch.owner).expected[where.index()], null,
                                    where.outcome().problem, true);
                            break;
                        }
                    }
                }
                causes.add(signature, seen);
                if (cfg.maxCauses == 1) {
                    problemSession = at;
                    lowestProblem.accumulateAndGet(at, Math::min);
                    return;
                }
                next = resume;
            }
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                process.kill();
            }
            error = e;
            lowestProblem.accumulateAndGet(from, Math::min);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                process.kill();
            }
            error = new IOException("interrupted");
        } finally {
            if (source != null) {
                source.close();
            }
        }
    }

    /** Whether to stop before session {@code s}: enough causes, or (with --max-causes 1) a lower problem. */
    private boolean stop(int s) {
        return cfg.maxCauses == 1 ? s > lowestProblem.get() : causes.distinct() >= cfg.maxCauses;
    }

    /** The occurrence an outcome is, for the causes' record. */
    private Causes.Seen seen(Outcome o, int session) {
        int pos = o.batch.position[o.index];
        return new Causes.Seen("generated", session, pos, "session " + session + " request " + (pos + 1),
                o.request(), o.expected(), o.actual, o.kind == Outcome.Kind.FAILURE ? o.problem : null, true);
    }

    /**
     * The session an outcome is about: the session of the request owed, else (a failure at the end
     * of output, such as a non-zero exit status) the last session sent.
     */
    private int sessionOf(Outcome o, int next) {
        if (o.batch != null && o.batch.owner instanceof SessionSource.Generated g) {
            return g.index;
        }
        return Math.max(from, next - 1);
    }
}
