package fba.bench;

import fba.cli.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 2 of issue 6: {@code fba replay FILE} end to end (file reading, parsing, the core,
 * formatting, writing) on a trace of {@link TraceGenerator#REPLAY_REQUESTS} requests. One
 * invocation is one whole replay; the score is requests per second. Output goes to a null stream
 * so the disk is not what is measured; the JVM is already started and warm (the CLI timing with
 * start-up included is a separate command in PERFORMANCE.md).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class ReplayBenchmark {

    @Param("target/replay-bench.trace")
    public String trace;

    private PrintStream sink;

    @Setup
    public void setUp() throws IOException {
        Path file = Path.of(trace);
        if (!Files.exists(file)) {
            TraceGenerator.replay(file, TraceGenerator.REPLAY_REQUESTS);
        }
        long lines;
        try (var s = Files.lines(file)) {
            lines = s.count();
        }
        if (lines != TraceGenerator.REPLAY_REQUESTS) {
            throw new IllegalStateException(trace + " has " + lines + " requests, expected "
                    + TraceGenerator.REPLAY_REQUESTS + "; delete it to regenerate");
        }
        sink = new PrintStream(OutputStream.nullOutputStream());
    }

    @Benchmark
    @OperationsPerInvocation(TraceGenerator.REPLAY_REQUESTS)
    public int replay() {
        int status = Main.run(new String[] {"replay", trace}, sink, System.err);
        if (status != 0) {
            throw new IllegalStateException("replay exited with " + status);
        }
        return status;
    }
}
