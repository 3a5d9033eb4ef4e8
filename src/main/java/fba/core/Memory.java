package fba.core;

/**
 * Word-level view of a Wasm linear memory: what the allocator needs and nothing more.
 *
 * <p>Addresses and sizes are unsigned 32-bit quantities carried in {@code long}s. The allocator
 * checks every bound itself before it calls {@link #readU64} or {@link #writeU64}; an
 * implementation may therefore assume {@code 0 <= addr && addr + 8 <= size()}. Keeping the byte
 * encoding behind this interface means proofs about the allocator reason about words only.
 *
 * <p>The JML model: {@code words[a]} is the u64 that {@link #readU64}{@code (a)} returns, for every
 * byte address {@code a} (so neighbouring entries overlap in memory: a write at {@code a} may change
 * {@code words[b]} for {@code |a - b| < 8} and leaves all others alone). {@code curPages} and
 * {@code limitPages} mirror {@link #pages()} and {@link #maxPages()}. {@code footprint} is every
 * location an implementation may change. The byte-level implementation ({@link SparseMemory}) is
 * not proved: it is the trusted component, covered by tests (see verification/README.md).
 */
public interface Memory {

    /*@ public instance model \seq words;
      @ public instance model int curPages;
      @ public instance model int limitPages;
      @ public instance model \locset footprint;
      @ public instance accessible words : footprint;
      @ public instance accessible curPages : footprint;
      @ public instance accessible limitPages : footprint;
      @ public instance accessible footprint : footprint;
      @ public instance accessible \inv : footprint;
      @*/

    /** Bytes in one Wasm page. */
    int PAGE_SIZE = 65536;

    /** The most pages a 32-bit linear memory can have (4 GiB). */
    int MAX_WASM_PAGES = 65536;

    /** Current number of pages. */
    /*@ public normal_behavior
      @ ensures \result == curPages && 0 <= \result && \result <= limitPages && limitPages <= 65536;
      @ assignable \strictly_nothing;
      @*/
    int pages();

    /** Upper limit on {@link #pages()}, at most {@link #MAX_WASM_PAGES}. */
    /*@ public normal_behavior
      @ ensures \result == limitPages && 0 <= curPages && curPages <= \result && \result <= 65536;
      @ assignable \strictly_nothing;
      @*/
    int maxPages();

    /** Current size in bytes: {@code pages() * PAGE_SIZE}. */
    /*@ public normal_behavior
      @ ensures \result == (\bigint) curPages * 65536 && 0 <= curPages && curPages <= limitPages
      @     && limitPages <= 65536;
      @ assignable \strictly_nothing;
      @*/
    long size();

    /**
     * Adds {@code delta} zeroed pages. Returns false, changing nothing, when the result would
     * exceed {@link #maxPages()}.
     */
    /*@ public normal_behavior
      @ requires 0 <= delta;
      @ ensures \result == (\old(curPages) + delta <= limitPages);
      @ ensures curPages == (\result ? \old(curPages) + delta : \old(curPages));
      @ ensures limitPages == \old(limitPages);
      @ ensures (\forall \bigint b; 0 <= b && b + 8 <= (\bigint) \old(curPages) * 65536;
      @     (\bigint) words[b] == \old((\bigint) words[b]));
      @ // The new pages read zero (a Wasm memory's grow); a refused grow adds none.
      @ ensures (\forall \bigint b; (\bigint) \old(curPages) * 65536 <= b && b + 8 <= (\bigint) curPages * 65536;
      @     (\bigint) words[b] == 0);
      @ ensures \new_elems_fresh(footprint);
      @ assignable footprint;
      @*/
    boolean grow(long delta);

    /** The little-endian u64 stored at {@code addr} (any alignment). */
    /*@ public normal_behavior
      @ requires 0 <= addr && addr + 8 <= (\bigint) curPages * 65536;
      @ ensures \result == (\bigint) words[addr];
      @ assignable \strictly_nothing;
      @*/
    long readU64(long addr);

    /** Stores {@code value} as a little-endian u64 at {@code addr} (any alignment). */
    /*@ public normal_behavior
      @ requires 0 <= addr && addr + 8 <= (\bigint) curPages * 65536;
      @ ensures (\bigint) words[addr] == value;
      @ ensures (\forall \bigint b; b + 8 <= addr || addr + 8 <= b; words[b] == \old(words[b]));
      @ // The same frame for aligned words, pointwise: an aligned write changes the aligned word at
      @ // addr and no other aligned word. (A prover instantiates this without a case split.)
      @ ensures addr % 8 == 0 ==> (\forall \bigint b; b % 8 == 0;
      @     (\bigint) words[b] == (b == addr ? (\bigint) value : (\bigint) \old(words[b])));
      @ ensures curPages == \old(curPages) && limitPages == \old(limitPages);
      @ ensures \new_elems_fresh(footprint);
      @ assignable footprint;
      @*/
    void writeU64(long addr, long value);
}
