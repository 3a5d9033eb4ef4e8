package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Splitting vector lines and comparing responses. */
class VectorLineTest {

    @Test
    void aRequestWithAnExpectation() {
        VectorLine l = VectorLine.parse(3, "malloc 8 => ok 8");
        assertEquals(3, l.number());
        assertEquals("malloc 8", l.request());
        assertEquals("ok 8", l.expected());
    }

    @Test
    void aRequestWithoutAnExpectation() {
        VectorLine l = VectorLine.parse(1, "free 8");
        assertEquals("free 8", l.request());
        assertNull(l.expected());
    }

    @Test
    void anArrowAtTheEndOfTheLineIsAnEmptyExpectationNotPartOfTheRequest() {
        VectorLine l = VectorLine.parse(2, "malloc 8 =>");
        assertEquals("malloc 8", l.request());
        assertEquals("", l.expected());
    }

    @Test
    void commentsBlankLinesAndPragmasAreNotRequests() {
        assertNull(VectorLine.parse(1, "").request());
        assertNull(VectorLine.parse(1, "# malloc 8 => ok 8").request());
        assertNull(VectorLine.parse(1, "#! profile strict").request());
        assertNull(VectorLine.parse(1, "\r").request());
    }

    @Test
    void aTrailingCarriageReturnIsDropped() {
        VectorLine l = VectorLine.parse(1, "malloc 8 => ok 8\r");
        assertEquals("malloc 8", l.request());
        assertEquals("ok 8", l.expected());
        assertEquals("stats", VectorLine.parse(1, "stats\r").request());
    }

    @Test
    void errorsMatchOnTheCodeAloneOtherResponsesExactly() {
        assertTrue(VectorLine.matches("err poisoned", "err poisoned the allocator has been poisoned"));
        assertTrue(VectorLine.matches("err poisoned some text", "err poisoned"));
        assertFalse(VectorLine.matches("err poisoned", "err poisoned_x"));
        assertFalse(VectorLine.matches("err poisoned", "ok 8"));
        assertTrue(VectorLine.matches("ok 8", "ok 8"));
        assertFalse(VectorLine.matches("ok 8", "ok 80"));
        assertFalse(VectorLine.matches("ok", "ok 8"));
        assertEquals("too_large", VectorLine.errorCode("err too_large"));
        assertEquals("too_large", VectorLine.errorCode("err too_large malloc 9999999999"));
    }
}
