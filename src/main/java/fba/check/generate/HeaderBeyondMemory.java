package fba.check.generate;

/** A free whose header lies beyond the end of memory. */
final class HeaderBeyondMemory implements Fault {

    @Override
    public boolean queue(SessionGenerator g) {
        long size = g.memorySize();
        if (size >= (1L << 32) - 8) {
            return false;
        }
        g.queue(Request.of(g.nextId(), "free", Math.min(U32, size + g.rng().pick(1, 8, 9, SessionGenerator.PAGE, U32))));
        return true;
    }
}
