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
    static final long PAGE = Memory.PAGE_SIZE;
    private static final long OCCUPIED = FreeingBumpAllocator.OCCUPIED;
    /** Freed blocks remembered for double frees, reuse and free-list faults. */
    private static final int MAX_FREED = 48;

    enum Kind { NORMAL, ZERO_BASE, FILL, TOP, BIG }

    private final Rng rng;
    private final int budget;
    private final Profile profile;
    private final Session ref;
    private final boolean preInit;
    private final long[] results;
    private final ArrayDeque<Request> pending = new ArrayDeque<>();
    private final Blocks live = new Blocks();
    private final Blocks freed = new Blocks();
    private final BodyTraffic body = new BodyTraffic(this);
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
                    queue(body.cheap(nextId()));
                }
                queue(Request.raw(nextId(), "init 0 onchain 2 1"));
            }
            startPhase();
            return next();
        }
        if (!started()) {
            if (uninitializedLeft-- > 0) {
                return emit(body.cheap(nextId()));
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
                return emit(body.next(nextId()));
            }
            startPhase();
            return next();
        }
        if (bodyLeft-- > 0) {
            return emit(body.next(nextId()));
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

    int nextId() {
        return produced + pending.size();
    }

    private Request emit(Request r) {
        r.freeze(results);
        produced++;
        return r;
    }

    void queue(Request r) {
        pending.add(r);
    }

    // ---- phases ----

    void startPhase() {
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
                heapBase = HeapBases.top(rng, profile);
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
                heapBase = HeapBases.normal(rng);
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

    // ---- the reference's memory ----

    long memoryPages() {
        SparseMemory m = ref.memory();
        return m == null ? 0 : m.pages();
    }

    long memorySize() {
        return memoryPages() * PAGE;
    }

    int maxOrder() {
        return orders() - 1;
    }

    // ---- the reference's state, in either allocator ----

    boolean proposal() {
        return profile == Profile.PROPOSAL;
    }

    int orders() {
        return proposal() ? ProposalAllocator.LISTS : context.orders();
    }

    long maxAllocation() {
        return proposal() ? ProposalAllocator.MAX_ITEM_SIZE : context.maxAllocation();
    }

    private boolean started() {
        return ref.memory() != null;
    }

    private boolean poisoned() {
        FreeingBumpAllocator a = ref.allocator();
        return a != null && a.isPoisoned();
    }

    long bumper() {
        FreeingBumpAllocator a = ref.allocator();
        return a != null ? a.bumper() : ref.proposal().bumper();
    }

    /** The header address at the head of {@code order}'s list, or -1 when the list is empty. */
    long head(int order) {
        FreeingBumpAllocator a = ref.allocator();
        if (a != null) {
            long h = a.freeListHead(order);
            return h == FreeingBumpAllocator.NIL ? -1 : h;
        }
        long h = ref.proposal().head(order);
        return h == ProposalAllocator.EMPTY ? -1 : h;
    }

    /** Where fresh blocks must end: the page limit (sc-allocator grows memory), or the memory (the proposal never does). */
    long bumpLimit() {
        return proposal() ? memorySize() : maxPages * PAGE;
    }

    /** An occupied header claiming {@code order} (which may be out of range) in the profile's format. */
    long occupiedHeader(long order) {
        return proposal() ? ProposalAllocator.MARK | (order & 0xFF) : OCCUPIED | order;
    }

    boolean headerIsFree(long word) {
        return proposal() ? (word & ProposalAllocator.MARK) != ProposalAllocator.MARK : (word & OCCUPIED) == 0;
    }

    /** Whether a fresh or reused block of {@code order} fits without exceeding the page limit. */
    boolean fits(int order) {
        if (!started()) {
            return true;
        }
        if (head(order) != -1) {
            return true;
        }
        return bumper() + (8L << order) + 8 <= bumpLimit();
    }

    long sizeOfOrder(int order) {
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

    // ---- what a fault kind reads and does (fba.check.generate.Fault) ----

    /** The fault kinds, drawn by position: two chances of a corrupted free list head. */
    private static final Fault[] FAULTS = {
        new TooLarge(), new OutOfSpace(), new DoubleFree(), new PointerBelowEight(), new HeaderBeyondMemory(),
        new FreeInsideBlock(), new CorruptOccupiedHeader(), new CorruptFreeListHead(), new CorruptFreeListHead(),
        new MemoryShrinks(), new ShrinkAndRegrow(), new OverclaimedOrder(), new AllocatedCountWrap(),
        new InitMidSession(),
    };

    Kind kind() {
        return kind;
    }

    Rng rng() {
        return rng;
    }

    Blocks live() {
        return live;
    }

    Blocks freed() {
        return freed;
    }

    long maxPages() {
        return maxPages;
    }

    CallContext context() {
        return context;
    }

    /** The reference's memory (the phase has started). */
    SparseMemory memory() {
        return ref.memory();
    }

    /** Ends the phase after {@code requests} more body requests instead of the tail drawn before the fault. */
    void tailOf(int requests) {
        faultDone = true;
        tailLeft = requests;
    }

    /** Queues one fault; tries kinds at random until one applies to the current state. */
    private void injectFault() {
        for (int attempt = 0; attempt < 20; attempt++) {
            if (FAULTS[rng.below(FAULTS.length)].queue(this)) {
                return;
            }
        }
        queue(Request.of(nextId(), "malloc", maxAllocation() + 1));
    }

    Block pickLive(int minOrder) {
        for (int k = 0; k < 8 && !live.isEmpty(); k++) {
            Block b = live.get(rng.below(live.size()));
            if (b.order >= minOrder) {
                return b;
            }
        }
        return null;
    }
}
