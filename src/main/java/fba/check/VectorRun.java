package fba.check;

import fba.check.drive.Batch;
import fba.check.drive.CheckConfig;
import fba.check.drive.CrashLocator;
import fba.check.drive.ImplProcess;
import fba.check.drive.Outcome;
import fba.check.drive.Script;
import fba.check.generate.Request;
import fba.check.report.Causes;
import fba.check.report.Signature;
import fba.check.report.Verdict;
import fba.check.vectors.VectorSet;
import fba.core.Profile;
import fba.protocol.Session;
import fba.protocol.VectorLine;
import fba.protocol.VectorReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vector files of a check: each one that holds in the profile run through a fresh process, its
 * divergences counted into the check's causes, and the prefix of a file that shrinking starts from.
 */
final class VectorRun {

    private final CheckConfig cfg;
    private final PrintStream out;
    private final Causes causes;
    private final int batch;
    private int filesRun;
    private int filesSkipped;
    private long requests;
    /** The failure that ended the check (exit 3), with its process and file; null while none. */
    Outcome failure;
    ImplProcess failedProcess;
    String failureContext;

    VectorRun(CheckConfig cfg, PrintStream out, Causes causes, int batch) {
        this.cfg = cfg;
        this.out = out;
        this.causes = causes;
        this.batch = batch;
    }

    /**
     * The owner of one batch of a vector file's requests: the file, each line's number and the
     * reference's own response (the batch's expectation is the file's where it states one).
     */
    static final class VectorChunk {
        final Path path;
        final int[] lineNumbers;
        final String[] reference;

        VectorChunk(Path path, int capacity) {
            this.path = path;
            this.lineNumbers = new int[capacity];
            this.reference = new String[capacity];
        }
    }

    /** The report's {@code vectors} entry. */
    Map<String, Object> summary() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("set", cfg.vectors == null ? null : cfg.vectors.label());
        v.put("hash", cfg.vectors == null ? null : cfg.vectors.hash());
        v.put("directory", cfg.vectors == null || cfg.vectors.isBundled() ? null : cfg.vectors.label());
        v.put("ran", cfg.runsVectors());
        v.put("files_run", filesRun);
        v.put("files_skipped", filesSkipped);
        v.put("requests", requests);
        return v;
    }

    /**
     * Runs each vector file that holds in the profile through a fresh process. A file is read
     * twice, never held: once up front (all files, before anything runs) to check it and find
     * its pragma, then streamed in batches of the check's batch size, each run through the
     * reference as it is sent, so memory stays bounded by the batches in flight however long the
     * file is.
     */
    int run() throws IOException {
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
                filesSkipped++;
                continue;
            }
            int status = runVectorFile(set, i);
            filesRun++;
            requests += summaries[i].requests();
            if (status == Verdict.IMPL_FAILED) {
                return status;
            }
            if (status == Verdict.DIVERGED) {
                diverged++;
            }
        }
        if (!cfg.quiet || filesRun > 0) {
            out.println("vectors: " + (filesRun - diverged) + " files passed, " + diverged + " diverged ("
                    + requests + " requests), " + filesSkipped + " skipped for another profile");
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
            VectorChunk chunk = new VectorChunk(f, batch);
            Batch b = new Batch(chunk, batch);
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
                    chunk = new VectorChunk(f, batch);
                    b = new Batch(chunk, batch);
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
            throw new Checker.CannotRun("cannot run the implementation '" + cfg.command + "': " + e.getMessage(), e);
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
    List<Request> shrinkPrefix(VectorSet set, int file, int last) throws IOException {
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
}
