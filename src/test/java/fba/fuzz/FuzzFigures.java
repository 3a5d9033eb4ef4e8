package fba.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Inputs a fuzz target executed, written for the gate when the fuzz profile names a directory
 * ({@code -Dfba.fuzz.out}): {@code <dir>/<target>.properties} with the test class, the count and the seconds.
 * libFuzzer prints its own figures (coverage, corpus) to the log; this count is the target's own.
 */
public final class FuzzFigures {

    private final String target;
    private final Class<?> testClass;
    private final long started = System.nanoTime();
    private long inputs;

    public FuzzFigures(String target, Class<?> testClass) {
        this.target = target;
        this.testClass = testClass;
    }

    /** Called once per input, before the property is checked. */
    public void count() {
        inputs++;
    }

    public long inputs() {
        return inputs;
    }

    /** Writes the figures if the fuzz profile asked for them; regression runs write nothing. */
    public void write() throws IOException {
        String dir = System.getProperty("fba.fuzz.out");
        if (dir == null || dir.isEmpty()) {
            return;
        }
        Path d = Path.of(dir);
        Files.createDirectories(d);
        String text = "target=" + target + "\nclass=" + testClass.getName() + "\ninputs=" + inputs + "\nseconds="
                + (System.nanoTime() - started) / 1_000_000_000L + "\nfuzzing=" + (System.getenv("JAZZER_FUZZ") != null) + "\n";
        Files.writeString(d.resolve(target + ".properties"), text, StandardCharsets.UTF_8);
        System.out.println("fuzz target " + target + ": " + inputs + " inputs");
    }
}
