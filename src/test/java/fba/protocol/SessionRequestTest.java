package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.core.Profile;
import org.junit.jupiter.api.Test;

/** The responses of well-formed requests. */
class SessionRequestTest {

    @Test
    void blankAndCommentLinesGetNoResponse() {
        Session s = new Session(Profile.SUBSTRATE);
        StringBuilder out = new StringBuilder();
        assertFalse(s.execute("", out));
        assertFalse(s.execute("# init 0 onchain 1 1", out));
        assertFalse(s.execute("#", out));
        assertEquals("", out.toString());
        assertNull(s.execute(""));
    }

    @Test
    void everyRequestBeforeInitIsNotInitialized() {
        Session s = new Session(Profile.SUBSTRATE);
        for (String line : new String[] {"malloc 8", "free 8", "grow 1", "truncate 0", "poke 0 0", "peek 0",
            "stats", "pages"}) {
            // the whole response: one error and nothing after it (the request goes no further)
            assertEquals("err not_initialized no session: send init first", s.execute(line), line);
        }
    }

    @Test
    void executeAppendsOneResponseWithoutTerminator() {
        Session s = new Session(Profile.SUBSTRATE);
        StringBuilder out = new StringBuilder("prefix|");
        assertTrue(s.execute("init 0 onchain 1 65536", out));
        assertTrue(s.execute("malloc 1", out));
        assertEquals("prefix|okok 8", out.toString());
    }

    @Test
    void theProtocolsExampleSession() {
        Session s = new Session(Profile.SUBSTRATE);
        assertEquals("ok", s.execute("init 0 onchain 1 65536"));
        assertEquals("ok 8", s.execute("malloc 1"));
        assertEquals("ok 24", s.execute("malloc 9"));
        assertEquals("ok", s.execute("free 8"));
        assertEquals("ok 24 40 40 40", s.execute("stats"));
        assertEquals("ok 1", s.execute("pages"));
    }

    @Test
    void allocatorErrorsCarryTheirCodeAndAMessageNamingTheRequest() {
        Session s = new Session(Profile.SUBSTRATE);
        s.execute("init 0 onchain 1 65536");
        String r = s.execute("free 3");
        assertTrue(r.startsWith("err invalid_pointer free 3"), r);
        assertTrue(s.execute("malloc 8").startsWith("err poisoned "));
    }

    @Test
    void growTruncatePokePeekWorkWithoutTouchingTheAllocator() {
        Session s = new Session(Profile.SUBSTRATE);
        s.execute("init 0 onchain 1 3");
        assertTrue(s.execute("grow 3").startsWith("err out_of_space"));
        assertEquals("ok", s.execute("grow 2"));
        assertEquals("ok 3", s.execute("pages"));
        assertEquals("ok", s.execute("poke 196592 258"));
        assertEquals("ok 258", s.execute("peek 196592"));
        assertEquals("ok 1", s.execute("peek 196593"));
        assertEquals("ok 0", s.execute("peek 196600"));
        assertTrue(s.execute("peek 196601").startsWith("err out_of_bounds"));
        assertTrue(s.execute("poke 196601 1").startsWith("err out_of_bounds"));
        assertEquals("ok", s.execute("truncate 1"));
        assertEquals("ok 0 0 0 0", s.execute("stats"));
        assertFalse(s.allocator().isPoisoned());
    }

    @Test
    void strictRefusesAWrappingHeapBaseAndEndsThePreviousSession() {
        Session s = new Session(Profile.STRICT);
        assertEquals("ok", s.execute("init 0 onchain 1 65536"));
        assertTrue(s.execute("init 4294967289 onchain 1 65536").startsWith("err heap_base_wrap"));
        assertNull(s.allocator());
        assertTrue(s.execute("stats").startsWith("err not_initialized"));
        assertEquals("ok", s.execute("init 4294967288 onchain 1 65536"));
    }

    @Test
    void substrateAcceptsAWrappingHeapBase() {
        Session s = new Session(Profile.SUBSTRATE);
        assertEquals("ok", s.execute("init 4294967295 onchain 1 65536"));
        assertEquals("ok 8", s.execute("malloc 1"));
    }

    @Test
    void aBadInitLeavesTheRunningSession() {
        Session s = new Session(Profile.SUBSTRATE);
        s.execute("init 0 onchain 1 65536");
        s.execute("malloc 8");
        assertTrue(s.execute("init 0 onchain 2 1").startsWith("err bad_request"));
        assertEquals("ok 16 16 16 16", s.execute("stats"));
    }

    @Test
    void aNewInitStartsFromZeroedMemoryAndAFreshAllocator() {
        Session s = new Session(Profile.SUBSTRATE);
        s.execute("init 0 onchain 1 65536");
        s.execute("poke 64 9");
        s.execute("free 0");
        assertEquals("ok", s.execute("init 0 offchain 1 65536"));
        assertEquals("ok 0", s.execute("peek 64"));
        assertEquals("ok 8", s.execute("malloc 2147483648"));
    }
}
