package fba.check.generate;

import fba.core.CallContext;

/**
 * One 2 GiB block popped twice through a forged cycle, so that the allocated-bytes count passes
 * 2^32 (sc-allocator wraps it, the strict profile refuses). Offchain only, where 2 GiB is a size.
 */
final class AllocatedCountWrap implements Fault {

    @Override
    public boolean queue(SessionGenerator g) {
        if (g.proposal() || g.context() != CallContext.OFFCHAIN
                || g.bumper() + (1L << 31) + 8 > g.maxPages() * SessionGenerator.PAGE || g.head(g.maxOrder()) != -1) {
            return false;
        }
        int m = g.nextId();
        long guess = g.bumper() + 8;
        g.queue(Request.of(m, "malloc", 1L << 31));
        g.queue(Request.of(g.nextId(), "free", guess).tie(0, m, 0, guess));
        for (int i = 0; i < 2; i++) {
            g.queue(Request.of(g.nextId(), "poke", guess - 8, guess - 8).tie(0, m, -8, guess - 8).tie(1, m, -8, guess - 8));
            g.queue(Request.of(g.nextId(), "malloc", 1L << 31));
            g.queue(Request.of(g.nextId(), "stats"));
        }
        return true;
    }
}
