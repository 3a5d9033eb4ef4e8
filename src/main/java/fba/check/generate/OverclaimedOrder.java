package fba.check.generate;

/** A live header claiming a larger order, then the block freed: the allocated-bytes count underflows. */
final class OverclaimedOrder implements Fault {

    @Override
    public boolean queue(SessionGenerator g) {
        Block b = g.pickLive(0);
        if (b == null) {
            return false;
        }
        int order = (int) g.rng().range(Math.min(b.order + 1, g.maxOrder()), g.maxOrder());
        g.queue(Request.of(g.nextId(), "poke", b.ptr - 8, g.occupiedHeader(order)).tie(0, b.id, -8, b.ptr - 8));
        g.queue(Request.of(g.nextId(), "free", b.ptr).tie(0, b.id, 0, b.ptr));
        return true;
    }
}
