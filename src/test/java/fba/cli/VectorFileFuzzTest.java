package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fba.fuzz.FuzzFigures;
import fba.fuzz.StackTraces;
import fba.protocol.VectorFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes vector and trace files (seeds: spec/vectors): the bytes become a file, which
 * {@link VectorFile#read}, {@code fba run} and {@code fba replay} must handle with a precise
 * error or a result, never an exception. A file VectorFile refuses names the file, and the line
 * when a line is at fault; run then exits 2 with that message, and replay exits 0 or 2 with an
 * error naming the file. A file run replays passes (0) or reports a mismatch at a line of it (1).
 */
class VectorFileFuzzTest {

    private static final FuzzFigures FIGURES = new FuzzFigures("vector-files", VectorFileFuzzTest.class);
    private static final Path FILE;

    static {
        try {
            // under target/, which mvn clean removes: nothing left behind in the system temp folder
            FILE = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "fba-vec-fuzz").resolve("fuzz.vec");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest
    void malformedFilesGetPreciseErrors(byte[] input) throws IOException {
        FIGURES.count();
        Files.write(FILE, input);
        long lines = new String(input, StandardCharsets.ISO_8859_1).lines().count();

        String refused = null;
        try {
            VectorFile.read(FILE);
        } catch (VectorFile.VectorFormatException e) {
            String message = e.getMessage();
            refused = message;
            assertTrue(message.startsWith(FILE + ": ") || lineOf(message) >= 1 && lineOf(message) <= lines,
                    () -> "VectorFile's error names neither the file nor one of its " + lines + " lines: " + message);
        }

        String[] echoes = new String(input, StandardCharsets.UTF_8).split("\r?\n");
        Cli run = fba(echoes, "run", FILE.toString());
        if (refused != null) {
            String message = refused;
            assertEquals(2, run.status, () -> "run of a refused file: " + run);
            assertTrue(run.err.contains(message), () -> "run's error is not VectorFile's '" + message + "': " + run);
        } else if (run.status == 1) {
            assertTrue(run.out.contains("FAIL " + FILE) && lineOf(run.out) >= 1 && lineOf(run.out) <= lines,
                    () -> "run's mismatch names no line of the file: " + run);
        } else {
            assertEquals(0, run.status, () -> "run: " + run);
        }

        Cli replay = fba(echoes, "replay", FILE.toString());
        assertTrue(replay.status == 0 || replay.status == 2 && replay.err.startsWith("fba replay: " + FILE + ": "),
                () -> "replay: " + replay);
    }

    /** The line number in the first "FILE:N:" of {@code text}, or -1. */
    private static long lineOf(String text) {
        Matcher m = Pattern.compile(Pattern.quote(FILE.toString()) + ":(\\d+):").matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Runs fba in-process (the CLI tests' fixture) and checks that it printed no stack trace. */
    private static Cli fba(String[] echoes, String... args) {
        Cli r = Cli.run(args);
        assertFalse(StackTraces.in(r.out, echoes) || StackTraces.in(r.err, echoes),
                () -> "fba " + String.join(" ", args) + " printed a stack trace: " + r);
        return r;
    }

    @AfterAll
    static void writeFigures() throws IOException {
        FIGURES.write();
    }
}
