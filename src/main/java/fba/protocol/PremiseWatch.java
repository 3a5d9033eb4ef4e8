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
     * Only called while the premise holds, so the proved theorem describes the heap: every free
     * list is a chain of distinct, aligned block headers between the heap base and the bump
     * pointer, ending in NIL, and every other block's header is Occupied with a valid order. So the
     * free blocks' orders come from walking the lists (a free header holds a link, not its order),
     * the others' from their headers, and the blocks are walked from the heap base to the bump
     * pointer. (No guard against a malformed heap here: outside the premise this is not called.)
     */
    private static long headerHit(FreeingBumpAllocator a, long addr) {
        long base = a.heapBase();
        long bumper = a.bumper();
        Memory memory = a.memory();
        java.util.Map<Long, Integer> freeOrder = new java.util.HashMap<>();
        for (int k = 0; k < a.orders(); k++) {
            for (long node = a.freeListHead(k); node != FreeingBumpAllocator.NIL;
                    node = memory.readU64(node) & 0xFFFFFFFFL) {
                freeOrder.put(node, k);
            }
        }
        for (long h = base; h < bumper; ) {
            if (addr < h + 8 && h < addr + 8) {
                return h;
            }
            Integer order = freeOrder.get(h);
            int k = order != null ? order : (int) (FreeingBumpAllocator.headerBits(memory.readU64(h))
                    - FreeingBumpAllocator.OCCUPIED);
            h += FreeingBumpAllocator.HEADER_SIZE + FreeingBumpAllocator.blockSize(k);
        }
        return -1;
    }
}
