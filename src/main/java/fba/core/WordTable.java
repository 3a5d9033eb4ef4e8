package fba.core;

/**
 * The sparse part of {@link SparseMemory}: a map from word index (non-negative) to 64-bit word,
 * by open addressing with linear probing in one {@code long[]} of (index + 1, word) pairs, so a
 * lookup usually touches one cache line. 0 marks an empty slot. Entries are never removed one by
 * one; {@link #removeFrom} rebuilds the table.
 */
final class WordTable {

    private static final int MIN_SLOTS = 1 << 10;

    /** slots * 2 longs: key (index + 1, 0 = empty) then value. */
    private long[] pairs = new long[MIN_SLOTS * 2];
    private int mask = MIN_SLOTS - 1;
    private int size;

    /** The word at {@code index}, 0 when it was never stored. */
    long get(long index) {
        long key = index + 1;
        long[] p = pairs;
        int slot = slot(key);
        while (true) {
            long k = p[slot * 2];
            if (k == key) {
                return p[slot * 2 + 1];
            }
            if (k == 0) {
                return 0;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Stores {@code value} at {@code index}; storing 0 where nothing is stored adds no entry. */
    void put(long index, long value) {
        long key = index + 1;
        int slot = slot(key);
        while (true) {
            long k = pairs[slot * 2];
            if (k == key) {
                pairs[slot * 2 + 1] = value;
                return;
            }
            if (k == 0) {
                if (value == 0) {
                    return;
                }
                pairs[slot * 2] = key;
                pairs[slot * 2 + 1] = value;
                size++;
                if (size * 2 > mask + 1) {
                    rehash(pairs, (mask + 1) * 2);
                }
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Drops every entry at {@code index >= from}. */
    void removeFrom(long from) {
        long[] old = pairs;
        int slots = MIN_SLOTS;
        int kept = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 && old[i] - 1 < from) {
                kept++;
            }
        }
        while (kept * 2 > slots) {
            slots *= 2;
        }
        pairs = new long[slots * 2];
        mask = slots - 1;
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 && old[i] - 1 < from) {
                insertFresh(old[i], old[i + 1]);
            }
        }
    }

    long storageBytes() {
        return pairs.length * 8L;
    }

    private void rehash(long[] old, int slots) {
        pairs = new long[slots * 2];
        mask = slots - 1;
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0) {
                insertFresh(old[i], old[i + 1]);
            }
        }
    }

    /** Inserts a key known to be absent, into a table known to have room. */
    private void insertFresh(long key, long value) {
        int slot = slot(key);
        while (pairs[slot * 2] != 0) {
            slot = (slot + 1) & mask;
        }
        pairs[slot * 2] = key;
        pairs[slot * 2 + 1] = value;
        size++;
    }

    /** Fibonacci hashing: word indices of headers are strided, so mix before masking. */
    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }
}
