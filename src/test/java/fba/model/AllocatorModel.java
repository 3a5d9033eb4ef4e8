package fba.model;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The abstract model of one initialised session: what spec/allocator.md says the allocator's
 * state is, kept in the plainest data structures available, and the response every request must
 * get. It shares no code with fba.core; numbers are longs in [0, 2^32) wrapped explicitly, the
 * byte sum a BigInteger.
 *
 * <p>Free lists are LIFO stacks of header addresses (top = head). Because {@code poke} may rewrite
 * a free header, a stack is only a cache of the list in memory: when a pop reads a link that is
 * not the next element of the stack, memory wins and the stack is replaced by that link. Without
 * pokes this never happens, and {@link #tampered} stays false.
 */
final class AllocatorModel {

    static final long TWO32 = 1L << 32;
    static final long NIL = TWO32 - 1;
    static final long OCCUPIED = TWO32;
    static final long PAGE = 65536;

    final boolean strict;
    final int orders;
    final long heapBase;
    final int maxPages;

    int pages;
    long bumper;
    boolean poisoned;
    long lastObservedSize;
    final Map<Long, Integer> live = new LinkedHashMap<>();
    final List<Deque<Long>> freeLists = new ArrayList<>();
    long allocated;
    long peak;
    BigInteger sum = BigInteger.ZERO;
    long addressSpaceUsed;
    final ModelMemory memory = new ModelMemory();

    /** Headers were overwritten by poke, or the bump pointer wrapped: structure is no longer guaranteed. */
    boolean tampered;
    /** Memory was truncated below the bump pointer: blocks may lie outside memory. */
    boolean shrunkUnderHeap;

    AllocatorModel(boolean strict, int orders, long rawHeapBase, int initialPages, int maxPages) {
        this.strict = strict;
        this.orders = orders;
        this.heapBase = ((rawHeapBase + 7) / 8 * 8) % TWO32;
        this.maxPages = maxPages;
        this.pages = initialPages;
        this.bumper = heapBase;
        for (int k = 0; k < orders; k++) {
            freeLists.add(new ArrayDeque<>());
        }
    }

    long size() {
        return pages * PAGE;
    }

    long maxAllocation() {
        return 1L << (orders + 2);
    }

    static long blockSize(int order) {
        return 1L << (order + 3);
    }

    /** Smallest order whose block holds {@code size} bytes. */
    static int orderOf(long size) {
        if (size <= 8) {
            return 0;
        }
        int bitsOfSizeMinusOne = 64 - Long.numberOfLeadingZeros(size - 1);
        return bitsOfSizeMinusOne - 3;
    }

    static boolean occupied(long header) {
        return (header & OCCUPIED) != 0;
    }

    private String fail(String code) {
        poisoned = true;
        return "err " + code;
    }

    /** Start-of-call checks shared by malloc and free; null when the call may proceed. */
    private String enter() {
        if (poisoned) {
            return "err poisoned";
        }
        if (size() < lastObservedSize) {
            return fail("memory_shrank");
        }
        lastObservedSize = size();
        return null;
    }

    String malloc(long size) {
        String refused = enter();
        if (refused != null) {
            return refused;
        }
        if (size > maxAllocation()) {
            return fail("too_large");
        }
        int order = orderOf(size);
        long need = blockSize(order) + 8;
        Deque<Long> stack = freeLists.get(order);
        long header;
        if (!stack.isEmpty()) {
            header = stack.peek();
            if (header + need > size()) {
                return fail("invalid_free_list");
            }
            long word = memory.read(header);
            if (occupied(word)) {
                return fail((word & NIL) >= orders ? "invalid_order" : "invalid_free_list");
            }
            if (strict && allocated + need >= TWO32) {
                return fail("allocated_wrap");
            }
            stack.pop();
            long link = word & NIL;
            long expected = stack.isEmpty() ? NIL : stack.peek();
            if (link != expected) {
                tampered = true;
                stack.clear();
                if (link != NIL) {
                    stack.push(link);
                }
            }
        } else {
            String bumpRefused = bump(need);
            if (bumpRefused != null) {
                return fail(bumpRefused);
            }
            header = bumper;
            long next = (bumper + need) % TWO32;
            if (next < bumper) {
                tampered = true;
            }
            bumper = next;
        }
        memory.write(header, OCCUPIED | order);
        live.put(header + 8, order);
        allocated = (allocated + need) % TWO32;
        sum = sum.add(BigInteger.valueOf(need));
        peak = Math.max(peak, allocated);
        addressSpaceUsed = Math.floorMod(bumper - heapBase, TWO32);
        return "ok " + (header + 8);
    }

    /** The error code of a bump of {@code need} bytes that cannot happen, else null (memory grown). */
    private String bump(long need) {
        long required = bumper + need;
        if (required > size()) {
            long requiredPages = (required + PAGE - 1) / PAGE;
            if (pages >= maxPages || requiredPages > maxPages) {
                return "out_of_space";
            }
            String strictRefusal = strictBumpRefusal(required, need);
            if (strictRefusal != null) {
                return strictRefusal;
            }
            pages = (int) Math.max(Math.min(2L * pages, maxPages), requiredPages);
            return null;
        }
        return strictBumpRefusal(required, need);
    }

    private String strictBumpRefusal(long required, long need) {
        if (!strict) {
            return null;
        }
        if (required == TWO32) {
            return "bumper_wrap";
        }
        if (allocated + need >= TWO32) {
            return "allocated_wrap";
        }
        return null;
    }

    String free(long ptr) {
        String refused = enter();
        if (refused != null) {
            return refused;
        }
        if (ptr < 8) {
            return fail("invalid_pointer");
        }
        long header = ptr - 8;
        if (header + 8 > size()) {
            return fail("out_of_bounds");
        }
        long word = memory.read(header);
        if (!occupied(word)) {
            return fail("not_allocated");
        }
        long order = word & NIL;
        if (order >= orders) {
            return fail("invalid_order");
        }
        Deque<Long> stack = freeLists.get((int) order);
        memory.write(header, stack.isEmpty() ? NIL : stack.peek());
        stack.push(header);
        if (live.remove(ptr) == null) {
            tampered = true; // a forged occupied header was accepted
        }
        long need = blockSize((int) order) + 8;
        if (allocated < need) {
            return fail("stats_underflow");
        }
        allocated -= need;
        return "ok";
    }

    String grow(long delta) {
        if (pages + delta > maxPages) {
            return "err out_of_space";
        }
        pages += (int) delta;
        return "ok";
    }

    String truncate(long newPages) {
        if (newPages > pages) {
            return "err bad_request";
        }
        pages = (int) newPages;
        memory.dropFrom(size());
        if (size() < bumper) {
            shrunkUnderHeap = true;
        }
        return "ok";
    }

    String poke(long addr, long value) {
        if (addr + 8 > size()) {
            return "err out_of_bounds";
        }
        if (touchesHeader(addr)) {
            tampered = true;
        }
        memory.write(addr, value);
        return "ok";
    }

    String peek(long addr) {
        if (addr + 8 > size()) {
            return "err out_of_bounds";
        }
        return "ok " + Long.toUnsignedString(memory.read(addr));
    }

    String stats() {
        return "ok " + allocated + " " + peak + " " + sum + " " + addressSpaceUsed;
    }

    String pagesResponse() {
        return "ok " + pages;
    }

    /** Whether the 8 bytes at {@code addr} overlap the header of a live or a free block. */
    private boolean touchesHeader(long addr) {
        for (long ptr : live.keySet()) {
            if (overlaps(addr, ptr - 8)) {
                return true;
            }
        }
        for (Deque<Long> stack : freeLists) {
            for (long header : stack) {
                if (overlaps(addr, header)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean overlaps(long a, long b) {
        return a < b + 8 && b < a + 8;
    }
}
