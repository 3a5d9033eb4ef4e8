package fba.bench;

import fba.core.CallContext;
import fba.core.FreeingBumpAllocator;
import fba.core.Profile;
import fba.core.SparseMemory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A cross-check for {@link CoreMixBenchmark} on a machine shared with other work: the same op
 * mix, timed by the thread's CPU time rather than the wall clock, so time spent descheduled does
 * not count (cache interference from neighbours still does). Prints min and median ns/op over
 * repetitions of 50 million ops each, after one unreported warm-up repetition, and the sum of the
 * pointers malloc returned in one repetition: examples/c/bench/mix.c prints the same sum for the C
 * build, which shows the two drivers made the same draws.
 *
 * <p>Usage: {@code java -cp target/benchmarks.jar fba.bench.CpuTimeMix [fba|flatMemory|harnessOnly] [REPS]}
 */
public final class CpuTimeMix {

    private static final long OPS = 50_000_000L;

    /** What one op calls; each variant is run in its own JVM so the call site stays monomorphic. */
    private interface Heap {
        long malloc(long size);

        int free(long ptr);
    }

    private CpuTimeMix() {
    }

    private static Heap heap(String variant) {
        switch (variant) {
            case "fba": {
                FreeingBumpAllocator a = FreeingBumpAllocator.create(new SparseMemory(1, 65536), 0, CallContext.ONCHAIN, Profile.SUBSTRATE);
                return new Heap() {
                    public long malloc(long size) {
                        return a.malloc(size);
                    }

                    public int free(long ptr) {
                        return a.free(ptr);
                    }
                };
            }
            case "flatMemory": {
                FreeingBumpAllocator a = new FreeingBumpAllocator(new FlatMemory(1, 64), 0, CallContext.ONCHAIN.orders(), false);
                return new Heap() {
                    public long malloc(long size) {
                        return a.malloc(size);
                    }

                    public int free(long ptr) {
                        return a.free(ptr);
                    }
                };
            }
            case "harnessOnly":
                return new Heap() {
                    long next = 8;

                    public long malloc(long size) {
                        next += size;
                        return next;
                    }

                    public int free(long ptr) {
                        return 0;
                    }
                };
            default:
                throw new IllegalArgumentException("unknown variant '" + variant + "'");
        }
    }

    private static long run(Heap h) {
        OpMix mix = new OpMix();
        long[] live = new long[OpMix.MAX_LIVE];
        int count = 0;
        long acc = 0;
        for (long k = 0; k < OPS; k++) {
            long r = mix.next();
            if (OpMix.frees(r, count)) {
                int i = OpMix.victim(r, count);
                int status = h.free(live[i]);
                if (status != 0) {
                    throw new IllegalStateException("free failed with status " + status);
                }
                live[i] = live[--count];
            } else {
                long ptr = h.malloc(OpMix.size(r));
                if (ptr < 0) {
                    throw new IllegalStateException("malloc failed with status " + -ptr);
                }
                live[count++] = ptr;
                acc += ptr;
            }
        }
        return acc;
    }

    public static void main(String[] args) {
        String variant = args.length > 0 ? args[0] : "fba";
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] ns = new double[reps];
        long sum = 0;
        for (int rep = -1; rep < reps; rep++) {
            Heap h = heap(variant);
            long t0 = mx.getCurrentThreadCpuTime();
            sum = run(h);
            long t1 = mx.getCurrentThreadCpuTime();
            if (rep >= 0) {
                ns[rep] = (t1 - t0) / (double) OPS;
            }
        }
        double[] sorted = ns.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: CPU time per op over %d x %d ops: min %.2f ns, median %.2f ns, max %.2f ns (all: %s);"
                        + " pointer sum %s%n",
                variant, reps, OPS, sorted[0], sorted[reps / 2], sorted[reps - 1], Arrays.toString(ns),
                Long.toUnsignedString(sum));
    }
}
