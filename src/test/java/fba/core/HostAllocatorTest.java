package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The embedding API: the allocator's answers as values and typed errors, and its argument checks. */
class HostAllocatorTest {

    private static HostAllocator onchain(int pages, int maxPages) {
        return HostAllocator.create(new SparseMemory(pages, maxPages), 0, CallContext.ONCHAIN);
    }

    private static AllocatorException mallocFails(HostAllocator h, long size) {
        return assertThrows(AllocatorException.class, () -> h.malloc(size));
    }

    private static AllocatorException freeFails(HostAllocator h, long ptr) {
        return assertThrows(AllocatorException.class, () -> h.free(ptr));
    }

    @Test
    void givenAFreshAllocator_whenMallocAndFree_thenPointersAndStatsAreSubstrates() {
        SparseMemory m = new SparseMemory(1, 16);
        HostAllocator h = HostAllocator.create(m, 3, CallContext.ONCHAIN);
        assertEquals(8, h.heapBase());
        assertSame(m, h.memory());
        assertEquals(CallContext.ONCHAIN, h.context());
        assertEquals(Profile.SUBSTRATE, h.profile());
        long a = h.malloc(1);
        long b = h.malloc(9);
        assertEquals(16, a);
        assertEquals(32, b);
        // the header holds occupied | order
        assertEquals(FreeingBumpAllocator.OCCUPIED | 1, m.readU64(b - 8));
        h.free(a);
        assertEquals(new AllocatorStats(24, 40, BigInteger.valueOf(40), 40), h.stats());
        // LIFO reuse
        assertEquals(a, h.malloc(8));
        assertEquals(new AllocatorStats(40, 40, BigInteger.valueOf(56), 40), h.stats());
        assertFalse(h.isPoisoned());
    }

    @Test
    void givenGrowthNeeded_whenMalloc_thenTheMemoryGrowsThroughItsInterface() {
        SparseMemory m = new SparseMemory(1, 4);
        HostAllocator h = HostAllocator.create(m, 0, CallContext.ONCHAIN);
        long p = h.malloc(100_000);
        assertEquals(8, p);
        assertTrue(m.pages() >= 3, "pages " + m.pages());
    }

    @Test
    void tooLargeNamesTheContextsLargestBlockAndPoisons() {
        HostAllocator h = onchain(1, 16);
        AllocatorException e = mallocFails(h, (32L << 20) + 1);
        assertEquals(ErrorCode.TOO_LARGE, e.code());
        assertEquals("malloc", e.request());
        assertEquals((32L << 20) + 1, e.argument());
        assertEquals("malloc 33554433: too_large (the onchain context's largest block is 33554432 bytes)", e.getMessage());
        assertTrue(h.isPoisoned());
        AllocatorException again = mallocFails(h, 8);
        assertEquals(ErrorCode.POISONED, again.code());
        assertTrue(again.getMessage().endsWith("(an earlier error poisoned the allocator)"), again.getMessage());
        assertEquals(ErrorCode.POISONED, freeFails(h, 8).code());
    }

    @Test
    void offchainTakesTwoGiB() {
        HostAllocator h = HostAllocator.create(new SparseMemory(1, 65536), 0, CallContext.OFFCHAIN);
        assertEquals(8, h.malloc(1L << 31));
        assertEquals(ErrorCode.TOO_LARGE, mallocFails(h, (1L << 31) + 1).code());
    }

    @Test
    void outOfSpaceNamesTheMaximum() {
        HostAllocator h = onchain(1, 2);
        AllocatorException e = mallocFails(h, 1L << 20);
        assertEquals(ErrorCode.OUT_OF_SPACE, e.code());
        assertTrue(e.getMessage().endsWith("(memory cannot grow past 2 pages)"), e.getMessage());
    }

    @Test
    void freeErrorsNameThePointerAndTheHeader() {
        AllocatorException low = freeFails(onchain(1, 1), 7);
        assertEquals(ErrorCode.INVALID_POINTER, low.code());
        assertEquals("free 7: invalid_pointer (pointers handed out are at least 8)", low.getMessage());
        AllocatorException out = freeFails(onchain(1, 1), 65537);
        assertEquals(ErrorCode.OUT_OF_BOUNDS, out.code());
        assertTrue(out.getMessage().endsWith("(the header at 65529 lies outside the memory's 65536 bytes)"), out.getMessage());
        HostAllocator h = onchain(1, 1);
        long p = h.malloc(8);
        h.free(p);
        AllocatorException twice = freeFails(h, p);
        assertEquals(ErrorCode.NOT_ALLOCATED, twice.code());
        assertEquals("free", twice.request());
        assertEquals(p, twice.argument());
        assertTrue(twice.getMessage().contains("the header at 0 is not an occupied block"), twice.getMessage());
    }

    /** One new block of {@code size} (8) bytes, freed if asked, whose header then reads {@code header}; returns it. */
    private static long forged(SparseMemory m, HostAllocator h, boolean freed, long header) {
        return forged(m, h, freed, header, 8);
    }

    private static long forged(SparseMemory m, HostAllocator h, boolean freed, long header, long size) {
        long p = h.malloc(size);
        if (freed) {
            h.free(p);
        }
        m.writeU64(p - 8, header);
        return p;
    }

    @Test
    void clobberedHeadersGiveTheirCodes() {
        SparseMemory m = new SparseMemory(1, 1);
        HostAllocator h = HostAllocator.create(m, 0, CallContext.ONCHAIN);
        AllocatorException order = freeFails(h, forged(m, h, false, FreeingBumpAllocator.OCCUPIED | 40));
        assertEquals(ErrorCode.INVALID_ORDER, order.code());
        assertTrue(order.getMessage().contains("an order the context does not have"), order.getMessage());

        SparseMemory m2 = new SparseMemory(1, 1);
        HostAllocator h2 = HostAllocator.create(m2, 0, CallContext.ONCHAIN);
        long q = forged(m2, h2, true, 1L << 20);
        // the pop hands q out again and makes the forged link the head; the next pop refuses it
        assertEquals(q, h2.malloc(8));
        AllocatorException list = mallocFails(h2, 8);
        assertEquals(ErrorCode.INVALID_FREE_LIST, list.code());
        assertTrue(list.getMessage().contains("free list's head"), list.getMessage());

        SparseMemory m3 = new SparseMemory(1, 1);
        HostAllocator h3 = HostAllocator.create(m3, 0, CallContext.ONCHAIN);
        AllocatorException under = freeFails(h3, forged(m3, h3, false, FreeingBumpAllocator.OCCUPIED | 10));
        assertEquals(ErrorCode.STATS_UNDERFLOW, under.code());
        assertTrue(under.getMessage().contains("larger than the bytes counted"), under.getMessage());
    }

    @Test
    void aShrunkMemoryIsNamed() {
        SparseMemory m = new SparseMemory(2, 2);
        HostAllocator h = HostAllocator.create(m, 0, CallContext.ONCHAIN);
        h.malloc(8);
        m.truncate(1);
        AllocatorException e = mallocFails(h, 8);
        assertEquals(ErrorCode.MEMORY_SHRANK, e.code());
        assertTrue(e.getMessage().contains("smaller than at the start of the previous call"), e.getMessage());
    }

    @Test
    void strictRefusesAWrappingHeapBaseAndAWrappingBump() {
        AllocatorException base = assertThrows(AllocatorException.class, () -> HostAllocator.create(
                new SparseMemory(65536, 65536), 0xFFFFFFF9L, CallContext.ONCHAIN, Profile.STRICT));
        assertEquals(ErrorCode.HEAP_BASE_WRAP, base.code());
        assertEquals("create", base.request());
        assertEquals(0xFFFFFFF9L, base.argument());
        // substrate takes the same base and wraps it to 0, as sc-allocator does
        assertEquals(0, HostAllocator.create(new SparseMemory(65536, 65536), 0xFFFFFFF9L, CallContext.ONCHAIN).heapBase());

        HostAllocator s = HostAllocator.create(new SparseMemory(65536, 65536), 0xFFFFFFFFL - (32L << 20) - 14,
                CallContext.ONCHAIN, Profile.STRICT);
        assertEquals(Profile.STRICT, s.profile());
        AllocatorException bump = mallocFails(s, 32L << 20);
        assertEquals(ErrorCode.BUMPER_WRAP, bump.code());
        assertTrue(bump.getMessage().contains("end exactly at 4 GiB"), bump.getMessage());
    }

    @Test
    void strictRefusesToCountPast4GiB() {
        // the forged list of spec/vectors/wrap_allocated_forged_list_strict.vec
        SparseMemory m = new SparseMemory(1, 65536);
        HostAllocator h = HostAllocator.create(m, 0, CallContext.OFFCHAIN, Profile.STRICT);
        assertEquals(8, forged(m, h, true, 8, 1L << 31));
        assertEquals(8, h.malloc(1L << 31));
        AllocatorException e = mallocFails(h, 1L << 31);
        assertEquals(ErrorCode.ALLOCATED_WRAP, e.code());
        assertTrue(e.getMessage().endsWith("(strict profile: the count of allocated bytes would pass 2^32 - 1)"), e.getMessage());
    }

    @Test
    void theEdgesOfTheU32RangeReachTheAllocator() {
        assertEquals(ErrorCode.TOO_LARGE, mallocFails(onchain(1, 1), 0xFFFFFFFFL).code());
        assertEquals(ErrorCode.INVALID_POINTER, freeFails(onchain(1, 1), 0).code());
        assertEquals(ErrorCode.OUT_OF_BOUNDS, freeFails(onchain(1, 1), 0xFFFFFFFFL).code());
        // the largest heap base: sc-allocator's alignment wraps it to 0
        assertEquals(0, HostAllocator.create(new SparseMemory(65536, 65536), 0xFFFFFFFFL, CallContext.ONCHAIN).heapBase());
    }

    @Test
    void argumentsOutOfRangeAreRefusedWithoutPoisoning() {
        HostAllocator h = onchain(1, 1);
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> h.malloc(1L << 32));
        assertEquals("malloc size 4294967296 is not a u32", big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> h.malloc(-1));
        IllegalArgumentException ptr = assertThrows(IllegalArgumentException.class, () -> h.free(-8));
        assertEquals("free pointer -8 is not a u32", ptr.getMessage());
        assertThrows(IllegalArgumentException.class, () -> h.free(1L << 32));
        assertFalse(h.isPoisoned());
        assertEquals(8, onchain(1, 1).malloc(0));
    }

    @Test
    void createChecksItsArguments() {
        SparseMemory m = new SparseMemory(1, 2);
        assertEquals("heap base -1 is not a u32", assertThrows(IllegalArgumentException.class,
                () -> HostAllocator.create(m, -1, CallContext.ONCHAIN)).getMessage());
        assertEquals("heap base 4294967296 is not a u32", assertThrows(IllegalArgumentException.class,
                () -> HostAllocator.create(m, 1L << 32, CallContext.ONCHAIN)).getMessage());
        assertEquals("heap base 65537 lies beyond the memory's 65536 bytes", assertThrows(IllegalArgumentException.class,
                () -> HostAllocator.create(m, 65537, CallContext.ONCHAIN)).getMessage());
        assertEquals(65536, HostAllocator.create(m, 65536, CallContext.ONCHAIN).heapBase());
        assertThrows(IllegalArgumentException.class, () -> HostAllocator.create(null, 0, CallContext.ONCHAIN));
        assertThrows(IllegalArgumentException.class, () -> HostAllocator.create(m, 0, null));
        assertThrows(IllegalArgumentException.class, () -> HostAllocator.create(m, 0, CallContext.ONCHAIN, null));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> HostAllocator.create(m, 0, CallContext.ONCHAIN, Profile.PROPOSAL)).getMessage().contains("proposal"));
    }

    @Test
    void aMemoryBreakingItsOwnLimitsIsRefused() {
        assertRefused(new FixedMemory(3, 2), "memory reports 3 pages of at most 2");
        assertRefused(new FixedMemory(1, 65537), "memory reports 1 pages of at most 65537");
        assertRefused(new FixedMemory(-1, 2), "memory reports -1 pages of at most 2");
        assertEquals(0, HostAllocator.create(new FixedMemory(0, 0), 0, CallContext.ONCHAIN).heapBase());
        assertEquals(0, HostAllocator.create(new FixedMemory(65536, 65536), 0, CallContext.ONCHAIN).heapBase());
    }

    private static void assertRefused(Memory m, String start) {
        String msg = assertThrows(IllegalArgumentException.class, () -> HostAllocator.create(m, 0, CallContext.ONCHAIN)).getMessage();
        assertTrue(msg.startsWith(start), msg);
    }

    /** A memory that reports fixed page counts and holds nothing: only create reads it here. */
    private static final class FixedMemory implements Memory {
        private final int pages;
        private final int max;

        FixedMemory(int pages, int max) {
            this.pages = pages;
            this.max = max;
        }

        @Override
        public int pages() {
            return pages;
        }

        @Override
        public int maxPages() {
            return max;
        }

        @Override
        public long size() {
            return (long) pages * PAGE_SIZE;
        }

        @Override
        public boolean grow(long delta) {
            return false;
        }

        @Override
        public long readU64(long addr) {
            return 0;
        }

        @Override
        public void writeU64(long addr, long value) {
        }
    }
}
