package fba.model;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An abstract model of the proposal profile, written from spec/allocator.md §11 alone and sharing
 * no code with {@code fba.core.ProposalAllocator}: 22 list heads (u64, 0 = empty), the bump
 * pointer, a byte map of memory, the pages, the four statistics (the sum as a {@code BigInteger})
 * and, for choosing requests, the pointers handed out and not freed since. Each method answers a
 * protocol request the way the specification says the proposal must.
 */
final class ProposalModel {

    static final int LISTS = 22;
    static final long LARGEST = 16L * 1024 * 1024;
    static final long PAGE = 65536;
    static final BigInteger TWO64 = BigInteger.ONE.shiftLeft(64);

    final long heapBase;
    final int maxPages;
    int pages;
    long bumper;
    final long[] heads = new long[LISTS];
    final ModelMemory memory = new ModelMemory();
    /** Live pointer -> list index: what malloc handed out and free has not taken back. */
    final Map<Long, Integer> live = new LinkedHashMap<>();
    long allocated;
    long peak;
    BigInteger sum = BigInteger.ZERO;

    ProposalModel(long heapBase, int pages, int maxPages) {
        this.heapBase = heapBase;
        this.bumper = heapBase;
        this.pages = pages;
        this.maxPages = maxPages;
    }

    long size() {
        return pages * PAGE;
    }

    /** Whether the 8 bytes at the u64 address {@code addr} lie inside memory. */
    boolean eightBytesInside(long addr) {
        BigInteger a = new BigInteger(Long.toUnsignedString(addr));
        return a.add(BigInteger.valueOf(8)).compareTo(BigInteger.valueOf(size())) <= 0;
    }

    int byteAt(long addr) {
        return (int) (memory.read(addr) & 0xFF);
    }

    String malloc(long size) {
        if (size > LARGEST) {
            return "err too_large";
        }
        long item = 8;
        int list = 0;
        while (item < size) {
            item *= 2;
            list++;
        }
        long ptr;
        if (heads[list] != 0) {
            long header = heads[list];
            if (!eightBytesInside(header)) {
                return "err out_of_bounds";
            }
            heads[list] = memory.read(header);
            ptr = header + 8;
        } else {
            if (bumper + 8 + item > size()) {
                return "err out_of_space";
            }
            ptr = bumper + 8;
            bumper = bumper + 8 + item;
        }
        memory.write(ptr - 8, 0xFFFF_FFFF_FFFF_FF00L + list);
        live.put(ptr, list);
        allocated = (allocated + item + 8) % (1L << 32);
        peak = Math.max(peak, allocated);
        sum = sum.add(BigInteger.valueOf(item + 8));
        return "ok " + ptr;
    }

    String free(long ptr) {
        if (ptr < 8 || ptr > size()) {
            return "err out_of_bounds";
        }
        for (int i = 1; i <= 7; i++) {
            if (byteAt(ptr - 8 + i) != 0xFF) {
                return "err not_allocated";
            }
        }
        int list = byteAt(ptr - 8);
        if (list >= LISTS) {
            return "err invalid_order";
        }
        memory.write(ptr - 8, heads[list]);
        heads[list] = ptr - 8;
        live.remove(ptr);
        allocated = Math.floorMod(allocated - (8L << list) - 8, 1L << 32);
        return "ok";
    }

    String grow(long delta) {
        if (pages + delta > maxPages) {
            return "err out_of_space";
        }
        pages += (int) delta;
        return "ok";
    }

    String truncate(long to) {
        if (to > pages) {
            return "err bad_request";
        }
        pages = (int) to;
        memory.dropFrom(size());
        return "ok";
    }

    String poke(long addr, long value) {
        if (!eightBytesInside(addr)) {
            return "err out_of_bounds";
        }
        memory.write(addr, value);
        return "ok";
    }

    String peek(long addr) {
        if (!eightBytesInside(addr)) {
            return "err out_of_bounds";
        }
        return "ok " + Long.toUnsignedString(memory.read(addr));
    }

    String stats() {
        return "ok " + allocated + " " + peak + " " + sum + " " + (bumper - heapBase);
    }

    String pagesResponse() {
        return "ok " + pages;
    }
}
