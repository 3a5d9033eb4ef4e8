package fba.check.shrink;

import fba.check.drive.Batch;
import fba.check.drive.CrashLocator;
import fba.check.drive.ImplProcess;
import fba.check.drive.Outcome;
import fba.check.drive.Script;
import fba.check.generate.Request;
import fba.check.report.Signature;
import fba.core.Profile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Shrinks a trace that shows one cause (a {@link Signature}) to a 1-minimal trace showing the same
 * cause: first delta debugging over chunks of requests, then all malloc sizes at 8 or at their
 * block size, then, until nothing changes, every single request deleted and every literal number
 * lowered to each of {@link #smaller} (and an off-chain context made on-chain) one at a time. A
 * change is kept only when the implementation still shows the same signature, so the result never
 * drifts to another cause; a crash, hang or non-protocol answer is a cause like any other. Every
 * attempt runs in a freshly started implementation against a fresh reference, so the result
 * replays on its own. Shrinking stops at a time and attempt budget and then returns the smallest
 * trace found so far (and says the budget ran out: it may then not be 1-minimal).
 */
public final class Shrinker {

    /** The smallest trace showing the cause, with the reference's answers and the implementation's. */
    public static final class Result {
        public List<Request> requests;
        public Script script;
        /** Index of the divergent line in {@link #script}. */
        public int index;
        /** The implementation's answer there (null for a crash or hang). */
        public String actual;
        public int attempts;
        public long millis;
        /** False when the trace did not show the cause when replayed alone (nothing was shrunk). */
        public boolean reproduced;
        public boolean budgetExhausted;
    }

    private final String command;
    private final long timeoutMs;
    private final Profile profile;
    private final long budgetMs;
    private final int maxAttempts;
    private long deadline;
    private int attempts;
    private String signature;

    public Shrinker(String command, long timeoutMs, Profile profile, long budgetMs, int maxAttempts) {
        this.command = command;
        this.timeoutMs = timeoutMs;
        this.profile = profile;
        this.budgetMs = budgetMs;
        this.maxAttempts = maxAttempts;
    }

    /** What one attempt saw: the index and answer where the cause showed. */
    private record Hit(Script script, int index, String actual) {
    }

    /** Shrinks {@code trace}, whose replay shows {@code signature}, keeping that signature. */
    public Result shrink(List<Request> trace, String signature) throws IOException {
        this.signature = signature;
        long start = System.nanoTime();
        deadline = start + budgetMs * 1_000_000L;
        Result r = new Result();
        List<Request> cur = new ArrayList<>(trace);
        Hit best = attempt(cur);
        if (best == null) {
            r.requests = cur;
            r.script = Script.of(cur, profile);
            r.index = -1;
            r.attempts = attempts;
            r.millis = (System.nanoTime() - start) / 1_000_000L;
            return r;
        }
        r.reproduced = true;
        cur = cut(cur, best.index);

        // Delta debugging over chunks of requests: fast on long traces.
        int n = 2;
        while (cur.size() >= 2 && budgetLeft()) {
            int chunk = (cur.size() + n - 1) / n;
            boolean reduced = false;
            for (int from = 0; from < cur.size() && budgetLeft(); from += chunk) {
                List<Request> cand = new ArrayList<>(cur.subList(0, from));
                cand.addAll(cur.subList(Math.min(cur.size(), from + chunk), cur.size()));
                Hit h = attempt(cand);
                if (h != null) {
                    cur = cut(cand, h.index);
                    best = h;
                    n = Math.max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (n >= cur.size()) {
                    break;
                }
                n = Math.min(n * 2, cur.size());
            }
        }

        // Sizes that only matter through their order: all 8 at once, else each its block size.
        for (int pass = 0; pass < 2 && budgetLeft(); pass++) {
            List<Request> cand = new ArrayList<>(cur);
            boolean differs = false;
            for (int i = 0; i < cand.size(); i++) {
                Request req = cand.get(i);
                if ("malloc".equals(req.verb) && req.arity() == 1 && req.isSimplifiable(0)) {
                    long v = req.value(0);
                    long size = pass == 0 ? 8 : v <= 8 ? 8 : Long.highestOneBit(v - 1) << 1;
                    if (size != v && size <= Request.U32) {
                        cand.set(i, req.withValue(0, size));
                        differs = true;
                    }
                }
            }
            if (differs) {
                Hit h = attempt(cand);
                if (h != null) {
                    cur = cut(cand, h.index);
                    best = h;
                    break;
                }
            }
        }

        // 1-minimality: repeat single steps until none of them keeps the cause.
        boolean changed = true;
        while (changed && budgetLeft()) {
            changed = false;
            for (List<Request> cand : neighbours(cur)) {
                if (!budgetLeft()) {
                    break;
                }
                Hit h = attempt(cand);
                if (h != null) {
                    cur = cut(cand, h.index);
                    best = h;
                    changed = true;
                    break;
                }
            }
        }
        r.requests = cur;
        r.script = best.script.size() == cur.size() ? best.script : Script.of(cur, profile);
        r.index = best.index;
        r.actual = best.actual;
        r.attempts = attempts;
        r.budgetExhausted = !budgetLeft() && changed;
        r.millis = (System.nanoTime() - start) / 1_000_000L;
        return r;
    }

    /**
     * Every trace one step simpler than {@code trace}: each single request deleted (from the
     * front, where set-up is), then each literal number replaced by each of {@link #smaller}, and
     * each {@code offchain} by {@code onchain}. A trace none of whose neighbours shows its cause is
     * 1-minimal.
     */
    public static List<List<Request>> neighbours(List<Request> trace) {
        List<List<Request>> out = new ArrayList<>();
        for (int i = 0; i < trace.size(); i++) {
            List<Request> cand = new ArrayList<>(trace);
            cand.remove(i);
            out.add(cand);
        }
        for (int i = 0; i < trace.size(); i++) {
            Request req = trace.get(i);
            for (int arg = 0; arg < req.arity(); arg++) {
                if ("offchain".equals(req.word(arg))) {
                    List<Request> cand = new ArrayList<>(trace);
                    cand.set(i, req.withWord(arg, "onchain"));
                    out.add(cand);
                } else if (req.isSimplifiable(arg)) {
                    for (long v : smaller(req.value(arg))) {
                        List<Request> cand = new ArrayList<>(trace);
                        cand.set(i, req.withValue(arg, v));
                        out.add(cand);
                    }
                }
            }
        }
        return out;
    }

    private boolean budgetLeft() {
        return attempts < maxAttempts && System.nanoTime() < deadline;
    }

    /** The 64 KiB page. */
    private static final long PAGE = 65536;

    /**
     * Simpler values to try instead of {@code v}, smallest first, all below it (unsigned): 0, 1, 8,
     * the largest power of two not above it and the one below that, its half, and it rounded down
     * to a page boundary.
     */
    public static long[] smaller(long v) {
        long top = Long.highestOneBit(v);
        long[] cands = {0, 1, 8, top, top >>> 1, v >>> 1, v & -PAGE};
        TreeSet<Long> set = new TreeSet<>(Long::compareUnsigned);
        for (long c : cands) {
            if (Long.compareUnsigned(c, v) < 0) {
                set.add(c);
            }
        }
        long[] out = new long[set.size()];
        int i = 0;
        for (long c : set) {
            out[i++] = c;
        }
        return out;
    }

    private static List<Request> cut(List<Request> trace, int index) {
        return new ArrayList<>(trace.subList(0, Math.min(trace.size(), index + 1)));
    }

    /** Replays {@code cand} in a fresh process: a hit when it shows the signature being shrunk. */
    private Hit attempt(List<Request> cand) throws IOException {
        attempts++;
        Outcome o = replay(cand);
        if ("crash".equals(o.cause)) {
            // The first unanswered request need not be the one it died on (answers lost in its buffer).
            CrashLocator.Located at = CrashLocator.locate(command, timeoutMs, profile, cand, o.cause);
            if (at == null || !signature.equals("crash " + Signature.kind(cand.get(at.index()).toString()))) {
                return null;
            }
            Script s = (Script) at.outcome().batch.owner;
            return new Hit(s, at.index(), null);
        }
        if (!signature.equals(Signature.of(o))) {
            return null;
        }
        Script s = (Script) o.batch.owner;
        return new Hit(s, o.batch.position[o.index], o.actual);
    }

    /** How the implementation, started afresh, fares on {@code requests} (the batch is owned by its script). */
    public Outcome replay(List<Request> requests) throws IOException {
        Script s = Script.of(requests, profile);
        ImplProcess p = ImplProcess.start(command, timeoutMs);
        if (signature != null && isFailure(signature)) {
            // shrinking a crash, hang or garbage: a divergence on the way must not hide it
            p.continueAfterDivergence(d -> { });
        }
        p.send(Batch.of(s, s));
        return p.finish();
    }

    private static boolean isFailure(String signature) {
        return signature.startsWith("crash ") || signature.startsWith("hang ") || signature.startsWith("garbage ");
    }

    /** Whether {@code requests}, replayed afresh, show {@code signature} (for tests of 1-minimality). */
    public boolean shows(List<Request> requests, String signature) throws IOException {
        this.signature = signature;
        return attempt(requests) != null;
    }
}
