package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.core.Profile;
import org.junit.jupiter.api.Test;

/**
 * The session knows when a request leaves the proved theorem's premise (issue 25, item 4): a heap
 * base above memory, a truncation below the bump pointer, a poke into a header; and that payload
 * pokes, truncations above the bump pointer and grows do not.
 */
class PremiseTest {

    private static Session session(String... lines) {
        Session s = new Session(Profile.SUBSTRATE);
        for (String line : lines) {
            s.execute(line);
        }
        return s;
    }

    @Test
    void payloadPokesGrowsAndHighTruncationsKeepThePremise() {
        // given blocks at 16 (live, order 0), 32 (freed, order 0) and 48 (live, order 1)
        Session s = session("init 16 offchain 2 4", "malloc 8", "malloc 8", "malloc 16", "free 40");
        // when the payloads of the live and the free block are poked, memory grows, and shrinks to
        // a size still above the bump pointer
        assertEquals("ok", s.execute("poke 24 1"));
        assertEquals("ok", s.execute("poke 40 2"));
        assertEquals("ok", s.execute("poke 56 3"));
        assertEquals("ok", s.execute("poke 65536 4"));
        assertEquals("ok", s.execute("grow 1"));
        assertEquals("ok", s.execute("truncate 1"));
        // then the premise holds
        assertNull(s.premiseLeft());
    }

    @Test
    void aPokeIntoALiveHeaderAFreeLinkOrAnyOfTheirBytesLeavesIt() {
        for (String poke : new String[] {"poke 16 0", "poke 32 0", "poke 48 0", "poke 9 0", "poke 55 0"}) {
            // given the same blocks
            Session s = session("init 16 offchain 2 4", "malloc 8", "malloc 8", "malloc 16", "free 40");
            // when a header word (live, or the freed block's link) is poked, aligned or not
            assertEquals("ok", s.execute(poke));
            // then the session names the request and the block
            assertTrue(s.premiseLeft() != null && s.premiseLeft().startsWith(poke.substring(0, poke.lastIndexOf(' '))),
                    poke + ": " + s.premiseLeft());
            assertTrue(s.premiseLeft().contains("header of the block at"), s.premiseLeft());
        }
    }

    @Test
    void aTruncationBelowTheBumpPointerLeavesIt() {
        Session s = session("init 65000 offchain 1 4", "malloc 1000");
        assertEquals("ok", s.execute("truncate 0"));
        assertTrue(s.premiseLeft().startsWith("truncate 0: "), s.premiseLeft());
        // and a new init starts inside it again
        s.execute("init 16 offchain 1 4");
        assertNull(s.premiseLeft());
    }

    @Test
    void aHeapBaseAboveTheInitialMemoryLeavesIt() {
        Session s = session("init 70000 offchain 1 4");
        assertTrue(s.premiseLeft().startsWith("init: heap_base 70000 lies above the initial memory size 65536"),
                s.premiseLeft());
        assertNull(session("init 65536 offchain 1 4").premiseLeft());
        assertNull(new Session(Profile.PROPOSAL).premiseLeft());
    }
}
