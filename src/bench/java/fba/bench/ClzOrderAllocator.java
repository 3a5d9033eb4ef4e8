package fba.bench;

import fba.core.Memory;
import fba.core.Status;

/**
 * Benchmark-only copy of {@link fba.core.FreeingBumpAllocator}, identical except that
 * {@link #orderOf} uses {@link Long#numberOfLeadingZeros} instead of a doubling loop. It exists to
 * measure that alternative without touching the verified core; see PERFORMANCE.md.
 */
final class ClzOrderAllocator {

    /** Mask of a u32. */
    public static final long U32 = 0xFFFFFFFFL;
    /** The end-of-list link. */
    public static final long NIL = 0xFFFFFFFFL;
    /** Bit 32 of a header: set when the block is occupied. */
    public static final long OCCUPIED = 0x1_0000_0000L;
    /** Bytes in a header, and the alignment of every pointer handed out. */
    public static final long HEADER_SIZE = 8;

    private final Memory memory;
    private final int orders;
    private final long maxAllocation;
    private final boolean strict;
    private final long heapBase;
    private final long[] heads;

    private long bumper;
    private boolean poisoned;
    private long lastObservedSize;

    private long allocated;
    private long peak;
    /** bytes_allocated_sum = sumHigh * 2^62 + sumLow; a u128 in sc-allocator, this cannot overflow. */
    private long sumLow;
    private long sumHigh;
    private long addressSpaceUsed;

    /**
     * A fresh allocator over {@code memory}.
     *
     * @param heapBase u32 offset where the heap starts; aligned up to 8 with sc-allocator's u32
     *     wrap (see {@link #alignHeapBase}). In the strict profile the caller must first refuse a
     *     base for which {@link #heapBaseWraps} holds.
     * @param orders 23 (on-chain) or 29 (off-chain)
     */
    ClzOrderAllocator(Memory memory, long heapBase, int orders, boolean strict) {
        this.memory = memory;
        this.orders = orders;
        this.maxAllocation = 8L << (orders - 1);
        this.strict = strict;
        this.heapBase = alignHeapBase(heapBase);
        this.bumper = this.heapBase;
        this.heads = new long[orders];
        for (int i = 0; i < orders; i++) {
            heads[i] = NIL;
        }
    }

    /** {@code (heapBase + 7) / 8 * 8} in u32 arithmetic: bases above 0xFFFFFFF8 wrap to 0. */
    public static long alignHeapBase(long heapBase) {
        return ((heapBase + 7) & U32) / 8 * 8;
    }

    /** Whether aligning this u32 heap base wraps (the strict profile refuses such a base). */
    public static boolean heapBaseWraps(long heapBase) {
        return heapBase + 7 > U32;
    }

    /**
     * The order of a request: the smallest {@code k} with {@code 8 << k >= max(size, 8)}.
     * Requires {@code size <= 2^31}.
     */
    public static int orderOf(long size) {
        // 8 << k >= n  <=>  k >= bitLength(n - 1) - 3, for n >= 8.
        return 61 - Long.numberOfLeadingZeros(Math.max(size, 8) - 1);
    }

    /**
     * Allocates at least {@code size} bytes ({@code size} a u32).
     *
     * @return the pointer (a u32, a multiple of 8 whenever the heap's free lists are intact), or
     *     the negated {@link Status} code of the error
     */
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
        int order = orderOf(size);
        long need = (8L << order) + HEADER_SIZE;
        long headerPtr;
        long head = heads[order];
        if (head != NIL) {
            // The whole block, not just its header, must lie inside memory.
            if (head + need > memory.size()) {
                return -poison(Status.INVALID_FREE_LIST);
            }
            long raw = memory.readU64(head);
            if ((raw & OCCUPIED) != 0) {
                // sc-allocator decodes the order before noticing the header is occupied.
                return -poison((raw & U32) < orders ? Status.INVALID_FREE_LIST : Status.INVALID_ORDER);
            }
            if (strict && allocated + need > U32) {
                return -poison(Status.ALLOCATED_WRAP);
            }
            heads[order] = raw & U32;
            headerPtr = head;
        } else {
            int bumped = bumpCheck(need);
            if (bumped != Status.OK) {
                return -poison(bumped);
            }
            headerPtr = bumper;
            bumper = (bumper + need) & U32;
        }
        memory.writeU64(headerPtr, OCCUPIED | order);
        allocated = (allocated + need) & U32;
        addToSum(need);
        if (allocated > peak) {
            peak = allocated;
        }
        addressSpaceUsed = (bumper - heapBase) & U32;
        return headerPtr + HEADER_SIZE;
    }

    /**
     * Makes room for a fresh block of {@code need} bytes at the bump pointer, growing memory when
     * it does not fit: to twice the current pages (capped at the maximum) or to what is required,
     * whichever is more. Leaves the bump pointer itself alone.
     */
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
            long next = Math.max(Math.min(current * 2, max), requiredPages);
            if (!memory.grow(next - current)) {
                return Status.OUT_OF_SPACE;
            }
            return Status.OK;
        }
        return strictRefusal(required, need);
    }

    /** In the strict profile, the error for a bump that sc-allocator would carry out with a wrap. */
    private int strictRefusal(long required, long need) {
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
        long raw = memory.readU64(headerPtr);
        if ((raw & OCCUPIED) == 0) {
            return poison(Status.NOT_ALLOCATED);
        }
        long rawOrder = raw & U32;
        if (rawOrder >= orders) {
            return poison(Status.INVALID_ORDER);
        }
        int order = (int) rawOrder;
        long previousHead = heads[order];
        heads[order] = headerPtr;
        memory.writeU64(headerPtr, previousHead);
        long need = (8L << order) + HEADER_SIZE;
        // sc-allocator checks the count only after the block is back on its list.
        if (allocated < need) {
            return poison(Status.STATS_UNDERFLOW);
        }
        allocated = allocated - need;
        return Status.OK;
    }

    private int observeMemorySize() {
        long size = memory.size();
        if (size < lastObservedSize) {
            return poison(Status.MEMORY_SHRANK);
        }
        lastObservedSize = size;
        return Status.OK;
    }

    private int poison(int status) {
        poisoned = true;
        return status;
    }

    private void addToSum(long amount) {
        sumLow = sumLow + amount;
        if (sumLow >= 0x4000_0000_0000_0000L) {
            sumLow = sumLow - 0x4000_0000_0000_0000L;
            sumHigh = sumHigh + 1;
        }
    }

    // ---- observers ----

    public boolean isPoisoned() {
        return poisoned;
    }

    /** The aligned heap base (u32). */
    public long heapBase() {
        return heapBase;
    }

    /** The bump pointer (u32). */
    public long bumper() {
        return bumper;
    }

    public int orders() {
        return orders;
    }

    public long maxAllocation() {
        return maxAllocation;
    }

    /** Head of the free list of {@code order}: a header address, or {@link #NIL}. */
    public long freeListHead(int order) {
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
