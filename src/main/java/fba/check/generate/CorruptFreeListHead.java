package fba.check.generate;

/**
 * The link in the header at the head of a free list overwritten (beyond memory, near 2^32, an
 * occupied header, another block, itself: a cycle), then two allocations from that list: the first
 * takes the head, the second follows the forged link.
 */
final class CorruptFreeListHead implements Fault {

    @Override
    public boolean queue(SessionGenerator g) {
        Rng rng = g.rng();
        long size = g.memorySize();
        for (int k = 0; k < 30; k++) {
            Blocks freed = g.freed();
            if (freed.isEmpty()) {
                return false;
            }
            Block b = freed.get(rng.below(freed.size()));
            if (g.head(b.order) != b.ptr - 8) {
                continue;
            }
            Request poke = Request.of(g.nextId(), "poke", b.ptr - 8, 0).tie(0, b.id, -8, b.ptr - 8);
            Block other = g.pickLive(0);
            switch (rng.below(6)) {
                case 0:
                    poke = poke.withValue(1, size);
                    break;
                case 1:
                    poke = poke.withValue(1, U32 - 7 - 8 * rng.below(4));
                    break;
                case 2:
                    poke = poke.withValue(1, g.occupiedHeader(b.order));
                    break;
                case 3:
                    poke = poke.withValue(1, g.occupiedHeader(g.orders() + rng.below(8)));
                    break;
                case 4:
                    if (other != null) {
                        poke = poke.withValue(1, other.ptr - 8).tie(1, other.id, -8, other.ptr - 8);
                        break;
                    }
                    poke = poke.withValue(1, 0);
                    break;
                default:
                    poke = poke.withValue(1, b.ptr - 8).tie(1, b.id, -8, b.ptr - 8); // a cycle
                    break;
            }
            g.queue(poke);
            g.queue(Request.of(g.nextId(), "malloc", g.sizeOfOrder(b.order)));
            g.queue(Request.of(g.nextId(), "malloc", g.sizeOfOrder(b.order)));
            return true;
        }
        return false;
    }
}
