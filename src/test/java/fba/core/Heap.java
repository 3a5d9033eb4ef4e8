package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test fixture: an allocator over its own sparse memory, with assertion shorthands. */
final class Heap {

    static final long OCCUPIED = 1L << 32;
    static final long NIL = 0xFFFFFFFFL;

    final SparseMemory memory;
    final FreeingBumpAllocator allocator;

    private Heap(SparseMemory memory, FreeingBumpAllocator allocator) {
        this.memory = memory;
        this.allocator = allocator;
    }

    static Heap of(long heapBase, CallContext context, Profile profile, int pages, int maxPages) {
        SparseMemory m = new SparseMemory(pages, maxPages);
        return new Heap(m, FreeingBumpAllocator.create(m, heapBase, context, profile));
    }

    static Heap onchain(long heapBase, int pages, int maxPages) {
        return of(heapBase, CallContext.ONCHAIN, Profile.SUBSTRATE, pages, maxPages);
    }

    static Heap onchain() {
        return onchain(0, 1, 65536);
    }

    static Heap offchain() {
        return of(0, CallContext.OFFCHAIN, Profile.SUBSTRATE, 1, 65536);
    }

    /** malloc that must succeed; returns the pointer. */
    long malloc(long size) {
        long r = allocator.malloc(size);
        assertTrue(r >= 0, () -> "malloc " + size + " failed with " + ErrorCode.ofStatus((int) -r));
        return r;
    }

    /** malloc that must fail; returns the error. */
    ErrorCode mallocError(long size) {
        long r = allocator.malloc(size);
        assertTrue(r < 0, () -> "malloc " + size + " unexpectedly returned " + r);
        return ErrorCode.ofStatus((int) -r);
    }

    void free(long ptr) {
        int s = allocator.free(ptr);
        assertEquals(Status.OK, s, () -> "free " + ptr + " failed with " + ErrorCode.ofStatus(s));
    }

    ErrorCode freeError(long ptr) {
        int s = allocator.free(ptr);
        assertTrue(s != Status.OK, () -> "free " + ptr + " unexpectedly succeeded");
        return ErrorCode.ofStatus(s);
    }

    long header(long ptr) {
        return memory.readU64(ptr - 8);
    }

    /** bytes_allocated, peak, sum (fits a long in tests), address_space_used. */
    long[] stats() {
        assertEquals(0, allocator.bytesAllocatedSumHigh(), "sum beyond 2^62 in a unit test");
        return new long[] {allocator.bytesAllocated(), allocator.bytesAllocatedPeak(),
            allocator.bytesAllocatedSumLow(), allocator.addressSpaceUsed()};
    }
}
