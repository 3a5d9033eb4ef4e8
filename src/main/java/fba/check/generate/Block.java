package fba.check.generate;

/** A block the reference handed out: pointer, order, and the id of the malloc that returned it. */
final class Block {
    final long ptr;
    final int order;
    final int id;

    Block(long ptr, int order, int id) {
        this.ptr = ptr;
        this.order = order;
        this.id = id;
    }
}
