package fba.check;

import fba.core.Profile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a diverging trace: deletes chunks of requests (delta debugging down to single requests),
 * then tries all malloc sizes at 8 or at their block size, then lowers the remaining literal
 * numbers one at a time (and prefers the on-chain context), keeping each change only if the
 * implementation still diverges from the reference. Every attempt runs in a freshly started implementation against a
 * fresh reference, so the result replays on its own. Shrinking stops at a time and attempt budget
 * and then returns the smallest diverging trace found so far.
 */
final class Shrinker {

    /** The smallest diverging trace found, with the reference's answers and the implementation's. */
    static final class Result {
        List<Request> requests;
        Script script;
        /** Index of the divergent line in {@link #script}. */
        int index;
        String actual;
        int attempts;
        long millis;
        /** False when the trace did not diverge when replayed alone (nothing was shrunk). */
        boolean reproduced;
        boolean budgetExhausted;
    }

    private final String command;
    private final long timeoutMs;
    private final Profile profile;
    private final long budgetMs;
    private final int maxAttempts;
    private long deadline;
    private int attempts;

    Shrinker(String command, long timeoutMs, Profile profile, long budgetMs, int maxAttempts) {
        this.command = command;
        this.timeoutMs = timeoutMs;
        this.profile = profile;
        this.budgetMs = budgetMs;
        this.maxAttempts = maxAttempts;
    }

    /** What one attempt saw: the divergent index and answer, or null when it did not diverge. */
    private static final class Hit {
        final Script script;
        final int index;
        final String actual;

        Hit(Script script, int index, String actual) {
            this.script = script;
            this.index = index;
            this.actual = actual;
        }
    }

    Result shrink(List<Request> trace) throws IOException {
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

        // Delta debugging over the requests.
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

        // Lower the literal numbers that are left.
        boolean changed = true;
        while (changed && budgetLeft()) {
            changed = false;
            for (int i = 0; i < cur.size() && budgetLeft(); i++) {
                Request req = cur.get(i);
                for (int arg = 0; arg < req.arity() && budgetLeft(); arg++) {
                    if ("offchain".equals(req.word(arg))) {
                        // The on-chain context is the common one: prefer it when it shows the same.
                        List<Request> cand = new ArrayList<>(cur);
                        cand.set(i, req.withWord(arg, "onchain"));
                        Hit h = attempt(cand);
                        if (h != null) {
                            cur = cut(cand, h.index);
                            best = h;
                            changed = true;
                            if (i >= cur.size()) {
                                break;
                            }
                            req = cur.get(i);
                        }
                        continue;
                    }
                    if (!req.isSimplifiable(arg)) {
                        continue;
                    }
                    for (long v : smaller(req.value(arg))) {
                        List<Request> cand = new ArrayList<>(cur);
                        cand.set(i, req.withValue(arg, v));
                        Hit h = attempt(cand);
                        if (h != null) {
                            cur = cut(cand, h.index);
                            best = h;
                            changed = true;
                            break;
                        }
                    }
                    if (i >= cur.size()) {
                        break;
                    }
                    req = cur.get(i);
                }
            }
        }
        r.requests = cur;
        r.script = best.script.size() == cur.size() ? best.script : Script.of(cur, profile);
        r.index = best.index;
        r.actual = best.actual;
        r.attempts = attempts;
        r.budgetExhausted = !budgetLeft();
        r.millis = (System.nanoTime() - start) / 1_000_000L;
        return r;
    }

    private boolean budgetLeft() {
        return attempts < maxAttempts && System.nanoTime() < deadline;
    }

    /** Simpler values to try instead of {@code v}, smallest first, all below it (unsigned). */
    static long[] smaller(long v) {
        long[] cands = {0, 1, 8, Long.highestOneBit(v), v >>> 1};
        java.util.TreeSet<Long> set = new java.util.TreeSet<>(Long::compareUnsigned);
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

    private Hit attempt(List<Request> cand) throws IOException {
        attempts++;
        Script s = Script.of(cand, profile);
        ImplProcess p = ImplProcess.start(command, timeoutMs);
        p.send(Batch.of(s, s));
        Outcome o = p.finish();
        if (o.kind != Outcome.Kind.DIVERGENCE) {
            return null;
        }
        return new Hit(s, o.batch.position[o.index], o.actual);
    }
}
