package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The block-size table and the order search, over their whole range. */
class OrderTableTest {

    @Test
    void givenEveryOrder_whenItsBlockSizeIsLookedUp_thenItIsEightShiftedByTheOrder() {
        // orders 0..28 are used by the two contexts; 29 is the order of a 4 GiB request (orderOf's top)
        for (int order = 0; order <= 29; order++) {
            assertEquals(8L << order, FreeingBumpAllocator.blockSize(order), "order " + order);
        }
    }

    @Test
    void givenSizesAroundEachPowerOfTwo_whenTheOrderIsFound_thenItIsTheSmallestThatFits() {
        assertEquals(0, FreeingBumpAllocator.orderOf(0));
        assertEquals(0, FreeingBumpAllocator.orderOf(8));
        for (int k = 1; k <= 29; k++) {
            long size = 8L << k;
            assertEquals(k, FreeingBumpAllocator.orderOf(size), "size " + size);
            assertEquals(k, FreeingBumpAllocator.orderOf(size / 2 + 1), "size " + (size / 2 + 1));
        }
    }

    @Test
    void givenSizesBeyond4GiB_whenTheOrderIsFound_thenTheBoundedSearchStopsAtTheLastOrder() {
        // Outside orderOf's precondition (size <= 2^32): the search is bounded by the highest order
        // (that bound is what makes it terminate), so it still answers 29 rather than running on.
        assertEquals(29, FreeingBumpAllocator.orderOf((1L << 32) + 1));
        assertEquals(29, FreeingBumpAllocator.orderOf(Long.MAX_VALUE));
    }
}
