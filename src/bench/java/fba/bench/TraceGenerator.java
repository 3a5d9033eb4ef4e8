package fba.bench;

import fba.core.CallContext;
import fba.core.FreeingBumpAllocator;
import fba.core.Profile;
import fba.core.SparseMemory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the protocol traces the replay and memory benchmarks feed to {@code fba replay}.
 *
 * <p>Usage: {@code java -cp target/benchmarks.jar fba.bench.TraceGenerator replay|serve|memory FILE [REQUESTS]}
 *
 * <p>Pointers in {@code free} lines are real: the generator runs the core alongside, so every
 * request in the trace succeeds and the replay does the same work the op-mix benchmark does.
 */
public final class TraceGenerator {

    /** Requests in the default replay trace (a few million, as issue 6 asks). */
    static final int REPLAY_REQUESTS = 4_000_000;

    /** Requests in the default serve trace of bench/compare.sh (issue 16). */
    static final int SERVE_REQUESTS = 3_000_000;

    /** The serve trace faults once in this many requests, then starts a new session. */
    static final int FAULT_EVERY = 100_000;

    private TraceGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: TraceGenerator replay|serve|memory FILE [REQUESTS]");
            System.exit(2);
        }
        Path file = Path.of(args[1]);
        long n;
        if (args[0].equals("replay")) {
            n = replay(file, args.length == 3 ? Integer.parseInt(args[2]) : REPLAY_REQUESTS);
        } else if (args[0].equals("serve")) {
            n = serve(file, args.length == 3 ? Integer.parseInt(args[2]) : SERVE_REQUESTS);
        } else if (args[0].equals("memory")) {
            n = memory(file);
        } else {
            System.err.println("unknown trace kind '" + args[0] + "': replay, serve or memory");
            System.exit(2);
            return;
        }
        System.out.println(file + ": " + n + " requests");
    }

    /**
     * The op mix as a trace of exactly {@code requests} requests: {@code init}, then malloc/free
     * draws, with a {@code stats} request every 1000 requests so that answer is exercised too.
     */
    static long replay(Path file, int requests) throws IOException {
        MixSession session = new MixSession(new OpMix());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("init 0 onchain 1 65536\n");
            for (int i = 1; i < requests; i++) {
                if (i % 1000 == 0) {
                    w.write("stats\n");
                } else {
                    session.step(w);
                }
            }
        }
        return requests;
    }

    /**
     * One session of the op mix run on the core alongside the trace, so that every free names a
     * pointer the allocator really returned: {@code init 0 onchain 1 65536} and the mix's draws.
     */
    private static final class MixSession {
        final OpMix mix;
        final FreeingBumpAllocator a = FreeingBumpAllocator.create(new SparseMemory(1, 65536), 0, CallContext.ONCHAIN,
                Profile.SUBSTRATE);
        final long[] live = new long[OpMix.MAX_LIVE];
        int count;

        MixSession(OpMix mix) {
            this.mix = mix;
        }

        /** Draws one op, runs it on the core and writes its request. */
        void step(BufferedWriter w) throws IOException {
            long r = mix.next();
            if (OpMix.frees(r, count)) {
                int v = OpMix.victim(r, count);
                check(a.free(live[v]) == 0, "free");
                w.write("free " + live[v] + "\n");
                live[v] = live[--count];
            } else {
                long size = OpMix.size(r);
                long ptr = a.malloc(size);
                check(ptr >= 0, "malloc");
                w.write("malloc " + size + "\n");
                live[count++] = ptr;
            }
        }
    }

    /**
     * The trace bench/compare.sh pipes through {@code fba serve} and the C build: the op mix of
     * {@link #replay} (real pointers, a {@code stats} every 1000 requests), and once in every
     * {@link #FAULT_EVERY} requests a fault that poisons the allocator — in turn a double free, a
     * malloc above the largest size, a free of a pointer below 8 — then one more request (answered
     * {@code poisoned}), one malformed request ({@code bad_request}) and a fresh {@code init}.
     * Exactly {@code requests} requests.
     */
    static long serve(Path file, int requests) throws IOException {
        OpMix mix = new OpMix();
        MixSession session = null;
        int faults = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < requests; i++) {
                if (session == null) {
                    w.write("init 0 onchain 1 65536\n");
                    session = new MixSession(mix);
                    continue;
                }
                if (i % FAULT_EVERY == FAULT_EVERY - 5 && i + 5 <= requests) {
                    fault(session, faults++, w);
                    i += 3;
                    session = null; // the next request is a fresh init
                    continue;
                }
                if (i % 1000 == 0) {
                    w.write("stats\n");
                } else {
                    session.step(w);
                }
            }
        }
        return requests;
    }

    /**
     * Writes fault number {@code k} of the serve trace: four requests. The session runs each fault
     * too, so the trace's claim that it faults is checked.
     */
    private static void fault(MixSession session, int k, BufferedWriter w) throws IOException {
        FreeingBumpAllocator a = session.a;
        switch (k % 3) {
            case 0:
                check(session.count > 0, "a live block to free twice");
                long twice = session.live[--session.count];
                check(a.free(twice) == 0 && a.free(twice) != 0, "double free faulting");
                w.write("free " + twice + "\nfree " + twice + "\n");
                break;
            case 1:
                check(a.malloc(0xFFFFFFFFL) < 0, "too large malloc faulting");
                w.write("stats\nmalloc 4294967295\n");
                break;
            default:
                check(a.free(4) != 0, "free below 8 faulting");
                w.write("stats\nfree 4\n");
        }
        check(a.malloc(8) < 0, "poisoning");
        w.write("malloc 8\nmalloc eight\n");
    }

    /**
     * A session that spreads its blocks over the whole 4 GiB: 64 KiB blocks (one header in
     * every page) interleaved with small ones, half of them freed and reused, then 1 MiB blocks
     * until the heap is out of space at 65536 pages. Ends with {@code stats} and {@code pages}.
     */
    static long memory(Path file) throws IOException {
        SparseMemory memory = new SparseMemory(1, 65536);
        FreeingBumpAllocator a = FreeingBumpAllocator.create(memory, 0, CallContext.ONCHAIN, Profile.SUBSTRATE);
        long n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("init 0 onchain 1 65536\n");
            n++;
            int rounds = 60_000;
            long[] big = new long[rounds];
            long[] small = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                big[i] = a.malloc(65536);
                small[i] = a.malloc(8 + (i % 200));
                check(big[i] >= 0 && small[i] >= 0, "malloc");
                w.write("malloc 65536\nmalloc " + (8 + (i % 200)) + "\n");
                n += 2;
            }
            for (int i = 0; i < rounds; i += 2) {
                check(a.free(big[i]) == 0 && a.free(small[i]) == 0, "free");
                w.write("free " + big[i] + "\nfree " + small[i] + "\n");
                n += 2;
            }
            for (int i = 0; i < rounds; i += 2) {
                check(a.malloc(60000) >= 0, "malloc");
                w.write("malloc 60000\n");
                n++;
            }
            // Bump 1 MiB blocks until the 4 GiB limit refuses one (that refusal is the last malloc).
            while (true) {
                w.write("malloc 1048576\n");
                n++;
                if (a.malloc(1 << 20) < 0) {
                    break;
                }
            }
            w.write("stats\npages\n");
            n += 2;
            check(memory.pages() == 65536, "reaching 65536 pages");
        }
        return n;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("generator: " + what + " failed; the trace would not be what it claims");
        }
    }
}
