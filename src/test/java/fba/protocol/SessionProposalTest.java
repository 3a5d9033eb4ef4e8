package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.core.Profile;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A session in the proposal profile: what init, the call context and the other requests mean there. */
class SessionProposalTest {

    @Test
    void givenNoInit_whenAnythingButInitArrives_thenNotInitialized() {
        Session s = new Session(Profile.PROPOSAL);
        for (String line : new String[] {"malloc 8", "free 8", "grow 1", "truncate 0", "poke 0 0", "peek 0", "stats",
            "pages"}) {
            assertTrue(s.execute(line).startsWith("err not_initialized"), line);
        }
        assertNull(s.proposal());
    }

    @Test
    void givenInit_thenTheSessionRunsTheProposalAllocatorOnly() {
        Session s = new Session(Profile.PROPOSAL);
        assertEquals("ok", s.execute("init 0 onchain 1 1"));
        assertNotNull(s.proposal());
        assertNull(s.allocator());
        assertEquals(Profile.PROPOSAL, s.profile());
        // and an sc-allocator session has no proposal allocator
        Session t = new Session(Profile.SUBSTRATE);
        t.execute("init 0 onchain 1 1");
        assertNull(t.proposal());
        assertNotNull(t.allocator());
    }

    @Test
    void givenEitherContext_thenTheLimitIs16MiB() {
        for (String ctx : new String[] {"onchain", "offchain"}) {
            Session s = new Session(Profile.PROPOSAL);
            s.execute("init 0 " + ctx + " 257 257");
            assertTrue(s.execute("malloc 16777217").startsWith("err too_large malloc 16777217: "), ctx);
            assertEquals("ok 8", s.execute("malloc 16777216"), ctx);
        }
    }

    @Test
    void givenAHeapBaseStrictWouldRefuse_thenTheProposalAcceptsItAndRunsOutOfSpace() {
        Session s = new Session(Profile.PROPOSAL);
        assertEquals("ok", s.execute("init 4294967295 onchain 65536 65536"));
        assertTrue(s.execute("malloc 0").startsWith("err out_of_space malloc 0: the block does not fit"));
    }

    @Test
    void givenErrors_thenTheirMessagesNameTheRequestInTheProposalsTerms() {
        Session s = new Session(Profile.PROPOSAL);
        s.execute("init 8 onchain 1 1");
        assertEquals("err out_of_bounds free 3: the 8 header bytes do not lie inside memory", s.execute("free 3"));
        assertEquals("err not_allocated free 16: header bytes 1..7 are not all 0xFF (double free or foreign pointer)",
                s.execute("free 16"));
        s.execute("malloc 8");
        s.execute("poke 8 18446744073709551382");
        assertEquals("err invalid_order free 16: header byte 0 holds a list index of 22 or more", s.execute("free 16"));
    }

    @Test
    void givenMallocsAndFrees_thenStatsReportTheProposalsCounts() {
        Session s = new Session(Profile.PROPOSAL);
        s.execute("init 3 onchain 1 1");
        assertEquals("ok 11", s.execute("malloc 1"));
        assertEquals("ok 27", s.execute("malloc 9"));
        assertEquals("ok", s.execute("free 11"));
        assertEquals("ok 24 40 40 40", s.execute("stats"));
        assertEquals("ok 1", s.execute("pages"));
    }

    @Test
    void givenTheBytePath_thenMallocAndFreeAnswerAsTheStringPathDoes() throws java.io.IOException {
        Session s = new Session(Profile.PROPOSAL);
        s.execute("init 0 onchain 1 1");
        ResponseBuffer out = new ResponseBuffer(256);
        for (String line : new String[] {"malloc 8", "free 8", "malloc 8", "free 3", "malloc 99999999"}) {
            byte[] b = line.getBytes(StandardCharsets.US_ASCII);
            assertTrue(s.execute(b, 0, b.length, out));
        }
        Session t = new Session(Profile.PROPOSAL);
        t.execute("init 0 onchain 1 1");
        StringBuilder expected = new StringBuilder();
        for (String line : new String[] {"malloc 8", "free 8", "malloc 8", "free 3", "malloc 99999999"}) {
            expected.append(t.execute(line));
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        out.writeTo(bytes);
        assertEquals(expected.toString(), bytes.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void givenAHeadForgedToTheLastHeaderOf4GiB_whenMallocHandsOut2To32_thenFreeTakesItBack() {
        // Found by the proposal model (CI, 2026-11-29): malloc answered 2^32 and free refused it as
        // out of the u32 range. The proposal's free takes a u64, as the seed's does.
        Session s = new Session(Profile.PROPOSAL);
        s.execute("init 4294967200 onchain 65536 65536");
        assertEquals("ok 4294967208", s.execute("malloc 8"));
        assertEquals("ok", s.execute("free 4294967208"));
        assertEquals("ok", s.execute("poke 4294967200 4294967288"));
        assertEquals("ok 4294967208", s.execute("malloc 8"));
        assertEquals("ok 4294967296", s.execute("malloc 8"));
        assertEquals("ok", s.execute("free 4294967296"));
        assertEquals("err out_of_bounds free 4294967297: the 8 header bytes do not lie inside memory",
                s.execute("free 4294967297"));
        assertEquals("err out_of_bounds free 18446744073709551615: the 8 header bytes do not lie inside memory",
                s.execute("free 18446744073709551615"));
        assertTrue(s.execute("free 18446744073709551616").startsWith(
                "err bad_request ptr 18446744073709551616 is out of range (at most 18446744073709551615)"));
    }

    @Test
    void givenTheSubstrateProfile_thenFreeStillTakesAU32() {
        Session s = new Session(Profile.SUBSTRATE);
        s.execute("init 0 onchain 65536 65536");
        assertTrue(s.execute("free 4294967296").startsWith("err bad_request ptr 4294967296 is out of range (at most 4294967295)"));
    }
}
