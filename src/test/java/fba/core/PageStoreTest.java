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
}
