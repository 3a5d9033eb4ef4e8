package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** heap_base is aligned up to 8 in u32 arithmetic, which wraps to 0 at the very top. */
class HeapBaseAlignmentTest {

    private static long expectedAligned(long base) {
        return ((base + 7) % (1L << 32)) / 8 * 8;
    }

    @Test
    void basesBelow1024AlignUpToTheNextMultipleOf8() {
        for (long base = 0; base < 1024; base++) {
            long aligned = FreeingBumpAllocator.alignHeapBase(base);
            assertEquals((base + 7) / 8 * 8, aligned, "base " + base);
            // the first pointer follows the header at the aligned base
            Heap h = Heap.onchain(base, 1, 1);
            assertEquals(aligned + 8, h.malloc(1), "base " + base);
        }
    }

    @Test
    void basesInTheTopKiBAlignWithU32Wrap() {
        for (long base = 0xFFFFFFFFL - 1023; base <= 0xFFFFFFFFL; base++) {
            assertEquals(expectedAligned(base), FreeingBumpAllocator.alignHeapBase(base), "base " + base);
            assertEquals(base >= 4294967289L, FreeingBumpAllocator.heapBaseWraps(base), "base " + base);
        }
        assertEquals(4294967288L, FreeingBumpAllocator.alignHeapBase(4294967288L));
        assertEquals(4294967288L, FreeingBumpAllocator.alignHeapBase(4294967281L));
    }

    @Test
    void wrappedBasesStartTheHeapAtZero() {
        for (long base = 4294967289L; base <= 0xFFFFFFFFL; base++) {
            // given a substrate heap whose base wraps
            Heap h = Heap.onchain(base, 1, 65536);
            // when / then the heap starts at 0
            assertEquals(0, h.allocator.heapBase());
            assertEquals(8, h.malloc(1));
            assertEquals(16, h.stats()[3]);
        }
    }

    @Test
    void theHighestUnwrappedBaseLeavesNoRoomForABlock() {
        Heap h = Heap.onchain(4294967288L, 65536, 65536);
        assertEquals(ErrorCode.OUT_OF_SPACE, h.mallocError(0));
    }
}
