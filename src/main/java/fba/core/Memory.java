package fba.core;

/**
 * Word-level view of a Wasm linear memory: what the allocator needs and nothing more.
 *
 * <p>Addresses and sizes are unsigned 32-bit quantities carried in {@code long}s. The allocator
 * checks every bound itself before it calls {@link #readU64} or {@link #writeU64}; an
 * implementation may therefore assume {@code 0 <= addr && addr + 8 <= size()}. Keeping the byte
 * encoding behind this interface means proofs about the allocator reason about words only.
 */
public interface Memory {

    /** Bytes in one Wasm page. */
    int PAGE_SIZE = 65536;

    /** The most pages a 32-bit linear memory can have (4 GiB). */
    int MAX_WASM_PAGES = 65536;

    /** Current number of pages. */
    int pages();

    /** Upper limit on {@link #pages()}, at most {@link #MAX_WASM_PAGES}. */
    int maxPages();

    /** Current size in bytes: {@code pages() * PAGE_SIZE}. */
    long size();

    /**
     * Adds {@code delta} zeroed pages. Returns false, changing nothing, when the result would
     * exceed {@link #maxPages()}.
     */
    boolean grow(long delta);

    /** The little-endian u64 stored at {@code addr} (any alignment). */
    long readU64(long addr);

    /** Stores {@code value} as a little-endian u64 at {@code addr} (any alignment). */
    void writeU64(long addr, long value);
}
