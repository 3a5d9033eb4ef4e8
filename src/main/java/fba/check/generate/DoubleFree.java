package fba.check.generate;

/** A second free of a freed block whose header still reads free. */
final class DoubleFree implements Fault {

    @Override
    public boolean queue(SessionGenerator g) {
        long size = g.memorySize();
        Blocks freed = g.freed();
        for (int k = 0; k < freed.size(); k++) {
            Block b = freed.get(k);
            if (b.ptr - 8 + 8 <= size && g.headerIsFree(g.memory().readU64(b.ptr - 8))) {
                g.queue(Request.of(g.nextId(), "free", b.ptr).tie(0, b.id, 0, b.ptr));
                return true;
            }
        }
        return false;
    }
}
