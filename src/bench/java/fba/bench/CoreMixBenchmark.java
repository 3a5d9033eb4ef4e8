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
 * <p>{@code fba} is the production allocator over {@link SparseMemory}; {@code flatMemory} the same
 * allocator over a plain array ({@link FlatMemory}), to show what the sparse store costs;
 * {@code harnessOnly} the mix's own work with no allocator. (A variant whose {@code orderOf} used
 * {@code Long.numberOfLeadingZeros} was measured with a benchmark-only copy of the allocator at
 * commit e4afacc and then removed; its figures are in PERFORMANCE.md.)
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CoreMixBenchmark {

    /** A heap driven by the mix: the allocator, the draws and the live blocks. */
    abstract static class Driven {
        FreeingBumpAllocator allocator;
        OpMix mix = new OpMix();
        long[] live = new long[OpMix.MAX_LIVE];
        int count;
        long ops;

        /** One op of the mix: free a live block or malloc a fresh one. */
        final long step() {
            long r = mix.next();
            ops++;
            if (OpMix.frees(r, count)) {
                int i = OpMix.victim(r, count);
                int status = allocator.free(live[i]);
                if (status != 0) {
                    throw new IllegalStateException("free failed with status " + status + " after " + ops + " ops");
                }
                live[i] = live[--count];
                return status;
            }
            long ptr = allocator.malloc(OpMix.size(r));
            if (ptr < 0) {
                throw new IllegalStateException("malloc failed with status " + -ptr + " after " + ops + " ops");
            }
            live[count++] = ptr;
            return ptr;
        }
    }

    @State(Scope.Thread)
    public static class Fba extends Driven {
        SparseMemory memory;

        @Setup
        public void setUp() {
            memory = new SparseMemory(1, 65536);
            allocator = FreeingBumpAllocator.create(memory, 0, CallContext.ONCHAIN, Profile.SUBSTRATE);
        }

        @TearDown
        public void report() {
            System.out.println("\n[fba] ops=" + ops + " pages=" + memory.pages() + " bumper=" + allocator.bumper()
                    + " live=" + count + " poisoned=" + allocator.isPoisoned());
        }
    }

    /** The production allocator over {@link FlatMemory}: what the sparse page table costs. */
    @State(Scope.Thread)
    public static class Flat extends Driven {
        @Setup
        public void setUp() {
            // 64 pages is far above the ~16 the mix ever reaches (checked by the [fba] line).
            allocator = new FreeingBumpAllocator(new FlatMemory(1, 64), 0, CallContext.ONCHAIN.orders(), false);
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

    @Benchmark
    public long fba(Fba s) {
        return s.step();
    }

    @Benchmark
    public long flatMemory(Flat s) {
        return s.step();
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
