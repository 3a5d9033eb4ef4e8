package fba.examples.chicory;

import fba.core.CallContext;
import fba.core.HostAllocator;
import fba.core.SparseMemory;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The recorded Wasm traces on the core jar alone, in process, for bench/compare.sh: the same
 * work as examples/chicory/bench/replay.c does on the C implementation. Reads each vector file's
 * init, malloc, free and grow requests into arrays, then replays them: one unreported warm-up
 * repetition and REPS timed ones (the thread's CPU time), each session on a fresh
 * {@link SparseMemory}. Every malloc must return the recorded pointer. Prints the calls per
 * repetition, the median CPU ns per allocator call and the sum of the pointers.
 *
 * <p>Usage: {@code java -cp fba-chicory-host.jar fba.examples.chicory.ReplayTraces REPS FILE.vec...}
 */
public final class ReplayTraces {

    private static final byte INIT = 0;
    private static final byte MALLOC = 1;
    private static final byte FREE = 2;
    private static final byte GROW = 3;

    private byte[] op = new byte[1024];
    private long[] arg = new long[1024];
    private long[] expect = new long[1024];
    private long[] extra = new long[1024];
    private int n;

    private ReplayTraces() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ReplayTraces REPS FILE.vec...");
            System.exit(2);
        }
        int reps = Integer.parseInt(args[0]);
        ReplayTraces t = new ReplayTraces();
        for (int i = 1; i < args.length; i++) {
            t.load(Path.of(args[i]));
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] calls = new long[1];
        long sum = t.replay(calls);
        double[] ns = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            t.replay(calls);
            ns[r] = (mx.getCurrentThreadCpuTime() - t0) / (double) calls[0];
        }
        Arrays.sort(ns);
        System.out.printf("Java: %d calls per repetition, median %.2f ns per call (CPU), pointer sum %d%n", calls[0],
                ns[reps / 2], sum);
    }

    private void load(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] w = line.split(" ");
                switch (w[0]) {
                    case "init":
                        add(INIT, Long.parseLong(w[1]), Long.parseLong(w[3]),
                                Long.parseLong(w[4]) | ("offchain".equals(w[2]) ? 1L << 32 : 0));
                        break;
                    case "malloc":
                        add(MALLOC, Long.parseLong(w[1]), Long.parseLong(w[4]), 0);
                        break;
                    case "free":
                        add(FREE, Long.parseLong(w[1]), 0, 0);
                        break;
                    case "grow":
                        add(GROW, Long.parseLong(w[1]), 0, 0);
                        break;
                    default:
                        break;
                }
            }
        }
    }

    private void add(byte o, long a, long e, long x) {
        if (n == op.length) {
            op = Arrays.copyOf(op, n * 2);
            arg = Arrays.copyOf(arg, n * 2);
            expect = Arrays.copyOf(expect, n * 2);
            extra = Arrays.copyOf(extra, n * 2);
        }
        op[n] = o;
        arg[n] = a;
        expect[n] = e;
        extra[n] = x;
        n++;
    }

    private long replay(long[] calls) {
        HostAllocator heap = null;
        SparseMemory memory = null;
        long sum = 0;
        calls[0] = 0;
        for (int i = 0; i < n; i++) {
            switch (op[i]) {
                case INIT:
                    memory = new SparseMemory((int) expect[i], (int) (extra[i] & 0xFFFFFFFFL));
                    heap = HostAllocator.create(memory, arg[i],
                            (extra[i] >>> 32) != 0 ? CallContext.OFFCHAIN : CallContext.ONCHAIN);
                    break;
                case MALLOC:
                    long p = heap.malloc(arg[i]);
                    if (p != expect[i]) {
                        throw new IllegalStateException("step " + i + ": malloc " + arg[i] + " answered " + p
                                + ", the trace recorded " + expect[i]);
                    }
                    sum += p;
                    calls[0]++;
                    break;
                case FREE:
                    heap.free(arg[i]);
                    calls[0]++;
                    break;
                default:
                    memory.grow(arg[i]);
            }
        }
        return sum;
    }
}
