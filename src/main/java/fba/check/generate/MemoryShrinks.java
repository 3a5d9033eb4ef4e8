package fba.check.generate;

/** Memory shrinks under the allocator, then a malloc or a free meets it. */
final class MemoryShrinks implements Fault {

    @Override
    public boolean queue(SessionGenerator g) {
        long pages = g.memoryPages();
        if (pages == 0) {
            return false;
        }
        Rng rng = g.rng();
        Blocks live = g.live();
        g.queue(Request.of(g.nextId(), "truncate", rng.range(0, pages - 1)));
        g.queue(rng.percent(50) || live.isEmpty() ? Request.of(g.nextId(), "malloc", rng.range(0, 64))
                : Request.of(g.nextId(), "free", live.get(0).ptr).tie(0, live.get(0).id, 0, live.get(0).ptr));
        return true;
    }
}
