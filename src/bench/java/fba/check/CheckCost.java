package fba.check;

import fba.core.Profile;
import fba.protocol.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code fba check}'s time goes, by ablation (issue 16): each stage of the checker's work
 * for generated sessions, run alone on one thread and timed by that thread's CPU time, per request.
 * <ol>
 *   <li>{@code generate}: what one generator thread does per session (SessionSource.generate:
 *       draw, render, run the reference, observe, count, batch, encode);</li>
 *   <li>{@code reference, String path}: the reference's share of 1 alone — the same lines through
 *       a Session's String path, as the generator runs it;</li>
 *   <li>{@code compare}: the reader's work — splitting the response stream into lines and comparing
 *       each with the expected String.</li>
 * </ol>
 * It also writes the request stream to FILE, so that the C adapter's own cost (including its
 * pipe I/O) can be timed with {@code /usr/bin/time examples/c/build/fba-c < FILE}; bench/compare.sh
 * does that.
 *
 * <p>Usage: {@code java -cp target/benchmarks.jar fba.check.CheckCost FILE [SESSIONS]} (default 300
 * sessions of 1000 requests, seed 16, substrate profile; one warm-up pass first).
 */
public final class CheckCost {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    /** Bytes the reference allocated in the last {@link #referenceStrings} run. */
    private static long referenceAllocated;

    private CheckCost() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: CheckCost FILE [SESSIONS]");
            System.exit(2);
        }
        int sessions = args.length == 2 ? Integer.parseInt(args[1]) : 300;
        CheckConfig cfg = new CheckConfig();
        cfg.seed = 16;
        cfg.sessions = sessions;
        List<Batch> batches = new ArrayList<>();
        generate(cfg, new ArrayList<>()); // warm-up
        double gen = generate(cfg, batches);
        List<String> lines = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Batch b : batches) {
            for (int i = 0; i < b.size; i++) {
                lines.add(b.lines[i]);
                if (b.expected[i] != null) {
                    expected.add(b.expected[i]);
                }
            }
        }
        int n = lines.size();
        referenceStrings(lines);
        double refString = referenceStrings(lines) / n;
        byte[] responses = (String.join("\n", expected) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        compare(responses, expected);
        double cmp = compare(responses, expected) / n;
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            for (Batch b : batches) {
                out.write(b.bytes);
            }
        }
        System.out.printf("check cost per request, CPU time, %d requests of %d sessions:%n", n, sessions);
        System.out.printf("  generate (one generator thread, all of it) %8.0f ns%n", gen / n);
        System.out.printf("    of which reference, String path          %8.0f ns, allocating %.0f bytes%n", refString,
                referenceAllocated / (double) n);
        System.out.printf("  compare responses (reader thread)          %8.0f ns%n", cmp);
        System.out.printf("requests written to %s%n", args[0]);
    }

    /** CPU ns to generate every session as SessionSource does, on this thread. */
    private static double generate(CheckConfig cfg, List<Batch> into) {
        SessionSource source = new SessionSource(cfg, 0, cfg.sessions, 0, 512); // no worker threads: generate on this one
        long t0 = MX.getCurrentThreadCpuTime();
        Session reference = new Session(cfg.profile);
        for (int s = 0; s < cfg.sessions; s++) {
            into.addAll(source.generate(s, reference, cfg.profile).batches);
        }
        return MX.getCurrentThreadCpuTime() - t0;
    }

    private static double referenceStrings(List<String> lines) {
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) MX;
        long a0 = alloc.getCurrentThreadAllocatedBytes();
        long t0 = MX.getCurrentThreadCpuTime();
        Session s = new Session(Profile.SUBSTRATE);
        StringBuilder sb = new StringBuilder(128);
        long chars = 0;
        for (String line : lines) {
            sb.setLength(0);
            if (s.execute(line, sb)) {
                chars += sb.toString().length();
            }
        }
        long t = MX.getCurrentThreadCpuTime() - t0;
        referenceAllocated = alloc.getCurrentThreadAllocatedBytes() - a0;
        return chars > 0 ? t : t + 1;
    }

    /** The reader's loop without the pipe: split the stream into Strings and compare each. */
    private static double compare(byte[] stream, List<String> expected) {
        long t0 = MX.getCurrentThreadCpuTime();
        int pos = 0;
        int k = 0;
        for (int i = 0; i < stream.length; i++) {
            if (stream[i] == '\n') {
                String actual = new String(stream, pos, i - pos, StandardCharsets.ISO_8859_1);
                if (!actual.equals(expected.get(k++))) {
                    throw new IllegalStateException("compare: line " + k + " differs");
                }
                pos = i + 1;
            }
        }
        return MX.getCurrentThreadCpuTime() - t0;
    }
}
