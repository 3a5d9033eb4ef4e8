package fba.check.generate;

/**
 * Memory shrinks and grows back between two calls: undetected, the top pages come back zeroed, so
 * a longer tail of traffic follows to meet them.
 */
final class ShrinkAndRegrow implements Fault {

    @Override
    public boolean queue(SessionGenerator g) {
        long pages = g.memoryPages();
        if (pages == 0) {
            return false;
        }
        long cut = g.rng().range(1, Math.min(pages, 4));
        g.queue(Request.of(g.nextId(), "truncate", pages - cut));
        g.queue(Request.of(g.nextId(), "grow", cut));
        g.tailOf((int) g.rng().range(10, 60));
        return true;
    }
}
