package fba.check.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct causes a check has met, by {@link Signature}, each with how often it was seen and
 * where first: the occurrence that comes first in the run's own order (vector files in order,
 * then sessions by index), so the same check finds the same first occurrence whatever
 * {@code --jobs} is. Shared by the lanes of a run, hence synchronized.
 */
public final class Causes {

    /** One time a cause was seen: where, what was sent and answered, and how to rebuild its trace. */
    public static final class Seen {
        /** {@code vector} or {@code generated}. */
        public final String phase;
        /** Vector file index in the set, or the session index. */
        public final int unit;
        /** The 0-based request in that file or session. */
        public final int position;
        /** In words: {@code FILE:LINE} or {@code session K request R}. */
        public final String where;
        public final String request;
        public final String expected;
        public final String actual;
        /** For a crash, hang or garbage: what happened, in words; else null. */
        public final String problem;
        /** False when the trace cannot be replayed to shrink it (a vector file that disagrees with the reference). */
        public final boolean shrinkable;

        public Seen(String phase, int unit, int position, String where, String request, String expected, String actual,
                String problem, boolean shrinkable) {
            this.phase = phase;
            this.unit = unit;
            this.position = position;
            this.where = where;
            this.request = request;
            this.expected = expected;
            this.actual = actual;
            this.problem = problem;
            this.shrinkable = shrinkable;
        }

        /** Whether this occurrence comes before {@code o} in the run's order. */
        public boolean before(Seen o) {
            int p = Boolean.compare(!phase.equals("vector"), !o.phase.equals("vector"));
            if (p != 0) {
                return p < 0;
            }
            return unit != o.unit ? unit < o.unit : position < o.position;
        }
    }

    /** A cause: its signature, how many times it was seen, and its first occurrence. */
    public static final class Cause {
        public final String signature;
        public long count;
        public Seen first;

        public Cause(String signature, Seen first) {
            this.signature = signature;
            this.first = first;
        }
    }

    private final Map<String, Cause> bySignature = new LinkedHashMap<>();

    /** Counts one occurrence of {@code signature}; returns the number of distinct causes now. */
    public synchronized int add(String signature, Seen seen) {
        Cause c = bySignature.computeIfAbsent(signature, s -> new Cause(s, seen));
        c.count++;
        if (seen.before(c.first)) {
            c.first = seen;
        }
        return bySignature.size();
    }

    public synchronized int distinct() {
        return bySignature.size();
    }

    /**
     * At most {@code max} causes, the earliest first seen kept when more were met (lanes running
     * side by side can overshoot the limit), most frequent first, ties in the run's order.
     */
    public synchronized List<Cause> ranked(int max) {
        List<Cause> all = new ArrayList<>(bySignature.values());
        all.sort((a, b) -> a.first.before(b.first) ? -1 : b.first.before(a.first) ? 1 : 0);
        List<Cause> kept = new ArrayList<>(all.subList(0, Math.min(max, all.size())));
        kept.sort(Comparator.comparingLong((Cause c) -> -c.count));
        return kept;
    }

    /** The cause first seen earliest among {@code causes}. */
    public static Cause earliest(List<Cause> causes) {
        Cause e = null;
        for (Cause c : causes) {
            if (e == null || c.first.before(e.first)) {
                e = c;
            }
        }
        return e;
    }
}
