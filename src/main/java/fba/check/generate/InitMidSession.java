package fba.check.generate;

/**
 * An init in the middle of a phase: half the time one the protocol refuses (the phase must survive
 * it, and another kind is drawn), else a valid one that replaces the allocator with a fresh phase.
 */
final class InitMidSession implements Fault {

    @Override
    public boolean queue(SessionGenerator g) {
        if (g.rng().percent(50)) {
            g.queue(Malformed.badInit(g.rng(), g.nextId()));
            return false;
        }
        g.startPhase();
        return true;
    }
}
