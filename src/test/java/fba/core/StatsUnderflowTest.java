package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** free checks the allocated count only after pushing the block: the push survives the error. */
class StatsUnderflowTest {

    @Test
    void aForgedHeaderOnAnEmptyHeapUnderflowsAfterBeingPushed() {
        // given a forged occupied order-0 header at 0 and nothing allocated
        Heap h = Heap.onchain();
        h.memory.writeU64(0, Heap.OCCUPIED);
        // when
        ErrorCode e = h.freeError(8);
        // then the error is reported, but the block is already on its list with a free header
        assertEquals(ErrorCode.STATS_UNDERFLOW, e);
        assertEquals(Heap.NIL, h.memory.readU64(0));
        assertEquals(0, h.allocator.freeListHead(0));
        assertEquals(0, h.stats()[0]);
        assertEquals(true, h.allocator.isPoisoned());
    }

    @Test
    void aForgedHeaderPassesWhileTheCountCoversItThenTheRealFreeUnderflows() {
        Heap h = Heap.onchain();
        long a = h.malloc(8);
        long b = h.malloc(8);
        h.free(a);
        h.memory.writeU64(40, Heap.OCCUPIED);
        h.free(48);
        assertEquals(0, h.stats()[0]);
        assertEquals(ErrorCode.STATS_UNDERFLOW, h.freeError(b));
        // b's header links to the forged block, which is the list's next element
        assertEquals(40, h.header(b));
        assertEquals(b - 8, h.allocator.freeListHead(0));
    }

    @Test
    void aForgedLargerOrderUnderflowsAgainstASmallerCount() {
        Heap h = Heap.onchain();
        h.malloc(8);
        h.memory.writeU64(32, Heap.OCCUPIED + 1);
        assertEquals(ErrorCode.STATS_UNDERFLOW, h.freeError(40));
        assertEquals(16, h.stats()[0]);
        assertEquals(32, h.allocator.freeListHead(1));
        assertEquals(Heap.NIL, h.memory.readU64(32));
    }

    @Test
    void exactlyEnoughIsNotAnUnderflow() {
        Heap h = Heap.onchain();
        h.malloc(16);
        h.memory.writeU64(64, Heap.OCCUPIED + 1);
        h.free(72);
        assertEquals(0, h.stats()[0]);
    }
}
