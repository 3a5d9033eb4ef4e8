package fba.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where sc-allocator's release build wraps u32 arithmetic, the substrate profile wraps too. */
class WrapSubstrateTest {

    private static final long FOUR_GIB = 1L << 32;

    /** Fills from base to exactly 4 GiB; returns the need of the last block. */
    private static long fill(Heap h, long base) {
        List<Integer> ks = FourGiBFill.orders(base, 22);
        long expect = base;
        long last = 0;
        for (int k : ks) {
            last = (8L << k) + 8;
            assertEquals(expect + 8, h.malloc(8L << k));
            expect += last;
        }
        assertEquals(FOUR_GIB, expect);
        return last;
    }

    @Test
    void aBumpEndingExactlyAt4GiBWrapsTheBumperAndTheCounts() {
        // given an on-chain heap at 0 filled to exactly 4 GiB
        Heap h = Heap.onchain(0, 1, 65536);
        long last = fill(h, 0);
        // then the bumper, bytes_allocated and address_space_used have wrapped to 0
        assertEquals(0, h.allocator.bumper());
        assertEquals(65536, h.memory.pages());
        assertArrayEquals(new long[] {0, FOUR_GIB - last, FOUR_GIB, 0}, h.stats());
        // when another fresh block is bumped
        long p = h.malloc(8);
        // then it is carved at address 0 again, over the first block's header
        assertEquals(8, p);
        assertEquals(Heap.OCCUPIED, h.memory.readU64(0));
        assertArrayEquals(new long[] {16, FOUR_GIB - last, FOUR_GIB + 16, 16}, h.stats());
    }

    @Test
    void withHeapBase8TheAddressSpaceWrapsBelowTheBaseAndTheCountWrapsOnTheNextBlock() {
        Heap h = Heap.onchain(8, 1, 65536);
        fill(h, 8);
        long total = FOUR_GIB - 8;
        assertArrayEquals(new long[] {total, total, total, FOUR_GIB - 8}, h.stats());
        assertEquals(8, h.malloc(8));
        assertArrayEquals(new long[] {8, total, total + 16, 8}, h.stats());
    }

    @Test
    void handingOutTheSameMemoryTwiceWrapsTheAllocatedCount() {
        // given a freed 2 GiB block whose link is forged to 8 (a zero word inside the block)
        Heap h = Heap.offchain();
        long p = h.malloc(1L << 31);
        h.free(p);
        h.memory.writeU64(0, 8);
        // when it is popped and then the forged head is popped
        assertEquals(8, h.malloc(1L << 31));
        assertEquals(16, h.malloc(1L << 31));
        // then 2 * (2^31 + 8) wraps to 16; the peak keeps the unwrapped one-block value
        long need = (1L << 31) + 8;
        assertArrayEquals(new long[] {16, need, 3 * need, need}, h.stats());
    }

    @Test
    void wrappedHeapBaseStartsAtZero() {
        Heap h = Heap.onchain(0xFFFFFFFFL, 1, 65536);
        assertEquals(0, h.allocator.heapBase());
        assertEquals(8, h.malloc(0));
    }
}
