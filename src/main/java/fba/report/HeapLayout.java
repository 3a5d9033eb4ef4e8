package fba.report;

import fba.core.FreeingBumpAllocator;
import fba.core.Memory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The blocks of a heap in address order, recovered from memory the way a debugger would: walk
 * from the heap base to the bump pointer, reading each header. A free header does not record its
 * order, so the free lists are walked first to learn the order of every free block.
 *
 * <p>A damaged heap (forged headers, a wrapped bump pointer, a truncated memory) stops the walk at
 * the first header that cannot be decoded; the rest is reported as one unparsed region.
 */
public final class HeapLayout {

    /** One block: header address, order, and whether it is on a free list. */
    public record Block(long header, int order, boolean free) {
        public long size() {
            return 8L << order;
        }

        public long end() {
            return header + 8 + size();
        }
    }

    private final long heapBase;
    private final long bumper;
    private final List<Block> blocks;
    private final long unparsedFrom;
    private final String unparsedReason;
    private final int truncatedAfter;

    private HeapLayout(long heapBase, long bumper, List<Block> blocks, long unparsedFrom, String reason,
            int truncatedAfter) {
        this.heapBase = heapBase;
        this.bumper = bumper;
        this.blocks = blocks;
        this.unparsedFrom = unparsedFrom;
        this.unparsedReason = reason;
        this.truncatedAfter = truncatedAfter;
    }

    /** Walks at most {@code maxBlocks} blocks of the allocator's heap. */
    public static HeapLayout of(FreeingBumpAllocator a, int maxBlocks) {
        Memory m = a.memory();
        long size = m.size();
        Map<Long, Integer> freeOrder = new HashMap<>();
        for (int k = 0; k < a.orders(); k++) {
            long h = a.freeListHead(k);
            // Bounded walk: a corrupted list may be cyclic or point anywhere.
            for (int steps = 0; h != FreeingBumpAllocator.NIL && steps < 1_000_000; steps++) {
                if (freeOrder.putIfAbsent(h, k) != null || h + 8 > size) {
                    break;
                }
                h = m.readU64(h) & FreeingBumpAllocator.U32;
            }
        }
        List<Block> blocks = new ArrayList<>();
        long h = a.heapBase();
        long end = a.bumper();
        String reason = null;
        int truncated = -1;
        if (end < h) {
            reason = "bump pointer " + end + " lies below the heap base (it wrapped past 4 GiB)";
            return new HeapLayout(a.heapBase(), end, blocks, h, reason, truncated);
        }
        while (h < end) {
            if (blocks.size() >= maxBlocks) {
                truncated = blocks.size();
                break;
            }
            if (h + 8 > size) {
                reason = "header at " + h + " lies beyond memory (" + size + " bytes)";
                break;
            }
            long raw = m.readU64(h);
            Integer fo = freeOrder.get(h);
            Block b;
            if (fo != null && (raw & FreeingBumpAllocator.OCCUPIED) == 0) {
                b = new Block(h, fo, true);
            } else if ((raw & FreeingBumpAllocator.OCCUPIED) != 0 && (raw & FreeingBumpAllocator.U32) < a.orders()) {
                b = new Block(h, (int) (raw & FreeingBumpAllocator.U32), false);
            } else {
                reason = "header at " + h + " (0x" + Long.toHexString(raw) + ") is neither occupied nor on a free list";
                break;
            }
            blocks.add(b);
            h = b.end();
        }
        return new HeapLayout(a.heapBase(), end, blocks, reason == null ? -1 : h, reason, truncated);
    }

    public long heapBase() {
        return heapBase;
    }

    public long bumper() {
        return bumper;
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** Address where decoding stopped, or -1 when the whole heap was decoded. */
    public long unparsedFrom() {
        return unparsedFrom;
    }

    public String unparsedReason() {
        return unparsedReason;
    }

    /** Number of blocks drawn before the block limit cut the walk, or -1. */
    public int truncatedAfter() {
        return truncatedAfter;
    }
}
