package fba.check;

import fba.check.drive.CheckConfig;
import fba.check.drive.ImplProcess;
import fba.check.drive.Outcome;
import fba.check.drive.ResponseShape;
import fba.check.drive.SessionSource;
import fba.check.generate.Counts;
import fba.check.generate.Request;
import fba.check.report.Causes;
import fba.check.report.ProfileHint;
import fba.check.report.Signature;
import fba.check.report.Verdict;
import fba.check.vectors.VectorIndex;
import fba.report.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The differential check: vector files first, then seeded generated sessions, each request sent to
 * the implementation and to the in-process reference. Every divergence (and every crash, hang or
 * non-protocol answer while a request was owed) is a cause, named by its {@link Signature}; the
 * check goes on after one, with the next vector file or in a fresh process at the next session,
 * until the sessions are done or {@code --max-causes} distinct causes were seen, and then shrinks
 * the first occurrence of each cause to a 1-minimal trace written out as a vector file.
 *
 * <p>Exit status: 0 no divergence, 1 at least one cause, 2 bad input (a malformed vector file, an
 * unwritable report), 3 the implementation could not be run or failed outside any request.
 */
public final class Checker {

    private static final int BATCH = 512;

    private final CheckConfig cfg;
    private final PrintStream out;
    private final PrintStream err;
    private final Counts counts = new Counts();
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final Map<String, Object> timings = new LinkedHashMap<>();
    private int sessionsDone;
    private final Causes causes = new Causes();
    private final VectorRun vectors;
    /** A failure that ends the check (exit 3), with its process and where it happened. */
    private Outcome failure;
    private ImplProcess failedProcess;
    private String failureContext;
    private int failureSession = -1;
    private String implTag;

    /** The implementation's command could not be started at all (exit 3, not bad input). */
    static final class CannotRun extends IOException {
        private static final long serialVersionUID = 1L;

        CannotRun(String message, IOException cause) {
            super(message, cause);
        }
    }

    public Checker(CheckConfig cfg, PrintStream out, PrintStream err) {
        this.cfg = cfg;
        this.out = out;
        this.err = err;
        this.vectors = new VectorRun(cfg, out, causes, BATCH);
    }

    public int run() {
        long t0 = System.nanoTime();
        report.put("tool", "fba check");
        report.put("report_format", Verdict.REPORT_FORMAT);
        Properties build = VectorIndex.buildProperties();
        report.put("fba_version", build.getProperty("version", "unknown"));
        report.put("fba_commit", build.getProperty("commit", "unknown"));
        report.put("seed", Long.toString(cfg.seed));
        report.put("profile", cfg.profile.wireName());
        report.put("impl", cfg.command);
        report.put("sessions_requested", cfg.sessions);
        report.put("ops_per_session", cfg.ops);
        report.put("timeout_ms", cfg.timeoutMs);
        report.put("jobs", cfg.jobs);
        Map<String, Object> shard = new LinkedHashMap<>();
        shard.put("index", cfg.shardIndex);
        shard.put("count", cfg.shardCount);
        shard.put("first_session", cfg.firstSession());
        shard.put("end_session", cfg.endSession());
        report.put("shard", shard);
        out.println("fba check: seed " + cfg.seed + " (rerun with --seed " + cfg.seed + "), profile "
                + cfg.profile.wireName() + ", implementation: " + cfg.command);
        if (cfg.shardCount > 1) {
            String range = cfg.firstSession() < cfg.endSession()
                    ? "sessions " + cfg.firstSession() + " to " + (cfg.endSession() - 1) : "no sessions";
            out.println("shard " + cfg.shardIndex + " of " + cfg.shardCount + ": " + range
                    + (cfg.runsVectors() ? ", and the vectors" : ""));
        }
        report.put("max_causes", cfg.maxCauses);
        int status;
        try {
            status = vectors.run();
            if (status == Verdict.IMPL_FAILED) {
                failure = vectors.failure;
                failedProcess = vectors.failedProcess;
                failureContext = vectors.failureContext;
            }
            timings.put("vectors_ms", ms(t0));
            if (status == Verdict.PASS && causes.distinct() < cfg.maxCauses) {
                long t1 = System.nanoTime();
                status = runGenerated();
                timings.put("generated_ms", ms(t1));
            }
            status = reportCauses(status);
        } catch (IOException e) {
            err.println("fba check: " + e.getMessage());
            report.put("error", e.getMessage());
            status = e instanceof CannotRun ? Verdict.IMPL_FAILED : Verdict.BAD_INPUT;
        } catch (RuntimeException e) {
            // A defect of the checker itself, not of the implementation: say where, briefly.
            StackTraceElement[] at = e.getStackTrace();
            String where = at.length > 0 ? " at " + at[0] : "";
            err.println("fba check: internal error: " + e + where);
            report.put("error", "internal error: " + e + where);
            status = Verdict.BAD_INPUT;
        }
        timings.put("total_ms", ms(t0));
        report.put("vectors", vectors.summary());
        report.put("requests", counts.requests);
        report.put("sessions", sessionsDone);
        report.put("requests_per_kind", counts.kinds());
        report.put("responses_per_code", counts.codes());
        report.put("timings", timings);
        report.put("result", status == Verdict.PASS ? "pass" : status == Verdict.DIVERGED ? "divergence" : "failure");
        if (!report.containsKey("divergences")) {
            report.put("divergences", List.of());
        }
        report.put("exit_status", status);
        if (cfg.report != null) {
            try {
                Path parent = cfg.report.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(cfg.report, Json.write(report), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("fba check: cannot write report " + cfg.report + ": " + e.getMessage());
                return Verdict.BAD_INPUT;
            }
        }
        return status;
    }

    /** The report as built so far (complete once {@link #run} returns). */
    Map<String, Object> report() {
        return report;
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000L;
    }

    // ---- generated sessions ----

    /**
     * This shard's sessions over {@code cfg.jobs} lanes, each a contiguous range with its own
     * process, counting causes into {@link #causes}; a failure that ends the check is the one at the
     * lowest session index, so it does not depend on the number of jobs.
     */
    private int runGenerated() throws IOException {
        int from = cfg.firstSession();
        int to = cfg.endSession();
        if (from == to) {
            return Verdict.PASS;
        }
        int jobs = Math.min(cfg.jobs, to - from);
        int threads = cfg.threads > 0 ? cfg.threads : defaultThreads();
        AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
        List<Lane> lanes = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            int a = from + (int) ((long) j * (to - from) / jobs);
            int b = from + (int) ((long) (j + 1) * (to - from) / jobs);
            Lane lane = new Lane(cfg, a, b, threads, BATCH, lowest, causes);
            lanes.add(lane);
            Thread t = new Thread(lane, "fba-check-job-" + j);
            t.setDaemon(true);
            running.add(t);
        }
        long start = System.nanoTime();
        for (Thread t : running) {
            t.start();
        }
        try {
            for (Thread t : running) {
                while (t.isAlive()) {
                    t.join(2000);
                    if (!cfg.quiet && t.isAlive()) {
                        progress(lanes, start, to - from);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (Lane lane : lanes) {
                if (lane.process != null) {
                    lane.process.kill();
                }
            }
            throw new IOException("interrupted");
        }
        Lane failed = null;
        for (Lane lane : lanes) {
            counts.add(lane.counts);
            sessionsDone += lane.sessionsDone;
            if (lane.error != null) {
                if (lane.error instanceof IOException io) {
                    throw lane.process == null ? new CannotRun("cannot run the implementation '" + cfg.command
                            + "': " + io.getMessage(), io) : io;
                }
                throw (RuntimeException) lane.error;
            }
            if (lane.failure != null && (failed == null || lane.failureSession < failed.failureSession)) {
                failed = lane;
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        double rate = counts.requests / Math.max(secs, 1e-9);
        timings.put("requests_per_second", Math.round(rate));
        Causes.Cause earliest = Causes.earliest(causes.ranked(Integer.MAX_VALUE));
        boolean causeFirst = earliest != null && (earliest.first.phase.equals("vector")
                || earliest.first.unit < (failed == null ? Integer.MAX_VALUE : failed.failureSession));
        if (failed != null && !(cfg.maxCauses == 1 && causeFirst)) {
            failure = failed.failure;
            failedProcess = failed.process;
            failureSession = failed.failureSession;
            return Verdict.IMPL_FAILED;
        }
        out.printf("generated: %d sessions, %d requests, %s in %.1f s (%,.0f requests/s)%n", sessionsDone,
                counts.requests, causes.distinct() == 0 ? "zero divergences" : causes.distinct() + " causes so far",
                secs, rate);
        return Verdict.PASS;
    }

    private void progress(List<Lane> lanes, long start, int total) {
        long requests = 0;
        int done = 0;
        for (Lane lane : lanes) {
            requests += lane.requestsSent;
            done += lane.sessionsDone;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        err.printf("fba check: %,d requests, %d of %d sessions done, %,.0f requests/s%n", requests, done, total,
                requests / secs);
    }

    static int defaultThreads() {
        return defaultThreads(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Generator threads on a machine of {@code cores}: the cores left after the sender, the reader
     * and the implementation, at most 4 — but at least 2 where there are 2 cores. On the byte path
     * a second generator thread pays on 2 cores: 3M requests against the C adapter on an idle
     * machine, 2 threads against 1 in 7 paired runs, were 12-29 % faster every time (0.78-1.09
     * against 0.63-0.86 M/s); 3 threads were slower than 2 (PERFORMANCE.md, issue 16).
     */
    static int defaultThreads(int cores) {
        return Math.max(Math.min(2, cores), Math.min(4, cores - 2));
    }

    // ---- reporting ----

    /**
     * Shrinks and prints each cause (most frequent first), puts them in the report, then the
     * failure that ended the check, if any; returns the exit status.
     */
    private int reportCauses(int status) throws IOException {
        List<Causes.Cause> ranked = causes.ranked(cfg.maxCauses);
        if (ranked.isEmpty() && failure == null) {
            if (cfg.firstSession() < cfg.endSession()) {
                out.println("PASS"); // after the generated line, as before causes; nothing sent, nothing said
            }
            return Verdict.PASS;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        Causes.Cause earliest = Causes.earliest(ranked);
        long total = 0;
        for (Causes.Cause c : ranked) {
            total += c.count;
        }
        if (!ranked.isEmpty()) {
            out.println(ranked.size() + " distinct cause" + (ranked.size() == 1 ? "" : "s") + " (" + total
                    + " occurrence" + (total == 1 ? "" : "s") + "), most frequent first:");
        }
        long shrinkMs = 0;
        for (int k = 0; k < ranked.size(); k++) {
            Causes.Cause c = ranked.get(k);
            out.println("CAUSE " + (k + 1) + " of " + ranked.size() + ": " + c.signature + ", seen " + c.count
                    + " time" + (c.count == 1 ? "" : "s"));
            Map<String, Object> d = causeReport(c);
            shrinkMs += ((Number) d.getOrDefault("shrink_ms", 0L)).longValue();
            d.remove("shrink_ms");
            list.add(d);
            if (c == earliest) {
                report.put("divergence", d);
            }
        }
        timings.put("shrink_ms", shrinkMs);
        report.put("divergences", list);
        if (failure != null) {
            return failure(failure, failedProcess, failureContext, failureSession);
        }
        out.println("DIVERGED");
        return Verdict.DIVERGED;
    }

    /** Prints one cause, shrinks its first occurrence and writes the trace; its report entry. */
    private Map<String, Object> causeReport(Causes.Cause c) throws IOException {
        Causes.Seen s = c.first;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("signature", c.signature);
        d.put("count", c.count);
        Map<String, Object> first = new LinkedHashMap<>();
        boolean vector = s.phase.equals("vector");
        String heading = s.problem == null ? "DIVERGENCE" : c.signature.substring(0, c.signature.indexOf(' '))
                .toUpperCase(java.util.Locale.ROOT);
        if (vector) {
            first.put("vector_file", s.where.substring(0, s.where.lastIndexOf(':')));
            first.put("line", Integer.parseInt(s.where.substring(s.where.lastIndexOf(':') + 1)));
            first.put("request", s.position + 1);
            out.println(heading + " in vector file " + s.where + ": " + s.request);
        } else {
            first.put("seed", Long.toString(cfg.seed));
            first.put("session", s.unit);
            first.put("request", s.position + 1);
            out.println(heading + " in " + s.where + " (seed " + cfg.seed + "): " + s.request);
        }
        d.put("first_seen", first);
        d.put("phase", s.phase);
        d.put("where", s.where);
        if (!vector) {
            d.put("session", s.unit);
        }
        d.put("request", s.request);
        d.put("expected", s.expected);
        d.put("actual", s.actual);
        out.println("  expected: " + s.expected);
        if (s.problem != null) {
            d.put("problem", s.problem);
            out.println("  actual:   the implementation " + s.problem);
        } else {
            out.println("  actual:   " + ResponseShape.printable(s.actual));
            printHint(s.expected, s.actual);
        }
        if (!s.shrinkable) {
            out.println("  (the reference does not answer that either: the vector file disagrees with the"
                    + " reference, so nothing is shrunk)");
            return d;
        }
        List<Request> trace;
        if (vector) {
            trace = vectors.shrinkPrefix(cfg.vectors, s.unit, s.position);
        } else {
            // Sessions are checked on the byte path, which keeps no symbolic trace: shrinking needs
            // one, so the session is generated once more on the object path.
            trace = SessionSource.regenerate(cfg, s.unit).requests.subList(0, s.position + 1);
        }
        String name = implTag() + (vector ? "-vector-" + cfg.vectors.path(s.unit).getFileName().toString()
                .replace(".vec", "") : "-seed" + cfg.seed + "-session" + s.unit);
        return new ShrunkTrace(cfg, out).shrinkAndReport(trace, c.signature, d, name);
    }

    private String implTag() {
        if (implTag == null) {
            implTag = ShrunkTrace.implTag(cfg.command);
        }
        return implTag;
    }

    /** A profile mismatch named as such (ProfileHint), under the divergence's actual line. */
    private void printHint(String expected, String actual) {
        String hint = ProfileHint.of(cfg.profile, expected, actual);
        if (hint != null) {
            out.println("  " + hint);
        }
    }

    private int failure(Outcome o, ImplProcess p, String context, int session) {
        return ImplFailure.report(o, p, context, session, out, err, report);
    }
}
