package fba.core;

import java.util.Arrays;

/**
 * A linear memory of up to 4 GiB that costs only what has been written.
 *
 * <p>Two stores, split at {@link #DENSE_BYTES}:
 * <ul>
 *   <li>Below it, one flat {@code long[]} of little-endian words that grows (by doubling) to cover
 *       the highest word written so far. Heaps grow upward from a low heap base, so this is where
 *       nearly every access of a real session lands, and a flat array makes an aligned access a
 *       single bounds check and load.</li>
 *   <li>Above it, a {@link PageStore}: 64 KiB pages kept as sorted (offset, word) pairs while
 *       sparse, flat once dense, and interned by content, so that a heap scattering headers over
 *       the whole address space costs tens of bytes per header and a heap filling 4 GiB with
 *       blocks of one size costs a few shared pages. It is created by the first write up there,
 *       so a session that stays low never pays for its page table.</li>
 * </ul>
 * Memory that was never written reads as zero in both.
 *
 * <p>Besides the {@link Memory} operations it offers {@link #truncate}, the fault the protocol
 * uses to shrink memory under the allocator's feet. Pages removed by a truncation are discarded:
 * growing again yields zeros, as a Wasm memory would.
 */
public final class SparseMemory implements Memory {

    /** Bytes at the bottom of memory kept flat: 16 MiB, at most 16 MiB of RAM per session. */
    static final long DENSE_BYTES = 16L << 20;
    private static final int DENSE_WORDS = (int) (DENSE_BYTES >>> 3);
    /** The first flat array: 4 KiB, so a fresh session costs next to nothing. */
    private static final int MIN_DENSE_WORDS = 512;
    private static final long[] NO_WORDS = new long[0];

    /** Words 0 .. dense.length-1; words from there up to DENSE_WORDS are all zero. */
    private long[] dense = NO_WORDS;
    /** Words from DENSE_WORDS up; null until something non-zero is written there. */
    private PageStore upper;
    private final int maxPages;
    private int pages;

    /** A memory of {@code initialPages} zeroed pages that may grow to {@code maxPages}. */
    public SparseMemory(int initialPages, int maxPages) {
        if (maxPages < 0 || maxPages > MAX_WASM_PAGES || initialPages < 0 || initialPages > maxPages) {
            throw new IllegalArgumentException(
                    "need 0 <= initialPages (" + initialPages + ") <= maxPages (" + maxPages + ") <= 65536");
        }
        this.maxPages = maxPages;
        this.pages = initialPages;
    }

    @Override
    public int pages() {
        return pages;
    }

    @Override
    public int maxPages() {
        return maxPages;
    }

    @Override
    public long size() {
        return (long) pages * PAGE_SIZE;
    }

    @Override
    public boolean grow(long delta) {
        if (delta < 0 || pages + delta > maxPages) {
            return false;
        }
        pages += (int) delta;
        return true;
    }

    /** Shrinks memory to {@code newPages} (at most the current count), discarding what lay beyond. */
    public void truncate(int newPages) {
        if (newPages < 0 || newPages > pages) {
            throw new IllegalArgumentException("truncate to " + newPages + " pages, memory has " + pages);
        }
        long keptWords = (long) newPages * (PAGE_SIZE / 8);
        if (keptWords < dense.length) {
            Arrays.fill(dense, (int) keptWords, dense.length, 0L);
        }
        if (upper != null) {
            upper.removeFrom(keptWords);
        }
        pages = newPages;
    }

    /** Approximate bytes of RAM holding memory contents, for accounting in tests and benchmarks. */
    public long storageBytes() {
        return dense.length * 8L + (upper == null ? 0 : upper.storageBytes());
    }

    @Override
    public long readU64(long addr) {
        long index = addr >>> 3;
        long[] d = dense;
        if ((addr & 7) == 0 && index < d.length) {
            return d[(int) index];
        }
        return readSlow(addr);
    }

    @Override
    public void writeU64(long addr, long value) {
        long index = addr >>> 3;
        long[] d = dense;
        if ((addr & 7) == 0 && index < d.length) {
            d[(int) index] = value;
            return;
        }
        writeSlow(addr, value);
    }

    /** The byte at {@code addr}; for tests that check the little-endian layout. */
    public int readByte(long addr) {
        return (int) (word(addr >>> 3) >>> ((addr & 7) << 3)) & 0xFF;
    }

    // Kept out of readU64/writeU64 so that the aligned flat case stays small enough to inline.
    private long readSlow(long addr) {
        long word = addr >>> 3;
        int shift = (int) (addr & 7) << 3;
        if (shift == 0) {
            return word(word);
        }
        return (word(word) >>> shift) | (word(word + 1) << (64 - shift));
    }

    private void writeSlow(long addr, long value) {
        long word = addr >>> 3;
        int shift = (int) (addr & 7) << 3;
        if (shift == 0) {
            setWord(word, value);
            return;
        }
        long lowMask = -1L << shift; // bits of the first word that the value covers
        setWord(word, (word(word) & ~lowMask) | (value << shift));
        long highMask = -1L >>> (64 - shift); // bits of the second word that the value covers
        setWord(word + 1, (word(word + 1) & ~highMask) | (value >>> (64 - shift)));
    }

    private long word(long index) {
        if (index < DENSE_WORDS) {
            return index < dense.length ? dense[(int) index] : 0;
        }
        return upper == null ? 0 : upper.get(index);
    }

    private void setWord(long index, long value) {
        if (index < DENSE_WORDS) {
            if (index >= dense.length) {
                if (value == 0) {
                    return; // writing zero where nothing was written changes nothing
                }
                growDense((int) index);
            }
            dense[(int) index] = value;
            return;
        }
        if (upper == null) {
            if (value == 0) {
                return;
            }
            upper = new PageStore();
        }
        upper.put(index, value);
    }

    /** Makes the flat array cover word {@code index}: the next power of two, at least double. */
    private void growDense(int index) {
        int length = Math.max(MIN_DENSE_WORDS, Math.max(dense.length * 2, Integer.highestOneBit(index) * 2));
        dense = Arrays.copyOf(dense, Math.min(length, DENSE_WORDS));
    }
}
