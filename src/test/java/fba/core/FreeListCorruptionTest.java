package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** malloc's checks on the head it pops: whole block in memory, header free, order valid. */
class FreeListCorruptionTest {

    /** A heap whose order-0 list head is a freed block at 0 whose link has been poked to `link`. */
    private static Heap withPokedLink(long link) {
        Heap h = Heap.onchain();
        long p = h.malloc(8);
        h.free(p);
        h.memory.writeU64(0, link);
        assertEquals(8, h.malloc(8));
        assertEquals(link, h.allocator.freeListHead(0));
        return h;
    }

    @Test
    void aHeadWhoseBlockEndsExactlyAtTheMemoryEndIsPopped() {
        Heap h = withPokedLink(65520);
        assertEquals(65528, h.malloc(8));
        assertEquals(Heap.OCCUPIED, h.memory.readU64(65520));
    }

    @Test
    void aHeadWhoseBlockPassesTheMemoryEndIsAnInvalidFreeList() {
        // header inside memory, body not
        Heap h = withPokedLink(65528);
        assertEquals(ErrorCode.INVALID_FREE_LIST, h.mallocError(8));
        // far beyond: no u32 wrap in the bound
        assertEquals(ErrorCode.INVALID_FREE_LIST, withPokedLink(0xFFFFFFFEL).mallocError(8));
        assertEquals(ErrorCode.INVALID_FREE_LIST, withPokedLink(0xFFFFFFF8L).mallocError(1));
    }

    @Test
    void theBoundUsesTheRequestsOrderNotTheHeadersSize() {
        // given an order-1 block (24 bytes) freed at 65512 of a 1-page memory
        Heap h = Heap.onchain(65512, 1, 1);
        long p = h.malloc(16);
        h.free(p);
        // when / then it is popped again (65512 + 24 = 65536)
        assertEquals(p, h.malloc(16));
    }

    @Test
    void aHeadAtAnOccupiedHeaderWithAValidOrderIsAnInvalidFreeList() {
        // self link: popped once, then found occupied
        Heap h = withPokedLink(0);
        assertEquals(ErrorCode.INVALID_FREE_LIST, h.mallocError(8));
        assertEquals(true, h.allocator.isPoisoned());
    }

    @Test
    void aHeadAtAnOccupiedHeaderWithAnInvalidOrderIsAnInvalidOrder() {
        for (long order : new long[] {23, 28, 0xFFFFFFFFL}) {
            Heap h = Heap.onchain();
            long p = h.malloc(8);
            h.free(p);
            h.memory.writeU64(0, Heap.OCCUPIED + order);
            assertEquals(ErrorCode.INVALID_ORDER, h.mallocError(8), "order " + order);
        }
        for (long order : new long[] {22, 0}) {
            Heap h = Heap.onchain();
            long p = h.malloc(8);
            h.free(p);
            h.memory.writeU64(0, Heap.OCCUPIED + order);
            assertEquals(ErrorCode.INVALID_FREE_LIST, h.mallocError(8), "order " + order);
        }
        Heap off = Heap.offchain();
        off.free(off.malloc(8));
        off.memory.writeU64(0, Heap.OCCUPIED + 28);
        assertEquals(ErrorCode.INVALID_FREE_LIST, off.mallocError(8));
    }

    @Test
    void theBoundCheckComesBeforeTheHeaderRead() {
        // given a head whose header itself straddles the memory's end: the block bound fails
        // first, so this is an invalid free list rather than an out-of-bounds read
        Heap h = withPokedLink(65532);
        assertEquals(ErrorCode.INVALID_FREE_LIST, h.mallocError(8));
    }

    @Test
    void aFailedPopWritesNothing() {
        Heap h = withPokedLink(0);
        long before = h.memory.readU64(0);
        h.mallocError(8);
        assertEquals(before, h.memory.readU64(0));
        assertEquals(16, h.stats()[0]);
        assertEquals(32, h.stats()[2]);
    }
}
