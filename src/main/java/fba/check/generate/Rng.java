package fba.check.generate;

/**
 * SplitMix64: a tiny generator whose output is fixed by its own definition, so a seed reproduces
 * the same requests on every JVM and in every future version of fba (java.util's generators make
 * no such promise across releases).
 */
public final class Rng {

    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** The generator for session {@code index} of a run seeded with {@code seed}. */
    public static Rng forSession(long seed, long index) {
        return new Rng(mix(seed ^ mix(index + 0x632BE59BD9B4E019L)));
    }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, n)}, {@code n > 0}. */
    public int below(int n) {
        return (int) Long.remainderUnsigned(nextLong(), n);
    }

    /** Uniform in {@code [lo, hi]} (inclusive), {@code lo <= hi}. */
    public long range(long lo, long hi) {
        long span = hi - lo + 1;
        if (span <= 0) {
            return lo + (nextLong() & Long.MAX_VALUE) % (hi - lo);
        }
        return lo + Long.remainderUnsigned(nextLong(), span);
    }

    /** True with probability {@code percent}/100. */
    public boolean percent(int percent) {
        return below(100) < percent;
    }

    public <T> T pick(java.util.List<T> items) {
        return items.get(below(items.size()));
    }

    public long pick(long... values) {
        return values[below(values.length)];
    }
}
