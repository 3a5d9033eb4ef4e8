package fba.core;

/**
 * A linear memory of up to 4 GiB that costs only what has been written.
 *
 * <p>Two stores, split at {@link #DENSE_BYTES}:
 * <ul>
 *   <li>Below it, a table of 4 KiB pages, each a plain {@code long[512]} of little-endian words
 *       created by the first non-zero write into it. Heaps grow upward from a low heap base, so
 *       this is where nearly every access of a real session lands, and an aligned access is two
 *       array loads. A session pays only for the pages it writes (never more than 16 MiB here),
 *       and a fresh session pays 16 KiB for the table. (Pages of 64 KiB made the checker's short
 *       sessions, which write a few headers each over a wide range, allocate and zero about
 *       600 KiB each; issue 16.)</li>
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

    /** Bytes at the bottom of memory kept in plain pages: 16 MiB. */
    static final long DENSE_BYTES = 16L << 20;
    private static final int DENSE_WORDS = (int) (DENSE_BYTES >>> 3);
    /** Words per low page: 4 KiB pages. */
    private static final int LOW_WORDS = 512;
    private static final int LOW_SHIFT = 9;

    /** Low pages 0 .. 4095 (the bottom 16 MiB); null for a page that holds only zeros. */
    private final long[][] low = new long[DENSE_WORDS / LOW_WORDS][];
    /** Every low page from here up is null, so a truncation need not visit all 4096 of them. */
    private int lowUsed;
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
        // delta > maxPages - pages, not pages + delta > maxPages: the sum of an int and a huge long
        // wraps negative and would pass the check (Memory's contract: refuse, change nothing).
        if (delta < 0 || delta > maxPages - pages) {
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
        for (long p = keptWords >>> LOW_SHIFT; p < lowUsed; p++) {
            low[(int) p] = null;
        }
        if (upper != null) {
            upper.removeFrom(keptWords);
        }
        pages = newPages;
    }

    /** Approximate bytes of RAM holding memory contents, for accounting in tests and benchmarks. */
    public long storageBytes() {
        long bytes = upper == null ? 0 : upper.storageBytes();
        for (long[] page : low) {
            if (page != null) {
                bytes += LOW_WORDS * 8L;
            }
        }
        return bytes;
    }

    @Override
    public long readU64(long addr) {
        long index = addr >>> 3;
        if ((addr & 7) == 0 && index < DENSE_WORDS) {
            long[] page = low[(int) (index >>> LOW_SHIFT)];
            return page == null ? 0 : page[(int) index & (LOW_WORDS - 1)];
        }
        return readSlow(addr);
    }

    @Override
    public void writeU64(long addr, long value) {
        long index = addr >>> 3;
        if ((addr & 7) == 0 && index < DENSE_WORDS) {
            long[] page = low[(int) (index >>> LOW_SHIFT)];
            if (page != null) {
                page[(int) index & (LOW_WORDS - 1)] = value;
                return;
            }
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
            long[] page = low[(int) (index >>> LOW_SHIFT)];
            return page == null ? 0 : page[(int) index & (LOW_WORDS - 1)];
        }
        return upper == null ? 0 : upper.get(index);
    }

    private void setWord(long index, long value) {
        if (index < DENSE_WORDS) {
            int p = (int) (index >>> LOW_SHIFT);
            long[] page = low[p];
            if (page == null) {
                if (value == 0) {
                    return; // writing zero where nothing was written changes nothing
                }
                page = new long[LOW_WORDS];
                low[p] = page;
                if (p >= lowUsed) {
                    lowUsed = p + 1;
                }
            }
            page[(int) index & (LOW_WORDS - 1)] = value;
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
}
