package fba.core;

import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The entry point for a JVM host that runs Wasm runtimes: fba's proved allocator behind the two
 * host functions {@code ext_allocator_malloc_version_1(size) -> ptr} and
 * {@code ext_allocator_free_version_1(ptr)}, with typed errors.
 *
 * <pre>{@code
 * Memory memory = new MyLinearMemory(instance);              // the engine's linear memory
 * HostAllocator heap = HostAllocator.create(memory, heapBase, CallContext.ONCHAIN);
 * long ptr = heap.malloc(32);                                // throws AllocatorException
 * heap.free(ptr);
 * AllocatorStats s = heap.stats();
 * }</pre>
 *
 * <p>The host supplies the {@link Memory}: a view of the instance's linear memory whose
 * {@link Memory#grow} is the engine's {@code memory.grow} and whose {@link Memory#maxPages} is
 * the module's declared maximum (at most {@link Memory#MAX_WASM_PAGES}). The allocator reads and
 * writes only its 8-byte headers there; the runtime owns every other byte.
 *
 * <p>Behaviour is sc-allocator's (the {@link Profile#SUBSTRATE} profile, bit-exact, its u32
 * wraps included) or, on request, {@link Profile#STRICT}, which refuses where sc-allocator would
 * wrap. The first error poisons the allocator, as in sc-allocator; a host usually traps the call
 * that failed and discards the instance.
 *
 * <p>Not thread-safe: one allocator per instance, called from the thread running that instance
 * (a Wasm instance without shared memory is single-threaded).
 */
public final class HostAllocator {

    private static final long U32_MAX = 0xFFFFFFFFL;

    private final FreeingBumpAllocator allocator;
    private final CallContext context;
    private final Profile profile;

    private HostAllocator(FreeingBumpAllocator allocator, CallContext context, Profile profile) {
        this.allocator = allocator;
        this.context = context;
        this.profile = profile;
    }

    /** An allocator with sc-allocator's behaviour ({@link Profile#SUBSTRATE}). */
    public static HostAllocator create(Memory memory, long heapBase, CallContext context) {
        return create(memory, heapBase, context, Profile.SUBSTRATE);
    }

    /**
     * A fresh allocator over {@code memory}, its heap starting at {@code heapBase} aligned up to 8
     * (for a Wasm module: the value of its exported {@code __heap_base} global).
     *
     * @param memory the instance's linear memory; its pages must not exceed its maximum, nor the
     *     maximum {@link Memory#MAX_WASM_PAGES}
     * @param heapBase a u32 no larger than the memory's current size in bytes
     * @param context {@link CallContext#ONCHAIN} (largest block 32 MiB) or
     *     {@link CallContext#OFFCHAIN} (2 GiB)
     * @param profile {@link Profile#SUBSTRATE} or {@link Profile#STRICT}; the proposal profile is
     *     a reference for comparisons, not an allocator to embed
     * @throws IllegalArgumentException naming the argument that is out of range
     * @throws AllocatorException with {@link ErrorCode#HEAP_BASE_WRAP} in the strict profile when
     *     aligning {@code heapBase} would wrap past 2^32
     */
    public static HostAllocator create(Memory memory, long heapBase, CallContext context, Profile profile) {
        if (memory == null || context == null || profile == null) {
            throw new IllegalArgumentException("memory, context and profile must not be null");
        }
        if (profile == Profile.PROPOSAL) {
            throw new IllegalArgumentException("profile proposal cannot be embedded: use substrate or strict");
        }
        int pages = memory.pages();
        int max = memory.maxPages();
        if (max > Memory.MAX_WASM_PAGES || pages < 0 || pages > max) {
            throw new IllegalArgumentException("memory reports " + pages + " pages of at most " + max
                    + ": need 0 <= pages <= maxPages <= " + Memory.MAX_WASM_PAGES);
        }
        if (heapBase < 0 || heapBase > U32_MAX) {
            throw new IllegalArgumentException("heap base " + heapBase + " is not a u32");
        }
        if (heapBase > memory.size()) {
            throw new IllegalArgumentException("heap base " + heapBase + " lies beyond the memory's "
                    + memory.size() + " bytes");
        }
        if (profile == Profile.STRICT && FreeingBumpAllocator.heapBaseWraps(heapBase)) {
            throw new AllocatorException(ErrorCode.HEAP_BASE_WRAP, "create", heapBase,
                    "aligning the heap base up to 8 would wrap past 2^32");
        }
        return new HostAllocator(FreeingBumpAllocator.create(memory, heapBase, context, profile), context, profile);
    }

    /**
     * {@code ext_allocator_malloc_version_1}: a block of at least {@code size} bytes.
     *
     * @param size a u32 (a Wasm i32 read as unsigned: {@code Integer.toUnsignedLong(i32)})
     * @return the block's address in linear memory, a multiple of 8, a u32
     * @throws IllegalArgumentException when {@code size} is not a u32 (nothing changes)
     * @throws AllocatorException when the allocator refuses; it is then poisoned
     */
    public long malloc(long size) {
        if (size < 0 || size > U32_MAX) {
            throw new IllegalArgumentException("malloc size " + size + " is not a u32");
        }
        long r = allocator.malloc(size);
        // a pointer is at least 8 (just past a header); an error is a negated status
        if (r < FreeingBumpAllocator.HEADER_SIZE) {
            throw failure(ErrorCode.ofStatus((int) -r), "malloc", size);
        }
        return r;
    }

    /**
     * {@code ext_allocator_free_version_1}: gives back the block at {@code ptr}.
     *
     * @param ptr a u32, an address {@link #malloc} returned and not yet freed
     * @throws IllegalArgumentException when {@code ptr} is not a u32 (nothing changes)
     * @throws AllocatorException when the allocator refuses (a double free, a foreign pointer, a
     *     clobbered header); it is then poisoned
     */
    public void free(long ptr) {
        if (ptr < 0 || ptr > U32_MAX) {
            throw new IllegalArgumentException("free pointer " + ptr + " is not a u32");
        }
        int status = allocator.free(ptr);
        if (status != Status.OK) {
            throw failure(ErrorCode.ofStatus(status), "free", ptr);
        }
    }

    /**
     * What each error means, for the exception's message. Filled in by {@code failure} with, in
     * order: the context's name, its largest block, the memory's page limit, the header address
     * ({@code argument - 8}) and the memory's size. A table rather than branches: the messages are
     * data, and every error the allocator can report has one.
     */
    private static final Map<ErrorCode, String> DETAIL = new EnumMap<>(ErrorCode.class);

    static {
        DETAIL.put(ErrorCode.TOO_LARGE, "the %1$s context's largest block is %2$d bytes");
        DETAIL.put(ErrorCode.OUT_OF_SPACE, "memory cannot grow past %3$d pages");
        DETAIL.put(ErrorCode.MEMORY_SHRANK, "memory is smaller than at the start of the previous call");
        DETAIL.put(ErrorCode.POISONED, "an earlier error poisoned the allocator");
        DETAIL.put(ErrorCode.INVALID_POINTER, "pointers handed out are at least 8");
        DETAIL.put(ErrorCode.OUT_OF_BOUNDS, "the header at %4$d lies outside the memory's %5$d bytes");
        DETAIL.put(ErrorCode.NOT_ALLOCATED, "the header at %4$d is not an occupied block: a double free or a foreign pointer");
        DETAIL.put(ErrorCode.INVALID_ORDER, "an occupied header holds an order the context does not have");
        DETAIL.put(ErrorCode.INVALID_FREE_LIST, "a free list's head lies outside memory or at an occupied header");
        DETAIL.put(ErrorCode.STATS_UNDERFLOW, "the block is larger than the bytes counted as allocated");
        DETAIL.put(ErrorCode.BUMPER_WRAP,
                "strict profile: the block would end exactly at 4 GiB, where sc-allocator's bump pointer wraps");
        DETAIL.put(ErrorCode.ALLOCATED_WRAP, "strict profile: the count of allocated bytes would pass 2^32 - 1");
    }

    private AllocatorException failure(ErrorCode code, String request, long argument) {
        String detail = String.format(Locale.ROOT, DETAIL.getOrDefault(code, "see spec/protocol.md, error codes"),
                context.wireName(), context.maxAllocation(), allocator.memory().maxPages(), argument - 8,
                allocator.memory().size());
        return new AllocatorException(code, request, argument, detail);
    }

    /** The counters sc-allocator keeps, read now. */
    public AllocatorStats stats() {
        BigInteger sum = BigInteger.valueOf(allocator.bytesAllocatedSumHigh()).shiftLeft(62)
                .add(BigInteger.valueOf(allocator.bytesAllocatedSumLow()));
        return new AllocatorStats(allocator.bytesAllocated(), allocator.bytesAllocatedPeak(), sum,
                allocator.addressSpaceUsed());
    }

    /** Whether an earlier error poisoned the allocator (every malloc and free now fails). */
    public boolean isPoisoned() {
        return allocator.isPoisoned();
    }

    /** The heap base in use: the one given, aligned up to 8. */
    public long heapBase() {
        return allocator.heapBase();
    }

    /** The context given to {@link #create}. */
    public CallContext context() {
        return context;
    }

    /** The profile given to {@link #create}. */
    public Profile profile() {
        return profile;
    }

    /** The memory given to {@link #create}. */
    public Memory memory() {
        return allocator.memory();
    }
}
