package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The checks free makes, in the order that decides which error wins. */
class FreeChecksTest {

    @Test
    void pointersBelow8AreInvalid() {
        for (long p = 0; p < 8; p++) {
            Heap h = Heap.onchain(0, 1, 1);
            assertEquals(ErrorCode.INVALID_POINTER, h.freeError(p), "ptr " + p);
            assertEquals(true, h.allocator.isPoisoned());
        }
    }

    @Test
    void aHeaderReachingPastMemoryIsOutOfBounds() {
        // the last header that fits in one page ends at 65536: ptr 65536
        assertEquals(ErrorCode.NOT_ALLOCATED, Heap.onchain(0, 1, 1).freeError(65536));
        for (long p : new long[] {65537, 65543, 65544, 1L << 31, 0xFFFFFFFFL}) {
            assertEquals(ErrorCode.OUT_OF_BOUNDS, Heap.onchain(0, 1, 1).freeError(p), "ptr " + p);
        }
        assertEquals(ErrorCode.OUT_OF_BOUNDS, Heap.onchain(0, 0, 1).freeError(8));
    }

    @Test
    void aFreeOrNeverWrittenHeaderIsNotAllocated() {
        // double free
        Heap h = Heap.onchain();
        long p = h.malloc(8);
        h.free(p);
        assertEquals(ErrorCode.NOT_ALLOCATED, h.freeError(p));
        // never allocated
        assertEquals(ErrorCode.NOT_ALLOCATED, Heap.onchain().freeError(8));
        // middle of a block
        Heap m = Heap.onchain();
        m.malloc(64);
        assertEquals(ErrorCode.NOT_ALLOCATED, m.freeError(24));
    }

    @Test
    void onlyBit32DecidesOccupiedTheOtherHighBitsAreIgnored() {
        // given bit 32 clear, every other high bit set: a free header
        Heap h = Heap.onchain();
        long p = h.malloc(8);
        h.memory.writeU64(p - 8, 0xFFFFFFFE_00000000L);
        assertEquals(ErrorCode.NOT_ALLOCATED, h.freeError(p));
        // given all high bits set and order 0: an occupied order-0 header
        Heap g = Heap.onchain();
        long q = g.malloc(8);
        g.memory.writeU64(q - 8, 0xFFFFFFFF_00000000L);
        g.free(q);
        assertEquals(0, g.stats()[0]);
    }

    @Test
    void anOccupiedHeaderWithAnOrderBeyondTheContextIsInvalidOrder() {
        for (long order : new long[] {23, 24, 28, 29, 0xFFFFFFFFL}) {
            Heap h = Heap.onchain();
            long p = h.malloc(8);
            h.memory.writeU64(p - 8, Heap.OCCUPIED + order);
            assertEquals(ErrorCode.INVALID_ORDER, h.freeError(p), "order " + order);
            // the header is left as it was
            assertEquals(Heap.OCCUPIED + order, h.header(p));
        }
        for (long order : new long[] {29, 30, 0xFFFFFFFFL}) {
            Heap h = Heap.offchain();
            long p = h.malloc(8);
            h.memory.writeU64(p - 8, Heap.OCCUPIED + order);
            assertEquals(ErrorCode.INVALID_ORDER, h.freeError(p), "offchain order " + order);
        }
    }

    @Test
    void aFreeHeaderWithAHugeLinkIsNotAllocatedNotInvalidOrder() {
        Heap h = Heap.onchain();
        long p = h.malloc(8);
        h.memory.writeU64(p - 8, 0xFFFFFFF0L);
        assertEquals(ErrorCode.NOT_ALLOCATED, h.freeError(p));
    }

    @Test
    void shrinkDetectionComesBeforeThePointerChecks() {
        Heap h = Heap.onchain(0, 2, 4);
        h.malloc(8);
        h.memory.truncate(1);
        assertEquals(ErrorCode.MEMORY_SHRANK, h.freeError(0));
    }

    @Test
    void freeingPushesAndSubtractsButLeavesPeakSumAndAddressSpace() {
        Heap h = Heap.onchain();
        long p = h.malloc(100);
        h.malloc(8);
        h.free(p);
        assertEquals(16, h.stats()[0]);
        assertEquals(152, h.stats()[1]);
        assertEquals(152, h.stats()[2]);
        assertEquals(152, h.stats()[3]);
        assertEquals(p - 8, h.allocator.freeListHead(4));
        assertEquals(Heap.NIL, h.header(p));
    }
}
