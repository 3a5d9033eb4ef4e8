package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Fresh blocks come from the bump pointer; memory grows by the doubling-or-required policy. */
class BumpAndGrowthTest {

    @Test
    void freshBlocksAreLaidOutBackToBackWithTheirHeaders() {
        // given
        Heap h = Heap.onchain(0, 1, 65536);
        // when
        long p1 = h.malloc(1);
        long p2 = h.malloc(9);
        long p3 = h.malloc(100);
        long p4 = h.malloc(0);
        // then: blocks of 8, 16, 128, 8 bytes, each after an 8-byte header
        assertEquals(8, p1);
        assertEquals(24, p2);
        assertEquals(48, p3);
        assertEquals(184, p4);
        assertEquals(192, h.allocator.bumper());
    }

    /**
     * For every small configuration (current pages, max pages) and block order, a bump that does
     * not fit grows memory to max(min(2 * current, max), required) or fails with out_of_space,
     * leaving memory alone, when current >= max or required > max.
     */
    @Test
    void growthPolicyForEverySmallConfiguration() {
        for (int current = 0; current <= 4; current++) {
            for (int max = current; max <= 9; max++) {
                for (int order = 0; order <= 18; order++) {
                    for (long base : new long[] {0, 65528, 65536 + 100}) {
                        // given a heap at base with `current` of at most `max` pages
                        Heap h = Heap.onchain(base, current, max);
                        long need = (8L << order) + 8;
                        long required = FreeingBumpAllocator.alignHeapBase(base) + need;
                        long requiredPages = (required + 65535) / 65536;
                        String where = "pages " + current + "/" + max + " order " + order + " base " + base;
                        // when
                        long r = h.allocator.malloc(8L << order);
                        // then
                        if (required <= current * 65536L) {
                            assertEquals(FreeingBumpAllocator.alignHeapBase(base) + 8, r, where);
                            assertEquals(current, h.memory.pages(), where);
                        } else if (current >= max || requiredPages > max) {
                            assertEquals(-Status.OUT_OF_SPACE, r, where);
                            assertEquals(current, h.memory.pages(), where);
                            assertEquals(FreeingBumpAllocator.alignHeapBase(base), h.allocator.bumper(), where);
                        } else {
                            assertEquals(FreeingBumpAllocator.alignHeapBase(base) + 8, r, where);
                            assertEquals(Math.max(Math.min(2 * current, max), requiredPages), h.memory.pages(), where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void growthDoublesWhenThatIsEnough() {
        // given 2 pages nearly full
        Heap h = Heap.onchain(0, 1, 65536);
        h.malloc(65536);
        assertEquals(2, h.memory.pages());
        // when a block needs a third page
        h.malloc(65536);
        // then memory doubles to 4
        assertEquals(4, h.memory.pages());
    }

    @Test
    void growthJumpsToTheRequiredPagesWhenDoublingIsNotEnough() {
        Heap h = Heap.onchain(0, 1, 65536);
        assertEquals(8, h.malloc(1L << 25));
        assertEquals(513, h.memory.pages());
        assertEquals(8 + (1L << 25) + 8, h.malloc(1L << 25));
        assertEquals(1026, h.memory.pages());
    }

    @Test
    void doublingIsCappedAtMaxPages() {
        Heap h = Heap.onchain(0, 5, 7);
        h.malloc(1L << 18);
        h.malloc(65536);
        assertEquals(7, h.memory.pages());
    }

    @Test
    void aRuntimeGrowthIsUsedByLaterBumps() {
        // given
        Heap h = Heap.onchain(0, 1, 3);
        // when the runtime grows memory to its maximum
        h.memory.grow(2);
        // then blocks fit without the allocator growing, and the next one does not fit
        assertEquals(8, h.malloc(1L << 17));
        assertEquals(ErrorCode.OUT_OF_SPACE, h.mallocError(65536));
        assertEquals(3, h.memory.pages());
    }

    @Test
    void blocksAreNeverSplitSoAFreeLargeBlockDoesNotServeASmallRequest() {
        Heap h = Heap.onchain(0, 1, 1);
        long big = h.malloc(32760);
        h.malloc(16384);
        h.malloc(8192);
        h.free(big);
        assertEquals(ErrorCode.OUT_OF_SPACE, h.mallocError(8192));
    }

    @Test
    void growthThatTheMemoryRefusesIsOutOfSpace() {
        // given a memory that refuses to grow although its limit allows it
        SparseMemory backing = new SparseMemory(1, 65536);
        Memory refusing = new Memory() {
            public int pages() { return backing.pages(); }
            public int maxPages() { return backing.maxPages(); }
            public long size() { return backing.size(); }
            public boolean grow(long delta) { return false; }
            public long readU64(long addr) { return backing.readU64(addr); }
            public void writeU64(long addr, long value) { backing.writeU64(addr, value); }
        };
        FreeingBumpAllocator a = FreeingBumpAllocator.create(refusing, 0, CallContext.ONCHAIN, Profile.SUBSTRATE);
        // when / then
        assertEquals(8, a.malloc(8));
        assertEquals(-Status.OUT_OF_SPACE, a.malloc(65536));
        assertEquals(true, a.isPoisoned());
    }
}
