package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A sparse page's sorted word list at its capacity: zeroing a word removes it by moving the words
 * after it down, and the move must not read past the last word (the list is full, so there is no
 * slack after it to hide an off-by-one).
 */
class SparsePageTest {

    @Test
    void givenAFullSparsePage_whenItsFirstWordIsZeroed_thenTheOtherThreeStayInOrder() {
        // given four non-zero words: the list's initial capacity, exactly full
        PageStore.Sparse page = new PageStore.Sparse();
        for (int off : new int[] {3, 1, 7, 5}) {
            page.put(off, 100 + off);
        }
        assertEquals(4, page.n);
        assertEquals(page.offs.length, page.n);
        // when
        page.put(1, 0);
        // then
        assertEquals(3, page.n);
        assertEquals(0, page.get(1));
        assertEquals(103, page.get(3));
        assertEquals(105, page.get(5));
        assertEquals(107, page.get(7));
    }

    @Test
    void givenAFullSparsePage_whenItsLastWordIsZeroed_thenNothingMoves() {
        PageStore.Sparse page = new PageStore.Sparse();
        for (int off = 0; off < 4; off++) {
            page.put(off, off + 1);
        }
        page.put(3, 0);
        assertEquals(3, page.n);
        assertEquals(1, page.get(0));
        assertEquals(3, page.get(2));
        assertEquals(0, page.get(3));
    }
}
