package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PageStoreTest {

    @Test
    void randomWritesReadBackLikeAPlainMap() {
        // given a store and a reference map, driven by clustered random writes (some zero)
        for (int seed = 0; seed < 8; seed++) {
            Random r = new Random(seed);
            PageStore store = new PageStore();
            Map<Long, Long> ref = new HashMap<>();
            for (int i = 0; i < 40_000; i++) {
                // a few hot pages, so pages get dense, interned, shared and taken back
                long page = r.nextInt(4) == 0 ? r.nextInt(65536) : r.nextInt(8);
                long index = page * PageStore.PAGE_WORDS + r.nextInt(r.nextBoolean() ? 64 : PageStore.PAGE_WORDS);
                long value = r.nextInt(3) == 0 ? 0 : (r.nextBoolean() ? 0x1_0000_0000L | r.nextInt(3) : r.nextLong());
                // when
                store.put(index, value);
                ref.put(index, value);
                // then (spot checks as we go)
                long probe = ((long) r.nextInt(8)) * PageStore.PAGE_WORDS + r.nextInt(PageStore.PAGE_WORDS);
                assertEquals(ref.getOrDefault(probe, 0L), store.get(probe), "seed " + seed + " step " + i);
            }
            for (Map.Entry<Long, Long> e : ref.entrySet()) {
                assertEquals(e.getValue(), store.get(e.getKey()), "seed " + seed + " index " + e.getKey());
            }
        }
    }

    @Test
    void aPeriodicFillSharesItsPages() {
        // given: headers of 8-byte blocks (a 2-word stride) written over 512 pages (32 MiB)
        PageStore store = new PageStore();
        long words = 512L * PageStore.PAGE_WORDS;
        // when
        for (long w = 0; w < words; w += 2) {
            store.put(w, 0x1_0000_0000L);
        }
        // then: one shared content, plus at most one batch of private pages
        assertEquals(1, store.sharedPages());
        assertTrue(store.storageBytes() <= (PageStore.SWEEP_EVERY + 1) * 65536L, "bytes " + store.storageBytes());
        for (long w = 0; w < words; w++) {
            assertEquals((w & 1) == 0 ? 0x1_0000_0000L : 0, store.get(w));
        }
    }

    @Test
    void writingIntoASharedPageChangesOnlyThatSlot() {
        // given two identical sparse pages, interned and shared
        PageStore store = new PageStore();
        for (int p = 0; p < PageStore.SWEEP_EVERY + 2; p++) {
            store.put((long) p * PageStore.PAGE_WORDS + 5, 42);
        }
        assertEquals(1, store.sharedPages());
        // when one of them is written
        store.put(5, 43);
        // then the other keeps its content
        assertEquals(43, store.get(5));
        assertEquals(42, store.get(PageStore.PAGE_WORDS + 5));
        // and writing the value a shared page already holds changes nothing
        store.put(2L * PageStore.PAGE_WORDS + 5, 42);
        assertEquals(42, store.get(2L * PageStore.PAGE_WORDS + 5));
    }

    @Test
    void sparsePagesBecomeDenseAndZeroedEntriesVanish() {
        PageStore store = new PageStore();
        for (int i = 0; i <= PageStore.DENSE_THRESHOLD; i++) {
            store.put(i * 2L, i + 1);
        }
        assertEquals(65536, store.storageBytes());
        for (int i = 0; i <= PageStore.DENSE_THRESHOLD; i++) {
            assertEquals(i + 1, store.get(i * 2L));
            assertEquals(0, store.get(i * 2L + 1));
        }
        PageStore other = new PageStore();
        other.put(9, 1);
        other.put(9, 0);
        assertEquals(0, other.get(9));
        assertEquals(0, other.storageBytes());
    }

    @Test
    void removeFromForgetsWholePagesAndTheirShares() {
        PageStore store = new PageStore();
        for (int p = 0; p < 200; p++) {
            store.put((long) p * PageStore.PAGE_WORDS, 7);
        }
        store.removeFrom(100L * PageStore.PAGE_WORDS);
        for (int p = 0; p < 200; p++) {
            assertEquals(p < 100 ? 7 : 0, store.get((long) p * PageStore.PAGE_WORDS), "page " + p);
        }
        store.removeFrom(0);
        assertEquals(0, store.sharedPages());
        assertEquals(0, store.storageBytes());
        store.put(3, 9);
        assertEquals(9, store.get(3));
    }

    private static final long W = PageStore.PAGE_WORDS;

    /** Writes value 42 at offset 5 of pages [from, to): identical sparse pages. */
    private static void identicalPages(PageStore store, int from, int to) {
        for (int p = from; p < to; p++) {
            store.put(p * W + 5, 42);
        }
    }

    @Test
    void aSparsePageCostsItsArraysAndAnInternedOneIsTrimmed() {
        PageStore store = new PageStore();
        store.put(5, 42);
        assertEquals(4 * 2 + 4 * 8, store.storageBytes()); // initial capacity of four pairs
        // when 64 more pages are written, the first is interned, trimmed to its one pair
        for (int p = 1; p <= PageStore.SWEEP_EVERY; p++) {
            store.put(p * W + 7, p);
        }
        assertEquals(64, store.sharedPages());
        assertEquals(64 * (2 + 8) + 40, store.storageBytes());
    }

    @Test
    void pagesAreInternedOnlyInBatches() {
        // given many writes into one page, then one write into each of two more
        PageStore store = new PageStore();
        for (int i = 0; i < 3 * PageStore.SWEEP_EVERY; i++) {
            store.put(i, i + 1);
        }
        store.put(W, 1);
        store.put(2 * W, 1);
        // then nothing is interned yet: three pages are far from a batch
        assertEquals(0, store.sharedPages());
    }

    @Test
    void aPageEmptiedWhileWaitingForItsBatchIsSkipped() {
        PageStore store = new PageStore();
        store.put(5, 42);
        store.put(5, 0);
        identicalPages(store, 1, PageStore.SWEEP_EVERY + 2);
        assertEquals(0, store.get(5));
        assertEquals(1, store.sharedPages());
    }

    @Test
    void sharingSurvivesWritesOfTheSameValueAndPartialRemoval() {
        PageStore store = new PageStore();
        identicalPages(store, 0, PageStore.SWEEP_EVERY + 2);
        long bytes = store.storageBytes();
        // when a shared page is written with the value it already holds
        store.put(3 * W + 5, 42);
        // then nothing is copied
        assertEquals(bytes, store.storageBytes());
        // and a write that changes one copy leaves the others shared
        store.put(5, 43);
        assertEquals(1, store.sharedPages());
        // and removing some of the sharing pages keeps the content for the rest
        store.removeFrom(10 * W);
        assertEquals(1, store.sharedPages());
        assertEquals(42, store.get(9 * W + 5));
        store.removeFrom(0);
        assertEquals(0, store.sharedPages());
    }

    @Test
    void aPageSharedByNoOtherIsTakenBackWithoutCopy() {
        // given one interned page with unique content
        PageStore store = new PageStore();
        store.put(5, 99);
        identicalPages(store, 1, PageStore.SWEEP_EVERY + 1);
        assertEquals(2, store.sharedPages());
        // when it is written
        store.put(6, 1);
        // then it left the interned set
        assertEquals(1, store.sharedPages());
        assertEquals(99, store.get(5));
        assertEquals(1, store.get(6));
    }

    @Test
    void zerosAreNeverStoredSoTheyCannotMakeAPageDense() {
        PageStore store = new PageStore();
        store.put(0, 1);
        for (int i = 1; i <= PageStore.DENSE_THRESHOLD + 10; i++) {
            store.put(i, 0);
        }
        assertEquals(40, store.storageBytes());
    }

    @Test
    void aPageAtTheThresholdIsStillSparse() {
        PageStore store = new PageStore();
        for (int i = 0; i < PageStore.DENSE_THRESHOLD; i++) {
            store.put(i, 1);
        }
        assertTrue(store.storageBytes() < 65536, "bytes " + store.storageBytes());
    }

    @Test
    void densePagesWithCollidingHashesAreNotMerged() {
        // given two dense pages whose Arrays.hashCode collide: (1, 0, ...) and (0, 31, ...)
        PageStore store = new PageStore();
        for (int p = 0; p < 2; p++) {
            for (int i = 100; i < 100 + PageStore.DENSE_THRESHOLD + 1; i++) {
                store.put(p * W + i, 5);
            }
        }
        store.put(0, 1);
        store.put(W + 1, 31);
        // when both are interned
        identicalPages(store, 2, PageStore.SWEEP_EVERY + 3);
        // then each keeps its own content
        assertEquals(1, store.get(0));
        assertEquals(0, store.get(1));
        assertEquals(0, store.get(W));
        assertEquals(31, store.get(W + 1));
        assertEquals(3, store.sharedPages());
    }

    @Test
    void identicalDensePagesShareOneCopy() {
        PageStore store = new PageStore();
        for (int p = 0; p < PageStore.SWEEP_EVERY + 1; p++) {
            for (int i = 0; i < PageStore.DENSE_THRESHOLD + 1; i++) {
                store.put(p * W + i, 7);
            }
        }
        assertEquals(1, store.sharedPages());
        assertEquals(7, store.get(3 * W + 2048));
    }

    @Test
    void pagesBelowATruncationStayInTheirBatch() {
        // given ten identical pages waiting for their batch, and a truncation above them
        PageStore store = new PageStore();
        identicalPages(store, 0, 10);
        store.removeFrom(20 * W);
        // when 55 more pages fill the batch (10 + 55 = 65 > 64)
        identicalPages(store, 30, 85);
        // then the ten were interned together with the others
        assertEquals(1, store.sharedPages());
    }

    @Test
    void removeFromReachesTheHighestPageWhateverTheOrderOfWrites() {
        // given a page near the top written first, then a low one, then one in between
        PageStore store = new PageStore();
        assertEquals(0, store.get(65_535 * W + 8191));
        store.put(65_000 * W + 1, 5);
        store.put(3 * W, 6);
        store.put(40_000 * W, 7);
        // when everything from page 10 up is removed
        store.removeFrom(10 * W);
        // then only the low page is left, and a later write high up is again removed by the next truncation
        assertEquals(0, store.get(65_000 * W + 1));
        assertEquals(0, store.get(40_000 * W));
        assertEquals(6, store.get(3 * W));
        store.put(50_000 * W, 8);
        store.removeFrom(20 * W);
        assertEquals(0, store.get(50_000 * W));
        assertEquals(6, store.get(3 * W));
        store.removeFrom(0);
        assertEquals(0, store.get(3 * W));
        assertEquals(0, store.storageBytes());
        // and a write into the lowest slot after that (the slot the bound now stands at) is removed too
        store.put(5, 1);
        store.removeFrom(0);
        assertEquals(0, store.get(5));
    }

    @Test
    void pagesEitherSideOfALeafBoundaryAreKeptAndTruncatedApart() {
        // given pages in the last slot of the first 256-page leaf, the first of the second, and near 4 GiB
        long w = PageStore.PAGE_WORDS;
        PageStore store = new PageStore();
        store.put(255 * w + 7, 11);
        store.put(256 * w + 7, 22);
        store.put(300 * w, 33);
        store.put(65535 * w + w - 1, 44);

        // when truncating in the middle of the second leaf
        store.removeFrom(257 * w);

        // then what lies below stays, in both leaves, and everything above is gone
        assertEquals(11, store.get(255 * w + 7));
        assertEquals(22, store.get(256 * w + 7));
        assertEquals(0, store.get(300 * w));
        assertEquals(0, store.get(65535 * w + w - 1));
        assertEquals(0, store.get(65535 * w + w - 2));
        // and the truncated slots take new words again
        store.put(300 * w, 55);
        assertEquals(55, store.get(300 * w));
        store.removeFrom(256 * w);
        assertEquals(11, store.get(255 * w + 7));
        assertEquals(0, store.get(256 * w + 7));
        assertEquals(0, store.get(300 * w));
    }
}
