package fba.check.generate;

/**
 * Out of space: the smallest order that no longer fits under the page limit (perhaps after growing
 * memory up to the limit), when no freed block of it waits on its list.
 */
final class OutOfSpace implements Fault {

    @Override
    public boolean queue(SessionGenerator g) {
        long free = g.bumpLimit() - g.bumper();
        int order = 0;
        while (order < g.maxOrder() && (8L << order) + 8 <= free) {
            order++;
        }
        if ((8L << order) + 8 <= free || g.head(order) != -1) {
            return false;
        }
        if (g.rng().percent(50) && g.memoryPages() < g.maxPages()) {
            g.queue(Request.of(g.nextId(), "grow", g.maxPages() - g.memoryPages()));
        }
        g.queue(Request.of(g.nextId(), "malloc", g.sizeOfOrder(order)));
        return true;
    }
}
