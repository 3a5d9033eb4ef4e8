package fba.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** bytes_allocated, its peak and sum, and address_space_used, all counting headers. */
class StatsTest {

    @Test
    void aFreshHeapHasZeroStats() {
        assertArrayEquals(new long[] {0, 0, 0, 0}, Heap.onchain().stats());
    }

    @Test
    void mallocCountsBlockPlusHeaderEverywhere() {
        Heap h = Heap.onchain(100, 1, 65536);
        h.malloc(100);
        assertArrayEquals(new long[] {136, 136, 136, 136}, h.stats());
    }

    @Test
    void reuseAddsToTheSumButNotToTheAddressSpace() {
        Heap h = Heap.onchain(19, 1, 65536);
        for (int i = 0; i < 9; i++) {
            long p = h.malloc(42);
            assertEquals(32, p);
            h.free(p);
        }
        assertArrayEquals(new long[] {0, 72, 648, 72}, h.stats());
    }

    @Test
    void thePeakIsAHighWaterMark() {
        Heap h = Heap.onchain();
        long a = h.malloc(64);
        h.free(a);
        h.malloc(32);
        h.malloc(16);
        assertArrayEquals(new long[] {64, 72, 136, 136}, h.stats());
        h.malloc(64);
        assertArrayEquals(new long[] {136, 136, 208, 136}, h.stats());
    }

    @Test
    void addressSpaceUsedIsBumperMinusAlignedHeapBase() {
        Heap h = Heap.onchain(13, 1, 65536);
        h.malloc(1);
        h.malloc(9);
        assertEquals(h.allocator.bumper() - 16, h.stats()[3]);
        assertEquals(40, h.stats()[3]);
    }

    @Test
    void errorsChangeNoStatistic() {
        Heap h = Heap.onchain(0, 1, 1);
        h.malloc(8);
        long[] before = h.stats();
        h.mallocError(65536);
        assertArrayEquals(before, h.stats());
    }

    @Test
    void theSumKeepsCountingPastU32() {
        // given an off-chain heap that hands out the same 2 GiB block again and again
        Heap h = Heap.offchain();
        for (int i = 0; i < 5; i++) {
            long p = h.malloc(1L << 31);
            h.free(p);
        }
        // then the sum is 5 * (2^31 + 8), beyond u32, while the others stay at one block
        assertArrayEquals(new long[] {0, (1L << 31) + 8, 5 * ((1L << 31) + 8), (1L << 31) + 8}, h.stats());
    }
}
