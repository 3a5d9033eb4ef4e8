package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact texts of the command line: usage after an unknown command, -h, flags, mismatch reports. */
class CommandLineDetailsTest {

    @TempDir
    Path dir;

    private String write(String name, String text) throws IOException {
        return Cli.writeFile(dir, name, text);
    }

    /** The line naming the set of one vector file: its path, size and hash. */
    private static String setLine(String file) throws IOException {
        return "vector set: " + file + ", 1 files, " + fba.check.vectors.VectorSet.of(java.util.List.of(Path.of(file))).hash()
                + "\n";
    }

    @Test
    void givenAnUnknownCommand_whenRun_thenOneLineNamesItAndTheCommands() {
        Cli c = Cli.run("frobnicate", "x");
        assertEquals(2, c.status);
        assertEquals("fba: unknown command 'frobnicate' (commands: serve, replay, run, check, vectors, completion,"
                + " help; see fba --help)\n", c.err);
        assertEquals("", c.out);
    }

    @Test
    void givenShortHelp_whenRunForACommand_thenItsHelpIsPrinted() {
        Cli c = Cli.run("run", "-h");
        assertEquals(0, c.status, c.toString());
        assertTrue(c.out.startsWith("usage: fba run [-h] [--quiet] [--profile=PROFILE] [FILE|DIR...]\n"
                + "replay vector files (default: the bundled set) and compare with their expectations\n"), c.out);
        assertTrue(c.out.contains("Exit status: 0 all passed, 1 a mismatch, 2 unreadable or malformed input."), c.out);
    }

    @Test
    void givenAValueForAFlag_whenRun_thenTheOptionIsUnknown() throws IOException {
        String f = write("a.vec", "init 0 onchain 1 1 => ok\n");
        Cli c = Cli.run("run", "--quiet=yes", f);
        assertEquals(2, c.status, c.toString());
        assertEquals("fba run: --quiet takes no value, got 'yes'\n", c.err);
    }

    @Test
    void givenARequestWithoutResponse_whenItHasAnExpectation_thenTheMismatchSaysNoResponse() throws IOException {
        // given: ' => ok' is an empty request (no response) with an expectation
        String f = write("empty.vec", "init 0 onchain 1 1 => ok\n => ok\n");
        // when
        Cli c = Cli.run("run", f);
        // then
        assertEquals(1, c.status, c.toString());
        assertEquals(setLine(f) + "FAIL " + f + "\n"
                + "  " + f + ":2: \n"
                + "    expected: ok\n"
                + "    actual:   (no response)\n"
                + "(2 expectations checked in 1 files)\n"
                + "vectors: 0 passed, 1 failed\n", c.out);
    }

    @Test
    void givenAMismatch_whenRunInEachProfile_thenOnlyTheStrictReportNamesItsProfile() throws IOException {
        String f = write("m.vec", "init 0 onchain 1 1 => ok\nmalloc 1 => ok 16\n");
        String report = "FAIL " + f + "\n"
                + "  " + f + ":2: malloc 1\n"
                + "    expected: ok 16\n"
                + "    actual:   ok 8\n";
        String tail = "(2 expectations checked in 1 files)\n"
                + "vectors: 0 passed, 1 failed\n";
        Cli substrate = Cli.run("run", f);
        assertEquals(setLine(f) + report + tail, substrate.out);
        Cli strict = Cli.run("run", "--profile", "strict", f);
        assertEquals(setLine(f) + report + "    (profile strict)\n" + tail, strict.out);
    }
}
