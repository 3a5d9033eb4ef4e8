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
 * <p>All u32 quantities are held in {@code long}s in {@code [0, 2^32)} and wrapped with
 * {@link #U32}; the algorithm has no objects besides its arrays, throws nothing and returns
 * integer statuses, so that it stays within the subset the static prover handles.
 */
public final class FreeingBumpAllocator {

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
    public FreeingBumpAllocator(Memory memory, long heapBase, int orders, boolean strict) {
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

    /** A fresh allocator for a context and profile. */
    public static FreeingBumpAllocator create(Memory memory, long heapBase, CallContext context, Profile profile) {
        return new FreeingBumpAllocator(memory, heapBase, context.orders(), profile == Profile.STRICT);
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
        int order = 0;
        long blockSize = 8;
        while (blockSize < size) {
            blockSize = blockSize << 1;
            order++;
        }
        return order;
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
