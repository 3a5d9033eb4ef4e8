package fba.model;

import fba.core.Profile;
import fba.core.ProposalAllocator;
import fba.core.SparseMemory;
import fba.protocol.Session;
import fba.protocol.VectorLine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The state a proposal-profile action chain evolves: a protocol {@link Session} in the proposal
 * profile, the {@link ProposalModel} that predicts it, and the chain's transcript in vector format.
 * A differing response or a broken invariant throws an {@link AssertionError} whose message is the
 * transcript as a vector file, pinned to the proposal profile.
 */
final class ProposalRun {

    final Session session = new Session(Profile.PROPOSAL);
    /** The model of the current session; null before the first init. */
    ProposalModel model;
    /** Pointers freed or forged that invalid-free actions may reuse. */
    final List<Long> stalePointers = new ArrayList<>();
    private final List<String> transcript = new ArrayList<>();

    boolean ready() {
        return model != null;
    }

    void exchange(String request, String expected) {
        String actual = session.execute(request);
        transcript.add(request + VectorLine.ARROW + expected);
        if (actual == null || !VectorLine.matches(expected, actual)) {
            throw failure("response to '" + request + "' differs: model expects '" + expected
                    + "', implementation answered '" + actual + "'");
        }
    }

    void init(long heapBase, String context, int initialPages, int maxPages) {
        stalePointers.clear();
        model = new ProposalModel(heapBase, initialPages, maxPages);
        exchange("init " + heapBase + " " + context + " " + initialPages + " " + maxPages, "ok");
    }

    void request(String request, Function<ProposalModel, String> answer) {
        exchange(request, model == null ? "err not_initialized" : answer.apply(model));
    }

    /** After every step: the implementation's state is the model's, word for word where the model knows it. */
    void checkInvariants() {
        if (model == null) {
            check(session.proposal() == null, "a session exists before any init");
            return;
        }
        ProposalAllocator a = session.proposal();
        SparseMemory mem = session.memory();
        ProposalModel m = model;
        check(a != null && session.allocator() == null, "the proposal profile runs the proposal allocator only");
        check(a.heapBase() == m.heapBase, "heap base " + a.heapBase() + ", model " + m.heapBase);
        check(a.bumper() == m.bumper, "bump pointer " + a.bumper() + ", model " + m.bumper);
        check(mem.pages() == m.pages, "pages " + mem.pages() + ", model " + m.pages);
        for (int i = 0; i < ProposalModel.LISTS; i++) {
            check(a.head(i) == m.heads[i], "head of list " + i + " is " + Long.toUnsignedString(a.head(i))
                    + ", model " + Long.toUnsignedString(m.heads[i]));
        }
        check(a.bytesAllocated() == m.allocated, "allocated " + a.bytesAllocated() + ", model " + m.allocated);
        check(a.bytesAllocatedPeak() == m.peak, "peak " + a.bytesAllocatedPeak() + ", model " + m.peak);
        java.math.BigInteger sum = java.math.BigInteger.valueOf(a.bytesAllocatedSumHigh()).shiftLeft(62)
                .add(java.math.BigInteger.valueOf(a.bytesAllocatedSumLow()));
        check(sum.equals(m.sum), "sum " + sum + ", model " + m.sum);
        for (var e : m.memory.nonZeroBytes().entrySet()) {
            int actual = mem.readByte(e.getKey());
            check(actual == (e.getValue() & 0xFF), "byte at " + e.getKey() + " is " + actual + ", model "
                    + (e.getValue() & 0xFF));
        }
        // the headers the model knows, zero bytes included: nothing else was written over them
        for (long ptr : m.live.keySet()) {
            if (m.eightBytesInside(ptr - 8)) {
                check(mem.readU64(ptr - 8) == m.memory.read(ptr - 8), "header of live block " + ptr + " differs");
            }
        }
        for (long h : m.heads) {
            if (h != 0 && m.eightBytesInside(h)) {
                check(mem.readU64(h) == m.memory.read(h), "list head " + h + " differs");
            }
        }
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw failure("invariant broken after the last request: " + what);
        }
    }

    private AssertionError failure(String what) {
        StringBuilder sb = new StringBuilder(what).append("\n--- regression vector (expectations are the model's) ---\n");
        sb.append("#! profile proposal\n# found by fba.model (jqwik stateful model-based test, proposal profile)\n");
        for (String line : transcript) {
            sb.append(line).append('\n');
        }
        return new AssertionError(sb.toString());
    }
}
