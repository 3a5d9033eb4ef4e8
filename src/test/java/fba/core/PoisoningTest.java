package fba.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every error poisons; a poisoned allocator answers poisoned and changes nothing. */
class PoisoningTest {

    /** A heap with one live block at 8 (and a freed one at 24 for list errors), then the error. */
    private static void assertPoisonsAfter(ErrorCode expected, Function<Heap, ErrorCode> fault) {
        // given a heap with live and free blocks
        Heap h = Heap.onchain(0, 2, 2);
        long live = h.malloc(8);
        long freed = h.malloc(8);
        h.free(freed);
        // when the fault happens
        ErrorCode e = fault.apply(h);
        // then it is reported and poisons
        assertEquals(expected, e);
        assertTrue(h.allocator.isPoisoned());
        long[] stats = h.stats();
        long bumper = h.allocator.bumper();
        long head0 = h.allocator.freeListHead(0);
        long word0 = h.memory.readU64(0);
        long word16 = h.memory.readU64(16);
        int pages = h.memory.pages();
        // and every later call is poisoned and changes nothing
        assertEquals(ErrorCode.POISONED, h.mallocError(8));
        assertEquals(ErrorCode.POISONED, h.mallocError(1L << 30));
        assertEquals(ErrorCode.POISONED, h.freeError(live));
        assertEquals(ErrorCode.POISONED, h.freeError(0));
        assertArrayEquals(stats, h.stats());
        assertEquals(bumper, h.allocator.bumper());
        assertEquals(head0, h.allocator.freeListHead(0));
        assertEquals(word0, h.memory.readU64(0));
        assertEquals(word16, h.memory.readU64(16));
        assertEquals(pages, h.memory.pages());
        // poisoned is answered before shrink detection
        h.memory.truncate(0);
        assertEquals(ErrorCode.POISONED, h.mallocError(8));
        assertEquals(ErrorCode.POISONED, h.freeError(live));
    }

    @Test
    void tooLargePoisons() {
        assertPoisonsAfter(ErrorCode.TOO_LARGE, h -> h.mallocError((1L << 25) + 1));
    }

    @Test
    void outOfSpacePoisons() {
        assertPoisonsAfter(ErrorCode.OUT_OF_SPACE, h -> h.mallocError(1L << 17));
    }

    @Test
    void memoryShrankPoisons() {
        assertPoisonsAfter(ErrorCode.MEMORY_SHRANK, h -> {
            h.memory.truncate(1);
            return h.mallocError(8);
        });
    }

    @Test
    void invalidPointerPoisons() {
        assertPoisonsAfter(ErrorCode.INVALID_POINTER, h -> h.freeError(3));
    }

    @Test
    void outOfBoundsPoisons() {
        assertPoisonsAfter(ErrorCode.OUT_OF_BOUNDS, h -> h.freeError(131073));
    }

    @Test
    void notAllocatedPoisons() {
        assertPoisonsAfter(ErrorCode.NOT_ALLOCATED, h -> h.freeError(24));
    }

    @Test
    void invalidOrderFromFreePoisons() {
        assertPoisonsAfter(ErrorCode.INVALID_ORDER, h -> {
            h.memory.writeU64(0, Heap.OCCUPIED + 23);
            return h.freeError(8);
        });
    }

    @Test
    void invalidOrderFromAFreeListPoisons() {
        assertPoisonsAfter(ErrorCode.INVALID_ORDER, h -> {
            h.memory.writeU64(16, Heap.OCCUPIED + 40);
            return h.mallocError(8);
        });
    }

    @Test
    void invalidFreeListPoisons() {
        assertPoisonsAfter(ErrorCode.INVALID_FREE_LIST, h -> {
            h.memory.writeU64(16, Heap.OCCUPIED);
            return h.mallocError(8);
        });
    }

    @Test
    void statsUnderflowPoisons() {
        assertPoisonsAfter(ErrorCode.STATS_UNDERFLOW, h -> {
            h.memory.writeU64(40, Heap.OCCUPIED + 5);
            return h.freeError(48);
        });
    }
}
