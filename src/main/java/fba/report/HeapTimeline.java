package fba.report;

import fba.core.FreeingBumpAllocator;
import fba.core.Memory;
import fba.core.Profile;
import fba.protocol.Session;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays a trace through the reference and records, per request, only what changed in the heap:
 * the blocks whose header the request touched, the free-list heads, the bump pointer, the page
 * count and the poisoned flag. The explorer page rebuilds any step's heap from these diffs, so a
 * 100 000-request trace costs a few bytes per request instead of a full heap per request.
 *
 * <p>Which headers a request can change is known from the allocator's rules: {@code malloc}
 * writes the header of the block it returns, {@code free} the header of the block it frees, and
 * {@code poke} whatever word it hits (a forged header, marked as such until {@code malloc} rewrites
 * that header whole). A block keeps its order for life, so a free header (which holds only the
 * next link) is given the order it had when it was live.
 */
public final class HeapTimeline {

    /** What the page needs of one request. */
    public record Step(String request, String implAnswer) {
    }

    /** Block state codes in the page's data: live (occupied header) or free (a list link). */
    static final int LIVE = 0;
    static final int FREE = 1;

    private final Session session;
    private final StringBuilder json = new StringBuilder();
    private final TreeMap<Long, long[]> blocks = new TreeMap<>(); // header -> {order, state, link, forged}
    /** Header addresses a poke wrote since malloc last wrote them: their blocks are drawn as forged. */
    private final Set<Long> poked = new HashSet<>();
    private FreeingBumpAllocator allocator;
    private long[] heads = new long[0];
    private long bumper = -1;
    private int pages = -1;
    private int poisoned = -1;
    private int steps;

    private HeapTimeline(Profile profile) {
        this.session = new Session(profile);
    }

    /**
     * The steps of a trace as the page's compact JSON array: one object per request with the
     * request ({@code q}), the reference's response ({@code r}), the implementation's answer when
     * known ({@code i}), the address the request is about ({@code m}), and the changes: a new
     * session ({@code z}: heap base and number of orders, or null when none), block states
     * ({@code b}: header, order, state, link, forged), free-list heads ({@code h}: order, head),
     * bump pointer ({@code u}), pages ({@code g}), poisoned ({@code x}).
     */
    public static String record(Profile profile, List<Step> trace) {
        HeapTimeline t = new HeapTimeline(profile);
        t.json.append('[');
        for (Step s : trace) {
            t.step(s);
        }
        t.json.append(']');
        return t.json.toString();
    }

    private void step(Step s) {
        String[] tok = s.request().split(" ");
        String verb = tok[0];
        long arg = tok.length > 1 ? parseU32(tok[1]) : -1;
        // A free header keeps no order: learn it from the header before the request rewrites it.
        long preOrder = -1;
        long preWord = -1;
        if (verb.equals("free") && arg >= 8 && allocator != null) {
            preOrder = liveOrder(arg - 8);
            preWord = word(arg - 8);
        }
        StringBuilder out = new StringBuilder();
        session.execute(s.request(), out);
        String response = out.toString();
        boolean ok = response.equals("ok") || response.startsWith("ok ");

        if (steps++ > 0) {
            json.append(',');
        }
        json.append("{\"q\":");
        Json.quote(json, s.request());
        json.append(",\"r\":");
        Json.quote(json, response);
        if (s.implAnswer() != null) {
            json.append(",\"i\":");
            Json.quote(json, s.implAnswer());
        }
        long mark = GateTrace.markedAddress(s.request(), response);
        if (mark >= 0) {
            json.append(",\"m\":").append(mark);
        }
        if (session.allocator() != allocator) {
            reset();
        }
        if (allocator == null) {
            json.append('}');
            return;
        }
        List<long[]> changed = new ArrayList<>();
        if (verb.equals("malloc") && ok) {
            poked.remove(mark - 8); // malloc writes the whole header itself
            touch(mark - 8, -1, changed);
        } else if (verb.equals("free") && arg >= 8 && (ok || blocks.containsKey(arg - 8) || word(arg - 8) != preWord)) {
            // A free that fails after pushing the block (stats underflow) has still rewritten its header.
            touch(arg - 8, preOrder, changed);
        } else if (verb.equals("poke") && ok && arg >= 0) {
            // The poked word [arg, arg + 8) overlaps at most two 8-aligned headers.
            for (long h = arg & ~7L; h < arg + 8; h += 8) {
                poked.add(h);
                if (blocks.containsKey(h)) {
                    touch(h, -1, changed);
                }
            }
        }
        if (!changed.isEmpty()) {
            json.append(",\"b\":[");
            for (int i = 0; i < changed.size(); i++) {
                long[] b = changed.get(i);
                json.append(i == 0 ? "[" : ",[").append(b[0]).append(',').append(b[1]).append(',').append(b[2])
                        .append(',').append(b[3]).append(',').append(b[4]).append(']');
            }
            json.append(']');
        }
        scalars();
        json.append('}');
    }

    /** A new (or no) session: the page drops every block and takes the new heap's figures. */
    private void reset() {
        allocator = session.allocator();
        blocks.clear();
        poked.clear();
        if (allocator == null) {
            json.append(",\"z\":null");
            heads = new long[0];
            return;
        }
        json.append(",\"z\":[").append(allocator.heapBase()).append(',').append(allocator.orders())
                .append(',').append(session.memory().maxPages()).append(']');
        heads = new long[allocator.orders()];
        java.util.Arrays.fill(heads, -2);
        bumper = -1;
        pages = -1;
        poisoned = -1;
    }

    /** Re-reads the header at {@code h}; records it when its state differs from the last one recorded. */
    private void touch(long h, long preOrder, List<long[]> changed) {
        Memory m = allocator.memory();
        if (h < 0 || h + 8 > m.size()) {
            return;
        }
        long w = m.readU64(h);
        long[] old = blocks.get(h);
        long order;
        int state;
        long link = 0;
        if ((w & FreeingBumpAllocator.OCCUPIED) != 0) {
            state = LIVE;
            long o = w & FreeingBumpAllocator.U32;
            order = o < allocator.orders() ? o : -1;
        } else {
            state = FREE;
            link = w & FreeingBumpAllocator.U32;
            order = preOrder >= 0 ? preOrder : old != null ? old[0] : -1;
        }
        long[] now = {h, order, state, link, poked.contains(h) ? 1 : 0};
        if (old == null || old[0] != order || old[1] != state || old[2] != link || old[3] != now[4]) {
            blocks.put(h, new long[] {order, state, link, now[4]});
            changed.add(now);
        }
    }

    private void scalars() {
        StringBuilder h = new StringBuilder();
        for (int k = 0; k < heads.length; k++) {
            long head = allocator.freeListHead(k);
            if (head != heads[k]) {
                heads[k] = head;
                h.append(h.length() == 0 ? "[" : ",[").append(k).append(',').append(head).append(']');
            }
        }
        if (h.length() > 0) {
            json.append(",\"h\":[").append(h).append(']');
        }
        if (allocator.bumper() != bumper) {
            bumper = allocator.bumper();
            json.append(",\"u\":").append(bumper);
        }
        int p = session.memory().pages();
        if (p != pages) {
            pages = p;
            json.append(",\"g\":").append(p);
        }
        int x = allocator.isPoisoned() ? 1 : 0;
        if (x != poisoned) {
            poisoned = x;
            json.append(",\"x\":").append(x);
        }
    }

    /** The word at {@code h}, or -1 beyond memory. */
    private long word(long h) {
        Memory m = allocator.memory();
        return h >= 0 && h + 8 <= m.size() ? m.readU64(h) : -1;
    }

    /** The order in an occupied header at {@code h}, or -1. */
    private long liveOrder(long h) {
        Memory m = allocator.memory();
        if (h + 8 > m.size()) {
            return -1;
        }
        long w = m.readU64(h);
        long o = w & FreeingBumpAllocator.U32;
        return (w & FreeingBumpAllocator.OCCUPIED) != 0 && o < allocator.orders() ? o : -1;
    }

    private static long parseU32(String s) {
        try {
            long v = Long.parseLong(s);
            return v >= 0 && v <= FreeingBumpAllocator.U32 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
