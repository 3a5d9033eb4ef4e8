package fba.core;

/**
 * The freeing-bump heap allocator, bit-exact with sc-allocator's release build.
 *
 * <pre>
 *   0        heap_base                                   bumper              size()
 *   |  ....  |[h|block][h|blk][h|block      ][h|b]       |                    |
 *   +--------+-------------------------------------------+--------------------+
 *             ^ every block: an 8-byte header h, then     ^ fresh space is carved here;
 *               2^(order+3) bytes; the pointer handed       memory grows when it runs out
 *               out is the address just after h
 * </pre>
 *
 * <p>Blocks come in power-of-two sizes, one <em>order</em> per size (order 0 = 8 bytes). Each order
 * has a singly linked free list threaded through the headers of its free blocks; {@code malloc}
 * pops the head of its order's list or, when the list is empty, bumps. {@code free} pushes the
 * block back on the head of its list, so reuse is LIFO. A block never changes order and space is
 * never returned to the bump region.
 *
 * <p>Header (little-endian u64): bit 32 set means occupied and the low 32 bits hold the order;
 * bit 32 clear means free and the low 32 bits hold the address of the next free header, or
 * {@code 0xFFFFFFFF} for the end of the list. Bits 33..63 are written as zero and ignored on read.
 *
 * <h2>Caveats</h2>
 * <ul>
 *   <li>The first error of any kind poisons the allocator: every later {@code malloc} and
 *       {@code free} fails with {@link Status#POISONED}. Some errors are detected only after the
 *       state has changed (a stats underflow in {@code free} leaves the block already pushed), and
 *       that partial change is reproduced.</li>
 *   <li>Shrinking memory is detected only by comparing the size at the start of a call with the
 *       size at the start of the previous call; growth done by the allocator itself during a call
 *       is not remembered, so a shrink back to that earlier size goes unnoticed.</li>
 *   <li>In the {@link Profile#SUBSTRATE} profile the u32 arithmetic wraps exactly where
 *       sc-allocator's does: the aligned heap base for bases above {@code 0xFFFFFFF8}, the bump
 *       pointer when a block ends exactly at 4 GiB, the allocated-bytes count, and the
 *       address-space-used figure. {@link Profile#STRICT} refuses those operations instead.</li>
 * </ul>
 *
 * <h2>Proof-friendly form</h2>
 * All u32 quantities are held in {@code long}s in {@code [0, 2^32)}. The u32 wraps and the header
 * bit fields are computed with {@code %}, {@code /} and comparisons instead of masks and shifts:
 * for the non-negative operands involved they give the same bits, and the prover (KeY, see
 * verification/README.md) reasons about them where it cannot about bitwise operators. No
 * operation overflows a Java {@code long} or {@code int}; the proofs check that. The algorithm has
 * no objects besides its arrays, throws nothing and returns integer statuses.
 *
 * <p>The JML below states the allocator's safety argument; the theorem itself is the class
 * invariant marked THE SAFETY THEOREM. Its ghost model: every block ever carved from the bump
 * region, in address order ({@code bStart}, {@code bOrder}, {@code bSize}, {@code bHeader}: the
 * word its header holds, and {@code bPos}: live or its position on its free list), and for each
 * order {@code k} the {@code \seq} of the block indices on that order's free list, head last
 * ({@code freeLists}). The KeY-only constructs are
 * {@code 8 * \dl_pow(2, k)} (KeY's power function), the block size of order {@code k}, and the
 * constructor's {@code \dl_createdInHeap} (the memory's state lies in existing objects, which
 * KeY cannot derive for a model field). Specifications spell constants as literals ({@code 0xFFFFFFFFL} is
 * {@link #U32} and {@link #NIL}, {@code 0x100000000L} is {@link #OCCUPIED}, status codes are the
 * numbers of {@link Status}) so that they do not depend on how a prover resolves static fields.
 */
public final class FreeingBumpAllocator {

    /** Mask of a u32. */
    public static final long U32 = 0xFFFFFFFFL;
    /** The end-of-list link. */
    public static final long NIL = 0xFFFFFFFFL;
    /** Bit 32 of a header: set when the block is occupied. */
    public static final long OCCUPIED = 0x100000000L;
    /** Bytes in a header, and the alignment of every pointer handed out. */
    public static final long HEADER_SIZE = 8;

    /** 2^32, the modulus of u32 arithmetic. */
    private static final long U32_MODULUS = 0x100000000L;
    /** 2^33: a header's bits 0..32 are the header modulo this. */
    private static final long HEADER_BITS_MODULUS = 0x200000000L;
    /** sc-allocator keeps bytes_allocated_sum in a u128; we carry it as high * 2^62 + low. */
    private static final long SUM_LOW_MODULUS = 0x4000000000000000L;

    private final /*@ spec_public @*/ Memory memory;
    private final /*@ spec_public @*/ int orders;
    private final /*@ spec_public @*/ long maxAllocation;
    private final /*@ spec_public @*/ boolean strict;
    private final /*@ spec_public @*/ long heapBase;
    private final /*@ spec_public @*/ long[] heads;

    private /*@ spec_public @*/ long bumper;
    private /*@ spec_public @*/ boolean poisoned;
    private /*@ spec_public @*/ long lastObservedSize;

    private /*@ spec_public @*/ long allocated;
    private /*@ spec_public @*/ long peak;
    /** bytes_allocated_sum = sumHigh * 2^62 + sumLow; a u128 in sc-allocator, this cannot overflow. */
    private /*@ spec_public @*/ long sumLow;
    private /*@ spec_public @*/ long sumHigh;
    private /*@ spec_public @*/ long addressSpaceUsed;

    /*@ // The ghost model of the heap (issue 12). Every block ever carved from the bump region
      @ // is block i, in address order: its header at bStart[i], its order bOrder[i], its size
      @ // bSize[i] (bytes after the header), and bPos[i] == -1 when it is live (handed out by
      @ // malloc and not freed since), else its position in its order's free list. freeLists[k]
      @ // holds the indices of the blocks on order k's free list, the head LAST (push and pop work
      @ // at the end, so no other position changes).
      @ public ghost \seq bStart;
      @ public ghost \seq bOrder;
      @ public ghost \seq bSize;
      @ public ghost \seq bPos;
      @ public ghost \seq freeLists;
      @ // The inverse of bStart: bIndexOf[a] is the index of the block whose header is at address
      @ // a (for a block start; -1 at every address no block was ever carved at). It names the
      @ // block free() is given without a search over bStart.
      @ public ghost \seq bIndexOf;
      @ // bHeader[i] is the u64 block i's header holds: Occupied(order) for a live block, the link
      @ // to the next free header for a free one. One invariant clause ties it to memory, so a
      @ // header write touches one clause; the list and liveness clauses speak of bHeader only.
      @ public ghost \seq bHeader;
      @*/

    /*@ // Shape, bounds, alignment and bump pointer (issue 3, items 1-3).
      @ public invariant memory != null && heads != null && \invariant_for(memory);
      @ public invariant 1 <= orders && orders <= 28 + 1 && heads.length == orders;
      @ public invariant maxAllocation == 8 * \dl_pow(2, orders - 1);
      @ public invariant 0 <= heapBase && heapBase % 8 == 0 && heapBase <= bumper;
      @ public invariant bumper % 8 == 0 && bumper <= 0xFFFFFFFFL;
      @ public invariant bumper <= (\bigint) memory.curPages * 65536;
      @ public invariant 0 <= allocated && allocated <= 0xFFFFFFFFL && 0 <= peak && peak <= 0xFFFFFFFFL;
      @ public invariant 0 <= addressSpaceUsed && addressSpaceUsed <= 0xFFFFFFFFL;
      @ public invariant 0 <= sumLow && sumLow < 0x4000000000000000L && 0 <= sumHigh;
      @ // The memory object's state is disjoint from the allocator's own.
      @ public invariant \disjoint(memory.footprint, \set_union(this.*, heads[*]));
      @ public invariant freeLists.length == orders;
      @
      @ // THE SAFETY THEOREM (issue 12), for a live allocator. Stated for !poisoned only: a poisoned
      @ // allocator never reads or writes its memory or its model again (every malloc and free of a
      @ // poisoned allocator is assignable \strictly_nothing and returns `poisoned`), and an error
      @ // path, which poisons, leaves memory as sc-allocator leaves it, possibly inconsistent.
      @ //  (T1) every block, live or free, lies in [heapBase, bumper), its header 8-aligned, its
      @ //       order valid and its size 8 * 2^order; a live block's header says Occupied(order);
      @ //  (T2) blocks are pairwise disjoint (header plus body): block i ends before block j starts
      @ //       for i < j, so no two blocks, live or free, overlap;
      @ //  (T3) the blocks freeLists[k] names are free nodes of order k, linked through their
      @ //       headers (head last: node i links to node i - 1, node 0 to NIL), heads[k] the last
      @ //       one; bPos[freeLists[k][i]] == i, so no block is on two lists or twice on one, and no
      @ //       listed block is live (bPos >= 0 there). Not stated (issue 25, item 3, open): the
      @ //       converse, that every block with bPos >= 0 is on list bOrder at position bPos.
      @ // THE PREMISE (issue 25): the theorem is proved the way KeY proves invariants, assuming it
      @ // at the entry of every call and showing it again at the exit. So it speaks of allocators
      @ // whose environment keeps it between calls: (P1) the allocator was built with a heap base
      @ // within memory (the constructor's precondition heapBase <= memory size); (P2) nothing but
      @ // malloc and free writes a block header (which is also where a free block's link is);
      @ // (P3) memory never shrinks below the bump pointer (growth keeps every word: Memory.grow).
      @ // Writes into a live block's payload, or a free block's, are outside the theorem's memory
      @ // clause and keep it. A free of a pointer whose header reads Occupied but that is not a
      @ // live block (forged or interior; sc-allocator pushes it) has no contract and leaves the
      @ // premise too. verification/README.md, "The premise", says the same.
      @ public invariant !poisoned ==> bOrder.length == bStart.length
      @     && bSize.length == bStart.length && bPos.length == bStart.length
      @     && bHeader.length == bStart.length && bIndexOf.length == 0x100000000L;
      @ public invariant !poisoned ==> (\forall \bigint i; 0 <= i && i < bStart.length;
      @     0 <= (\bigint) bOrder[i] && (\bigint) bOrder[i] < orders
      @     && 8 <= (\bigint) bSize[i] && (\bigint) bSize[i] <= 0x80000000L
      @     && (\bigint) bStart[i] % 8 == 0 && heapBase <= (\bigint) bStart[i]
      @     && (\bigint) bStart[i] + 8 + (\bigint) bSize[i] <= bumper
      @     && -1 <= (\bigint) bPos[i] && (\bigint) bIndexOf[(\bigint) bStart[i]] == i
      @     && ((\bigint) bPos[i] == -1 ==> (\bigint) bHeader[i] == 0x100000000L + (\bigint) bOrder[i]));
      @ public invariant !poisoned ==> (\forall \bigint i; 0 <= i && i < bStart.length;
      @     (\bigint) memory.words[(\bigint) bStart[i]] == (\bigint) bHeader[i]);
      @ public invariant !poisoned ==> (\forall \bigint i; 0 <= i && i < bStart.length;
      @     (\bigint) bSize[i] == 8 * \dl_pow(2, (\bigint) bOrder[i]));
      @ public invariant !poisoned ==> (\forall \bigint i; 0 <= i && i < bStart.length;
      @     (\forall \bigint j; i < j && j < bStart.length;
      @         (\bigint) bStart[i] + 8 + (\bigint) bSize[i] <= (\bigint) bStart[j]));
      @ public invariant !poisoned ==> (\forall int k; 0 <= k && k < orders;
      @     heads[k] == (((\seq) freeLists[k]).length == 0 ? 0xFFFFFFFFL
      @         : (\bigint) bStart[(\bigint) ((\seq) freeLists[k])[((\seq) freeLists[k]).length - 1]]));
      @ public invariant !poisoned ==> (\forall int k; 0 <= k && k < orders;
      @     (\forall \bigint i; 0 <= i && i < ((\seq) freeLists[k]).length;
      @         0 <= (\bigint) ((\seq) freeLists[k])[i] && (\bigint) ((\seq) freeLists[k])[i] < bStart.length
      @         && (\bigint) bOrder[(\bigint) ((\seq) freeLists[k])[i]] == k
      @         && (\bigint) bPos[(\bigint) ((\seq) freeLists[k])[i]] == i
      @         && (i == 0 ? (\bigint) bHeader[(\bigint) ((\seq) freeLists[k])[i]] == 0xFFFFFFFFL
      @             : 0 <= (\bigint) ((\seq) freeLists[k])[i - 1] && (\bigint) ((\seq) freeLists[k])[i - 1] < bStart.length
      @               && (\bigint) bHeader[(\bigint) ((\seq) freeLists[k])[i]]
      @                  == (\bigint) bStart[(\bigint) ((\seq) freeLists[k])[i - 1]])));
      @*/

    /*@ // malloc's reuse case: the free list of the order that fits a request of size bytes (the
      @ // smallest k with 8 * 2^k >= size) is not empty. A named predicate so that a proof that
      @ // only chains contracts carries it across calls unopened (by its accessible clause).
      @ public normal_behavior
      @ accessible this.orders, this.heads, this.heads[*];
      @ public helper model pure boolean reuses(long size) {
      @     return (\forall int k; 0 <= k && k < orders && 8 * \dl_pow(2, k) >= size
      @         && (k == 0 || 8 * \dl_pow(2, k - 1) < size); heads[k] != 0xFFFFFFFFL);
      @ }
      @*/

    /**
     * A fresh allocator over {@code memory}.
     *
     * @param heapBase u32 offset where the heap starts; aligned up to 8 with sc-allocator's u32
     *     wrap (see {@link #alignHeapBase}). In the strict profile the caller must first refuse a
     *     base for which {@link #heapBaseWraps} holds.
     * @param orders 23 (on-chain) or 29 (off-chain)
     */
    /*@ public normal_behavior
      @ requires memory != null && \invariant_for(memory) && 1 <= orders && orders <= 28 + 1;
      @ // The memory's state is not the fresh allocator's (true of any memory built before it).
      @ requires \disjoint(memory.footprint, this.*) && \dl_createdInHeap(memory.footprint, \dl_heap());
      @ requires 0 <= heapBase && heapBase <= 0xFFFFFFFFL;
      @ requires heapBase <= (\bigint) memory.curPages * 65536;
      @ ensures this.heapBase % 8 == 0 && bumper == this.heapBase && this.strict == strict;
      @ ensures heapBase + 7 <= 0xFFFFFFFFL ==> heapBase <= this.heapBase && this.heapBase < heapBase + 8;
      @ ensures heapBase + 7 > 0xFFFFFFFFL ==> this.heapBase == 0;
      @ ensures !poisoned && allocated == 0 && peak == 0 && sumLow == 0 && sumHigh == 0;
      @ ensures (\forall int k; 0 <= k && k < orders; heads[k] == 0xFFFFFFFFL && ((\seq) freeLists[k]).length == 0);
      @ ensures bStart.length == 0 && bIndexOf.length == 0x100000000L;
      @ assignable \nothing;
      @*/
    public FreeingBumpAllocator(Memory memory, long heapBase, int orders, boolean strict) {
        this.memory = memory;
        this.orders = orders;
        this.maxAllocation = blockSize(orders - 1);
        this.strict = strict;
        this.heapBase = alignHeapBase(heapBase);
        this.bumper = this.heapBase;
        this.heads = emptyHeads(orders);
        //@ set freeLists = (\seq_def int k; 0; orders; \seq_empty);
        //@ set bStart = \seq_empty;
        //@ set bOrder = \seq_empty;
        //@ set bSize = \seq_empty;
        //@ set bPos = \seq_empty;
        //@ set bHeader = \seq_empty;
        //@ set bIndexOf = (\seq_def \bigint a; 0; 0x100000000L; -1);
    }

    /**
     * The head array of a fresh allocator: every list empty. A separate method so that the
     * constructor's proof sees its loop only through this contract.
     */
    /*@ private normal_behavior
      @ requires 1 <= orders && orders <= 28 + 1;
      @ ensures \fresh(\result) && \result.length == orders;
      @ ensures (\forall int j; 0 <= j && j < orders; \result[j] == 0xFFFFFFFFL);
      @ assignable \nothing;
      @*/
    private static long[] emptyHeads(int orders) {
        long[] heads = new long[orders];
        /*@ loop_invariant 0 <= i && i <= orders && heads.length == orders
          @     && (\forall int j; 0 <= j && j < i; heads[j] == 0xFFFFFFFFL);
          @ decreases orders - i;
          @ assignable heads[*];
          @*/
        for (int i = 0; i < orders; i++) {
            heads[i] = NIL;
        }
        return heads;
    }

    /** A fresh allocator for a context and profile. */
    public static FreeingBumpAllocator create(Memory memory, long heapBase, CallContext context, Profile profile) {
        return new FreeingBumpAllocator(memory, heapBase, context.orders(), profile == Profile.STRICT);
    }

    /** {@code (heapBase + 7) / 8 * 8} in u32 arithmetic: bases above 0xFFFFFFF8 wrap to 0. */
    /*@ public normal_behavior
      @ requires 0 <= heapBase && heapBase <= 0xFFFFFFFFL;
      @ ensures \result % 8 == 0 && 0 <= \result && \result <= 0xFFFFFFFFL;
      @ ensures heapBase + 7 <= 0xFFFFFFFFL ==> heapBase <= \result && \result < heapBase + 8;
      @ ensures heapBase + 7 > 0xFFFFFFFFL ==> \result == 0;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ strictly_pure @*/ long alignHeapBase(long heapBase) {
        return (heapBase + 7) % U32_MODULUS / 8 * 8;
    }

    /** Whether aligning this u32 heap base wraps (the strict profile refuses such a base). */
    /*@ public normal_behavior
      @ requires 0 <= heapBase && heapBase <= 0xFFFFFFFFL;
      @ ensures \result == (heapBase + 7 > 0xFFFFFFFFL);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ strictly_pure @*/ boolean heapBaseWraps(long heapBase) {
        return heapBase + 7 > U32;
    }

    /**
     * Bytes in a block of {@code order}: {@code 8 << order}.
     *
     * <p>The assertion lists the 30 possible orders so that the prover splits into 30 cases, each
     * with a concrete power of two it can evaluate; for a symbolic order it cannot bound
     * {@code \dl_pow(2, order)}. An earlier form spelled the 30 results out in a {@code switch},
     * which proved the same way but cost about 12 ns per op in the op-mix benchmark (an indirect
     * jump on every step of {@link #orderAtMost}'s loop).
     */
    /*@ public normal_behavior
      @ requires 0 <= order && order <= 29;
      @ ensures \result == 8 * \dl_pow(2, order);
      @ ensures 8 <= \result && \result <= 0x100000000L && \result % 8 == 0;
      @ ensures order <= 28 ==> \result <= 0x80000000L;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ strictly_pure @*/ long blockSize(int order) {
        /*@ assert order == 0 || order == 1 || order == 2 || order == 3 || order == 4 || order == 5
          @     || order == 6 || order == 7 || order == 8 || order == 9 || order == 10 || order == 11
          @     || order == 12 || order == 13 || order == 14 || order == 15 || order == 16 || order == 17
          @     || order == 18 || order == 19 || order == 20 || order == 21 || order == 22 || order == 23
          @     || order == 24 || order == 25 || order == 26 || order == 27 || order == 28 || order == 29;
          @*/
        return 8L << order;
    }

    /**
     * The order of a request: the smallest {@code k} with {@code 8 << k >= max(size, 8)}.
     * Requires {@code 0 <= size <= 2^32} (a u32 size).
     */
    /*@ public normal_behavior
      @ requires 0 <= size && size <= 0x100000000L;
      @ ensures 0 <= \result && \result <= 29;
      @ ensures 8 * \dl_pow(2, \result) >= size;
      @ ensures \result == 0 || 8 * \dl_pow(2, \result - 1) < size;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ strictly_pure @*/ int orderOf(long size) {
        return orderAtMost(size, 29);
    }

    /**
     * {@link #orderOf} for a size known to fit order {@code highest}: the search stops there, so
     * the result is at most {@code highest} without any reasoning about powers of two.
     */
    /*@ private normal_behavior
      @ requires 0 <= highest && highest <= 29 && 0 <= size && size <= 8 * \dl_pow(2, highest);
      @ ensures 0 <= \result && \result <= highest;
      @ ensures 8 * \dl_pow(2, \result) >= size;
      @ ensures \result == 0 || 8 * \dl_pow(2, \result - 1) < size;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ strictly_pure @*/ int orderAtMost(long size, int highest) {
        int order = 0;
        /*@ loop_invariant 0 <= order && order <= highest
          @     && (order == 0 || 8 * \dl_pow(2, order - 1) < size);
          @ decreases highest - order;
          @ assignable \strictly_nothing;
          @*/
        while (order < highest && blockSize(order) < size) {
            order++;
        }
        return order;
    }

    /**
     * A header's bits 0..32: {@code raw} modulo 2^33 as a non-negative number, so that bit 32 (the
     * occupied flag) is {@code >= 2^32} and bits 0..31 are what remains below it. Equal to
     * {@code raw & 0x1FFFFFFFFL} for every {@code raw}.
     */
    /*@ public normal_behavior
      @ ensures 0 <= \result && \result < 0x200000000L;
      @ ensures \result == \dl_mod(raw, 0x200000000L);
      @ ensures 0 <= raw && raw < 0x200000000L ==> \result == raw;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ strictly_pure @*/ long headerBits(long raw) {
        long bits = raw % HEADER_BITS_MODULUS;
        if (bits < 0) {
            bits = bits + HEADER_BITS_MODULUS;
        }
        return bits;
    }

    /**
     * Allocates at least {@code size} bytes ({@code size} a u32).
     *
     * @return the pointer (a u32, a multiple of 8 whenever the heap's free lists are intact), or
     *     the negated {@link Status} code of the error
     */
    /*@ // Poisoned: fails and changes nothing (item 7).
      @ public normal_behavior
      @ requires poisoned;
      @ ensures \result == -4;
      @ assignable \strictly_nothing;
      @ also
      @ // Memory shrank since the previous call.
      @ public normal_behavior
      @ requires !poisoned && (\bigint) memory.curPages * 65536 < lastObservedSize;
      @ ensures \result == -3 && poisoned;
      @ assignable poisoned;
      @ also
      @ // Larger than the largest block: the check is exact (item 6).
      @ public normal_behavior
      @ requires !poisoned && (\bigint) memory.curPages * 65536 >= lastObservedSize;
      @ requires size > maxAllocation;
      @ ensures \result == -1 && poisoned;
      @ ensures lastObservedSize == (\bigint) memory.curPages * 65536;
      @ assignable poisoned, lastObservedSize;
      @ also
      @ // Reuse: the head of the order's free list is popped and handed out (items 1-5).
      @ public normal_behavior
      @ requires !poisoned && (\bigint) memory.curPages * 65536 >= lastObservedSize;
      @ requires 0 <= size && size <= maxAllocation && reuses(size);
      @ requires sumHigh < 0x7FFFFFFFFFFFFFFFL;
      @ ensures \result == -13 ==> strict && poisoned && freeLists == \old(freeLists);
      @ // The head block b of list k (the last entry) is popped, handed out and now live; k is
      @ // the order of the request, the one its header now names (stated for that one k, so no
      @ // witness has to be searched for).
      @ ensures \result != -13 ==> !poisoned && bumper == \old(bumper)
      @     && bStart == \old(bStart) && bOrder == \old(bOrder) && bSize == \old(bSize)
      @     && 0x100000000L <= (\bigint) memory.words[\result - 8]
      @     && (\bigint) memory.words[\result - 8] < 0x100000000L + orders
      @     && (\forall int k; k == (\bigint) memory.words[\result - 8] - 0x100000000L;
      @         0 <= k && k < orders && 8 * \dl_pow(2, k) >= size
      @         && (k == 0 || 8 * \dl_pow(2, k - 1) < size)
      @         && \result == \old(heads[k]) + 8
      @         && \result - 8 == (\bigint) bStart[(\bigint) ((\seq) \old(freeLists[k]))[((\seq) \old(freeLists[k])).length - 1]]
      @         && bPos == \seq_upd(\old(bPos), (\bigint) ((\seq) \old(freeLists[k]))[((\seq) \old(freeLists[k])).length - 1], -1)
      @         && freeLists == \seq_upd(\old(freeLists), k,
      @             \seq_sub((\seq) \old(freeLists[k]), 0, ((\seq) \old(freeLists[k])).length - 1))
      @         && \result % 8 == 0 && heapBase + 8 <= \result && \result + 8 * \dl_pow(2, k) <= bumper);
      @ assignable poisoned, lastObservedSize, heads[*], allocated, peak, sumLow, sumHigh,
      @     addressSpaceUsed, freeLists, bPos, bHeader, memory.footprint;
      @ also
      @ // Fresh space: the bump pointer advances by header plus block, growing memory if needed.
      @ public normal_behavior
      @ requires !poisoned && (\bigint) memory.curPages * 65536 >= lastObservedSize;
      @ requires 0 <= size && size <= maxAllocation;
      @ requires (\forall int k; 0 <= k && k < orders && 8 * \dl_pow(2, k) >= size
      @     && (k == 0 || 8 * \dl_pow(2, k - 1) < size);
      @     heads[k] == 0xFFFFFFFFL && (strict || bumper + 8 + 8 * \dl_pow(2, k) <= 0xFFFFFFFFL));
      @ requires sumHigh < 0x7FFFFFFFFFFFFFFFL;
      @ ensures freeLists == \old(freeLists) && bumper >= \old(bumper);
      @ ensures \result < 0 ==> poisoned && bumper == \old(bumper) && (\result == -2
      @     || (strict && (\result == -12 || \result == -13)));
      @ // A new live block at the old bump pointer: above every existing block (T1, T2).
      @ ensures \result >= 0 ==> !poisoned && \result == \old(bumper) + 8
      @     && bStart == \seq_concat(\old(bStart), \seq_singleton(\result - 8))
      @     && bPos == \seq_concat(\old(bPos), \seq_singleton(-1))
      @     && 0x100000000L <= (\bigint) memory.words[\result - 8]
      @     && (\bigint) memory.words[\result - 8] < 0x100000000L + orders
      @     && (\forall int k; k == (\bigint) memory.words[\result - 8] - 0x100000000L;
      @         0 <= k && k < orders && 8 * \dl_pow(2, k) >= size
      @         && (k == 0 || 8 * \dl_pow(2, k - 1) < size)
      @         && bOrder == \seq_concat(\old(bOrder), \seq_singleton(k))
      @         && bSize == \seq_concat(\old(bSize), \seq_singleton(8 * \dl_pow(2, k)))
      @         && bumper == \old(bumper) + 8 + 8 * \dl_pow(2, k));
      @ ensures \result >= 0 ==> \result % 8 == 0 && heapBase + 8 <= \result
      @     && bumper <= (\bigint) memory.curPages * 65536;
      @ assignable poisoned, lastObservedSize, bumper, allocated, peak, sumLow, sumHigh,
      @     addressSpaceUsed, bStart, bOrder, bSize, bPos, bHeader, bIndexOf, memory.footprint;
      @*/
    public long malloc(long size) {
        if (poisoned) {
            return -Status.POISONED;
        }
        int shrank = observeMemorySize();
        if (shrank != Status.OK) {
            return -shrank;
        }
        if (size > maxAllocation) {
            return -poison(Status.TOO_LARGE);
        }
        int order = orderFor(size);
        long need = blockSize(order) + HEADER_SIZE;
        long head = heads[order];
        if (head != NIL) {
            return reuseHead(order, need, head);
        }
        return carveFresh(order, need);
    }

    /**
     * The order of a request of {@code size} bytes, known to fit the largest order:
     * {@link #orderOf}, searched no further than that order. A method of its own for the proof:
     * malloc's reuse and bump contracts say what holds of the order that fits the size (they
     * quantify over the orders, the result being the only one), and this contract applies that
     * to the result in a small proof of its own (in malloc's, instances of the quantifier at
     * other terms split the proof), and bounds the head of the result's list.
     */
    /*@ private normal_behavior
      @ requires 1 <= orders && orders <= 28 + 1 && heads != null && heads.length == orders;
      @ requires !poisoned && 0 <= size && size <= 8 * \dl_pow(2, orders - 1);
      @ ensures 0 <= \result && \result < orders && 8 * \dl_pow(2, \result) >= size
      @     && (\result == 0 || 8 * \dl_pow(2, \result - 1) < size);
      @ ensures reuses(size) ==> heads[\result] != 0xFFFFFFFFL;
      @ // The head is a u32 (NIL or a block's header address): malloc's proof reads it from the
      @ // heap with the invariant folded, so it has no bound on it otherwise.
      @ ensures 0 <= heads[\result] && heads[\result] <= 0xFFFFFFFFL;
      @ ensures (\forall int k; 0 <= k && k < orders && 8 * \dl_pow(2, k) >= size
      @     && (k == 0 || 8 * \dl_pow(2, k - 1) < size);
      @     heads[k] == 0xFFFFFFFFL && (strict || bumper + 8 + 8 * \dl_pow(2, k) <= 0xFFFFFFFFL))
      @     ==> heads[\result] == 0xFFFFFFFFL && (strict || bumper + 8 + 8 * \dl_pow(2, \result) <= 0xFFFFFFFFL);
      @ assignable \strictly_nothing;
      @*/
    // Not a helper: the bound on the head comes from the invariant.
    private /*@ strictly_pure @*/ int orderFor(long size) {
        int order = orderAtMost(size, orders - 1);
        // The head is NIL or the header of the list's last block, which lies below the bump pointer.
        //@ ghost \bigint top = 0;
        //@ set top = ((\seq) freeLists[order]).length - 1;
        //@ assert top < 0 ==> heads[order] == 0xFFFFFFFFL;
        //@ assert top >= 0 ==> 0 <= (\bigint) ((\seq) freeLists[order])[top] && (\bigint) ((\seq) freeLists[order])[top] < bStart.length;
        //@ assert top >= 0 ==> heads[order] == (\bigint) bStart[(\bigint) ((\seq) freeLists[order])[top]];
        return order;
    }

    /**
     * malloc's reuse path: checks {@code head}, the head of {@code order}'s free list, as
     * sc-allocator does, then pops it and hands it out. Its proof chains the contracts of
     * headLink, poison, popBlock and recordAllocation (class axioms off).
     */
    /*@ private normal_behavior
      @ // The invariant's facts it uses, repeated: it is proved with class axioms off.
      @ requires memory != null && heads != null && heads.length == orders && \invariant_for(memory);
      @ requires \disjoint(memory.footprint, \set_union(this.*, heads[*]));
      @ requires 0 <= heapBase && heapBase <= bumper && bumper % 8 == 0 && bumper <= 0xFFFFFFFFL;
      @ requires 0 <= allocated && allocated <= 0xFFFFFFFFL && 0 <= peak && peak <= 0xFFFFFFFFL;
      @ requires 0 <= sumLow && sumLow < 0x4000000000000000L && 0 <= sumHigh;
      @ requires !poisoned && 0 <= order && order < orders && head == heads[order] && head != 0xFFFFFFFFL;
      @ requires need == 8 + 8 * \dl_pow(2, order) && 16 <= need && need <= 0x80000008L;
      @ requires sumHigh < 0x7FFFFFFFFFFFFFFFL;
      @ ensures \result == -13 ==> strict && poisoned && freeLists == \old(freeLists);
      @ ensures \result != -13 ==> !poisoned && bumper == \old(bumper)
      @     && bStart == \old(bStart) && bOrder == \old(bOrder) && bSize == \old(bSize)
      @     && \result == head + 8
      @     && \result - 8 == (\bigint) bStart[(\bigint) ((\seq) \old(freeLists[order]))[((\seq) \old(freeLists[order])).length - 1]]
      @     && bPos == \seq_upd(\old(bPos), (\bigint) ((\seq) \old(freeLists[order]))[((\seq) \old(freeLists[order])).length - 1], -1)
      @     && freeLists == \seq_upd(\old(freeLists), order,
      @         \seq_sub((\seq) \old(freeLists[order]), 0, ((\seq) \old(freeLists[order])).length - 1))
      @     && (\bigint) memory.words[head] == 0x100000000L + order
      @     && \result % 8 == 0 && heapBase + 8 <= \result && \result + need - 8 <= bumper;
      @ assignable poisoned, heads[*], allocated, peak, sumLow, sumHigh, addressSpaceUsed, freeLists, bPos,
      @     bHeader, memory.footprint;
      @*/
    private long reuseHead(int order, long need, long head) {
        long link = headLink(order, need, head);
        if (link < 0) {
            return -poison((int) -link);
        }
        if (strict && allocated + need > U32) {
            return -poison(Status.ALLOCATED_WRAP);
        }
        popBlock(order, head, link);
        recordAllocation(need);
        return head + HEADER_SIZE;
    }

    /**
     * sc-allocator's two checks of {@code head}, the head of {@code order}'s free list, before it
     * is reused: the whole block, not just its header, lies inside memory, and the header is not
     * occupied. Returns the link the header holds (bits 0..32 of the header word, bit 32 clear)
     * or the negated error. On a heap only this allocator has written, neither check can fail:
     * the contract says so, and the assertions are the steps of that argument.
     */
    /*@ private normal_behavior
      @ requires !poisoned && 0 <= order && order < orders && head == heads[order] && head != 0xFFFFFFFFL;
      @ requires need == 8 + 8 * \dl_pow(2, order);
      @ ensures \result == (\bigint) memory.words[head] && 0 <= \result && \result < 0x100000000L;
      @ ensures head % 8 == 0 && heapBase <= head && head + need <= bumper;
      @ assignable \strictly_nothing;
      @*/
    private /*@ strictly_pure @*/ long headLink(int order, long need, long head) {
        // The head is the last entry of the list's model, a block of this order whose header word
        // is the link to the next node: NIL, or the header of a block below the bump pointer.
        //@ ghost \bigint top = 0;
        //@ set top = ((\seq) freeLists[order]).length - 1;
        //@ assert 0 <= top;
        //@ ghost \bigint blk = 0;
        //@ set blk = (\bigint) ((\seq) freeLists[order])[top];
        //@ assert 0 <= blk && blk < bStart.length && (\bigint) bStart[blk] == head && (\bigint) bOrder[blk] == order;
        //@ assert head + need <= bumper && (\bigint) memory.words[head] == (\bigint) bHeader[blk];
        //@ ghost \bigint next = -1;
        //@ set next = top == 0 ? -1 : (\bigint) ((\seq) freeLists[order])[top - 1];
        /*@ assert top == 0 ? (\bigint) bHeader[blk] == 0xFFFFFFFFL
          @     : 0 <= next && next < bStart.length && (\bigint) bHeader[blk] == (\bigint) bStart[next];
          @*/
        //@ assert top != 0 ==> 0 <= (\bigint) bStart[next] && (\bigint) bStart[next] + 8 <= bumper;
        //@ assert 0 <= (\bigint) bHeader[blk] && (\bigint) bHeader[blk] < 0x100000000L;
        if (head + need > memory.size()) {
            return -Status.INVALID_FREE_LIST;
        }
        long bits = headerBits(memory.readU64(head));
        if (bits >= OCCUPIED) {
            // sc-allocator decodes the order before noticing the header is occupied.
            return -(bits - OCCUPIED < orders ? Status.INVALID_FREE_LIST : Status.INVALID_ORDER);
        }
        return bits;
    }

    /**
     * Pops {@code head}, the head of {@code order}'s free list whose header holds {@code next}:
     * the next node becomes the head and the block is marked occupied, live again.
     */
    /*@ private normal_behavior
      @ // The invariant's scalar facts, repeated: the class invariant is unfolded only after
      @ // symbolic execution, and without these every field read after the memory write splits.
      @ requires memory != null && heads != null && heads.length == orders && \invariant_for(memory);
      @ requires \disjoint(memory.footprint, \set_union(this.*, heads[*]));
      @ requires !poisoned && 0 <= order && order < orders;
      @ requires head == heads[order] && head != 0xFFFFFFFFL && next == (\bigint) memory.words[head];
      @ ensures 0 < ((\seq) \old(freeLists[order])).length;
      @ ensures head == (\bigint) bStart[(\bigint) ((\seq) \old(freeLists[order]))[((\seq) \old(freeLists[order])).length - 1]];
      @ ensures bPos == \seq_upd(\old(bPos), (\bigint) ((\seq) \old(freeLists[order]))[((\seq) \old(freeLists[order])).length - 1], -1);
      @ // List order loses its last entry; the other lists are unchanged.
      @ ensures freeLists == \seq_upd(\old(freeLists), order,
      @     \seq_sub((\seq) \old(freeLists[order]), 0, ((\seq) \old(freeLists[order])).length - 1));
      @ ensures (\bigint) memory.words[head] == 0x100000000L + order;
      @ ensures head % 8 == 0 && heapBase <= head && head + 8 + 8 * \dl_pow(2, order) <= bumper;
      @ ensures !poisoned && \invariant_for(memory) && memory.curPages == \old(memory.curPages);
      @ assignable heads[*], freeLists, bPos, bHeader, memory.footprint;
      @*/
    private void popBlock(int order, long head, long next) {
        //@ ghost \bigint top = 0;
        //@ set top = (\bigint) ((\seq) freeLists[order])[((\seq) freeLists[order]).length - 1];
        heads[order] = next;
        // Ghost model: the popped block (the list's last entry) leaves its list, live again.
        //@ set bPos = \seq_upd(bPos, top, -1);
        //@ set bHeader = \seq_upd(bHeader, top, (\bigint) (0x100000000L + order));
        //@ set freeLists = \seq_upd(freeLists, order, \seq_sub((\seq) freeLists[order], 0, ((\seq) freeLists[order]).length - 1));
        // The memory write comes last (see pushBlock).
        //@ assert \disjoint(memory.footprint, \set_union(this.*, heads[*]));
        memory.writeU64(head, OCCUPIED + order);
    }

    /**
     * malloc's bump path: makes room at the bump pointer (growing memory if needed), then appends
     * the fresh block. Errors poison, as sc-allocator's do. Its proof chains the contracts of
     * bumpCheck, poison, appendBlock and recordAllocation (class axioms off).
     */
    /*@ private normal_behavior
      @ // The invariant's facts it uses, repeated: it is proved with class axioms off.
      @ requires memory != null && heads != null && heads.length == orders && \invariant_for(memory);
      @ requires \disjoint(memory.footprint, \set_union(this.*, heads[*]));
      @ requires \dl_createdInHeap(memory.footprint, \dl_heap());
      @ requires 0 <= heapBase && heapBase <= bumper && bumper % 8 == 0 && bumper <= 0xFFFFFFFFL;
      @ requires 0 <= allocated && allocated <= 0xFFFFFFFFL && 0 <= peak && peak <= 0xFFFFFFFFL;
      @ requires 0 <= sumLow && sumLow < 0x4000000000000000L && 0 <= sumHigh;
      @ requires !poisoned && 0 <= order && order < orders;
      @ requires need == 8 + 8 * \dl_pow(2, order) && 16 <= need && need <= 0x80000008L;
      @ requires strict || bumper + need <= 0xFFFFFFFFL;
      @ requires sumHigh < 0x7FFFFFFFFFFFFFFFL;
      @ ensures freeLists == \old(freeLists) && bumper >= \old(bumper);
      @ ensures \result < 0 ==> poisoned && bumper == \old(bumper) && (\result == -2
      @     || (strict && (\result == -12 || \result == -13)));
      @ ensures \result >= 0 ==> !poisoned && \result == \old(bumper) + 8
      @     && bStart == \seq_concat(\old(bStart), \seq_singleton(\old(bumper)))
      @     && bPos == \seq_concat(\old(bPos), \seq_singleton(-1))
      @     && bOrder == \seq_concat(\old(bOrder), \seq_singleton(order))
      @     && bSize == \seq_concat(\old(bSize), \seq_singleton(need - 8))
      @     && bumper == \old(bumper) + need
      @     && (\bigint) memory.words[\old(bumper)] == 0x100000000L + order
      @     && bumper <= (\bigint) memory.curPages * 65536;
      @ assignable poisoned, bumper, allocated, peak, sumLow, sumHigh, addressSpaceUsed,
      @     bStart, bOrder, bSize, bPos, bHeader, bIndexOf, memory.footprint;
      @*/
    private long carveFresh(int order, long need) {
        int bumped = bumpCheck(need);
        if (bumped != Status.OK) {
            return -poison(bumped);
        }
        long headerPtr = bumper;
        appendBlock(order, need);
        recordAllocation(need);
        return headerPtr + HEADER_SIZE;
    }

    /**
     * The fresh block of {@code order} at the bump pointer, known to fit in memory and below
     * 2^32: advances the bump pointer, writes the Occupied header, appends the block, live.
     */
    /*@ private normal_behavior
      @ // The invariant's scalar facts, repeated: the class invariant is unfolded only after
      @ // symbolic execution, and without these every field read after the memory write splits.
      @ requires memory != null && heads != null && heads.length == orders && \invariant_for(memory);
      @ requires \disjoint(memory.footprint, \set_union(this.*, heads[*]));
      @ requires 0 <= heapBase && heapBase <= bumper && bumper % 8 == 0 && bumper <= 0xFFFFFFFFL;
      @ requires !poisoned && 0 <= order && order < orders;
      @ requires need == 8 + 8 * \dl_pow(2, order) && 16 <= need && need <= 0x80000008L;
      @ requires bumper + need <= 0xFFFFFFFFL && bumper + need <= (\bigint) memory.curPages * 65536;
      @ ensures !poisoned && freeLists == \old(freeLists)
      @     && bStart == \seq_concat(\old(bStart), \seq_singleton(\old(bumper)))
      @     && bPos == \seq_concat(\old(bPos), \seq_singleton(-1))
      @     && bOrder == \seq_concat(\old(bOrder), \seq_singleton(order))
      @     && bSize == \seq_concat(\old(bSize), \seq_singleton(need - 8))
      @     && bumper == \old(bumper) + need
      @     && (\bigint) memory.words[\old(bumper)] == 0x100000000L + order
      @     && memory.curPages == \old(memory.curPages) && \invariant_for(memory);
      @ assignable bumper, bStart, bOrder, bSize, bPos, bHeader, bIndexOf, memory.footprint;
      @*/
    private void appendBlock(int order, long need) {
        long headerPtr = bumper;
        bumper = (bumper + need) % U32_MODULUS;
        // Ghost model: the fresh block is appended (it lies above every block), live.
        //@ set bIndexOf = \seq_upd(bIndexOf, headerPtr, bStart.length);
        //@ set bStart = \seq_concat(bStart, \seq_singleton(headerPtr));
        //@ set bOrder = \seq_concat(bOrder, \seq_singleton(order));
        //@ set bSize = \seq_concat(bSize, \seq_singleton(need - 8));
        //@ set bPos = \seq_concat(bPos, \seq_singleton(-1));
        //@ set bHeader = \seq_concat(bHeader, \seq_singleton((\bigint) (0x100000000L + order)));
        // The memory write comes last (see pushBlock).
        //@ assert \disjoint(memory.footprint, \set_union(this.*, heads[*]));
        memory.writeU64(headerPtr, OCCUPIED + order);
    }

    /** The statistics of a successful malloc of {@code need} bytes (header included). */
    /*@ private normal_behavior
      @ requires !poisoned && 16 <= need && need <= 0x80000008L && sumHigh < 0x7FFFFFFFFFFFFFFFL;
      @ ensures allocated == (\old(allocated) + need) % 0x100000000L && !poisoned;
      @ // Only the allocator's own fields change: the memory's state is the same.
      @ ensures memory.words == \old(memory.words) && memory.curPages == \old(memory.curPages)
      @     && memory.footprint == \old(memory.footprint) && \invariant_for(memory);
      @ assignable allocated, peak, sumLow, sumHigh, addressSpaceUsed;
      @*/
    private void recordAllocation(long need) {
        allocated = (allocated + need) % U32_MODULUS;
        addToSum(need);
        if (allocated > peak) {
            peak = allocated;
        }
        addressSpaceUsed = u32Difference(bumper, heapBase);
    }

    /** {@code (a - b) & U32} for u32 {@code a} and {@code b}. */
    /*@ private normal_behavior
      @ requires 0 <= a && a <= 0xFFFFFFFFL && 0 <= b && b <= 0xFFFFFFFFL;
      @ ensures 0 <= \result && \result <= 0xFFFFFFFFL && (a >= b ==> \result == a - b);
      @ ensures a < b ==> \result == a - b + 0x100000000L;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ strictly_pure @*/ long u32Difference(long a, long b) {
        long d = a - b;
        if (d < 0) {
            d = d + U32_MODULUS;
        }
        return d;
    }

    /**
     * Makes room for a fresh block of {@code need} bytes at the bump pointer, growing memory when
     * it does not fit: to twice the current pages (capped at the maximum) or to what is required,
     * whichever is more. Leaves the bump pointer itself alone.
     */
    /*@ private normal_behavior
      @ requires \disjoint(memory.footprint, this.*) && \dl_createdInHeap(memory.footprint, \dl_heap());
      @ requires memory != null && \invariant_for(memory) && 0 <= bumper && bumper <= 0xFFFFFFFFL && 16 <= need && need <= 0x80000008L;
      @ requires 0 <= allocated && allocated <= 0xFFFFFFFFL && !poisoned;
      @ ensures \result == 0 ==> bumper + need <= (\bigint) memory.curPages * 65536
      @     && (strict ==> bumper + need <= 0xFFFFFFFFL && allocated + need <= 0xFFFFFFFFL);
      @ ensures \result == 0 || \result == 2
      @     || (strict && (\result == 12 || \result == 13));
      @ ensures memory.curPages >= \old(memory.curPages);
      @ // Stated, though the class invariant implies it: carveFresh's proof (class axioms off)
      @ // never unfolds that invariant, and appendBlock requires the memory's.
      @ ensures \invariant_for(memory);
      @ ensures (\forall \bigint b; 0 <= b && b + 8 <= (\bigint) \old(memory.curPages) * 65536;
      @     (\bigint) memory.words[b] == \old((\bigint) memory.words[b]));
      @ // New pages read zero (issue 25); a refused growth leaves curPages alone, so the range is empty.
      @ ensures (\forall \bigint b; (\bigint) \old(memory.curPages) * 65536 <= b && b + 8 <= (\bigint) memory.curPages * 65536;
      @     (\bigint) memory.words[b] == 0);
      @ ensures \new_elems_fresh(memory.footprint);
      @ assignable memory.footprint;
      @*/
    // Not a helper: it carries the class invariant (the growth in growMemory keeps it), so that
    // carveFresh only chains contracts. Proved with class axioms off: it only chains growMemory.
    private int bumpCheck(long need) {
        long required = bumper + need;
        if (required > memory.size()) {
            long requiredPages = (required + Memory.PAGE_SIZE - 1) / Memory.PAGE_SIZE;
            long current = memory.pages();
            long max = memory.maxPages();
            if (current >= max || requiredPages > max) {
                return Status.OUT_OF_SPACE;
            }
            int refused = strictRefusal(required, need);
            if (refused != Status.OK) {
                return refused;
            }
            long doubled = current * 2;
            long next = doubled < max ? doubled : max;
            if (next < requiredPages) {
                next = requiredPages;
            }
            return growMemory(next - current) ? Status.OK : Status.OUT_OF_SPACE;
        }
        return strictRefusal(required, need);
    }

    /**
     * Grows memory by {@code pages}: bumpCheck's one step that changes the heap, a method of its
     * own so that the class invariant is carried across the growth on one path, proved once here.
     */
    /*@ private normal_behavior
      @ requires memory != null && \invariant_for(memory) && !poisoned && 0 <= pages;
      @ requires \disjoint(memory.footprint, this.*) && \dl_createdInHeap(memory.footprint, \dl_heap());
      @ ensures \result == (\old(memory.curPages) + pages <= \old(memory.limitPages));
      @ ensures memory.curPages == (\result ? \old(memory.curPages) + pages : \old(memory.curPages));
      @ ensures \invariant_for(memory) && !poisoned;
      @ ensures (\forall \bigint b; 0 <= b && b + 8 <= (\bigint) \old(memory.curPages) * 65536;
      @     (\bigint) memory.words[b] == \old((\bigint) memory.words[b]));
      @ // New pages read zero (issue 25); a refused growth leaves curPages alone, so the range is empty.
      @ ensures (\forall \bigint b; (\bigint) \old(memory.curPages) * 65536 <= b && b + 8 <= (\bigint) memory.curPages * 65536;
      @     (\bigint) memory.words[b] == 0);
      @ ensures \new_elems_fresh(memory.footprint);
      @ assignable memory.footprint;
      @*/
    private boolean growMemory(long pages) {
        boolean grown = memory.grow(pages);
        // Proof step: every block lies below the bump pointer, so below the old size, whose
        // words grow keeps, failed or not: no block's header changed.
        /*@ assert (\forall \bigint i; 0 <= i && i < bStart.length;
          @     (\bigint) memory.words[(\bigint) bStart[i]] == \old((\bigint) memory.words[(\bigint) bStart[i]]));
          @*/
        return grown;
    }

    /** In the strict profile, the error for a bump that sc-allocator would carry out with a wrap. */
    /*@ private normal_behavior
      @ requires 0 <= allocated && allocated <= 0xFFFFFFFFL && 0 <= need && need <= 0x80000008L;
      @ ensures \result == 0 <==> (!strict || (required <= 0xFFFFFFFFL && allocated + need <= 0xFFFFFFFFL));
      @ ensures \result == 0 || (strict && (\result == 12 || \result == 13));
      @ assignable \strictly_nothing;
      @*/
    private /*@ helper strictly_pure @*/ int strictRefusal(long required, long need) {
        if (!strict) {
            return Status.OK;
        }
        if (required > U32) {
            return Status.BUMPER_WRAP;
        }
        if (allocated + need > U32) {
            return Status.ALLOCATED_WRAP;
        }
        return Status.OK;
    }

    /**
     * Frees the block at {@code ptr} (a u32).
     *
     * @return {@link Status#OK} or the error's code
     */
    /*@ // Poisoned: fails and changes nothing (item 7).
      @ public normal_behavior
      @ requires poisoned;
      @ ensures \result == 4;
      @ assignable \strictly_nothing;
      @ also
      @ public normal_behavior
      @ requires !poisoned && (\bigint) memory.curPages * 65536 < lastObservedSize;
      @ ensures \result == 3 && poisoned;
      @ assignable poisoned;
      @ also
      @ public normal_behavior
      @ requires !poisoned && (\bigint) memory.curPages * 65536 >= lastObservedSize;
      @ requires ptr < 8;
      @ ensures \result == 5 && poisoned;
      @ assignable poisoned, lastObservedSize;
      @ also
      @ public normal_behavior
      @ requires !poisoned && (\bigint) memory.curPages * 65536 >= lastObservedSize;
      @ requires 8 <= ptr && ptr <= 0xFFFFFFFFL && ptr > (\bigint) memory.curPages * 65536;
      @ ensures \result == 6 && poisoned;
      @ assignable poisoned, lastObservedSize;
      @ also
      @ // A header that does not say "occupied".
      @ public normal_behavior
      @ requires !poisoned && (\bigint) memory.curPages * 65536 >= lastObservedSize;
      @ requires 8 <= ptr && ptr <= (\bigint) memory.curPages * 65536;
      @ requires \dl_mod((\bigint) memory.words[ptr - 8], 0x200000000L) < 0x100000000L;
      @ ensures \result == 7 && poisoned;
      @ assignable poisoned, lastObservedSize;
      @ also
      @ // An occupied header whose order field is out of range.
      @ public normal_behavior
      @ requires !poisoned && (\bigint) memory.curPages * 65536 >= lastObservedSize;
      @ requires 8 <= ptr && ptr <= (\bigint) memory.curPages * 65536;
      @ requires \dl_mod((\bigint) memory.words[ptr - 8], 0x200000000L) >= 0x100000000L + orders;
      @ ensures \result == 8 && poisoned;
      @ assignable poisoned, lastObservedSize;
      @ also
      @ // A live block b (its header at ptr - 8) goes back on the head of its order's list (the
      @ // list's new last entry), and its header now links to the previous head (items 4 and 5;
      @ // T3). The count of allocated bytes is checked only afterwards, as sc-allocator does.
      @ // Foreign, forged and double frees are not live blocks: they fall under the error cases.
      @ public normal_behavior
      @ requires !poisoned && (\bigint) memory.curPages * 65536 >= lastObservedSize;
      @ requires (\exists \bigint b; 0 <= b && b < bStart.length;
      @     (\bigint) bStart[b] == ptr - 8 && (\bigint) bPos[b] == -1);
      @ // Stated for every block b at ptr - 8 and its order k (block starts are distinct, so b is
      @ // the block the precondition names): no witness has to be searched for.
      @ ensures (\forall \bigint b; 0 <= b && b < bStart.length && (\bigint) bStart[b] == ptr - 8;
      @     \old((\bigint) bPos[b]) == -1 && 0 <= (\bigint) bOrder[b] && (\bigint) bOrder[b] < orders
      @     && (\forall int k; k == (\bigint) bOrder[b];
      @         heads[k] == ptr - 8
      @         && freeLists[k] == \seq_concat((\seq) \old(freeLists[k]), \seq_singleton(b))
      @         && bPos == \seq_upd(\old(bPos), b, ((\seq) \old(freeLists[k])).length)
      @         && (\forall int j; 0 <= j && j < orders && j != k; freeLists[j] == \old(freeLists[j]))
      @         && (\bigint) memory.words[ptr - 8] == \old(heads[k])
      @         && (\old(allocated) >= 8 + 8 * \dl_pow(2, k)
      @             ? \result == 0 && !poisoned && allocated == \old(allocated) - 8 - 8 * \dl_pow(2, k)
      @             : \result == 10 && poisoned && allocated == \old(allocated))));
      @ ensures bumper == \old(bumper) && bStart == \old(bStart) && bOrder == \old(bOrder) && bSize == \old(bSize);
      @ assignable poisoned, lastObservedSize, heads[*], allocated, freeLists, bPos, bHeader, memory.footprint;
      @*/
    public int free(long ptr) {
        if (poisoned) {
            return Status.POISONED;
        }
        int shrank = observeMemorySize();
        if (shrank != Status.OK) {
            return shrank;
        }
        if (ptr < HEADER_SIZE) {
            return poison(Status.INVALID_POINTER);
        }
        long headerPtr = ptr - HEADER_SIZE;
        if (headerPtr + HEADER_SIZE > memory.size()) {
            return poison(Status.OUT_OF_BOUNDS);
        }
        long bits = headerBits(memory.readU64(headerPtr));
        if (bits < OCCUPIED) {
            return poison(Status.NOT_ALLOCATED);
        }
        long rawOrder = bits - OCCUPIED;
        if (rawOrder >= orders) {
            return poison(Status.INVALID_ORDER);
        }
        int order = (int) rawOrder;
        pushBlock(order, headerPtr);
        // sc-allocator checks the count only after the block is back on its list.
        return takeAllocation(order);
    }

    /**
     * free's success path: the live block whose header is at {@code headerPtr} goes on the head of
     * {@code order}'s free list. A method of its own so that its proof has one path and free's
     * proof uses this contract.
     */
    /*@ private normal_behavior
      @ // The invariant's scalar facts, repeated: the class invariant is unfolded only after
      @ // symbolic execution, and without these every field read after the memory write splits.
      @ requires memory != null && heads != null && heads.length == orders && \invariant_for(memory);
      @ requires \disjoint(memory.footprint, \set_union(this.*, heads[*]));
      @ requires 0 <= allocated && allocated <= 0xFFFFFFFFL;
      @ requires !poisoned && 0 <= order && order < orders && 0 <= headerPtr && headerPtr <= 0xFFFFFFFFL;
      @ // headerPtr is the header of a live block of this order (bIndexOf names it).
      @ requires bIndexOf.length == 0x100000000L;
      @ requires 0 <= (\bigint) bIndexOf[headerPtr] && (\bigint) bIndexOf[headerPtr] < bStart.length;
      @ requires (\bigint) bStart[(\bigint) bIndexOf[headerPtr]] == headerPtr;
      @ requires (\bigint) bPos[(\bigint) bIndexOf[headerPtr]] == -1;
      @ requires (\bigint) bOrder[(\bigint) bIndexOf[headerPtr]] == order;
      @ ensures heads[order] == headerPtr && (\bigint) memory.words[headerPtr] == \old(heads[order]);
      @ ensures freeLists[order] == \seq_concat((\seq) \old(freeLists[order]), \seq_singleton(\old((\bigint) bIndexOf[headerPtr])));
      @ ensures bPos == \seq_upd(\old(bPos), \old((\bigint) bIndexOf[headerPtr]), ((\seq) \old(freeLists[order])).length);
      @ ensures (\forall int j; 0 <= j && j < orders && j != order; freeLists[j] == \old(freeLists[j]));
      @ ensures !poisoned && allocated == \old(allocated);
      @ ensures \invariant_for(memory) && memory.curPages == \old(memory.curPages);
      @ assignable heads[*], freeLists, bPos, bHeader, memory.footprint;
      @*/
    private void pushBlock(int order, long headerPtr) {
        //@ ghost \bigint blk = 0;
        //@ set blk = (\bigint) bIndexOf[headerPtr];
        long previousHead = heads[order];
        heads[order] = headerPtr;
        // Ghost model: the block is now the last entry of its order's free list.
        //@ set bPos = \seq_upd(bPos, blk, ((\seq) freeLists[order]).length);
        //@ set bHeader = \seq_upd(bHeader, blk, (\bigint) previousHead);
        //@ set freeLists = \seq_upd(freeLists, order, \seq_concat((\seq) freeLists[order], \seq_singleton(blk)));
        // The memory write comes last: the allocator's own fields lie outside the memory's
        // footprint, so the proof need not carry them across the write. The assertion restates
        // that for the heap after the stores above (KeY does not carry it there by itself).
        //@ assert \disjoint(memory.footprint, \set_union(this.*, heads[*]));
        memory.writeU64(headerPtr, previousHead);
    }

    /**
     * free's last step: the freed block's bytes come off the allocated count, or the allocator is
     * poisoned when the count is smaller (sc-allocator's stats underflow; the block stays freed).
     */
    /*@ private normal_behavior
      @ requires !poisoned && 0 <= order && order <= 28;
      @ ensures \old(allocated) >= 8 + 8 * \dl_pow(2, order)
      @     ? \result == 0 && !poisoned && allocated == \old(allocated) - 8 - 8 * \dl_pow(2, order)
      @     : \result == 10 && poisoned && allocated == \old(allocated);
      @ // Only the allocator's own fields change: the memory's state is the same.
      @ ensures memory.words == \old(memory.words) && memory.curPages == \old(memory.curPages)
      @     && memory.footprint == \old(memory.footprint) && \invariant_for(memory);
      @ assignable poisoned, allocated;
      @*/
    private int takeAllocation(int order) {
        long need = blockSize(order) + HEADER_SIZE;
        if (allocated < need) {
            return poison(Status.STATS_UNDERFLOW);
        }
        allocated = allocated - need;
        return Status.OK;
    }

    /*@ private normal_behavior
      @ requires !poisoned;
      @ ensures \result == 0 <==> (\bigint) \old(memory.curPages) * 65536 >= \old(lastObservedSize);
      @ ensures \result == 0 ==> lastObservedSize == (\bigint) \old(memory.curPages) * 65536 && !poisoned;
      @ ensures \result != 0 ==> \result == 3 && poisoned
      @     && lastObservedSize == \old(lastObservedSize);
      @ ensures memory.curPages == \old(memory.curPages) && memory.words == \old(memory.words)
      @     && memory.footprint == \old(memory.footprint);
      @ // What malloc's and free's proofs use of the invariant, restated for the heap after this
      @ // call: they chain contracts and are proved with class axioms off (verification/README.md).
      @ ensures memory != null && \invariant_for(memory) && heads != null && heads.length == orders
      @     && 1 <= orders && orders <= 28 + 1 && maxAllocation == 8 * \dl_pow(2, orders - 1)
      @     && \disjoint(memory.footprint, \set_union(this.*, heads[*]))
      @     && 0 <= heapBase && heapBase <= bumper && bumper % 8 == 0 && bumper <= 0xFFFFFFFFL
      @     && bumper <= (\bigint) memory.curPages * 65536
      @     && 0 <= allocated && allocated <= 0xFFFFFFFFL && 0 <= peak && peak <= 0xFFFFFFFFL
      @     && 0 <= sumLow && sumLow < 0x4000000000000000L && 0 <= sumHigh;
      @ ensures \result == 0 ==> bIndexOf.length == 0x100000000L && bOrder.length == bStart.length
      @     && bSize.length == bStart.length && bPos.length == bStart.length;
      @ ensures \result == 0 ==> (\forall \bigint b; 0 <= b && b < bStart.length;
      @     (\bigint) bIndexOf[(\bigint) bStart[b]] == b && heapBase <= (\bigint) bStart[b]
      @     && 8 <= (\bigint) bSize[b] && (\bigint) bStart[b] + 8 + (\bigint) bSize[b] <= bumper
      @     && 0 <= (\bigint) bOrder[b] && (\bigint) bOrder[b] < orders
      @     && ((\bigint) bPos[b] == -1
      @         ==> (\bigint) memory.words[(\bigint) bStart[b]] == 0x100000000L + (\bigint) bOrder[b]));
      @ assignable poisoned, lastObservedSize;
      @*/
    // Not a helper: its contract carries the class invariant across the call, proved once here,
    // so that the callers' proofs need not re-derive it in the heap after this call.
    private int observeMemorySize() {
        long size = memory.size();
        if (size < lastObservedSize) {
            return poison(Status.MEMORY_SHRANK);
        }
        lastObservedSize = size;
        return Status.OK;
    }

    /*@ private normal_behavior
      @ ensures \result == status && poisoned;
      @ assignable poisoned;
      @*/
    // Not a helper: poisoning keeps the class invariant (its model part is stated for a live
    // allocator only), proved once here instead of on every error path that ends with it.
    private int poison(int status) {
        poisoned = true;
        return status;
    }

    /*@ private normal_behavior
      @ requires 0 <= amount && amount <= 0x80000008L;
      @ requires 0 <= sumLow && sumLow < 0x4000000000000000L && 0 <= sumHigh && sumHigh < 0x7FFFFFFFFFFFFFFFL;
      @ ensures 0 <= sumLow && sumLow < 0x4000000000000000L && 0 <= sumHigh;
      @ ensures (\bigint) sumHigh * 0x4000000000000000L + sumLow
      @     == (\bigint) \old(sumHigh) * 0x4000000000000000L + \old(sumLow) + amount;
      @ assignable sumLow, sumHigh;
      @*/
    private /*@ helper @*/ void addToSum(long amount) {
        sumLow = sumLow + amount;
        if (sumLow >= SUM_LOW_MODULUS) {
            sumLow = sumLow - SUM_LOW_MODULUS;
            sumHigh = sumHigh + 1;
        }
    }

    // ---- observers ----
    // Declared helper: they read one field, so they can neither rely on nor break the invariant,
    // and the prover need not unfold it for them.

    /*@ public normal_behavior
      @ ensures \result == poisoned;
      @ assignable \strictly_nothing;
      @*/
    public /*@ helper strictly_pure @*/ boolean isPoisoned() {
        return poisoned;
    }

    /** The aligned heap base (u32). */
    /*@ public normal_behavior
      @ ensures \result == heapBase;
      @ assignable \strictly_nothing;
      @*/
    public /*@ helper strictly_pure @*/ long heapBase() {
        return heapBase;
    }

    /** The bump pointer (u32). */
    /*@ public normal_behavior
      @ ensures \result == bumper;
      @ assignable \strictly_nothing;
      @*/
    public /*@ helper strictly_pure @*/ long bumper() {
        return bumper;
    }

    public int orders() {
        return orders;
    }

    public long maxAllocation() {
        return maxAllocation;
    }

    /** Head of the free list of {@code order}: a header address, or {@link #NIL}. */
    /*@ public normal_behavior
      @ requires heads != null && 0 <= order && order < heads.length;
      @ ensures \result == heads[order];
      @ assignable \strictly_nothing;
      @*/
    public /*@ helper strictly_pure @*/ long freeListHead(int order) {
        return heads[order];
    }

    /** bytes_allocated (u32, wrapping as sc-allocator's does). */
    public long bytesAllocated() {
        return allocated;
    }

    /** bytes_allocated_peak (u32). */
    public long bytesAllocatedPeak() {
        return peak;
    }

    /** bytes_allocated_sum, low part: the sum is {@code high * 2^62 + low}. */
    public long bytesAllocatedSumLow() {
        return sumLow;
    }

    /** bytes_allocated_sum, high part: the sum is {@code high * 2^62 + low}. */
    public long bytesAllocatedSumHigh() {
        return sumHigh;
    }

    /** address_space_used: bumper - heap_base in u32 arithmetic, as of the last successful malloc. */
    public long addressSpaceUsed() {
        return addressSpaceUsed;
    }

    public Memory memory() {
        return memory;
    }
}
