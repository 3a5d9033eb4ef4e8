package fba.core;

/**
 * A linear memory of up to 4 GiB that costs only what has been written.
 *
 * <p>Storage is a page table (one slot per Wasm page, up to the maximum) of chunk tables; a chunk
 * is 512 bytes held as 64 little-endian words. A chunk is created by the first write that touches
 * it; a missing chunk reads as zeros. Small chunks keep a heap that scatters headers across the
 * whole address space (one header per 64 KiB, say) near 1 KiB of RAM per header rather than a
 * whole page.
 *
 * <p>Besides the {@link Memory} operations it offers {@link #truncate}, the fault the protocol
 * uses to shrink memory under the allocator's feet. Pages removed by a truncation are discarded:
 * growing again yields zeros, as a Wasm memory would.
 */
public final class SparseMemory implements Memory {

    private static final int WORDS_PER_CHUNK = 64;
    private static final int CHUNKS_PER_PAGE = PAGE_SIZE / (WORDS_PER_CHUNK * 8);

    private final long[][][] table;
    private final int maxPages;
    private int pages;

    /** A memory of {@code initialPages} zeroed pages that may grow to {@code maxPages}. */
    public SparseMemory(int initialPages, int maxPages) {
        if (maxPages < 0 || maxPages > MAX_WASM_PAGES || initialPages < 0 || initialPages > maxPages) {
            throw new IllegalArgumentException(
                    "need 0 <= initialPages (" + initialPages + ") <= maxPages (" + maxPages + ") <= 65536");
        }
        this.table = new long[maxPages][][];
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
        for (int p = newPages; p < pages; p++) {
            table[p] = null;
        }
        pages = newPages;
    }

    /** Number of 512-byte chunks that hold data (for memory accounting in tests and benchmarks). */
    public long materializedChunks() {
        long n = 0;
        for (long[][] page : table) {
            if (page != null) {
                for (long[] chunk : page) {
                    if (chunk != null) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    @Override
    public long readU64(long addr) {
        long word = addr >>> 3;
        int shift = (int) (addr & 7) << 3;
        if (shift == 0) {
            return word(word);
        }
        return (word(word) >>> shift) | (word(word + 1) << (64 - shift));
    }

    @Override
    public void writeU64(long addr, long value) {
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

    /** The byte at {@code addr}; for tests that check the little-endian layout. */
    public int readByte(long addr) {
        return (int) (word(addr >>> 3) >>> ((addr & 7) << 3)) & 0xFF;
    }

    private long word(long index) {
        long[][] page = table[(int) (index >>> 13)];
        if (page == null) {
            return 0;
        }
        long[] chunk = page[(int) (index >>> 6) & (CHUNKS_PER_PAGE - 1)];
        return chunk == null ? 0 : chunk[(int) index & (WORDS_PER_CHUNK - 1)];
    }

    private void setWord(long index, long value) {
        int p = (int) (index >>> 13);
        long[][] page = table[p];
        if (page == null) {
            if (value == 0) {
                return; // writing zero where nothing was written changes nothing
            }
            page = new long[CHUNKS_PER_PAGE][];
            table[p] = page;
        }
        int c = (int) (index >>> 6) & (CHUNKS_PER_PAGE - 1);
        long[] chunk = page[c];
        if (chunk == null) {
            if (value == 0) {
                return;
            }
            chunk = new long[WORDS_PER_CHUNK];
            page[c] = chunk;
        }
        chunk[(int) index & (WORDS_PER_CHUNK - 1)] = value;
    }
}
