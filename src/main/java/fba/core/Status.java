package fba.core;

/**
 * Integer status codes returned by the allocator's algorithm.
 *
 * <p>The algorithm returns plain integers (0 for success, a positive code for an error, negated
 * inside {@link FreeingBumpAllocator#malloc}'s result) rather than objects or exceptions, so that
 * the static proofs need no object allocation or exceptional control flow. {@link ErrorCode} is the
 * typed view of the same codes that everything outside the algorithm uses.
 */
public final class Status {

    private Status() {
    }

    public static final int OK = 0;
    public static final int TOO_LARGE = 1;
    public static final int OUT_OF_SPACE = 2;
    public static final int MEMORY_SHRANK = 3;
    public static final int POISONED = 4;
    public static final int INVALID_POINTER = 5;
    public static final int OUT_OF_BOUNDS = 6;
    public static final int NOT_ALLOCATED = 7;
    public static final int INVALID_ORDER = 8;
    public static final int INVALID_FREE_LIST = 9;
    public static final int STATS_UNDERFLOW = 10;
    /** strict profile only: the heap base would wrap past 2^32 when aligned up to 8. */
    public static final int HEAP_BASE_WRAP = 11;
    /** strict profile only: the bump pointer would wrap to 0 (a bump ending exactly at 4 GiB). */
    public static final int BUMPER_WRAP = 12;
    /** strict profile only: the u32 count of allocated bytes would wrap. */
    public static final int ALLOCATED_WRAP = 13;
}
