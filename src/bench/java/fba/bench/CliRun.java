package fba.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmarks 2 (end to end, JVM start-up included) and 3 of issue 6, as the user runs them:
 * {@code ./fba replay TRACE > /dev/null} in a child process under GNU time, which reports its
 * wall time and peak resident set size (VmHWM). Writes the trace first if it is missing.
 *
 * <p>Usage (after {@code mvn -B -q package -DskipTests} and {@code mvn -B -q -Pbench package
 * -DskipTests}): {@code java -cp target/benchmarks.jar fba.bench.CliRun replay|memory [RUNS]}
 */
public final class CliRun {

    private CliRun() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || args.length > 2 || !(args[0].equals("replay") || args[0].equals("memory"))) {
            System.err.println("usage: CliRun replay|memory [RUNS]");
            System.exit(2);
        }
        int runs = args.length == 2 ? Integer.parseInt(args[1]) : 5;
        Path trace = Path.of("target", args[0] + "-bench.trace");
        if (!Files.exists(trace)) {
            if (args[0].equals("replay")) {
                TraceGenerator.replay(trace, TraceGenerator.REPLAY_REQUESTS);
            } else {
                TraceGenerator.memory(trace);
            }
        }
        long requests;
        try (var lines = Files.lines(trace, StandardCharsets.US_ASCII)) {
            requests = lines.count();
        }
        if (!Files.exists(Path.of("target", "fba.jar"))) {
            System.err.println("target/fba.jar is missing: mvn -B -q package -DskipTests");
            System.exit(2);
        }
        double[] seconds = new double[runs];
        long[] kib = new long[runs];
        for (int i = 0; i < runs; i++) {
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M", "java", "-jar", "target/fba.jar",
                    "replay", trace.toString()));
            Process p = new ProcessBuilder(cmd)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("fba replay failed: " + err);
            }
            String[] last = err.substring(err.lastIndexOf('\n') + 1).split(" ");
            seconds[i] = Double.parseDouble(last[0]);
            kib[i] = Long.parseLong(last[1]);
            System.out.printf("run %d: %.2f s, peak RSS %.1f MiB%n", i + 1, seconds[i], kib[i] / 1024.0);
        }
        Arrays.sort(seconds);
        Arrays.sort(kib);
        double median = seconds[runs / 2];
        System.out.printf("%s: %d requests; wall median %.2f s (min %.2f, max %.2f) = %.2f M requests/s incl. JVM start;"
                        + " peak RSS median %.1f MiB (max %.1f)%n",
                trace, requests, median, seconds[0], seconds[runs - 1], requests / median / 1e6,
                kib[runs / 2] / 1024.0, kib[runs - 1] / 1024.0);
    }
}
