package fba.check.generate;

/** A free of a pointer inside a live block (not its start). */
final class FreeInsideBlock implements Fault {

    @Override
    public boolean queue(SessionGenerator g) {
        Block b = g.pickLive(1);
        if (b == null) {
            return false;
        }
        long off = 8 * g.rng().range(1, Math.min(64, (8L << b.order) / 8 - 1));
        g.queue(Request.of(g.nextId(), "free", b.ptr + off).tie(0, b.id, off, b.ptr + off));
        return true;
    }
}
