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


    private final PageStore store = new PageStore();
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
        store.removeFrom((long) newPages * (PAGE_SIZE / 8));
        pages = newPages;
    }

    /** Approximate bytes of RAM holding memory contents, for accounting in tests and benchmarks. */
    public long storageBytes() {
        return store.storageBytes();
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
        return store.get(index);
    }

    private void setWord(long index, long value) {
        store.put(index, value);
    }
}
