package fba.model;

import fba.core.FreeingBumpAllocator;
import fba.core.Profile;
import fba.core.SparseMemory;
import fba.protocol.Session;
import fba.protocol.VectorLine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The state a jqwik action chain evolves: the implementation driven through its protocol
 * {@link Session}, the {@link AllocatorModel} that predicts it, and the transcript of the chain in
 * vector format ({@code request => expected}, the expectation being the model's).
 *
 * <p>Every request goes to both; a differing response, or an invariant that fails afterwards,
 * throws an {@link AssertionError} carrying the transcript, so the shrunk chain jqwik reports can
 * be pasted into spec/vectors as it stands.
 */
final class ModelRun {

    final Profile profile;
    final Session session;
    /** The model of the current session; null before the first init and after a refused one. */
    AllocatorModel model;
    boolean started;
    /** Pointers freed or forged that invalid-free actions may reuse. */
    final List<Long> stalePointers = new ArrayList<>();
    private final List<String> transcript = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    private long lastBumper = -1;

    ModelRun(Profile profile) {
        this.profile = profile;
        this.session = new Session(profile);
    }

    boolean strict() {
        return profile == Profile.STRICT;
    }

    boolean ready() {
        return model != null;
    }

    /** Sends {@code request} to the implementation and checks its answer against {@code expected}. */
    void exchange(String request, String expected) {
        String actual = session.execute(request);
        requests.add(request);
        transcript.add(request + VectorLine.ARROW + expected);
        if (actual == null || !VectorLine.matches(expected, actual)) {
            throw failure("response to '" + request + "' differs: model expects '" + expected
                    + "', implementation answered '" + actual + "'");
        }
    }

    void init(long heapBase, String context, int initialPages, int maxPages) {
        String request = "init " + heapBase + " " + context + " " + initialPages + " " + maxPages;
        started = true;
        stalePointers.clear();
        lastBumper = -1;
        if (strict() && heapBase + 7 >= AllocatorModel.TWO32) {
            model = null;
            exchange(request, "err heap_base_wrap");
            return;
        }
        int orders = context.equals("onchain") ? 23 : 29;
        model = new AllocatorModel(strict(), orders, heapBase, initialPages, maxPages);
        exchange(request, "ok");
    }

    /** Sends a request that the uninitialised session must refuse, or that the model answers. */
    void request(String request, java.util.function.Function<AllocatorModel, String> answer) {
        exchange(request, model == null ? "err not_initialized" : answer.apply(model));
    }

    AssertionError failure(String what) {
        return new ChainFailure(profile, what, new ArrayList<>(requests));
    }

    /** The chain so far in vector format, headed by the profile pragma when strict. */
    String vector() {
        StringBuilder sb = new StringBuilder("# found by fba.model (jqwik stateful model-based test)\n");
        if (strict()) {
            sb.append("#! profile strict\n");
        }
        for (String line : transcript) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** Sends one protocol request line to both sides, the model answering from its parsed arguments. */
    void replay(String line) {
        String[] t = line.split(" ");
        switch (t[0]) {
            case "init" -> init(Long.parseLong(t[1]), t[2], Integer.parseInt(t[3]), Integer.parseInt(t[4]));
            case "malloc" -> request(line, m -> m.malloc(Long.parseLong(t[1])));
            case "free" -> request(line, m -> m.free(Long.parseLong(t[1])));
            case "grow" -> request(line, m -> m.grow(Long.parseLong(t[1])));
            case "truncate" -> request(line, m -> m.truncate(Long.parseLong(t[1])));
            case "poke" -> request(line, m -> m.poke(Long.parseLong(t[1]), Long.parseUnsignedLong(t[2])));
            case "peek" -> request(line, m -> m.peek(Long.parseLong(t[1])));
            case "stats" -> request(line, AllocatorModel::stats);
            case "pages" -> request(line, AllocatorModel::pagesResponse);
            default -> throw new IllegalArgumentException("not a request the model knows: " + line);
        }
    }

    // ---- invariants ----

    void checkInvariants() {
        FreeingBumpAllocator a = session.allocator();
        SparseMemory mem = session.memory();
        if (!started) {
            return;
        }
        check((model == null) == (a == null), "session exists iff the model has one");
        if (model == null) {
            return;
        }
        AllocatorModel m = model;
        check(a.isPoisoned() == m.poisoned, "poisoned flag is " + a.isPoisoned() + ", model says " + m.poisoned);
        check(a.heapBase() == m.heapBase, "heap base " + a.heapBase() + ", model " + m.heapBase);
        check(a.bumper() == m.bumper, "bump pointer " + a.bumper() + ", model " + m.bumper);
        check(mem.pages() == m.pages, "pages " + mem.pages() + ", model " + m.pages);
        check(a.bytesAllocated() == m.allocated, "bytes_allocated " + a.bytesAllocated() + ", model " + m.allocated);
        check(a.bytesAllocatedPeak() == m.peak, "bytes_allocated_peak " + a.bytesAllocatedPeak() + ", model " + m.peak);
        java.math.BigInteger sum = java.math.BigInteger.valueOf(a.bytesAllocatedSumHigh()).shiftLeft(62)
                .add(java.math.BigInteger.valueOf(a.bytesAllocatedSumLow()));
        check(sum.equals(m.sum), "bytes_allocated_sum " + sum + ", model " + m.sum);
        check(a.addressSpaceUsed() == m.addressSpaceUsed,
                "address_space_used " + a.addressSpaceUsed() + ", model " + m.addressSpaceUsed);
        for (var e : m.memory.nonZeroBytes().entrySet()) {
            int actual = mem.readByte(e.getKey());
            check(actual == (e.getValue() & 0xFF), "byte at " + e.getKey() + " is " + actual + ", model "
                    + (e.getValue() & 0xFF));
        }
        if (strict()) {
            check(a.bumper() >= lastBumper, "strict bump pointer decreased from " + lastBumper + " to " + a.bumper());
            check(a.bumper() >= a.heapBase(), "strict bump pointer below heap base");
        }
        lastBumper = a.bumper();
        if (!m.tampered && !m.shrunkUnderHeap) {
            checkStructure(a, mem, m);
        }
    }

    /** Heap shape: holds while no header was poked, the bump pointer never wrapped and memory was never cut below it. */
    private void checkStructure(FreeingBumpAllocator a, SparseMemory mem, AllocatorModel m) {
        Set<Long> headers = new HashSet<>();
        List<long[]> extents = new ArrayList<>();
        for (var e : m.live.entrySet()) {
            long ptr = e.getKey();
            int order = e.getValue();
            long header = ptr - 8;
            check(ptr % 8 == 0, "live block " + ptr + " is not 8-aligned");
            check(header >= a.heapBase() && ptr + AllocatorModel.blockSize(order) <= a.bumper(),
                    "live block " + ptr + " outside [heap_base, bumper)");
            check(ptr + AllocatorModel.blockSize(order) <= mem.size(), "live block " + ptr + " outside memory");
            check(readWord(mem, header) == (AllocatorModel.OCCUPIED | order),
                    "header of live block " + ptr + " reads " + Long.toHexString(readWord(mem, header))
                            + ", model says occupied order " + order);
            headers.add(header);
            extents.add(new long[] {header, ptr + AllocatorModel.blockSize(order)});
        }
        for (int k = 0; k < m.orders; k++) {
            long expectedHead = m.freeLists.get(k).isEmpty() ? AllocatorModel.NIL : m.freeLists.get(k).peek();
            check(a.freeListHead(k) == expectedHead,
                    "free list " + k + " head " + a.freeListHead(k) + ", model " + expectedHead);
            long cursor = a.freeListHead(k);
            for (long header : m.freeLists.get(k)) {
                check(cursor == header, "free list " + k + " reaches " + cursor + " where the model has " + header);
                check(headers.add(header), "header " + header + " is on two lists or both free and live");
                check(header >= a.heapBase() && header + 8 + AllocatorModel.blockSize(k) <= a.bumper(),
                        "free block " + header + " outside [heap_base, bumper)");
                extents.add(new long[] {header, header + 8 + AllocatorModel.blockSize(k)});
                cursor = readWord(mem, header);
                check((cursor & AllocatorModel.OCCUPIED) == 0, "free header " + header + " is marked occupied");
                cursor &= AllocatorModel.NIL;
            }
            check(cursor == AllocatorModel.NIL, "free list " + k + " does not end after the model's "
                    + m.freeLists.get(k).size() + " blocks (acyclic, same length)");
        }
        extents.sort((x, y) -> Long.compare(x[0], y[0]));
        for (int i = 1; i < extents.size(); i++) {
            check(extents.get(i - 1)[1] <= extents.get(i)[0],
                    "blocks at " + extents.get(i - 1)[0] + " and " + extents.get(i)[0] + " overlap");
        }
    }

    private long readWord(SparseMemory mem, long addr) {
        check(addr + 8 <= mem.size(), "header at " + addr + " lies outside memory");
        return mem.readU64(addr);
    }

    static final String INVARIANT = "invariant broken after the last request: ";

    /**
     * Requests that expose the model's state on the wire: stats, pages, a peek at every word the
     * model knows to be non-zero or to hold a header, and, when poisoned, a malloc that must fail.
     */
    List<String> observations() {
        List<String> out = new ArrayList<>();
        if (model == null) {
            return out;
        }
        out.add("stats");
        out.add("pages");
        java.util.TreeSet<Long> words = new java.util.TreeSet<>();
        for (long addr : model.memory.nonZeroBytes().keySet()) {
            words.add(addr - addr % 8);
        }
        for (long ptr : model.live.keySet()) {
            words.add(ptr - 8);
        }
        for (java.util.Deque<Long> stack : model.freeLists) {
            words.addAll(stack);
        }
        for (long w : words) {
            if (w + 8 <= model.size() && out.size() < 40) {
                out.add("peek " + w);
            }
        }
        if (model.poisoned) {
            out.add("malloc 0");
        }
        return out;
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw failure(INVARIANT + what);
        }
    }
}
