package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One LIFO free list per order, threaded through free headers. */
class FreeListTest {

    @Test
    void freedBlocksAreReusedLastInFirstOut() {
        // given four order-0 blocks
        Heap h = Heap.onchain();
        long[] p = {h.malloc(8), h.malloc(8), h.malloc(8), h.malloc(8)};
        // when freed in order 0, 1, 2, 3
        for (long q : p) {
            h.free(q);
        }
        // then they come back 3, 2, 1, 0 and then the bumper is used again
        assertEquals(p[3], h.malloc(8));
        assertEquals(p[2], h.malloc(1));
        assertEquals(p[1], h.malloc(0));
        assertEquals(p[0], h.malloc(7));
        assertEquals(72, h.malloc(8));
    }

    @Test
    void freeHeadersLinkToThePreviousHeadAndTheFirstToNil() {
        Heap h = Heap.onchain();
        long a = h.malloc(8);
        long b = h.malloc(8);
        long c = h.malloc(8);
        h.free(a);
        h.free(b);
        h.free(c);
        assertEquals(Heap.NIL, h.header(a));
        assertEquals(a - 8, h.header(b));
        assertEquals(b - 8, h.header(c));
        assertEquals(c - 8, h.allocator.freeListHead(0));
    }

    @Test
    void aHeaderAtAddressZeroIsARealLinkNotTheEndOfTheList() {
        Heap h = Heap.onchain();
        long a = h.malloc(8);
        long b = h.malloc(8);
        h.free(a);
        h.free(b);
        assertEquals(0, h.header(b));
        assertEquals(b, h.malloc(8));
        assertEquals(a, h.malloc(8));
        assertEquals(Heap.NIL, h.allocator.freeListHead(0));
    }

    @Test
    void eachOrderHasItsOwnList() {
        Heap h = Heap.onchain();
        long small = h.malloc(8);
        long mid = h.malloc(16);
        long big = h.malloc(32);
        h.free(small);
        h.free(mid);
        h.free(big);
        for (int k = 0; k < 23; k++) {
            long expected = k == 0 ? small - 8 : k == 1 ? mid - 8 : k == 2 ? big - 8 : Heap.NIL;
            assertEquals(expected, h.allocator.freeListHead(k), "order " + k);
        }
        assertEquals(mid, h.malloc(9));
        assertEquals(big, h.malloc(17));
        assertEquals(small, h.malloc(1));
    }

    @Test
    void occupiedHeaderIsTwoToThe32PlusTheOrder() {
        for (int k = 0; k < 29; k++) {
            Heap h = Heap.offchain();
            long p = h.malloc(8);
            long q = h.malloc(8L << k);
            assertEquals(Heap.OCCUPIED + k, h.header(q), "order " + k);
            assertEquals(Heap.OCCUPIED, h.header(p));
        }
    }

    @Test
    void aLinkIsFollowedWithoutAnyAlignmentCheck() {
        // given a free header poked to link to 4
        Heap h = Heap.onchain();
        long a = h.malloc(8);
        long b = h.malloc(8);
        h.free(a);
        h.free(b);
        h.memory.writeU64(b - 8, 4);
        // when
        assertEquals(b, h.malloc(8));
        long odd = h.malloc(8);
        // then the unaligned block at 4 is handed out (its header overlaps the one at 0)
        assertEquals(12, odd);
        assertEquals(Heap.OCCUPIED, h.memory.readU64(4));
        assertEquals(0, h.allocator.freeListHead(0));
    }
}
