package fba.check.generate;

/** A malloc above the context's largest size (and near or at the u32 edges). */
final class TooLarge implements Fault {

    @Override
    public boolean queue(SessionGenerator g) {
        long max = g.maxAllocation();
        g.queue(Request.of(g.nextId(), "malloc", g.rng().pick(max + 1, U32, (1L << 31) + 1, U32 - 7, max * 2)));
        return true;
    }
}
