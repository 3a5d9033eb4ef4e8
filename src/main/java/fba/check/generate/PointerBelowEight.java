package fba.check.generate;

/** A free of a pointer below 8: its header would lie below address 0. */
final class PointerBelowEight implements Fault {

    @Override
    public boolean queue(SessionGenerator g) {
        g.queue(Request.of(g.nextId(), "free", g.rng().range(0, 7)));
        return true;
    }
}
