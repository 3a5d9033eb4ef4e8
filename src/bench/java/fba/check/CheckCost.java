package fba.check;

import fba.check.drive.Batch;
import fba.check.drive.CheckConfig;
import fba.check.drive.SessionSource;
import fba.check.generate.Bytes;
import fba.check.generate.Request;
import fba.protocol.ResponseBuffer;
import fba.protocol.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code fba check}'s time goes, by ablation (issue 16): each stage of the checker's work
 * for generated sessions, run alone on one thread and timed by that thread's CPU time, per request.
 * <ol>
 *   <li>{@code generate, byte path}: what one generator thread does per session
 *       (SessionSource.generateBytes: draw, render into bytes, run the reference's byte path,
 *       observe, count, batch);</li>
 *   <li>{@code reference, byte path}: the reference's share of 1 alone — the same request bytes
 *       through a Session's byte path;</li>
 *   <li>{@code render}: the requests of 1, kept as objects, rendered into bytes again;</li>
 *   <li>{@code generate, object path}: the same sessions as Strings and Request objects
 *       (SessionSource.generate, what the checker did before and still does to shrink), and the
 *       reference's share of it on its String path;</li>
 *   <li>{@code compare}: the reader's work — splitting the response stream into lines and comparing
 *       each with the expected bytes.</li>
 * </ol>
 * It also writes the request stream to FILE, so that the C adapter's own cost (including its
 * pipe I/O) can be timed with {@code /usr/bin/time examples/c/build/fba-c < FILE}; bench/compare.sh
 * does that.
 *
 * <p>Usage: {@code java -cp target/benchmarks.jar fba.check.CheckCost FILE [SESSIONS]} (default 300
 * sessions of 1000 requests, seed 16, substrate profile; each stage runs twice, the second timed).
 * bench/compare.sh adds check's JVM options ({@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC ...}),
 * so that the stages run the code the check runs.
 */
public final class CheckCost {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

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
        generateBytes(cfg, new ArrayList<>()); // warm-up
        double gen = generateBytes(cfg, batches);
        List<Request> requests = new ArrayList<>();
        generateObjects(cfg, new ArrayList<>());
        double genObjects = generateObjects(cfg, requests);
        Bytes stream = new Bytes(1 << 20);
        Bytes responses = new Bytes(1 << 20);
        for (Batch b : batches) {
            stream.write(b.bytes, 0, b.byteLength);
            for (int i = 0; i < b.size; i++) {
                if (b.answered(i)) {
                    responses.ascii(b.expected(i));
                    responses.write('\n');
                }
            }
        }
        int n = requests.size();
        referenceBytes(cfg, stream);
        double refBytes = referenceBytes(cfg, stream) / n;
        referenceStrings(cfg, requests);
        double refString = referenceStrings(cfg, requests) / n;
        render(requests);
        double render = render(requests) / n;
        compare(responses, batches);
        double cmp = compare(responses, batches) / n;
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            out.write(stream.array(), 0, stream.length());
        }
        System.out.printf("check cost per request, CPU time, %d requests of %d sessions:%n", n, sessions);
        System.out.printf("  generate (one generator thread, all of it) %8.0f ns (byte path)%n", gen / n);
        System.out.printf("    of which reference, byte path            %8.0f ns%n", refBytes);
        System.out.printf("    of which rendering requests into bytes   %8.0f ns%n", render);
        System.out.printf("  generate, object path (before; shrinking)  %8.0f ns%n", genObjects / n);
        System.out.printf("    of which reference, String path          %8.0f ns%n", refString);
        System.out.printf("  compare responses (reader thread)          %8.0f ns%n", cmp);
        System.out.printf("requests written to %s%n", args[0]);
    }

    /** CPU ns to generate every session as the checker's workers do, on this thread. */
    private static double generateBytes(CheckConfig cfg, List<Batch> into) {
        SessionSource source = new SessionSource(cfg, 0, cfg.sessions, 0, 512); // no worker threads: generate on this one
        long t0 = MX.getCurrentThreadCpuTime();
        Session reference = new Session(cfg.profile);
        for (int s = 0; s < cfg.sessions; s++) {
            into.addAll(source.generateBytes(s, reference).batches);
        }
        return MX.getCurrentThreadCpuTime() - t0;
    }

    /** CPU ns to generate every session on the object path. */
    private static double generateObjects(CheckConfig cfg, List<Request> into) {
        SessionSource source = new SessionSource(cfg, 0, cfg.sessions, 0, 512);
        long t0 = MX.getCurrentThreadCpuTime();
        Session reference = new Session(cfg.profile);
        for (int s = 0; s < cfg.sessions; s++) {
            into.addAll(source.generate(s, reference, cfg.profile).requests);
        }
        return MX.getCurrentThreadCpuTime() - t0;
    }

    private static double referenceBytes(CheckConfig cfg, Bytes stream) {
        long t0 = MX.getCurrentThreadCpuTime();
        Session s = new Session(cfg.profile);
        ResponseBuffer out = new ResponseBuffer(1 << 16);
        Bytes sink = new Bytes(1 << 16);
        byte[] b = stream.array();
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < stream.length(); i++) {
            if (b[i] == '\n') {
                s.execute(b, from, i, out);
                from = i + 1;
                if (out.length() > 60_000) {
                    bytes += out.length();
                    sink.take(out);
                    sink.reset();
                }
            }
        }
        long t = MX.getCurrentThreadCpuTime() - t0;
        return bytes + out.length() > 0 ? t : t + 1;
    }

    private static double referenceStrings(CheckConfig cfg, List<Request> requests) {
        Session s = new Session(cfg.profile);
        StringBuilder sb = new StringBuilder(128);
        long chars = 0;
        long[] none = new long[0];
        List<String> lines = new ArrayList<>(requests.size());
        for (Request r : requests) {
            lines.add(r.render(none));
        }
        long t0 = MX.getCurrentThreadCpuTime();
        for (String line : lines) {
            sb.setLength(0);
            if (s.execute(line, sb)) {
                chars += sb.toString().length();
            }
        }
        long t = MX.getCurrentThreadCpuTime() - t0;
        return chars > 0 ? t : t + 1;
    }

    private static double render(List<Request> requests) {
        Bytes out = new Bytes(1 << 16);
        long t0 = MX.getCurrentThreadCpuTime();
        for (Request r : requests) {
            r.renderTo(out);
            out.write('\n');
            if (out.length() > 60_000) {
                out.reset();
            }
        }
        return MX.getCurrentThreadCpuTime() - t0;
    }

    /** The reader's loop without the pipe: split the stream into lines and compare each's bytes. */
    private static double compare(Bytes responses, List<Batch> batches) {
        byte[] stream = responses.array();
        long t0 = MX.getCurrentThreadCpuTime();
        int pos = 0;
        for (Batch b : batches) {
            for (int k = 0; k < b.size; k++) {
                if (!b.answered(k)) {
                    continue;
                }
                int i = pos;
                while (stream[i] != '\n') {
                    i++;
                }
                if (!b.expects(k, stream, pos, i)) {
                    throw new IllegalStateException("compare: response differs at " + pos);
                }
                pos = i + 1;
            }
        }
        return MX.getCurrentThreadCpuTime() - t0;
    }
}
