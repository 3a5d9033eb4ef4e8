package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Shrinking is detected against the size seen at the start of the previous call, and only so. */
class ShrinkDetectionTest {

    @Test
    void aShrinkBetweenCallsIsDetectedByMallocAndByFree() {
        Heap m = Heap.onchain(0, 2, 4);
        long p = m.malloc(8);
        m.memory.truncate(1);
        assertEquals(ErrorCode.MEMORY_SHRANK, m.mallocError(8));

        Heap f = Heap.onchain(0, 2, 4);
        long q = f.malloc(8);
        f.memory.truncate(1);
        assertEquals(ErrorCode.MEMORY_SHRANK, f.freeError(q));
        assertEquals(8, p);
    }

    @Test
    void aShrinkBeforeTheFirstCallIsNotDetected() {
        Heap h = Heap.onchain(0, 3, 4);
        h.memory.truncate(1);
        assertEquals(8, h.malloc(8));
    }

    @Test
    void aShrinkThatGrowsBackBeforeTheNextCallIsNotDetected() {
        Heap h = Heap.onchain(0, 1, 4);
        long p = h.malloc(8);
        h.memory.truncate(0);
        h.memory.grow(1);
        // the truncated header is gone: the block is not allocated any more
        assertEquals(ErrorCode.NOT_ALLOCATED, h.freeError(p));
    }

    @Test
    void growthDuringACallIsNotRememberedSoShrinkingBackToTheStartSizeGoesUnnoticed() {
        // given a malloc that grows memory from 1 to 2 pages during the call
        Heap h = Heap.onchain(0, 1, 4);
        h.malloc(8);
        long big = h.malloc(65536);
        assertEquals(2, h.memory.pages());
        // when memory shrinks back to 1 page
        h.memory.truncate(1);
        // then the next call does not notice (it compares with 1 page)
        h.free(big);
        // and the freed block, whose body lies beyond memory now, cannot be popped
        assertEquals(ErrorCode.INVALID_FREE_LIST, h.mallocError(65536));
    }

    @Test
    void growthFrom1To3PagesThenAShrinkTo1Or2Or3PagesGoesUnnoticed() {
        for (int to = 1; to <= 3; to++) {
            Heap h = Heap.onchain(0, 1, 65536);
            h.malloc(131072);
            assertEquals(3, h.memory.pages());
            h.memory.truncate(to);
            // the next bump starts at 131080 and grows from the truncated size
            assertEquals(131088, h.malloc(65536), "truncate to " + to);
            assertEquals(Math.max(2 * to, 4), h.memory.pages(), "truncate to " + to);
        }
        Heap h = Heap.onchain(0, 1, 65536);
        h.malloc(131072);
        h.memory.truncate(0);
        assertEquals(ErrorCode.MEMORY_SHRANK, h.mallocError(8));
    }

    @Test
    void afterAnUnnoticedShrinkTheBumpGrowsFromTheSmallerSize() {
        Heap h = Heap.onchain(0, 1, 4);
        h.malloc(65536);
        h.memory.truncate(1);
        assertEquals(65552, h.malloc(8));
        assertEquals(2, h.memory.pages());
        assertEquals(Heap.OCCUPIED + 13, h.memory.readU64(0));
    }

    @Test
    void aCallAfterTheGrowthRecordsTheGrownSize() {
        Heap h = Heap.onchain(0, 1, 4);
        h.malloc(8);
        long big = h.malloc(65536);
        h.malloc(8);
        h.memory.truncate(1);
        assertEquals(ErrorCode.MEMORY_SHRANK, h.freeError(big));
    }
}
