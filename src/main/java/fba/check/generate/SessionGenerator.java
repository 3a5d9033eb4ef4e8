package fba.check.generate;

import fba.core.CallContext;
import fba.core.FreeingBumpAllocator;
import fba.core.Memory;
import fba.core.Profile;
import fba.core.ProposalAllocator;
import fba.core.SparseMemory;
import fba.protocol.Session;
import java.util.ArrayDeque;

/**
 * Generates one session of requests from a seed, steering by the reference's state so that most
 * requests do real allocator work.
 *
 * <p>A session is a series of <em>phases</em>, each opened by an {@code init}. A phase runs a body
 * of valid traffic (allocations sized across every order, frees in LIFO and random order, reuse of
 * freed orders, header and payload peeks, payload pokes, stats, growth, malformed lines) and then
 * usually one fault: a request sc-allocator rejects, or a corruption of its headers or memory.
 * Since any allocator error poisons it for good, only a few requests follow a fault before the next
 * {@code init} starts a fresh phase. Phase kinds vary the heap base (0, page edges, near 2^32), the
 * context, and the page limits (small limits that are filled up, up to the full 4 GiB).
 *
 * <p>In the proposal profile the same phases run against the proposal's state: 22 lists up to
 * 16 MiB in both contexts, fresh blocks limited by the current memory (the proposal never grows
 * it, so most phases start with all their pages), headers forged in the proposal's format, and no
 * poisoning, so a phase simply ends a few requests after its fault.
 */
public final class SessionGenerator {

    private static final long U32 = 0xFFFFFFFFL;
    private static final long PAGE = Memory.PAGE_SIZE;
    private static final long OCCUPIED = FreeingBumpAllocator.OCCUPIED;
    /** Freed blocks remembered for double frees, reuse and free-list faults. */
    private static final int MAX_FREED = 48;

    private enum Kind { NORMAL, ZERO_BASE, FILL, TOP, BIG }

    /** A block the reference handed out: pointer, order, and the id of the malloc that returned it. */
    private static final class Block {
        public final long ptr;
        public final int order;
        public final int id;

        public Block(long ptr, int order, int id) {
            this.ptr = ptr;
            this.order = order;
            this.id = id;
        }
    }

    /**
     * A list of blocks with their pointers also in a primitive array, so that finding a pointer
     * (once per malloc and free the reference answers) scans longs instead of objects; order and
     * removal (the last match swapped with the last element) are those of the list it replaces,
     * since the draws pick blocks by position.
     */
    private static final class Blocks {
        private Block[] items = new Block[64];
        private long[] ptrs = new long[64];
        private int size;

        public int size() {
            return size;
        }

        public boolean isEmpty() {
            return size == 0;
        }

        public Block get(int i) {
            if (i >= size) {
                throw new IndexOutOfBoundsException(i);
            }
            return items[i];
        }

        public void set(int i, Block b) {
            get(i);
            items[i] = b;
            ptrs[i] = b.ptr;
        }

        public void add(Block b) {
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, size * 2);
                ptrs = java.util.Arrays.copyOf(ptrs, size * 2);
            }
            items[size] = b;
            ptrs[size++] = b.ptr;
        }

        public void clear() {
            java.util.Arrays.fill(items, 0, size, null);
            size = 0;
        }

        /** Removes the last block with {@code ptr}, moving the last block into its place; null if none. */
        public Block removePtr(long ptr) {
            long[] p = ptrs;
            for (int i = size - 1; i >= 0; i--) {
                if (p[i] == ptr) {
                    Block b = items[i];
                    size--;
                    items[i] = items[size];
                    ptrs[i] = ptrs[size];
                    items[size] = null;
                    return b;
                }
            }
            return null;
        }
    }

    private final Rng rng;
    private final int budget;
    private final Profile profile;
    private final Session ref;
    private final boolean preInit;
    private final long[] results;
    private final ArrayDeque<Request> pending = new ArrayDeque<>();
    private final Blocks live = new Blocks();
    private final Blocks freed = new Blocks();
    private int produced;

    private Kind kind = Kind.NORMAL;
    private CallContext context = CallContext.ONCHAIN;
    private long maxPages;
    private int bodyLeft;
    private boolean faultDone;
    private int tailLeft;
    private int uninitializedLeft;

    /**
     * @param preInit whether to open with requests sent before any {@code init} (only right for the
     *     first session of a fresh process)
     */
    public SessionGenerator(long seed, long index, int budget, Profile profile, Session reference, boolean preInit) {
        this.rng = Rng.forSession(seed, index);
        this.budget = budget;
        this.profile = profile;
        this.ref = reference;
        this.preInit = preInit;
        this.results = new long[budget + 1];
        java.util.Arrays.fill(results, -1);
    }

    /** The next request, or null once the session has its {@code budget} requests. */
    public Request next() {
        if (produced >= budget) {
            return null;
        }
        if (!pending.isEmpty()) {
            return emit(pending.poll());
        }
        if (produced == 0) {
            if (preInit) {
                int n = (int) rng.range(1, 3);
                for (int i = 0; i < n; i++) {
                    queue(cheapRequest(nextId()));
                }
                queue(Request.raw(nextId(), "init 0 onchain 2 1"));
            }
            startPhase();
            return next();
        }
        if (!started()) {
            if (uninitializedLeft-- > 0) {
                return emit(cheapRequest(nextId()));
            }
            startPhase();
            return next();
        }
        boolean poisoned = poisoned();
        if (faultDone || poisoned) {
            if (poisoned && tailLeft > 4) {
                tailLeft = 4;
            }
            if (tailLeft-- > 0) {
                return emit(bodyRequest());
            }
            startPhase();
            return next();
        }
        if (bodyLeft-- > 0) {
            return emit(bodyRequest());
        }
        faultDone = true;
        tailLeft = (int) rng.range(2, 30);
        if (rng.percent(88)) {
            injectFault();
        } else {
            startPhase();
        }
        return next();
    }

    /**
     * Records the reference's response {@code response[from .. to)} (ASCII) to a request this
     * generator produced, or no response when {@code from} is -1.
     */
    public void observe(Request r, byte[] response, int from, int to) {
        if (from < 0 || to - from < 2 || response[from] != 'o' || response[from + 1] != 'k') {
            return;
        }
        if (to - from == 2) {
            observeOk(r, -1);
        } else if (response[from + 2] == ' ' && "malloc".equals(r.verb)) {
            long value = 0; // malloc's ok carries one decimal u32: the pointer
            for (int i = from + 3; i < to; i++) {
                value = value * 10 + (response[i] - '0');
            }
            observeOk(r, value);
        }
    }

    /**
     * Records a successful response to {@code r}: {@code ok} alone ({@code value} -1) or malloc's
     * {@code ok PTR}. Only init, malloc and free change what the generator tracks; init and free
     * answer {@code ok} or an error, malloc {@code ok PTR} or an error.
     */
    private void observeOk(Request r, long value) {
        if (r.verb == null) {
            return;
        }
        switch (r.verb) {
            case "init":
                if (value < 0) {
                    live.clear();
                    freed.clear();
                }
                break;
            case "malloc":
                if (value >= 0) {
                    long ptr = value;
                    results[r.id] = ptr;
                    freed.removePtr(ptr);
                    live.add(new Block(ptr, FreeingBumpAllocator.orderOf(Math.min(r.value(0), 1L << 31)), r.id));
                }
                break;
            case "free":
                if (value < 0) {
                    Block b = live.removePtr(r.value(0));
                    if (b != null) {
                        if (freed.size() >= MAX_FREED) {
                            // Forget an old one: keeps bookkeeping cheap; the reference still has it.
                            freed.set(rng.below(freed.size()), b);
                        } else {
                            freed.add(b);
                        }
                    }
                }
                break;
            default:
                break;
        }
    }

    // ---- plumbing ----

    private int nextId() {
        return produced + pending.size();
    }

    private Request emit(Request r) {
        r.freeze(results);
        produced++;
        return r;
    }

    private void queue(Request r) {
        pending.add(r);
    }

    private Request cheapRequest(int id) {
        switch (rng.below(5)) {
            case 0:
                return Request.of(id, "malloc", rng.range(0, 64));
            case 1:
                return Request.of(id, "free", 8 * rng.range(1, 8));
            case 2:
                return Request.of(id, "stats");
            case 3:
                return Request.of(id, "pages");
            default:
                return Request.of(id, "peek", 8 * rng.range(0, 8));
        }
    }

    // ---- phases ----

    private void startPhase() {
        faultDone = false;
        int remaining = budget - produced - pending.size() - 1;
        bodyLeft = rng.percent(50) ? remaining : (int) rng.range(Math.min(8, Math.max(0, remaining)), Math.max(0, remaining));
        int r = rng.below(100);
        kind = r < 50 ? Kind.NORMAL : r < 62 ? Kind.ZERO_BASE : r < 77 ? Kind.FILL : r < 87 ? Kind.TOP : Kind.BIG;
        context = rng.percent(60) ? CallContext.ONCHAIN : CallContext.OFFCHAIN;
        long heapBase;
        long initial;
        switch (kind) {
            case ZERO_BASE:
                heapBase = rng.percent(80) || profile == Profile.STRICT ? rng.pick(0, 0, 0, 1, 7) : rng.range(0xFFFFFFF9L, U32);
                maxPages = rng.percent(70) ? rng.range(1, 64) : rng.range(1, 65536);
                initial = rng.range(0, Math.min(maxPages, 2));
                break;
            case FILL:
                heapBase = rng.percent(30) ? 0 : rng.range(0, 3 * PAGE);
                maxPages = (heapBase >>> 16) + rng.range(1, 24);
                initial = rng.range(0, Math.min(maxPages, 3));
                bodyLeft = Math.min(bodyLeft, (int) rng.range(20, 400));
                break;
            case TOP:
                heapBase = topHeapBase();
                maxPages = 65536;
                initial = rng.percent(60) ? 65536 : rng.percent(50) ? heapBase >>> 16 : rng.range(0, 65536);
                break;
            case BIG:
                context = CallContext.OFFCHAIN;
                heapBase = rng.percent(50) ? rng.range(0, 1 << 20) : 8 * rng.range(0, 4096);
                maxPages = rng.percent(70) ? 65536 : rng.range(1024, 65536);
                initial = rng.range(0, 64);
                break;
            default:
                heapBase = normalHeapBase();
                long atBase = (heapBase >>> 16) + 1;
                maxPages = Math.min(65536, atBase + rng.pick(1, 2, rng.range(0, 16), rng.range(0, 256),
                        rng.range(0, 4096), 65536));
                // Mostly less memory than the limit, so the allocator's own growth does the work.
                initial = rng.percent(40) ? Math.min(atBase, maxPages) : rng.range(0, Math.min(atBase + 4, maxPages));
                break;
        }
        initial = Math.min(initial, maxPages);
        if (proposal() && rng.percent(75)) {
            initial = maxPages; // the proposal's heap is the memory it is given
        }
        uninitializedLeft = (int) rng.range(1, 3);
        tailLeft = (int) rng.range(1, 4);
        queue(Request.init(nextId(), heapBase, context.wireName(), initial, maxPages));
    }

    private long normalHeapBase() {
        switch (rng.below(6)) {
            case 0:
                return rng.range(0, 4096);
            case 1:
                return 8 * rng.range(0, 1 << 17);
            case 2:
                return PAGE * rng.range(1, 16) + rng.pick(-8, -1, 0, 1, 7, 8);
            case 3:
                return rng.range(0, 1 << 24);
            case 4:
                return rng.pick(0, 8, 1 << 20, 1_114_112, 2_097_160);
            default:
                return rng.range(0, 64);
        }
    }

    private long topHeapBase() {
        long top = 1L << 32;
        switch (rng.below(6)) {
            case 0:
                return top - rng.pick(16, 24, 32, 40, 8 + 16, 8 + 64);
            case 1:
                return top - (8 + (8L << rng.below(10)));
            case 2:
                return top - PAGE * rng.range(1, 8) + rng.pick(0, 8, -8);
            case 3:
                return profile == Profile.STRICT && rng.percent(50) ? rng.range(0xFFFFFFF9L, U32) : top - 8 * rng.range(2, 40);
            case 4:
                return rng.range(0xFFFFFFF0L, U32);
            default:
                return top - rng.range(9, 200_000);
        }
    }

    // ---- body traffic ----

    private Request bodyRequest() {
        int id = nextId();
        int w = rng.below(1000);
        if (kind == Kind.FILL) {
            w = w < 650 ? 0 : w - 300;
        }
        if (w < 330) {
            return mallocRequest(id, false);
        }
        if (w < 420) {
            return mallocRequest(id, true);
        }
        if (w < 690) {
            return freeRequest(id);
        }
        if (w < 750) {
            return peekRequest(id);
        }
        if (w < 790) {
            return pokePayload(id);
        }
        if (w < 840) {
            return Request.of(id, "stats");
        }
        if (w < 870) {
            return Request.of(id, "pages");
        }
        if (w < 900) {
            return growRequest(id);
        }
        if (w < 920) {
            return Malformed.pick(rng, id, memoryPages());
        }
        if (w < 925) {
            return Request.raw(id, rng.percent(70) ? "# comment: no response is owed" : "");
        }
        if (w < 935) {
            return Request.of(id, "truncate", memoryPages());
        }
        return mallocRequest(id, false);
    }

    private long memoryPages() {
        SparseMemory m = ref.memory();
        return m == null ? 0 : m.pages();
    }

    private long memorySize() {
        return memoryPages() * PAGE;
    }

    private int maxOrder() {
        return orders() - 1;
    }

    // ---- the reference's state, in either allocator ----

    private boolean proposal() {
        return profile == Profile.PROPOSAL;
    }

    private int orders() {
        return proposal() ? ProposalAllocator.LISTS : context.orders();
    }

    private long maxAllocation() {
        return proposal() ? ProposalAllocator.MAX_ITEM_SIZE : context.maxAllocation();
    }

    private boolean started() {
        return ref.memory() != null;
    }

    private boolean poisoned() {
        FreeingBumpAllocator a = ref.allocator();
        return a != null && a.isPoisoned();
    }

    private long bumper() {
        FreeingBumpAllocator a = ref.allocator();
        return a != null ? a.bumper() : ref.proposal().bumper();
    }

    /** The header address at the head of {@code order}'s list, or -1 when the list is empty. */
    private long head(int order) {
        FreeingBumpAllocator a = ref.allocator();
        if (a != null) {
            long h = a.freeListHead(order);
            return h == FreeingBumpAllocator.NIL ? -1 : h;
        }
        long h = ref.proposal().head(order);
        return h == ProposalAllocator.EMPTY ? -1 : h;
    }

    /** Where fresh blocks must end: the page limit (sc-allocator grows memory), or the memory (the proposal never does). */
    private long bumpLimit() {
        return proposal() ? memorySize() : maxPages * PAGE;
    }

    /** An occupied header claiming {@code order} (which may be out of range) in the profile's format. */
    private long occupiedHeader(long order) {
        return proposal() ? ProposalAllocator.MARK | (order & 0xFF) : OCCUPIED | order;
    }

    private boolean headerIsFree(long word) {
        return proposal() ? (word & ProposalAllocator.MARK) != ProposalAllocator.MARK : (word & OCCUPIED) == 0;
    }

    /** Whether a fresh or reused block of {@code order} fits without exceeding the page limit. */
    private boolean fits(int order) {
        if (!started()) {
            return true;
        }
        if (head(order) != -1) {
            return true;
        }
        return bumper() + (8L << order) + 8 <= bumpLimit();
    }

    private Request mallocRequest(int id, boolean reuse) {
        int order;
        if (reuse && !freed.isEmpty()) {
            order = freed.get(rng.below(freed.size())).order;
        } else if (rng.percent(10)) {
            return Request.of(id, "malloc", boundarySize());
        } else {
            int r = rng.below(100);
            int top = maxOrder();
            if (kind == Kind.BIG && rng.percent(30)) {
                order = (int) rng.range(15, top);
            } else if (kind == Kind.FILL) {
                order = (int) rng.range(4, Math.min(top, 18));
            } else if (kind == Kind.TOP) {
                order = rng.below(4);
            } else {
                order = r < 65 ? rng.below(6) : r < 90 ? (int) rng.range(6, 12) : (int) rng.range(13, top);
            }
        }
        if (kind != Kind.FILL) {
            while (order > 0 && !fits(order)) {
                order--;
            }
            if (!fits(order) && !live.isEmpty()) {
                return freeRequest(id);
            }
        }
        return Request.of(id, "malloc", sizeOfOrder(order));
    }

    private long sizeOfOrder(int order) {
        long block = 8L << order;
        switch (rng.below(8)) {
            case 0:
                return block;
            case 1:
                return order == 0 ? 0 : block / 2 + 1;
            default:
                return order == 0 ? rng.range(0, 8) : rng.range(block / 2 + 1, block);
        }
    }

    /** 0, 2^k, 2^k+1 and 2^k-1 for a k the context accepts, and the context's maximum. */
    private long boundarySize() {
        long max = maxAllocation();
        int k = rng.below(maxOrder() + 4);
        long v = rng.pick(0, 1L << k, (1L << k) + 1, (1L << k) - 1, max, max - 1);
        v = Math.min(v, max);
        int order = FreeingBumpAllocator.orderOf(v);
        if (kind != Kind.FILL && !fits(order)) {
            return 8;
        }
        return v;
    }

    private Request freeRequest(int id) {
        if (live.isEmpty()) {
            return mallocRequest(id, freed.isEmpty() ? false : true);
        }
        Block b = rng.percent(50) ? live.get(live.size() - 1) : live.get(rng.below(live.size()));
        return Request.of(id, "free", b.ptr).tie(0, b.id, 0, b.ptr);
    }

    private Request peekRequest(int id) {
        long size = memorySize();
        int r = rng.below(100);
        if (r < 35 && !live.isEmpty()) {
            Block b = live.get(rng.below(live.size()));
            return Request.of(id, "peek", b.ptr - 8).tie(0, b.id, -8, b.ptr - 8);
        }
        if (r < 60 && !freed.isEmpty()) {
            Block b = freed.get(rng.below(freed.size()));
            return Request.of(id, "peek", b.ptr - 8).tie(0, b.id, -8, b.ptr - 8);
        }
        if (r < 72 && !live.isEmpty()) {
            Block b = live.get(rng.below(live.size()));
            long off = 8 * rng.range(0, Math.max(0, ((8L << b.order) - 8) / 8));
            return Request.of(id, "peek", b.ptr + off).tie(0, b.id, off, b.ptr + off);
        }
        if (r < 82 && size >= 8) {
            return Request.of(id, "peek", rng.range(0, (size - 8) / 8) * 8);
        }
        if (r < 88 && size >= 8) {
            return Request.of(id, "peek", size - 8);
        }
        if (r < 94) {
            return Request.of(id, "peek", Math.min(U32, size - 7 + rng.range(0, 8)));
        }
        return Request.of(id, "peek", size >= 16 ? rng.range(0, size - 8) : rng.range(0, U32));
    }

    private Request pokePayload(int id) {
        if (live.isEmpty()) {
            return peekRequest(id);
        }
        Block b = live.get(rng.below(live.size()));
        long off = 8 * rng.range(0, Math.max(0, ((8L << b.order) - 8) / 8));
        long value = rng.percent(30) ? rng.nextLong() : rng.percent(50) ? occupiedHeader(rng.below(40)) : rng.range(0, U32);
        return Request.of(id, "poke", b.ptr + off, value).tie(0, b.id, off, b.ptr + off);
    }

    private Request growRequest(int id) {
        long pages = memoryPages();
        switch (rng.below(12)) {
            case 0:
                return Request.of(id, "grow", Math.max(0, maxPages - pages));
            case 2:
                return Request.of(id, "grow", maxPages - pages + 1);
            case 3:
                return Request.of(id, "grow", rng.pick(U32, 65537, 1L << 31));
            default:
                return Request.of(id, "grow", rng.range(0, 2));
        }
    }

    // ---- faults ----

    /** Queues one fault; tries kinds at random until one applies to the current state. */
    private void injectFault() {
        for (int attempt = 0; attempt < 20; attempt++) {
            if (tryFault(rng.below(14))) {
                return;
            }
        }
        queue(Request.of(nextId(), "malloc", maxAllocation() + 1));
    }

    private boolean tryFault(int which) {
        long size = memorySize();
        switch (which) {
            case 0: { // too large
                long max = maxAllocation();
                queue(Request.of(nextId(), "malloc", rng.pick(max + 1, U32, (1L << 31) + 1, U32 - 7, max * 2)));
                return true;
            }
            case 1: { // out of space: use up the page limit, then ask for a block that cannot fit
                long free = bumpLimit() - bumper();
                int order = 0;
                while (order < maxOrder() && (8L << order) + 8 <= free) {
                    order++;
                }
                if ((8L << order) + 8 <= free || head(order) != -1) {
                    return false;
                }
                if (rng.percent(50) && memoryPages() < maxPages) {
                    queue(Request.of(nextId(), "grow", maxPages - memoryPages()));
                }
                queue(Request.of(nextId(), "malloc", sizeOfOrder(order)));
                return true;
            }
            case 2: { // double free
                for (int k = 0; k < freed.size(); k++) {
                    Block b = freed.get(k);
                    if (b.ptr - 8 + 8 <= size && headerIsFree(ref.memory().readU64(b.ptr - 8))) {
                        queue(Request.of(nextId(), "free", b.ptr).tie(0, b.id, 0, b.ptr));
                        return true;
                    }
                }
                return false;
            }
            case 3: // pointer below 8
                queue(Request.of(nextId(), "free", rng.range(0, 7)));
                return true;
            case 4: { // header beyond memory
                if (size >= (1L << 32) - 8) {
                    return false;
                }
                queue(Request.of(nextId(), "free", Math.min(U32, size + rng.pick(1, 8, 9, PAGE, U32))));
                return true;
            }
            case 5: { // free in the middle of a block
                Block b = pickLive(1);
                if (b == null) {
                    return false;
                }
                long off = 8 * rng.range(1, Math.min(64, (8L << b.order) / 8 - 1));
                queue(Request.of(nextId(), "free", b.ptr + off).tie(0, b.id, off, b.ptr + off));
                return true;
            }
            case 6: { // corrupt an occupied header, then free the block
                Block b = pickLive(0);
                if (b == null) {
                    return false;
                }
                long value = rng.pick(occupiedHeader(orders() + rng.below(40)), 0, U32, occupiedHeader(U32),
                        rng.nextLong(), b.ptr - 8);
                queue(Request.of(nextId(), "poke", b.ptr - 8, value).tie(0, b.id, -8, b.ptr - 8));
                queue(Request.of(nextId(), "free", b.ptr).tie(0, b.id, 0, b.ptr));
                return true;
            }
            case 7:
            case 8: { // corrupt a free list head's link, then allocate from that list twice
                for (int k = 0; k < 30; k++) {
                    if (freed.isEmpty()) {
                        return false;
                    }
                    Block b = freed.get(rng.below(freed.size()));
                    if (head(b.order) != b.ptr - 8) {
                        continue;
                    }
                    Request poke = Request.of(nextId(), "poke", b.ptr - 8, 0).tie(0, b.id, -8, b.ptr - 8);
                    Block other = pickLive(0);
                    switch (rng.below(6)) {
                        case 0:
                            poke = poke.withValue(1, size);
                            break;
                        case 1:
                            poke = poke.withValue(1, U32 - 7 - 8 * rng.below(4));
                            break;
                        case 2:
                            poke = poke.withValue(1, occupiedHeader(b.order));
                            break;
                        case 3:
                            poke = poke.withValue(1, occupiedHeader(orders() + rng.below(8)));
                            break;
                        case 4:
                            if (other != null) {
                                poke = poke.withValue(1, other.ptr - 8).tie(1, other.id, -8, other.ptr - 8);
                                break;
                            }
                            poke = poke.withValue(1, 0);
                            break;
                        default:
                            poke = poke.withValue(1, b.ptr - 8).tie(1, b.id, -8, b.ptr - 8); // a cycle
                            break;
                    }
                    queue(poke);
                    queue(Request.of(nextId(), "malloc", sizeOfOrder(b.order)));
                    queue(Request.of(nextId(), "malloc", sizeOfOrder(b.order)));
                    return true;
                }
                return false;
            }
            case 9: { // memory shrinks under the allocator
                long pages = memoryPages();
                if (pages == 0) {
                    return false;
                }
                queue(Request.of(nextId(), "truncate", rng.range(0, pages - 1)));
                queue(rng.percent(50) || live.isEmpty() ? Request.of(nextId(), "malloc", rng.range(0, 64))
                        : Request.of(nextId(), "free", live.get(0).ptr).tie(0, live.get(0).id, 0, live.get(0).ptr));
                return true;
            }
            case 10: { // shrink and regrow between two calls: undetected, the top pages come back zeroed
                long pages = memoryPages();
                if (pages == 0) {
                    return false;
                }
                long cut = rng.range(1, Math.min(pages, 4));
                queue(Request.of(nextId(), "truncate", pages - cut));
                queue(Request.of(nextId(), "grow", cut));
                faultDone = true;
                tailLeft = (int) rng.range(10, 60);
                return true;
            }
            case 11: { // claim a larger order in a live header, then free it: the count underflows
                Block b = pickLive(0);
                if (b == null) {
                    return false;
                }
                int order = (int) rng.range(Math.min(b.order + 1, maxOrder()), maxOrder());
                queue(Request.of(nextId(), "poke", b.ptr - 8, occupiedHeader(order)).tie(0, b.id, -8, b.ptr - 8));
                queue(Request.of(nextId(), "free", b.ptr).tie(0, b.id, 0, b.ptr));
                return true;
            }
            case 12: { // pop one 2 GiB block twice through a forged cycle: bytes_allocated passes 2^32
                if (proposal() || context != CallContext.OFFCHAIN || bumper() + (1L << 31) + 8 > maxPages * PAGE
                        || head(maxOrder()) != -1) {
                    return false;
                }
                int m = nextId();
                long guess = bumper() + 8;
                queue(Request.of(m, "malloc", 1L << 31));
                queue(Request.of(nextId(), "free", guess).tie(0, m, 0, guess));
                for (int i = 0; i < 2; i++) {
                    queue(Request.of(nextId(), "poke", guess - 8, guess - 8).tie(0, m, -8, guess - 8).tie(1, m, -8, guess - 8));
                    queue(Request.of(nextId(), "malloc", 1L << 31));
                    queue(Request.of(nextId(), "stats"));
                }
                return true;
            }
            default: { // an init that is refused or replaces the session mid-way
                if (rng.percent(50)) {
                    queue(Malformed.badInit(rng, nextId()));
                    return false;
                }
                startPhase();
                return true;
            }
        }
    }

    private Block pickLive(int minOrder) {
        for (int k = 0; k < 8 && !live.isEmpty(); k++) {
            Block b = live.get(rng.below(live.size()));
            if (b.order >= minOrder) {
                return b;
            }
        }
        return null;
    }
}
