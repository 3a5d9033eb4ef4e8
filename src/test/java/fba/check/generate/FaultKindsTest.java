package fba.check.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fba.core.Profile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each fault kind alone (issue 30): run against the reference where it first applies, it queues
 * the requests its class describes, and the reference answers them as that fault must be answered.
 */
class FaultKindsTest {

    private static List<String> shape(Fault f, Profile p) {
        return FaultRun.shape(FaultRun.of(f, p, 1000));
    }

    @Test
    void tooLarge() {
        assertEquals(List.of("malloc:too_large"), shape(new TooLarge(), Profile.SUBSTRATE));
    }

    @Test
    void outOfSpace() {
        List<String> s = shape(new OutOfSpace(), Profile.SUBSTRATE);
        assertEquals("malloc:out_of_space", s.get(s.size() - 1), s.toString());
    }

    @Test
    void doubleFree() {
        assertEquals(List.of("free:not_allocated"), shape(new DoubleFree(), Profile.SUBSTRATE));
    }

    @Test
    void pointerBelowEight() {
        assertEquals(List.of("free:invalid_pointer"), shape(new PointerBelowEight(), Profile.SUBSTRATE));
    }

    @Test
    void headerBeyondMemory() {
        assertEquals(List.of("free:out_of_bounds"), shape(new HeaderBeyondMemory(), Profile.SUBSTRATE));
    }

    @Test
    void freeInsideBlock() {
        assertEquals(List.of("free:not_allocated"), shape(new FreeInsideBlock(), Profile.SUBSTRATE));
    }

    @Test
    void corruptOccupiedHeader() {
        assertEquals(List.of("poke:ok", "free:invalid_order"), shape(new CorruptOccupiedHeader(), Profile.SUBSTRATE));
    }

    @Test
    void corruptFreeListHead() {
        assertEquals(List.of("poke:ok", "malloc:ok", "malloc:invalid_free_list"), shape(new CorruptFreeListHead(), Profile.SUBSTRATE));
    }

    @Test
    void memoryShrinks() {
        List<String> s = shape(new MemoryShrinks(), Profile.SUBSTRATE);
        assertEquals(List.of("truncate:ok", "free:memory_shrank"), s);
    }

    @Test
    void shrinkAndRegrow() {
        assertEquals(List.of("truncate:ok", "grow:ok"), shape(new ShrinkAndRegrow(), Profile.SUBSTRATE));
    }

    @Test
    void overclaimedOrder() {
        assertEquals(List.of("poke:ok", "free:stats_underflow"), shape(new OverclaimedOrder(), Profile.SUBSTRATE));
    }

    @Test
    void allocatedCountWrap() {
        // the second pop of the same 2 GiB block takes the count past 2^32: strict refuses it,
        // sc-allocator (substrate) wraps silently
        assertEquals(List.of("malloc:ok", "free:ok", "poke:ok", "malloc:ok", "stats:ok", "poke:ok",
                "malloc:allocated_wrap", "stats:ok"), shape(new AllocatedCountWrap(), Profile.STRICT));
        assertEquals(List.of("malloc:ok", "free:ok", "poke:ok", "malloc:ok", "stats:ok", "poke:ok", "malloc:ok",
                "stats:ok"), shape(new AllocatedCountWrap(), Profile.SUBSTRATE));
    }

    @Test
    void initMidSession() {
        List<String> s = shape(new InitMidSession(), Profile.SUBSTRATE);
        // where it applies it opens a fresh phase: one init, accepted
        assertEquals(List.of("init:ok"), s);
    }
}
