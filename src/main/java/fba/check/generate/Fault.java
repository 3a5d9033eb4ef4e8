package fba.check.generate;

/**
 * One kind of fault a phase may end with: a request sc-allocator rejects, or a corruption of its
 * headers or memory followed by the request that meets it. A kind that does not apply to the
 * reference's current state queues nothing and says so, and the generator draws another; draws it
 * made meanwhile stay made (the session is a function of the seed, not of which kinds applied).
 */
interface Fault {

    long U32 = 0xFFFFFFFFL;

    /** Queues this fault's requests on {@code g}; false when it does not apply now. */
    boolean queue(SessionGenerator g);
}
