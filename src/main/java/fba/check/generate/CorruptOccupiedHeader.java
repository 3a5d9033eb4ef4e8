package fba.check.generate;

/** A live block's header overwritten (an order out of range, zero, a pointer, noise), then the block freed. */
final class CorruptOccupiedHeader implements Fault {

    @Override
    public boolean queue(SessionGenerator g) {
        Block b = g.pickLive(0);
        if (b == null) {
            return false;
        }
        Rng rng = g.rng();
        long value = rng.pick(g.occupiedHeader(g.orders() + rng.below(40)), 0, U32, g.occupiedHeader(U32),
                rng.nextLong(), b.ptr - 8);
        g.queue(Request.of(g.nextId(), "poke", b.ptr - 8, value).tie(0, b.id, -8, b.ptr - 8));
        g.queue(Request.of(g.nextId(), "free", b.ptr).tie(0, b.id, 0, b.ptr));
        return true;
    }
}
