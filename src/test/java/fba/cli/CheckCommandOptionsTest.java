package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fba check}'s command line, in-process. No implementation is ever started: with
 * {@code --sessions 0 --no-vectors} the check has nothing to send, vector files pinned to the
 * other profile are skipped, and a command that does not exist fails at its start.
 */
class CheckCommandOptionsTest {

    @TempDir
    Path dir;

    /** A program that cannot exist, so that starting it fails at once. */
    private static final String NO_SUCH_PROGRAM = "/nonexistent/fba-check-test/impl";

    private String write(String name, String text) throws IOException {
        return Cli.writeFile(dir, name, text);
    }

    @Test
    void givenHelp_whenRun_thenTheUsageGoesToStdoutAndTheStatusIs0() {
        Cli c = Cli.run("check", "--help");
        assertEquals(0, c.status, c.toString());
        assertTrue(c.out.startsWith("usage: fba check [-h]"), c.toString());
        for (String option : new String[] {"--impl=COMMAND", "--jobs=N", "--shard=I/N", "--seed=S", "--sessions=N",
            "--ops=N", "--profile=PROFILE", "--vectors=DIR", "--no-vectors", "--timeout-ms=T", "--report=FILE",
            "--out=DIR", "--shrink-ms=T", "--threads=N", "--quiet", "--max-causes=N", "Exit status: 0 no divergence",
            "Exit statuses of fba (every command):", "  3  check only: the implementation could not be run"}) {
            assertTrue(c.out.contains(option), option + " in\n" + c.out);
        }
        assertEquals("", c.err);
    }

    @Test
    void givenAPositionalArgument_whenRun_thenItIsAUsageError() {
        Cli c = Cli.run("check", "--impl", "x", "extra");
        assertEquals(2, c.status, c.toString());
        assertEquals("fba check: takes no arguments, got 'extra'\n", c.err);
    }

    @Test
    void givenNoOrABlankImpl_whenRun_thenItIsAUsageError() {
        for (String[] args : new String[][] {{"check"}, {"check", "--impl", " "}}) {
            Cli c = Cli.run(args);
            assertEquals(2, c.status, c.toString());
            assertEquals("fba check: needs --impl \"COMMAND\" (see fba check --help)\n", c.err);
        }
    }

    @Test
    void givenNumbersOutsideTheirRanges_whenRun_thenEachIsNamedWithItsRange() {
        String[][] cases = {
            {"--seed", "-1", "--seed must be between 0 and 9223372036854775807, got -1"},
            {"--sessions", "-1", "--sessions must be between 0 and 2147483647, got -1"},
            {"--ops", "0", "--ops must be between 1 and 10000000, got 0"},
            {"--ops", "10000001", "--ops must be between 1 and 10000000, got 10000001"},
            {"--timeout-ms", "0", "--timeout-ms must be between 1 and 86400000, got 0"},
            {"--shrink-ms", "86400001", "--shrink-ms must be between 0 and 86400000, got 86400001"},
            {"--threads", "65", "--threads must be between 0 and 64, got 65"},
            {"--seed", "x", "--seed takes a whole number, got 'x'"},
        };
        for (String[] k : cases) {
            Cli c = Cli.run("check", "--impl", "x", "--no-vectors", "--sessions", "0", k[0], k[1]);
            assertEquals(2, c.status, c.toString());
            assertEquals("fba check: " + k[2] + "\n", c.err);
        }
    }

    @Test
    void givenBothVectorsAndNoVectors_whenRun_thenItIsAUsageError() throws IOException {
        String v = write("v/a.vec", "init 0 onchain 1 1 => ok\n");
        Cli c = Cli.run("check", "--impl", "x", "--no-vectors", "--vectors", v);
        assertEquals(2, c.status, c.toString());
        assertEquals("fba check: --vectors and --no-vectors exclude each other\n", c.err);
    }

    @Test
    void givenAMissingVectorsPath_whenRun_thenItIsNamed() {
        Path missing = dir.resolve("absent");
        Cli c = Cli.run("check", "--impl", "x", "--vectors", missing.toString());
        assertEquals(2, c.status, c.toString());
        assertEquals("fba check: --vectors " + missing + ": no such file or directory\n", c.err);
    }

    @Test
    void givenRangeEdgesAndAReport_whenNothingIsToBeSent_thenThePassRecordsEveryOption() throws IOException {
        // given: every number at an edge of its range, and nothing to send
        Path report = dir.resolve("out/report.json");
        Cli c = Cli.run("check", "--impl", "my impl", "--no-vectors", "--sessions", "0", "--seed", "42",
                "--ops", "1", "--timeout-ms", "86400000", "--shrink-ms", "0", "--threads", "64",
                "--profile", "strict", "--quiet", "--report", report.toString());
        // then
        assertEquals(0, c.status, c.toString());
        assertEquals("fba check: seed 42 (rerun with --seed 42), profile strict, implementation: my impl\n", c.out);
        String json = Files.readString(report);
        for (String field : new String[] {"\"seed\": \"42\"", "\"profile\": \"strict\"", "\"impl\": \"my impl\"",
            "\"sessions_requested\": 0", "\"ops_per_session\": 1", "\"timeout_ms\": 86400000",
            "\"directory\": null", "\"result\": \"pass\"", "\"exit_status\": 0"}) {
            assertTrue(json.contains(field), field + " in\n" + json);
        }
    }

    @Test
    void givenNoReport_whenNothingIsToBeSent_thenTheCheckPassesWithoutWritingOne() {
        Cli c = Cli.run("check", "--impl", "x", "--no-vectors", "--sessions", "0", "--seed", "9223372036854775807");
        assertEquals(0, c.status, c.toString());
        assertEquals("fba check: seed 9223372036854775807 (rerun with --seed 9223372036854775807), profile substrate,"
                + " implementation: x\n", c.out);
    }

    @Test
    void givenAReportThatCannotBeWritten_whenRun_thenTheStatusIs2() throws IOException {
        // given: the report's directory would have to be created under a regular file
        String file = write("plain", "");
        Path report = Path.of(file, "sub", "report.json");
        // when
        Cli c = Cli.run("check", "--impl", "x", "--no-vectors", "--sessions", "0", "--report", report.toString());
        // then
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.startsWith("fba check: cannot write report " + report + ": "), c.toString());
    }

    @Test
    void givenVectorsOnlyForTheOtherProfile_whenGivenAsFileOrDirectory_thenTheyAreSkippedAndTheCheckPasses()
            throws IOException {
        // given: a vector file pinned to strict, checked in the substrate profile
        String file = write("strict/only.vec", "#! profile strict\ninit 4294967295 onchain 1 1 => err heap_base_wrap\n");
        for (String path : new String[] {file, dir.resolve("strict").toString()}) {
            // when
            Cli c = Cli.run("check", "--impl", NO_SUCH_PROGRAM, "--sessions", "0", "--vectors", path);
            // then
            assertEquals(0, c.status, c.toString());
            assertTrue(c.out.endsWith("vectors: 0 files passed, 0 diverged (0 requests), 1 skipped for another profile\n"),
                    c.toString());
        }
    }

    @Test
    void givenNoVectorsOption_whenRun_thenTheBundledVectorsAreUsedAndNamedWithTheirHash() throws IOException {
        // given: no --vectors; the command cannot start
        Path report = dir.resolve("r.json");
        // when
        Cli c = Cli.run("check", "--impl", NO_SUCH_PROGRAM, "--sessions", "0", "--report", report.toString());
        // then: the first vector file needed the implementation, which failed to start: exit 3, not usage
        assertEquals(3, c.status, c.toString());
        assertFalse(c.err.contains("no spec"), c.toString());
        assertTrue(c.err.contains(NO_SUCH_PROGRAM), c.toString());
        String hash = fba.check.vectors.VectorSet.bundled().hash();
        int files = fba.check.vectors.VectorSet.directory(Path.of("spec", "vectors")).size();
        assertTrue(c.out.contains("vector set: bundled, " + files + " files, " + hash + "\n"), c.toString());
        String json = Files.readString(report);
        assertTrue(json.contains("\"set\": \"bundled\",\n    \"hash\": \"" + hash + "\",\n    \"directory\": null"), json);
        // and the bundled set is spec/vectors as built
        assertEquals(fba.check.vectors.VectorSet.directory(Path.of("spec", "vectors")).hash(), hash);
    }
}
