package fba.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fba.core.CallContext;
import fba.core.FreeingBumpAllocator;
import fba.core.Profile;
import fba.core.SparseMemory;
import fba.protocol.Session;
import org.junit.jupiter.api.Test;

/** Allocator behaviour found unchecked by mutation testing. */
class AllocatorEdgesTest {

    @Test
    void maxAllocationIsTheLargestBlockOfTheContext() {
        // given allocators for both contexts; then the largest request is 2^25 resp. 2^31
        assertEquals(1L << 25, FreeingBumpAllocator.create(new SparseMemory(1, 1), 0, CallContext.ONCHAIN,
                Profile.SUBSTRATE).maxAllocation());
        assertEquals(1L << 31, FreeingBumpAllocator.create(new SparseMemory(1, 1), 0, CallContext.OFFCHAIN,
                Profile.STRICT).maxAllocation());
    }

    /**
     * A free list forged to hand block 0 out twice lifts bytes_allocated past 2^31; a fresh 2 GiB
     * block then makes it pass 2^32 − 1 on the bump path (not the reuse path).
     */
    private static final String[] INFLATE = {
        "init 0 offchain 1 65536", "malloc 1073741824", "free 8", "poke 0 0", "malloc 1073741824", "poke 0 0",
        "malloc 1073741824",
    };

    @Test
    void strictRefusesABumpThatWouldWrapTheAllocatedCount() {
        // given the inflated count in the strict profile
        Session s = run(Profile.STRICT);
        // when a fresh 2 GiB block is bumped
        String r = s.execute("malloc 2147483648");
        // then it is refused, poisoning, and the count is untouched
        assertEquals("allocated_wrap", code(r));
        assertEquals("ok 2147483664 2147483664 3221225496 1073741832", s.execute("stats"));
        assertEquals("poisoned", code(s.execute("malloc 8")));
    }

    @Test
    void substrateWrapsTheAllocatedCountOnTheBumpPath() {
        // given the same heap in the substrate profile
        Session s = run(Profile.SUBSTRATE);
        // when the fresh 2 GiB block is bumped, then it is handed out and the count wraps to 24
        assertEquals("ok 1073741840", s.execute("malloc 2147483648"));
        assertEquals("ok 24 2147483664 5368709152 3221225488", s.execute("stats"));
    }

    private static Session run(Profile profile) {
        Session s = new Session(profile);
        String[] expected = {"ok", "ok 8", "ok", "ok", "ok 8", "ok", "ok 8"};
        for (int i = 0; i < INFLATE.length; i++) {
            assertEquals(expected[i], s.execute(INFLATE[i]), INFLATE[i]);
        }
        return s;
    }

    private static String code(String response) {
        String[] t = response.split(" ");
        return t[0].equals("err") ? t[1] : response;
    }
}
