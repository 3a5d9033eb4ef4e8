package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fba.core.Profile;
import org.junit.jupiter.api.Test;

/**
 * The premise watch at its edges: exactly which bytes are a header's, where the bump pointer
 * stops a truncation, and that the first request to leave the premise is the one named.
 */
class PremiseEdgesTest {

    /** A substrate session after {@code lines}. */
    private static Session session(String... lines) {
        Session s = new Session(Profile.SUBSTRATE);
        for (String line : lines) {
            s.execute(line);
        }
        return s;
    }

    /** Blocks with headers at 16 (live, order 0), 32 (freed, order 0) and 48 (live, order 1); bump pointer 72. */
    private static Session blocks() {
        return session("init 16 offchain 2 4", "malloc 8", "malloc 8", "malloc 16", "free 40");
    }

    private static String afterPoke(long addr) {
        Session s = blocks();
        assertEquals("ok", s.execute("poke " + addr + " 0"));
        return s.premiseLeft();
    }

    @Test
    void givenPokesAroundEachHeader_thenExactlyTheEightHeaderBytesLeaveThePremise() {
        // a poke writes the eight bytes [addr, addr + 8)
        String[][] cases = {
            {"8", null}, // [8, 16): below the heap base
            {"9", "poke 9: writes the header of the block at 16"},
            {"23", "poke 23: writes the header of the block at 16"},
            {"24", null}, // the first payload byte of the block at 16
            {"25", "poke 25: writes the header of the block at 32"},
            {"31", "poke 31: writes the header of the block at 32"},
            {"39", "poke 39: writes the header of the block at 32"},
            {"40", null}, // the free block's payload
            {"41", "poke 41: writes the header of the block at 48"},
            {"55", "poke 55: writes the header of the block at 48"},
            {"56", null},
            {"64", null}, // [64, 72): the last payload word below the bump pointer
            {"65", null}, // [65, 73): past the bump pointer, where no header is yet
            {"72", null}, // at the bump pointer: no block there yet
        };
        for (String[] c : cases) {
            assertEquals(c[1], afterPoke(Long.parseLong(c[0])), "poke " + c[0]);
        }
    }

    @Test
    void givenTruncationsAroundTheBumpPointer_thenOnlyOneBelowItLeavesThePremise() {
        // given a bump pointer at exactly one page (header 65520, block 65528..65536)
        Session at = session("init 65520 offchain 1 4");
        assertEquals("ok 65528", at.execute("malloc 8"));
        // when memory shrinks to exactly the bump pointer, then the premise holds
        assertEquals("ok", at.execute("truncate 1"));
        assertEquals(null, at.premiseLeft());
        // given a bump pointer 8 bytes past one page (the allocator grew memory to reach it)
        Session past = session("init 65528 offchain 1 4");
        assertEquals("ok 65536", past.execute("malloc 8"));
        // when memory shrinks to one page, then the premise is left, with the figures
        assertEquals("ok", past.execute("truncate 1"));
        assertEquals("truncate 1: memory shrinks to 65536 bytes, below the bump pointer 65544", past.premiseLeft());
    }

    @Test
    void givenTwoRequestsThatLeaveThePremise_thenTheFirstIsNamed() {
        Session pokeFirst = blocks();
        pokeFirst.execute("poke 16 0");
        pokeFirst.execute("truncate 0");
        pokeFirst.execute("poke 48 0");
        assertEquals("poke 16: writes the header of the block at 16", pokeFirst.premiseLeft());
        Session truncateFirst = blocks();
        truncateFirst.execute("truncate 0");
        truncateFirst.execute("grow 1");
        truncateFirst.execute("poke 48 0");
        assertEquals("truncate 0: memory shrinks to 0 bytes, below the bump pointer 72", truncateFirst.premiseLeft());
    }

    @Test
    void givenABlockOfAHigherOrder_thenTheWalkStepsOverItsWholeSize() {
        // given blocks of 32 and 8 bytes: headers at 16 and 56 (16 + 8 + 32)
        Session s = session("init 16 offchain 2 4");
        assertEquals("ok 24", s.execute("malloc 32"));
        assertEquals("ok 64", s.execute("malloc 8"));
        // when the second header is poked, then it is found by stepping over the first block
        assertEquals("ok", s.execute("poke 56 0"));
        assertEquals("poke 56: writes the header of the block at 56", s.premiseLeft());
        // and a poke inside the first block's payload is no header
        Session t = session("init 16 offchain 2 4", "malloc 32", "malloc 8", "poke 48 0");
        assertEquals(null, t.premiseLeft());
    }

    @Test
    void givenTwoFreeBlocksOnOneList_thenBothAreWalkedAndAPayloadPokeIsNoHeader() {
        // given three blocks of order 0, the first two freed: the list is 32 -> 16 -> NIL
        Session s = session("init 16 offchain 2 4", "malloc 8", "malloc 8", "malloc 8", "free 24", "free 40");
        // when the last block's payload is poked, then no header is hit
        assertEquals("ok", s.execute("poke 56 0"));
        assertEquals(null, s.premiseLeft());
        // and the list's last node's header is one
        assertEquals("ok", s.execute("poke 16 0"));
        assertEquals("poke 16: writes the header of the block at 16", s.premiseLeft());
    }

    @Test
    void givenAHeapBaseOfZero_thenThePokeOfTheFirstHeaderLeavesThePremise() {
        Session s = session("init 0 offchain 1 4");
        assertEquals("ok 8", s.execute("malloc 8"));
        assertEquals("ok", s.execute("poke 0 0"));
        assertEquals("poke 0: writes the header of the block at 0", s.premiseLeft());
    }

    @Test
    void givenASessionThatLeftThePremise_whenANewInitIsRefused_thenNoSessionAndNoReasonRemain() {
        // given a strict session that left the premise
        Session s = new Session(Profile.STRICT);
        s.execute("init 16 onchain 1 4");
        s.execute("malloc 8");
        s.execute("poke 16 0");
        assertEquals("poke 16: writes the header of the block at 16", s.premiseLeft());
        // when the next init is refused (its heap base would wrap), the old session is gone
        assertEquals("err heap_base_wrap", s.execute("init 4294967295 onchain 1 1").split(" heap_base ")[0]);
        // then no reason of the old session is reported
        assertEquals(null, s.premiseLeft());
    }

    @Test
    void givenTheProposalProfile_thenNoPremiseIsTrackedEvenAboveMemory() {
        Session s = new Session(Profile.PROPOSAL);
        assertEquals("ok", s.execute("init 70000 offchain 1 4"));
        assertEquals(null, s.premiseLeft());
    }
}
