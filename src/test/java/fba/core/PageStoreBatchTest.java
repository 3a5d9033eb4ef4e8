package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * PageStore details the reads alone do not show: which slots wait for the next interning batch,
 * what shared dense pages cost, and that pages whose hashes collide stay apart.
 */
class PageStoreBatchTest {

    private static final long W = PageStore.PAGE_WORDS;
    private static final int BATCH = PageStore.SWEEP_EVERY;

    /** Writes value 42 at offset 5 of pages [from, to): identical sparse pages. */
    private static void identicalPages(PageStore store, int from, int to) {
        for (int p = from; p < to; p++) {
            store.put(p * W + 5, 42);
        }
    }

    @Test
    void givenAZeroWrittenIntoAnAbsentPage_whenABatchFillsUp_thenThatPageTookNoPlaceInIt() {
        // given: a zero written where nothing was ever written changes nothing
        PageStore store = new PageStore();
        store.put(1000 * W + 3, 0);
        // when: exactly one batch of identical pages is written (the batch is interned by the next one)
        identicalPages(store, 0, BATCH);
        // then: nothing is interned yet
        assertEquals(0, store.sharedPages());
        // and the next page written starts the batch
        store.put(BATCH * W + 5, 42);
        assertEquals(1, store.sharedPages());
        assertEquals(0, store.get(1000 * W + 3));
    }

    @Test
    void givenAFullBatchList_whenTruncatedInTheMiddle_thenThePagesBelowStayListedAndTheRestIsForgotten() {
        // given: a full list of pages waiting for their batch
        PageStore store = new PageStore();
        identicalPages(store, 0, BATCH);
        // when
        store.removeFrom(32 * W);
        // then: the lower half reads back, the upper half is gone
        for (int p = 0; p < BATCH; p++) {
            assertEquals(p < 32 ? 42 : 0, store.get(p * W + 5), "page " + p);
        }
        // and the 32 kept pages still wait: 32 more fill the list, the next one interns it
        identicalPages(store, 100, 132);
        assertEquals(0, store.sharedPages());
        store.put(200 * W + 5, 42);
        assertEquals(1, store.sharedPages());
    }

    @Test
    void givenTheFirstRemovedPageWasWaitingForItsBatch_whenTruncated_thenItLeavesTheList() {
        // given: pages 0..9 and 20 wait for their batch
        PageStore store = new PageStore();
        identicalPages(store, 0, 10);
        identicalPages(store, 20, 21);
        // when: memory is cut at page 20 (the first removed page)
        store.removeFrom(20 * W);
        // then: only the ten pages below stay listed, so 54 more pages make a full list of 64 ...
        identicalPages(store, 30, 84);
        assertEquals(0, store.sharedPages());
        // ... and the 55th interns it
        store.put(90 * W + 5, 42);
        assertEquals(1, store.sharedPages());
        assertEquals(0, store.get(20 * W + 5));
    }

    /** Fills pages [from, to) densely with value 7 (more than DENSE_THRESHOLD words each). */
    private static void identicalDensePages(PageStore store, int from, int to) {
        for (int p = from; p < to; p++) {
            for (int i = 0; i <= PageStore.DENSE_THRESHOLD; i++) {
                store.put(p * W + i, 7);
            }
        }
    }

    @Test
    void givenIdenticalDensePagesInterned_whenStorageIsCounted_thenTheSharedPageCountsOnceInFull() {
        // given: 64 identical dense pages interned by the 65th, which stays private
        PageStore store = new PageStore();
        identicalDensePages(store, 0, BATCH + 1);
        // then: one shared dense page and one private dense page, 64 KiB each
        assertEquals(1, store.sharedPages());
        assertEquals(2 * 65536L, store.storageBytes());
    }

    @Test
    void givenADensePageSharedBySeveralSlots_whenOneSlotIsWritten_thenItGetsItsOwnCopy() {
        // given
        PageStore store = new PageStore();
        identicalDensePages(store, 0, BATCH + 1);
        // when
        store.put(3 * W, 9);
        // then: slot 3 changed, the others did not, and the shared copy is still there
        assertEquals(9, store.get(3 * W));
        assertEquals(7, store.get(3 * W + 1));
        assertEquals(7, store.get(4 * W));
        assertEquals(1, store.sharedPages());
        assertEquals(3 * 65536L, store.storageBytes());
    }

    @Test
    void givenSparsePagesWhoseOffsetsCollideInTheirHash_whenInterned_thenEachKeepsItsOwnWords() {
        // given: words at offsets {0, 40} and {1, 9}: Arrays.hashCode gives 31*(31+0)+40 = 31*(31+1)+9
        PageStore store = new PageStore();
        store.put(0, 1);
        store.put(40, 1);
        store.put(W + 1, 1);
        store.put(W + 9, 1);
        // when: a batch interns both
        identicalPages(store, 2, BATCH + 1);
        // then
        assertEquals(3, store.sharedPages());
        assertEquals(1, store.get(0));
        assertEquals(1, store.get(40));
        assertEquals(0, store.get(1));
        assertEquals(1, store.get(W + 1));
        assertEquals(1, store.get(W + 9));
        assertEquals(0, store.get(W));
        assertEquals(0, store.get(W + 40));
    }

    @Test
    void givenSparsePagesWhoseValuesCollideInTheirHash_whenInterned_thenEachKeepsItsOwnValues() {
        // given: values (1, 40) and (2, 9) at offsets 0 and 8: 31*(31+1)+40 = 31*(31+2)+9
        PageStore store = new PageStore();
        store.put(0, 1);
        store.put(8, 40);
        store.put(W, 2);
        store.put(W + 8, 9);
        // when
        identicalPages(store, 2, BATCH + 1);
        // then
        assertEquals(3, store.sharedPages());
        assertEquals(1, store.get(0));
        assertEquals(40, store.get(8));
        assertEquals(2, store.get(W));
        assertEquals(9, store.get(W + 8));
    }

    private static PageStore.Sparse sparse(int off, long value) {
        PageStore.Sparse s = new PageStore.Sparse();
        s.put(off, value);
        return s.trimmed();
    }

    /** A dense page, all zeros but its last word, chosen so that its hash is {@code target}. */
    private static long[] denseWithHash(int target) {
        int prefix = Arrays.hashCode(new long[PageStore.PAGE_WORDS - 1]);
        long[] d = new long[PageStore.PAGE_WORDS];
        d[d.length - 1] = (target - 31 * prefix) & 0xFFFFFFFFL; // a word below 2^32 hashes to itself
        return d;
    }

    @Test
    void givenASparseAndADensePageWithEqualHashes_whenCompared_thenTheyDiffer() {
        // given
        PageStore.Shared sparse = new PageStore.Shared(sparse(5, 42));
        PageStore.Shared dense = new PageStore.Shared(denseWithHash(sparse.hashCode()));
        assertEquals(sparse.hashCode(), dense.hashCode(), "test setup: the hashes must collide");
        // when / then, in both directions
        assertFalse(sparse.equals(dense));
        assertFalse(dense.equals(sparse));
    }

    @Test
    void givenSharedPages_whenComparedWithOtherContentOrOtherTypes_thenTheyDiffer() {
        PageStore.Shared a = new PageStore.Shared(sparse(5, 42));
        PageStore.Shared b = new PageStore.Shared(sparse(5, 43));
        PageStore.Shared a2 = new PageStore.Shared(sparse(5, 42));
        assertNotEquals(a.hashCode(), b.hashCode());
        assertFalse(a.equals(b));
        assertFalse(a.equals("a page"));
        assertFalse(a.equals(null));
        assertEquals(a, a2);
        assertEquals(a.hashCode(), a2.hashCode());
    }
}
