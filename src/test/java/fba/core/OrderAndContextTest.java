package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Orders of requests and the two call contexts' limits. */
class OrderAndContextTest {

    /** log2(next_power_of_two(max(size, 8))) - 3, computed with bit tricks rather than a loop. */
    private static int referenceOrder(long size) {
        long clamped = Math.max(size, 8);
        return 64 - Long.numberOfLeadingZeros(clamped - 1) - 3;
    }

    @Test
    void orderOfEverySizeUpTo64KiBMatchesTheNextPowerOfTwo() {
        for (long size = 0; size <= 65536; size++) {
            assertEquals(referenceOrder(size), FreeingBumpAllocator.orderOf(size), "size " + size);
        }
    }

    @Test
    void orderChangesExactlyOnePastEachPowerOfTwo() {
        for (int k = 0; k <= 28; k++) {
            long block = 8L << k;
            assertEquals(k, FreeingBumpAllocator.orderOf(block), "size 2^" + (k + 3));
            assertEquals(k + 1, FreeingBumpAllocator.orderOf(block + 1), "size 2^" + (k + 3) + " + 1");
            if (k > 0) {
                assertEquals(k, FreeingBumpAllocator.orderOf((block >> 1) + 1), "size 2^" + (k + 2) + " + 1");
            }
        }
    }

    @Test
    void contextsHave23And29OrdersWithMaximaTwoToThe25And31() {
        assertEquals(23, CallContext.ONCHAIN.orders());
        assertEquals(1L << 25, CallContext.ONCHAIN.maxAllocation());
        assertEquals(29, CallContext.OFFCHAIN.orders());
        assertEquals(1L << 31, CallContext.OFFCHAIN.maxAllocation());
        assertEquals(CallContext.ONCHAIN, CallContext.ofWireName("onchain"));
        assertEquals(CallContext.OFFCHAIN, CallContext.ofWireName("offchain"));
        assertEquals(null, CallContext.ofWireName("Onchain"));
    }

    @Test
    void theHeaderOfEveryOnchainOrderHoldsThatOrder() {
        for (int k = 0; k < 23; k++) {
            // given a fresh on-chain heap
            Heap h = Heap.onchain();
            // when the largest size of order k is requested
            long p = h.malloc(8L << k);
            // then the block sits at the heap base with an occupied header naming k
            assertEquals(8, p);
            assertEquals(Heap.OCCUPIED + k, h.header(p));
            assertEquals((8L << k) + 8, h.stats()[0]);
        }
    }

    @Test
    void onchainRefusesOneByteAboveTwoToThe25() {
        Heap h = Heap.onchain();
        assertEquals(ErrorCode.TOO_LARGE, h.mallocError((1L << 25) + 1));
        Heap h2 = Heap.onchain();
        assertEquals(ErrorCode.TOO_LARGE, h2.mallocError(0xFFFFFFFFL));
        Heap h3 = Heap.onchain();
        assertEquals(8, h3.malloc(1L << 25));
    }

    @Test
    void offchainAcceptsOrders23To28AndRefusesAboveTwoToThe31() {
        for (int k = 23; k < 29; k++) {
            Heap h = Heap.offchain();
            long p = h.malloc((8L << (k - 1)) + 1);
            assertEquals(Heap.OCCUPIED + k, h.header(p));
        }
        assertEquals(ErrorCode.TOO_LARGE, Heap.offchain().mallocError((1L << 31) + 1));
        assertEquals(ErrorCode.TOO_LARGE, Heap.offchain().mallocError(0xFFFFFFFFL));
    }

    @Test
    void tooLargeChangesNothingButPoisons() {
        // given
        Heap h = Heap.onchain();
        h.malloc(8);
        // when
        ErrorCode e = h.mallocError((1L << 25) + 1);
        // then
        assertEquals(ErrorCode.TOO_LARGE, e);
        assertEquals(16, h.allocator.bumper());
        assertEquals(1, h.memory.pages());
        assertEquals(16, h.stats()[2]);
        assertEquals(ErrorCode.POISONED, h.mallocError(8));
    }
}
