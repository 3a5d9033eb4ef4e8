package fba.core;

/**
 * The freeing-bump allocator as first proposed (the project's seed text), run exactly as written.
 *
 * <p>The seed's algorithm, line for line:
 * <pre>
 *   malloc(size): item_size  = max(size, 8).next_power_of_two()
 *                 list_index = item_size.trailing_zeros() - 3
 *                 if heads[list_index] != 0:  item = heads[list_index]
 *                                             heads[list_index] = u64 at item;  ptr = item + 8
 *                 else:                       ptr = bump(item_size + 8) + 8
 *                 bytes ptr-7 .. ptr-1 = 0xFF; byte ptr-8 = list_index;  return ptr
 *   free(ptr):    list_index = byte ptr-8;  assert bytes ptr-7 .. ptr-1 == 0xFF
 *                 u64 at ptr-8 = heads[list_index];  heads[list_index] = ptr - 8
 * </pre>
 * 22 lists (8 B .. 16 MiB), u64 heads where 0 means "empty", a bump pointer that starts at the heap
 * base as given (unaligned bases stay unaligned) and never wraps back.
 *
 * <p>Where the seed is silent (it would panic, or has no notion of the thing at all), this class
 * makes the choices documented in spec/allocator.md §11, each pinned by a vector
 * (spec/vectors/proposal_*.vec): a size above 16 MiB is {@link Status#TOO_LARGE}; a block that
 * does not fit below the memory's current size is {@link Status#OUT_OF_SPACE} (memory is never
 * grown); a header that does not lie inside memory is {@link Status#OUT_OF_BOUNDS}; a failed 0xFF
 * assertion is {@link Status#NOT_ALLOCATED}; a list index of 22 or more is
 * {@link Status#INVALID_ORDER}. An error changes nothing: there is no poisoning and no shrink
 * detection. The four statistics are not part of the seed; they are kept for the protocol's
 * {@code stats} request, outside the algorithm, in u32 arithmetic like sc-allocator's.
 *
 * <p>Results follow {@link FreeingBumpAllocator}'s conventions: {@link #malloc} returns the pointer
 * or a negated status, {@link #free} a status. Addresses and links are u64 values in {@code long}s.
 */
public final class ProposalAllocator {

    /** The number of free lists: block sizes 2^3 .. 2^24. */
    public static final int LISTS = 22;
    /** The largest request: the block size of the last list, 16 MiB. */
    public static final long MAX_ITEM_SIZE = 8L << (LISTS - 1);
    /** A head (or link) of 0 means the list is empty. */
    public static final long EMPTY = 0;
    /** Header bytes 1..7, all 0xFF; byte 0 holds the list index. */
    public static final long MARK = 0xFFFF_FFFF_FFFF_FF00L;

    private static final long U32 = 0xFFFFFFFFL;
    private static final long SUM_LIMIT = 1L << 62;

    private final Memory memory;
    private final long heapBase;
    private final long[] heads = new long[LISTS];
    private long bumper;

    // Statistics for the protocol; the seed keeps none.
    private long allocated;
    private long peak;
    private long sumLow;
    private long sumHigh;

    /** A fresh allocator whose heap starts at {@code heapBase} (u32, used as given) in {@code memory}. */
    public ProposalAllocator(Memory memory, long heapBase) {
        this.memory = memory;
        this.heapBase = heapBase;
        this.bumper = heapBase;
    }

    /** The seed's {@code max(size, 8).next_power_of_two()}, for {@code 0 <= size <= 2^62}. */
    public static long itemSize(long size) {
        long s = Math.max(size, 8);
        long p = Long.highestOneBit(s);
        return p == s ? p : p << 1;
    }

    /** The seed's list index: {@code item_size.trailing_zeros() - 3}. */
    public static int listIndex(long itemSize) {
        return Long.numberOfTrailingZeros(itemSize) - 3;
    }

    /** Allocates {@code size} bytes (u32): the pointer, or the negated error status. */
    public long malloc(long size) {
        if (size > MAX_ITEM_SIZE) {
            return -Status.TOO_LARGE;
        }
        long itemSize = itemSize(size);
        int index = listIndex(itemSize);
        long ptr;
        if (heads[index] != EMPTY) {
            long item = heads[index];
            if (!headerInMemory(item)) {
                return -Status.OUT_OF_BOUNDS;
            }
            heads[index] = memory.readU64(item);
            ptr = item + 8;
        } else {
            if (bumper + itemSize + 8 > memory.size()) {
                return -Status.OUT_OF_SPACE;
            }
            ptr = bump(itemSize + 8) + 8;
        }
        memory.writeU64(ptr - 8, MARK | index);
        count(itemSize + 8);
        return ptr;
    }

    /**
     * Frees the block at {@code ptr} (u32): a status. For {@code ptr < 8} the header address
     * {@code ptr - 8} is, as the seed's u64 subtraction makes it, a huge u64 outside memory.
     */
    public int free(long ptr) {
        if (!headerInMemory(ptr - 8)) {
            return Status.OUT_OF_BOUNDS;
        }
        long header = memory.readU64(ptr - 8);
        if ((header & MARK) != MARK) {
            return Status.NOT_ALLOCATED;
        }
        int index = (int) (header & 0xFF);
        if (index >= LISTS) {
            return Status.INVALID_ORDER;
        }
        long tail = heads[index];
        heads[index] = ptr - 8;
        memory.writeU64(ptr - 8, tail);
        allocated = (allocated - ((8L << index) + 8)) & U32;
        return Status.OK;
    }

    private long bump(long n) {
        long res = bumper;
        bumper += n;
        return res;
    }

    /**
     * Whether the 8 header bytes at the u64 address {@code h} all lie inside memory. Memory comes
     * in whole pages, so a non-empty memory holds at least 8 bytes and {@code size - 8} is its last
     * header address.
     */
    private boolean headerInMemory(long h) {
        long size = memory.size();
        return size > 0 && Long.compareUnsigned(h, size - 8) <= 0;
    }

    private void count(long need) {
        allocated = (allocated + need) & U32;
        peak = Math.max(peak, allocated);
        sumLow += need;
        if (sumLow >= SUM_LIMIT) {
            sumLow -= SUM_LIMIT;
            sumHigh++;
        }
    }

    /** The heap base as given to the constructor. */
    public long heapBase() {
        return heapBase;
    }

    /** The bump pointer: where the next fresh block's header goes. */
    public long bumper() {
        return bumper;
    }

    /** The head of list {@code index}: a header address, or {@link #EMPTY}. */
    public long head(int index) {
        return heads[index];
    }

    /** Bytes in live blocks, headers included (u32, wrapping). */
    public long bytesAllocated() {
        return allocated;
    }

    /** The largest value {@link #bytesAllocated} has had. */
    public long bytesAllocatedPeak() {
        return peak;
    }

    /** Bytes ever allocated, low part, always below 2^62: the sum is {@code high * 2^62 + low}. */
    public long bytesAllocatedSumLow() {
        return sumLow;
    }

    /** Bytes ever allocated, high part. */
    public long bytesAllocatedSumHigh() {
        return sumHigh;
    }

    /** {@code bumper - heap_base}: never negative, since the bump pointer only moves up. */
    public long addressSpaceUsed() {
        return bumper - heapBase;
    }

    public Memory memory() {
        return memory;
    }
}
