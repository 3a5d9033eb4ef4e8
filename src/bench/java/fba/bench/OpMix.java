package fba.bench;

/**
 * The random source of the "bench" op mix that the native sc-allocator was timed with, so that
 * fba's figure is comparable: xorshift64 (13, 7, 17) seeded by one splitmix64 step of
 * 0x5EED0B5E55ED. At most {@link #MAX_LIVE} blocks are live; sizes are 1..1024 bytes.
 */
final class OpMix {

    static final long SEED = 0x5EED0B5E55EDL;
    static final int MAX_LIVE = 1000;

    private long x;

    OpMix() {
        this.x = splitmix64(SEED);
    }

    /** One splitmix64 output for state {@code seed} (state advanced once, then mixed). */
    static long splitmix64(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next xorshift64 draw; u64 shifts, so {@code >>} of the spec is {@code >>>} here. */
    long next() {
        long v = x;
        v ^= v << 13;
        v ^= v >>> 7;
        v ^= v << 17;
        x = v;
        return v;
    }

    /** Whether draw {@code r} frees (rather than allocates) when {@code live} blocks are live. */
    static boolean frees(long r, int live) {
        return live > 0 && (live == MAX_LIVE || (r & 1) == 1);
    }

    /** Index of the live block draw {@code r} frees. */
    static int victim(long r, int live) {
        return (int) ((r >>> 1) % live);
    }

    /** Size draw {@code r} allocates. */
    static long size(long r) {
        return 1 + ((r >>> 20) % 1024);
    }
}
