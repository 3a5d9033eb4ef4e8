package fba.protocol;

import fba.core.CallContext;
import fba.core.ErrorCode;
import fba.core.FreeingBumpAllocator;
import fba.core.Memory;
import fba.core.Profile;
import fba.core.ProposalAllocator;
import fba.core.SparseMemory;
import fba.core.Status;

/**
 * Executes protocol requests (spec/protocol.md) against the reference, one line at a time.
 *
 * <p>A session is a memory plus an allocator, created by {@code init} and replaced by the next
 * {@code init}. The allocator is a {@link FreeingBumpAllocator} in the substrate and strict
 * profiles and a {@link ProposalAllocator} in the proposal profile; exactly one of the two exists
 * while a session runs. Malformed requests answer {@code err bad_request} and leave the session as it was.
 */
public final class Session {

    private static final byte[] MALLOC = {'m', 'a', 'l', 'l', 'o', 'c', ' '};
    private static final byte[] FREE = {'f', 'r', 'e', 'e', ' '};

    private final Profile profile;
    /** Response of a request handled by the String path on behalf of the byte path. */
    private final StringBuilder scratch = new StringBuilder(128);
    private SparseMemory memory;
    private FreeingBumpAllocator allocator;
    private ProposalAllocator proposal;

    public Session(Profile profile) {
        this.profile = profile;
    }

    public Profile profile() {
        return profile;
    }

    /**
     * The current sc-allocator, or null before the first successful {@code init} and in the
     * proposal profile.
     */
    public FreeingBumpAllocator allocator() {
        return allocator;
    }

    /** The current proposal allocator, or null before the first {@code init} and in other profiles. */
    public ProposalAllocator proposal() {
        return proposal;
    }

    /** The current memory, or null before the first successful {@code init}. */
    public SparseMemory memory() {
        return memory;
    }

    /**
     * Executes one request line (without its line terminator) and appends the response line,
     * without a terminator, to {@code out}.
     *
     * @return false when the line is blank or a comment and so gets no response
     */
    public boolean execute(String line, StringBuilder out) {
        if (line.isEmpty() || line.charAt(0) == '#') {
            return false;
        }
        int mark = out.length();
        Tokens t = new Tokens(line);
        String verb = t.next();
        switch (verb) {
            case "init":
                init(t, out);
                break;
            case "malloc":
                malloc(t, out);
                break;
            case "free":
                free(t, out);
                break;
            case "grow":
                grow(t, out);
                break;
            case "truncate":
                truncate(t, out);
                break;
            case "poke":
                poke(t, out);
                break;
            case "peek":
                peek(t, out);
                break;
            case "stats":
                stats(t, out);
                break;
            case "pages":
                pages(t, out);
                break;
            default:
                if (verb.isEmpty()) {
                    t.fail("request starts with a space");
                } else {
                    t.fail("unknown request '" + Tokens.clip(verb) + "'");
                }
        }
        if (t.error() != null) {
            out.setLength(mark);
            err(out, ErrorCode.BAD_REQUEST, t.error());
        }
        return true;
    }

    /**
     * Executes one request held as ASCII bytes {@code line[from .. to)} (no terminator) and appends
     * the response line, without a terminator, to {@code out}: exactly what
     * {@link #execute(String, StringBuilder)} would append for the same text. Well-formed
     * {@code malloc} and {@code free} requests, the bulk of any trace, are parsed straight from the
     * bytes; every other request takes the String path.
     *
     * @return false when the line is blank or a comment and so gets no response
     */
    public boolean execute(byte[] line, int from, int to, ResponseBuffer out) {
        if (memory != null) {
            if (startsWith(line, from, to, MALLOC)) {
                long size = u32(line, from + MALLOC.length, to);
                if (size >= 0) {
                    long r = mallocNow(size);
                    if (r >= 0) {
                        out.append("ok ").append(r);
                    } else {
                        scratch.setLength(0);
                        allocatorError(scratch, (int) -r, "malloc " + size);
                        out.append(scratch);
                    }
                    return true;
                }
            } else if (startsWith(line, from, to, FREE)) {
                long ptr = u32(line, from + FREE.length, to);
                if (ptr >= 0) {
                    int status = freeNow(ptr);
                    if (status == Status.OK) {
                        out.append("ok");
                    } else {
                        scratch.setLength(0);
                        allocatorError(scratch, status, "free " + ptr);
                        out.append(scratch);
                    }
                    return true;
                }
            }
        }
        scratch.setLength(0);
        if (!execute(new String(line, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1), scratch)) {
            return false;
        }
        out.append(scratch);
        return true;
    }

    private static boolean startsWith(byte[] line, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The u32 that {@code line[from .. to)} spells in decimal, or -1 when it is empty, holds a
     * non-digit or exceeds 2^32 - 1: the cases {@link Tokens#number} reports, left to it.
     */
    private static long u32(byte[] line, int from, int to) {
        if (from >= to) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
            if (v > 0xFFFFFFFFL) {
                return -1;
            }
        }
        return v;
    }

    /** Convenience for tests and tools: the response to one line, or null for none. */
    public String execute(String line) {
        StringBuilder sb = new StringBuilder();
        return execute(line, sb) ? sb.toString() : null;
    }

    private void init(Tokens t, StringBuilder out) {
        long heapBase = t.number("heap_base", 0xFFFFFFFFL);
        String ctx = t.next();
        long initial = t.number("initial_pages", Memory.MAX_WASM_PAGES);
        long max = t.number("max_pages", Memory.MAX_WASM_PAGES);
        t.end();
        if (t.error() != null) {
            return;
        }
        CallContext context = CallContext.ofWireName(ctx);
        if (context == null) {
            t.fail("context must be onchain or offchain, got '" + Tokens.clip(ctx) + "'");
            return;
        }
        if (initial > max) {
            t.fail("initial_pages " + initial + " exceeds max_pages " + max);
            return;
        }
        if (profile == Profile.STRICT && FreeingBumpAllocator.heapBaseWraps(heapBase)) {
            // Refused: the previous session, if any, is gone too, so nothing runs on stale state.
            memory = null;
            allocator = null;
            proposal = null;
            err(out, ErrorCode.HEAP_BASE_WRAP,
                    "heap_base " + heapBase + " would wrap past 2^32 when aligned up to 8");
            return;
        }
        memory = new SparseMemory((int) initial, (int) max);
        if (profile == Profile.PROPOSAL) {
            // The proposal has one set of 22 lists: the context is accepted and has no effect.
            allocator = null;
            proposal = new ProposalAllocator(memory, heapBase);
        } else {
            allocator = FreeingBumpAllocator.create(memory, heapBase, context, profile);
            proposal = null;
        }
        out.append("ok");
    }

    private boolean ready(Tokens t, StringBuilder out) {
        if (t.error() != null) {
            return false;
        }
        if (memory == null) {
            err(out, ErrorCode.NOT_INITIALIZED, "no session: send init first");
            return false;
        }
        return true;
    }

    private void malloc(Tokens t, StringBuilder out) {
        long size = t.number("size", 0xFFFFFFFFL);
        t.end();
        if (!ready(t, out)) {
            return;
        }
        long r = mallocNow(size);
        if (r >= 0) {
            out.append("ok ").append(r);
        } else {
            allocatorError(out, (int) -r, "malloc " + size);
        }
    }

    private long mallocNow(long size) {
        return proposal != null ? proposal.malloc(size) : allocator.malloc(size);
    }

    private int freeNow(long ptr) {
        return proposal != null ? proposal.free(ptr) : allocator.free(ptr);
    }

    private void free(Tokens t, StringBuilder out) {
        // The proposal's free takes a u64 (the seed's signature): its malloc can hand out the
        // pointer 2^32, a block whose header is the last 8 bytes of a 4 GiB memory
        // (spec/allocator.md §11.3), and free must take back what malloc gave.
        long ptr = profile == Profile.PROPOSAL ? t.u64("ptr") : t.number("ptr", 0xFFFFFFFFL);
        t.end();
        if (!ready(t, out)) {
            return;
        }
        int s = freeNow(ptr);
        if (s == Status.OK) {
            out.append("ok");
        } else {
            allocatorError(out, s, "free " + Long.toUnsignedString(ptr));
        }
    }

    private void grow(Tokens t, StringBuilder out) {
        long pages = t.number("pages", 0xFFFFFFFFL);
        t.end();
        if (!ready(t, out)) {
            return;
        }
        if (memory.grow(pages)) {
            out.append("ok");
        } else {
            err(out, ErrorCode.OUT_OF_SPACE, "grow " + pages + ": memory has " + memory.pages()
                    + " of at most " + memory.maxPages() + " pages");
        }
    }

    private void truncate(Tokens t, StringBuilder out) {
        long pages = t.number("pages", 0xFFFFFFFFL);
        t.end();
        if (!ready(t, out)) {
            return;
        }
        if (pages > memory.pages()) {
            t.fail("truncate " + pages + ": memory has only " + memory.pages() + " pages");
            return;
        }
        memory.truncate((int) pages);
        out.append("ok");
    }

    private void poke(Tokens t, StringBuilder out) {
        long addr = t.number("addr", 0xFFFFFFFFL);
        long value = t.u64("value");
        t.end();
        if (!ready(t, out) || !inBounds(addr, "poke", out)) {
            return;
        }
        memory.writeU64(addr, value);
        out.append("ok");
    }

    private void peek(Tokens t, StringBuilder out) {
        long addr = t.number("addr", 0xFFFFFFFFL);
        t.end();
        if (!ready(t, out) || !inBounds(addr, "peek", out)) {
            return;
        }
        out.append("ok ").append(Long.toUnsignedString(memory.readU64(addr)));
    }

    private boolean inBounds(long addr, String verb, StringBuilder out) {
        if (addr + 8 > memory.size()) {
            err(out, ErrorCode.OUT_OF_BOUNDS, verb + " " + addr + ": bytes " + addr + ".." + (addr + 7)
                    + " are not all below the memory size " + memory.size());
            return false;
        }
        return true;
    }

    private void stats(Tokens t, StringBuilder out) {
        t.end();
        if (!ready(t, out)) {
            return;
        }
        if (proposal != null) {
            ProposalAllocator p = proposal;
            out.append("ok ").append(p.bytesAllocated()).append(' ').append(p.bytesAllocatedPeak()).append(' ');
            appendSum(out, p.bytesAllocatedSumHigh(), p.bytesAllocatedSumLow());
            out.append(' ').append(p.addressSpaceUsed());
            return;
        }
        FreeingBumpAllocator a = allocator;
        out.append("ok ").append(a.bytesAllocated()).append(' ').append(a.bytesAllocatedPeak()).append(' ');
        appendSum(out, a.bytesAllocatedSumHigh(), a.bytesAllocatedSumLow());
        out.append(' ').append(a.addressSpaceUsed());
    }

    private static void appendSum(StringBuilder out, long high, long low) {
        if (high == 0) {
            out.append(low);
        } else {
            out.append(java.math.BigInteger.valueOf(high).shiftLeft(62).add(java.math.BigInteger.valueOf(low)));
        }
    }

    private void pages(Tokens t, StringBuilder out) {
        t.end();
        if (!ready(t, out)) {
            return;
        }
        out.append("ok ").append(memory.pages());
    }

    private void allocatorError(StringBuilder out, int status, String request) {
        ErrorCode code = ErrorCode.ofStatus(status);
        err(out, code, request + ": " + (proposal != null ? Messages.describeProposal(code) : Messages.describe(code)));
    }

    private static void err(StringBuilder out, ErrorCode code, String message) {
        out.append("err ").append(code.wireName()).append(' ').append(message);
    }
}
