package fba.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fba check --jobs} and {@code --shard}: their values, in-process (no implementation runs). */
class CheckJobsOptionsTest {

    @TempDir
    Path dir;

    @Test
    void givenShardValues_whenParsed_thenOnlyIOfNWithOneLessOrEqualIAndILessOrEqualNPass() {
        assertArrayEquals(new int[] {1, 1}, CheckCommand.parseShard("1/1"));
        assertArrayEquals(new int[] {3, 4}, CheckCommand.parseShard("3/4"));
        assertArrayEquals(new int[] {1000000, 1000000}, CheckCommand.parseShard("1000000/1000000"));
        String[][] bad = {
            {"0/2", "--shard I/N needs 1 <= I <= N <= 1000000, got '0/2'"},
            {"3/2", "--shard I/N needs 1 <= I <= N <= 1000000, got '3/2'"},
            {"1/0", "--shard I/N needs 1 <= I <= N <= 1000000, got '1/0'"},
            {"1/1000001", "--shard I/N needs 1 <= I <= N <= 1000000, got '1/1000001'"},
            {"a/b", "--shard takes I/N (shard I of N, e.g. 2/4), got 'a/b'"},
            {"2", "--shard takes I/N (shard I of N, e.g. 2/4), got '2'"},
            {"1/2/3", "--shard takes I/N (shard I of N, e.g. 2/4), got '1/2/3'"},
            {"12345678/12345678", "--shard takes I/N (shard I of N, e.g. 2/4), got '12345678/12345678'"},
        };
        for (String[] k : bad) {
            UsageException e = assertThrows(UsageException.class, () -> CheckCommand.parseShard(k[0]));
            assertEquals(k[1], e.getMessage());
        }
    }

    @Test
    void givenABadShardOrJobCount_whenRun_thenExit2WithOneLine() {
        String[][] cases = {
            {"--shard", "3/2", "--shard I/N needs 1 <= I <= N <= 1000000, got '3/2'"},
            {"--jobs", "0", "--jobs must be between 1 and 64, got 0"},
            {"--jobs", "65", "--jobs must be between 1 and 64, got 65"},
            {"--jobs", "two", "--jobs takes a whole number, got 'two'"},
        };
        for (String[] k : cases) {
            Cli c = Cli.run("check", "--impl", "x", "--no-vectors", "--sessions", "0", k[0], k[1]);
            assertEquals(2, c.status, c.toString());
            assertEquals("fba check: " + k[2] + "\n", c.err);
        }
    }

    @Test
    void givenShardTwoOfThree_whenRunWithoutSessions_thenTheReportRecordsTheShardJobsAndVersion() throws IOException {
        // given: 0 sessions, so shard 2 of 3 has nothing to run and skips the vectors
        Path report = dir.resolve("r.json");
        // when
        Cli c = Cli.run("check", "--impl", "/nonexistent/impl", "--sessions", "0", "--shard", "2/3", "--jobs", "4",
                "--seed", "5", "--report", report.toString());
        // then
        assertEquals(0, c.status, c.toString());
        assertEquals("fba check: seed 5 (rerun with --seed 5), profile substrate, implementation: /nonexistent/impl\n"
                + "shard 2 of 3: no sessions\n", c.out);
        String json = Files.readString(report);
        for (String field : new String[] {"\"report_format\": 3", "\"jobs\": 4", "\"index\": 2", "\"count\": 3",
            "\"ran\": false", "\"set\": \"bundled\"", "\"fba_version\": ", "\"fba_commit\": "}) {
            assertTrue(json.contains(field), field + " in\n" + json);
        }
    }
}
