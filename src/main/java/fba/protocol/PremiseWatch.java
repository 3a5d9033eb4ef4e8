package fba.protocol;

import fba.core.FreeingBumpAllocator;
import fba.core.Memory;

/**
 * Whether a session is still inside the premise of the allocator's proved safety theorem
 * (verification/README.md, "The premise"; the comment beside THE SAFETY THEOREM in
 * FreeingBumpAllocator): the heap base lies within the initial memory, nothing but the allocator
 * writes a block header (which also holds a free block's link), and memory never shrinks below
 * the bump pointer. The protocol's fault-injection requests can leave it: {@code init} with a heap
 * base above the initial memory, {@code truncate} below the bump pointer, {@code poke} into a
 * header. The responses do not change (they are the protocol's, compared by {@code fba check});
 * the session only records the first request that left the premise, after which no proved
 * contract speaks for the allocator. Tracked for the substrate and strict profiles (the proofs are
 * about {@link FreeingBumpAllocator}); the proposal profile has no proofs.
 */
final class PremiseWatch {

    /** Why the premise was left (the request and the reason), or null while it holds. */
    private String left;

    String left() {
        return left;
    }

    /** A new session: the premise holds unless the heap base lies above the initial memory. */
    void init(long heapBase, Memory memory) {
        left = heapBase > memory.size()
                ? "init: heap_base " + heapBase + " lies above the initial memory size " + memory.size()
                : null;
    }

    /** Before a truncation to {@code pages}: below the bump pointer leaves the premise. */
    void truncate(FreeingBumpAllocator allocator, long pages) {
        if (left == null && allocator != null && pages * Memory.PAGE_SIZE < allocator.bumper()) {
            left = "truncate " + pages + ": memory shrinks to " + pages * Memory.PAGE_SIZE
                    + " bytes, below the bump pointer " + allocator.bumper();
        }
    }

    /** Before a poke at {@code addr}: writing any byte of a block header leaves the premise. */
    void poke(FreeingBumpAllocator allocator, long addr) {
        if (left == null && allocator != null) {
            long header = headerHit(allocator, addr);
            if (header >= 0) {
                left = "poke " + addr + ": writes the header of the block at " + header;
            }
        }
    }

    /**
     * The header address of the block whose header word {@code [addr, addr + 8)} overlaps, or -1.
     * Only called while the premise holds, so the heap has the shape the theorem describes: the
     * free nodes are found by walking each order's list (a free header holds a link, not its
     * order), the blocks by walking from the heap base to the bump pointer, each block's order
     * taken from its list or from its Occupied header. A header that does not parse counts as hit.
     */
    private static long headerHit(FreeingBumpAllocator a, long addr) {
        long base = a.heapBase();
        long bumper = a.bumper();
        if (addr + 8 <= base || addr >= bumper) {
            return -1;
        }
        Memory memory = a.memory();
        java.util.Map<Long, Integer> freeOrder = new java.util.HashMap<>();
        long limit = (bumper - base) / 16 + 1; // more nodes than blocks fit: a cycle
        for (int k = 0; k < a.orders(); k++) {
            long n = 0;
            for (long node = a.freeListHead(k); node != FreeingBumpAllocator.NIL && n < limit; n++) {
                if (node < base || node + 8 > bumper || node % 8 != 0) {
                    return node;
                }
                freeOrder.put(node, k);
                node = memory.readU64(node) & 0xFFFFFFFFL;
            }
        }
        for (long h = base; h < bumper; ) {
            if (addr < h + 8 && h < addr + 8) {
                return h;
            }
            Integer order = freeOrder.get(h);
            if (order == null) {
                long bits = FreeingBumpAllocator.headerBits(memory.readU64(h));
                if (bits < FreeingBumpAllocator.OCCUPIED || bits - FreeingBumpAllocator.OCCUPIED >= a.orders()) {
                    return h;
                }
                order = (int) (bits - FreeingBumpAllocator.OCCUPIED);
            }
            h += FreeingBumpAllocator.HEADER_SIZE + FreeingBumpAllocator.blockSize(order);
        }
        return -1;
    }
}
