package fba.bench;

import fba.core.CallContext;
import fba.core.FreeingBumpAllocator;
import fba.core.Profile;
import fba.core.SparseMemory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 1 of issue 6: one op of the "bench" mix per invocation, on-chain, heap_base 0,
 * memory of 1 page that may grow to 65536. The state lives for the whole trial, so the heap
 * reaches its steady state (free lists of orders 0..7 holding at most 1000 blocks each) early in
 * warm-up; an exhausted or poisoned heap fails the run instead of timing error returns.
 *
 * <p>{@code fba} is the production allocator; {@code clzOrder} is {@link ClzOrderAllocator}, a
 * benchmark-only copy that differs only in how the order is computed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CoreMixBenchmark {

    @State(Scope.Thread)
    public static class Fba {
        FreeingBumpAllocator allocator;
        SparseMemory memory;
        OpMix mix;
        long[] live;
        int count;
        long ops;

        @Setup
        public void setUp() {
            memory = new SparseMemory(1, 65536);
            allocator = FreeingBumpAllocator.create(memory, 0, CallContext.ONCHAIN, Profile.SUBSTRATE);
            mix = new OpMix();
            live = new long[OpMix.MAX_LIVE];
        }

        @TearDown
        public void report() {
            System.out.println("\n[fba] ops=" + ops + " pages=" + memory.pages() + " bumper=" + allocator.bumper()
                    + " live=" + count + " poisoned=" + allocator.isPoisoned());
        }
    }

    @State(Scope.Thread)
    public static class Clz {
        ClzOrderAllocator allocator;
        SparseMemory memory;
        OpMix mix;
        long[] live;
        int count;

        @Setup
        public void setUp() {
            memory = new SparseMemory(1, 65536);
            allocator = new ClzOrderAllocator(memory, 0, CallContext.ONCHAIN.orders(), false);
            checkSameOrders();
            mix = new OpMix();
            live = new long[OpMix.MAX_LIVE];
        }
    }

    /** The production allocator over {@link FlatMemory}: what the sparse page table costs. */
    @State(Scope.Thread)
    public static class Flat {
        FreeingBumpAllocator allocator;
        OpMix mix;
        long[] live;
        int count;

        @Setup
        public void setUp() {
            // 64 pages is far above the ~16 the mix ever reaches (checked by the [fba] line).
            allocator = new FreeingBumpAllocator(new FlatMemory(1, 64), 0, CallContext.ONCHAIN.orders(), false);
            mix = new OpMix();
            live = new long[OpMix.MAX_LIVE];
        }
    }

    /** The mix's own cost (draws, division, live-array bookkeeping) with no allocator at all. */
    @State(Scope.Thread)
    public static class Harness {
        OpMix mix;
        long[] live;
        int count;
        long fake;

        @Setup
        public void setUp() {
            mix = new OpMix();
            live = new long[OpMix.MAX_LIVE];
        }
    }

    /**
     * The copy is only worth measuring if it computes the same orders as the core. Both are step
     * functions of the size that can change only just above a power of two, so every size below
     * 70,000 plus 2^k - 1, 2^k and 2^k + 1 for every k up to 31 covers all sizes up to 2^31.
     */
    static void checkSameOrders() {
        for (long n = 0; n < 70_000; n++) {
            sameOrder(n);
        }
        for (int k = 0; k <= 31; k++) {
            sameOrder((1L << k) - 1);
            sameOrder(1L << k);
            sameOrder((1L << k) + 1);
        }
    }

    private static void sameOrder(long size) {
        if (ClzOrderAllocator.orderOf(size) != FreeingBumpAllocator.orderOf(size)) {
            throw new IllegalStateException("orderOf differs at " + size);
        }
    }

    @Benchmark
    public long fba(Fba s) {
        long r = s.mix.next();
        s.ops++;
        if (OpMix.frees(r, s.count)) {
            int i = OpMix.victim(r, s.count);
            int status = s.allocator.free(s.live[i]);
            if (status != 0) {
                throw new IllegalStateException("free failed with status " + status + " after " + s.ops + " ops");
            }
            s.live[i] = s.live[--s.count];
            return status;
        }
        long ptr = s.allocator.malloc(OpMix.size(r));
        if (ptr < 0) {
            throw new IllegalStateException("malloc failed with status " + -ptr + " after " + s.ops + " ops");
        }
        s.live[s.count++] = ptr;
        return ptr;
    }

    @Benchmark
    public long clzOrder(Clz s) {
        long r = s.mix.next();
        if (OpMix.frees(r, s.count)) {
            int i = OpMix.victim(r, s.count);
            int status = s.allocator.free(s.live[i]);
            if (status != 0) {
                throw new IllegalStateException("free failed with status " + status);
            }
            s.live[i] = s.live[--s.count];
            return status;
        }
        long ptr = s.allocator.malloc(OpMix.size(r));
        if (ptr < 0) {
            throw new IllegalStateException("malloc failed with status " + -ptr);
        }
        s.live[s.count++] = ptr;
        return ptr;
    }

    @Benchmark
    public long flatMemory(Flat s) {
        long r = s.mix.next();
        if (OpMix.frees(r, s.count)) {
            int i = OpMix.victim(r, s.count);
            int status = s.allocator.free(s.live[i]);
            if (status != 0) {
                throw new IllegalStateException("free failed with status " + status);
            }
            s.live[i] = s.live[--s.count];
            return status;
        }
        long ptr = s.allocator.malloc(OpMix.size(r));
        if (ptr < 0) {
            throw new IllegalStateException("malloc failed with status " + -ptr);
        }
        s.live[s.count++] = ptr;
        return ptr;
    }

    @Benchmark
    public long harnessOnly(Harness s) {
        long r = s.mix.next();
        if (OpMix.frees(r, s.count)) {
            int i = OpMix.victim(r, s.count);
            long freed = s.live[i];
            s.live[i] = s.live[--s.count];
            return freed;
        }
        s.fake += OpMix.size(r);
        s.live[s.count++] = s.fake;
        return s.fake;
    }
}
