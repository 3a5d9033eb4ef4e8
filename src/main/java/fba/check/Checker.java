package fba.check;

import fba.check.drive.Batch;
import fba.check.drive.CheckConfig;
import fba.check.drive.CrashLocator;
import fba.check.drive.ImplProcess;
import fba.check.drive.ImplState;
import fba.check.drive.Outcome;
import fba.check.drive.ResponseShape;
import fba.check.drive.Script;
import fba.check.drive.SessionSource;
import fba.check.generate.Counts;
import fba.check.generate.Request;
import fba.check.report.Causes;
import fba.check.report.ProfileHint;
import fba.check.report.Signature;
import fba.check.report.Verdict;
import fba.check.shrink.Shrinker;
import fba.check.vectors.VectorIndex;
import fba.check.vectors.VectorSet;
import fba.core.Profile;
import fba.protocol.Session;
import fba.protocol.VectorReader;
import fba.protocol.VectorLine;
import fba.report.HeapTimeline;
import fba.report.Json;
import fba.report.TraceExplorer;
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
    private int vectorFilesRun;
    private int vectorFilesSkipped;
    private long vectorRequests;
    private int sessionsDone;
    private final Causes causes = new Causes();
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
    }

    /**
     * The owner of one batch of a vector file's requests: the file, each line's number and the
     * reference's own response (the batch's expectation is the file's where it states one).
     */
    private static final class VectorChunk {
        final Path path;
        final int[] lineNumbers;
        final String[] reference;

        VectorChunk(Path path, int capacity) {
            this.path = path;
            this.lineNumbers = new int[capacity];
            this.reference = new String[capacity];
        }
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
            status = runVectors();
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
        report.put("vectors", vectorSummary());
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

    private Map<String, Object> vectorSummary() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("set", cfg.vectors == null ? null : cfg.vectors.label());
        v.put("hash", cfg.vectors == null ? null : cfg.vectors.hash());
        v.put("directory", cfg.vectors == null || cfg.vectors.isBundled() ? null : cfg.vectors.label());
        v.put("ran", cfg.runsVectors());
        v.put("files_run", vectorFilesRun);
        v.put("files_skipped", vectorFilesSkipped);
        v.put("requests", vectorRequests);
        return v;
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000L;
    }

    // ---- vectors ----

    /**
     * Runs each vector file that holds in the profile through a fresh process. A file is read
     * twice, never held: once up front (all files, before anything runs) to check it and find
     * its pragma, then streamed in batches of {@link #BATCH} requests, each run through the
     * reference as it is sent, so memory stays bounded by the batches in flight however long the
     * file is.
     */
    private int runVectors() throws IOException {
        if (!cfg.runsVectors()) {
            return Verdict.PASS;
        }
        VectorSet set = cfg.vectors;
        out.println("vector set: " + set.label() + ", " + set.size() + " files, " + set.hash());
        VectorReader.Summary[] summaries = new VectorReader.Summary[set.size()];
        for (int i = 0; i < set.size(); i++) {
            summaries[i] = VectorReader.scan(set.path(i), set.open(i));
        }
        int diverged = 0;
        for (int i = 0; i < set.size() && causes.distinct() < cfg.maxCauses; i++) {
            Profile pinned = summaries[i].profile();
            if (pinned != null ? pinned != cfg.profile : cfg.profile == Profile.PROPOSAL) {
                vectorFilesSkipped++;
                continue;
            }
            int status = runVectorFile(set, i);
            vectorFilesRun++;
            vectorRequests += summaries[i].requests();
            if (status == Verdict.IMPL_FAILED) {
                return status;
            }
            if (status == Verdict.DIVERGED) {
                diverged++;
            }
        }
        if (!cfg.quiet || vectorFilesRun > 0) {
            out.println("vectors: " + (vectorFilesRun - diverged) + " files passed, " + diverged + " diverged ("
                    + vectorRequests + " requests), " + vectorFilesSkipped + " skipped for another profile");
        }
        return Verdict.PASS;
    }

    private int runVectorFile(VectorSet set, int file) throws IOException {
        Path f = set.path(file);
        ImplProcess p = start();
        Session reference = new Session(cfg.profile);
        StringBuilder sb = new StringBuilder(64);
        int index = 0;
        try (VectorReader reader = new VectorReader(f, set.open(file))) {
            VectorChunk chunk = new VectorChunk(f, BATCH);
            Batch b = new Batch(chunk, BATCH);
            VectorLine line;
            while ((line = reader.next()) != null) {
                if (line.request() == null) {
                    continue;
                }
                String text = Request.parse(index, line.request()).render(NO_RESULTS);
                sb.setLength(0);
                String ref = reference.execute(text, sb) ? sb.toString() : null;
                String fe = line.expected();
                chunk.lineNumbers[b.size] = line.number();
                chunk.reference[b.size] = ref;
                b.add(text, fe != null && ref != null ? fe : ref, index);
                index++;
                if (b.isFull()) {
                    b.seal();
                    if (!p.send(b)) {
                        break;
                    }
                    chunk = new VectorChunk(f, BATCH);
                    b = new Batch(chunk, BATCH);
                }
            }
            if (b.size > 0) {
                p.send(b);
            }
        } catch (IOException | RuntimeException e) {
            p.kill();
            throw e;
        }
        Outcome o = p.finish();
        if (o.kind == Outcome.Kind.PASS) {
            return Verdict.PASS;
        }
        String signature = Signature.of(o);
        if (signature == null || (o.received == 0 && o.kind == Outcome.Kind.FAILURE
                && !ImplProcess.answersAtAll(cfg.command, cfg.timeoutMs))) {
            failure = o;
            failedProcess = p;
            failureContext = "vector file " + f;
            return Verdict.IMPL_FAILED;
        }
        VectorChunk c = (VectorChunk) o.batch.owner;
        if ("crash".equals(o.cause) && index <= SHRINK_PREFIX_LIMIT) {
            // The answers before a crash may be lost in the adapter's buffer: find the request it died on.
            List<Request> requests = shrinkPrefix(set, file, index - 1);
            CrashLocator.Located at = CrashLocator.locate(cfg.command, cfg.timeoutMs, cfg.profile, requests, o.cause);
            if (at != null) {
                String line = requests.get(at.index()).toString();
                causes.add("crash " + Signature.kind(line), new Causes.Seen("vector", file, at.index(),
                        f + ":" + lineOf(set, file, at.index()), line,
                        ((Script) at.outcome().batch.owner).expected[at.index()], null,
                        at.outcome().problem, true));
                return Verdict.DIVERGED;
            }
        }
        String ref = c.reference[o.index];
        // A file whose expectation the reference does not give either cannot be shrunk against it.
        boolean agrees = o.kind == Outcome.Kind.FAILURE || (ref != null && VectorLine.matches(o.expected(), ref));
        causes.add(signature, new Causes.Seen("vector", file, o.batch.position[o.index], f + ":" + c.lineNumbers[o.index],
                o.request(), o.expected(), o.actual, o.kind == Outcome.Kind.FAILURE ? o.problem : null, agrees));
        return Verdict.DIVERGED;
    }

    /** The line number of request {@code index} (0-based, counting request lines only) of a vector file. */
    private static int lineOf(VectorSet set, int file, int index) throws IOException {
        try (VectorReader reader = new VectorReader(set.path(file), set.open(file))) {
            int i = 0;
            VectorLine line;
            while ((line = reader.next()) != null) {
                if (line.request() != null && i++ == index) {
                    return line.number();
                }
            }
        }
        return -1;
    }

    private ImplProcess start() throws IOException {
        try {
            return ImplProcess.start(cfg.command, cfg.timeoutMs);
        } catch (IOException e) {
            throw new CannotRun("cannot run the implementation '" + cfg.command + "': " + e.getMessage(), e);
        }
    }

    /**
     * Most requests of a vector file handed to the shrinker: a divergence further in is shrunk
     * from the start of its session (its last {@code init}), read from the file again.
     */
    static final int SHRINK_PREFIX_LIMIT = 100_000;

    /**
     * The requests of vector file {@code file} up to and including request {@code last} (0-based,
     * counting request lines only), re-read from the file. When that is more than
     * {@link #SHRINK_PREFIX_LIMIT} requests, it starts at the last {@code init} at or before
     * {@code last} instead, so shrinking a divergence deep in a huge file stays bounded too.
     */
    private List<Request> shrinkPrefix(VectorSet set, int file, int last) throws IOException {
        int from = 0;
        if (last + 1 > SHRINK_PREFIX_LIMIT) {
            try (VectorReader reader = new VectorReader(set.path(file), set.open(file))) {
                int index = 0;
                VectorLine line;
                while (index <= last && (line = reader.next()) != null) {
                    if (line.request() != null) {
                        if (line.request().startsWith("init ")) {
                            from = index;
                        }
                        index++;
                    }
                }
            }
            out.println("(the divergence is request " + (last + 1) + " of " + set.path(file)
                    + "; shrinking starts at its session's init, request " + (from + 1) + ")");
        }
        List<Request> prefix = new ArrayList<>(Math.min(last + 1 - from, SHRINK_PREFIX_LIMIT));
        try (VectorReader reader = new VectorReader(set.path(file), set.open(file))) {
            int index = 0;
            VectorLine line;
            while (index <= last && (line = reader.next()) != null) {
                if (line.request() != null) {
                    if (index >= from) {
                        prefix.add(Request.parse(index - from, line.request()));
                    }
                    index++;
                }
            }
        }
        return prefix;
    }

    private static final long[] NO_RESULTS = new long[0];

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
            trace = shrinkPrefix(cfg.vectors, s.unit, s.position);
        } else {
            // Sessions are checked on the byte path, which keeps no symbolic trace: shrinking needs
            // one, so the session is generated once more on the object path.
            trace = SessionSource.regenerate(cfg, s.unit).requests.subList(0, s.position + 1);
        }
        String name = implTag() + (vector ? "-vector-" + cfg.vectors.path(s.unit).getFileName().toString()
                .replace(".vec", "") : "-seed" + cfg.seed + "-session" + s.unit);
        return shrinkAndReport(trace, c.signature, d, name);
    }

    /**
     * A short name for the implementation in file names: its program's name and 8 hex digits of
     * the command's SHA-256, so checks of different implementations into one --out never share a
     * file name.
     */
    private String implTag() {
        if (implTag == null) {
            String first = cfg.command.trim().split("\\s+")[0];
            String base = first.substring(first.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
            if (base.length() > 40) {
                base = base.substring(0, 40);
            }
            try {
                byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(cfg.command.getBytes(StandardCharsets.UTF_8));
                implTag = base + "-" + java.util.HexFormat.of().formatHex(h, 0, 4);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return implTag;
    }

    private Map<String, Object> shrinkAndReport(List<Request> trace, String signature, Map<String, Object> d,
            String name) throws IOException {
        out.println("shrinking " + trace.size() + " requests (the implementation restarts for every attempt;"
                + " budget " + cfg.shrinkMs / 1000 + " s) ...");
        out.flush();
        Shrinker shrinker = new Shrinker(cfg.command, cfg.timeoutMs, cfg.profile, cfg.shrinkMs, cfg.shrinkAttempts);
        Shrinker.Result r = shrinker.shrink(trace, signature);
        d.put("shrink_ms", r.millis);
        d.put("shrink_attempts", r.attempts);
        d.put("reproduced_alone", r.reproduced);
        Files.createDirectories(cfg.outDir);
        Path file = cfg.outDir.resolve("divergence-" + name + ".vec");
        StringBuilder text = new StringBuilder();
        text.append("# fba check: ").append(r.reproduced ? "shrunk divergence" : "divergence (did not reproduce alone)")
                .append(" [").append(signature).append("], seed ").append(cfg.seed).append(", ")
                .append(d.get("where")).append('\n');
        text.append("# implementation: ").append(cfg.command.replace('\n', ' ')).append('\n');
        text.append("# expectations are the reference's; the implementation's answer follows the divergent line\n");
        if (cfg.profile != Profile.SUBSTRATE) {
            // unpinned files hold in substrate and strict; a strict or proposal trace must say so
            text.append("#! profile ").append(cfg.profile.wireName()).append('\n');
        }
        List<Map<String, Object>> shrunk = new ArrayList<>();
        if (r.reproduced) {
            out.println("shrunk to " + r.script.size() + " requests in " + r.attempts + " attempts ("
                    + r.millis + " ms" + (r.budgetExhausted ? ", budget exhausted: may not be minimal" : "") + "): "
                    + file);
        } else {
            out.println("the cause did not show in a fresh process replaying this trace alone"
                    + " (it may depend on earlier sessions); writing the unshrunk trace: " + file);
        }
        int n = r.script.size();
        String failed = (String) d.get("problem");
        if (!r.reproduced) {
            // The trace ends at the request that diverged in the full run: show that run's answer.
            r.index = n - 1;
            r.actual = (String) d.get("actual");
        }
        for (int i = 0; i < n; i++) {
            if (n > 40 && i == 5) {
                out.println("  ... (" + (n - 25) + " lines not shown; the file has them all)");
            }
            boolean shown = n <= 40 || i < 5 || i >= n - 20;
            String line = r.script.lines[i];
            String exp = codeOnly(r.script.expected[i]);
            String text1 = exp == null ? line : line + " => " + exp;
            text.append(text1).append('\n');
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("request", line);
            entry.put("expected", exp);
            if (i == r.index) {
                String answer = r.actual != null ? ResponseShape.printable(r.actual)
                        : "(none: " + (failed != null ? failed : "it failed") + ")";
                entry.put("actual", r.actual);
                text.append("#   implementation answered: ").append(answer).append('\n');
                out.println("  " + text1 + "    <-- implementation: " + answer);
            } else if (shown) {
                out.println("  " + text1);
            }
            shrunk.add(entry);
        }
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        Path page = cfg.outDir.resolve("divergence-" + name + ".html");
        List<HeapTimeline.Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String answer = i != r.index ? null : r.actual != null ? ResponseShape.printable(r.actual) : "(no answer)";
            steps.add(new HeapTimeline.Step(r.script.lines[i], answer));
        }
        Files.writeString(page, TraceExplorer.page(file.getFileName().toString(), cfg.profile, steps, origin(file, r)),
                StandardCharsets.UTF_8);
        // the page opens at the divergent request by itself; the fragment says which it is
        out.println("explorer (both answers, the heap at every step): " + page + "#step=" + (r.index + 1));
        d.put("shrunk_file", file.toString());
        d.put("shrunk_requests", n);
        d.put("shrunk_length", n);
        d.put("shrunk_trace", shrunk);
        d.put("explorer", page.toString());
        return d;
    }

    /** A profile mismatch named as such (ProfileHint), under the divergence's actual line. */
    private void printHint(String expected, String actual) {
        String hint = ProfileHint.of(cfg.profile, expected, actual);
        if (hint != null) {
            out.println("  " + hint);
        }
    }

    /**
     * What the explorer page names: the implementation, the seed, the commands that reproduce the
     * divergence (the shrunk trace alone, and the run that found it), and the implementation's own
     * state after the divergent request (ImplState).
     */
    private TraceExplorer.Origin origin(Path file, Shrinker.Result r) {
        String impl = "fba check --impl '" + cfg.command.replace('\n', ' ') + "'"
                + (cfg.profile == Profile.SUBSTRATE ? "" : " --profile " + cfg.profile.wireName());
        Map<String, String> reproduce = new LinkedHashMap<>();
        reproduce.put("check the implementation on this trace", impl + " --vectors " + file + " --sessions 0");
        reproduce.put("the run that found it", impl + " --seed " + cfg.seed + " --sessions " + cfg.sessions
                + " --ops " + cfg.ops);
        return new TraceExplorer.Origin(cfg.command, String.valueOf(cfg.seed), reproduce,
                ImplState.probe(cfg.command, cfg.timeoutMs, cfg.profile, r.script.lines, r.index));
    }

    /** An error response reduced to {@code err <code>}: vector files compare codes only. */
    private static String codeOnly(String response) {
        return response != null && response.startsWith("err ") ? "err " + VectorLine.errorCode(response) : response;
    }

    private int failure(Outcome o, ImplProcess p, String context, int session) {
        String owed = o.request();
        String where = null;
        if (o.batch != null && o.index >= 0) {
            Object owner = o.batch.owner;
            int pos = o.batch.position[o.index];
            if (owner instanceof SessionSource.Generated) {
                where = "session " + ((SessionSource.Generated) owner).index + " request " + (pos + 1);
            } else if (owner instanceof VectorChunk c) {
                where = c.path + ":" + c.lineNumbers[o.index];
            }
        }
        out.println("FAILURE: the implementation " + o.problem + (context == null ? "" : " (" + context + ")"));
        err.println("fba check: the implementation " + o.problem + " (exit 3; details on stdout)");
        if (owed != null) {
            out.println("  owing a response to: " + owed + (where == null ? "" : " (" + where + ")"));
            if (o.received == 0 && o.cause != null) {
                out.println("  (it failed before answering anything, and fails a lone 'pages' too: it cannot be run)");
            }
        }
        if (o.actual != null) {
            out.println("  it printed: " + ResponseShape.printable(o.actual));
        }
        out.println("  last request sent: " + (p == null || p.lastSent() == null ? "(none)" : p.lastSent()));
        out.println("  responses received: " + o.received);
        String tail = p == null ? "" : p.stderrTail();
        if (!tail.isBlank()) {
            out.println("  its stderr ended with:");
            String[] lines = tail.split("\n");
            for (int i = Math.max(0, lines.length - 10); i < lines.length; i++) {
                out.println("    " + lines[i]);
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("problem", o.problem);
        if (session >= 0) {
            f.put("session", session);
        }
        f.put("owed_request", owed);
        f.put("where", where);
        f.put("printed", o.actual);
        f.put("last_request_sent", p == null ? null : p.lastSent());
        f.put("responses_received", o.received);
        f.put("stderr_tail", tail);
        report.put("failure", f);
        out.println("FAILED");
        return Verdict.IMPL_FAILED;
    }
}
