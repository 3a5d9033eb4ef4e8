package fba.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fba.check.drive.Script;
import fba.check.generate.Request;
import fba.check.shrink.Shrinker;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShrinkerTest {

    @Test
    void givenANumber_whenSimplified_thenCandidatesAreSmallerDistinctAndAscending() {
        assertArrayEquals(new long[] {0, 1, 8, 256, 500, 512}, Shrinker.smaller(1000));
        assertArrayEquals(new long[] {0, 1, 8, 65536, 65537, 131072}, Shrinker.smaller(131074),
                "two powers of two, the half and the page boundary below it");
        assertArrayEquals(new long[] {0}, Shrinker.smaller(1));
        assertArrayEquals(new long[0], Shrinker.smaller(0));
        assertArrayEquals(new long[] {0, 1, 8, 1L << 62, Long.MAX_VALUE, Long.MIN_VALUE, -65536L},
                Shrinker.smaller(-1L));
    }

    @Test
    void givenARequestTiedToAMalloc_whenTheMallocIsDeleted_thenItFallsBackToItsLiteral_elseFollowsThePointer() {
        Request m1 = Request.of(0, "malloc", 8);
        Request m2 = Request.of(1, "malloc", 8);
        Request free = Request.of(2, "free", 24).tie(0, 1, 0, 24);
        Request init = Request.init(3, 0, "onchain", 1, 1);

        Script both = Script.of(List.of(init, m1, m2, free), fba.core.Profile.SUBSTRATE);
        Script only = Script.of(List.of(init, m2, free), fba.core.Profile.SUBSTRATE);

        assertEquals("free 24", both.lines[3]);
        assertEquals("free 8", only.lines[2], "follows the pointer malloc #1 now returns");
        assertEquals("ok", only.expected[2]);
    }
}
