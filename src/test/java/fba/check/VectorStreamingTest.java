package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.check.report.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vector phase streams a file in batches (issue 16): a divergence or failure far past the
 * first batch is placed at the right line, counted over the whole file, and shrunk from a bounded
 * prefix.
 */
class VectorStreamingTest {

    @TempDir
    Path tmp;

    /** Sessions of {@code init}, a malloc, a free, a comment and a stats: 4 requests and 5 lines each. */
    private static StringBuilder sessions(int count) {
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < count; s++) {
            text.append("init 0 onchain 1 4 => ok\nmalloc ").append(8 + s % 100).append(" => ok 8\nfree 8 => ok\n")
                    .append("# session ").append(s).append('\n').append("stats\n");
        }
        return text;
    }

    @Test
    void givenAFileOfManyBatches_whenALineDeepInItDiverges_thenItsFileLineAndTheWholeFileCountAreReported()
            throws Exception {
        // given 2000 sessions (8000 requests, 16 batches), then one request the implementation gets wrong
        Path dir = Files.createDirectories(tmp.resolve("vectors"));
        StringBuilder text = sessions(2000);
        text.append("init 0 onchain 1 4 => ok\nmalloc 777 => ok 8\n");
        text.append(sessions(10));
        Files.writeString(dir.resolve("long.vec"), text);
        Path wrong = Files.writeString(tmp.resolve("wrong.txt"), "malloc 777\n");

        // when
        CheckRun r = CheckRun.of(CheckRun.java("fba.check.BrokenServe wrong " + wrong), 1, 0, 10, dir, tmp, 20_000);

        // then: line 10002 (2000 sessions of 5 lines, then the init) holds it; all 8042 requests count
        assertEquals(Verdict.DIVERGED, r.status, r.out);
        assertTrue(r.out.contains("DIVERGENCE in vector file " + dir.resolve("long.vec") + ":10002: malloc 777"), r.out);
        Map<String, Object> d = r.divergence();
        assertEquals("ok 8", d.get("expected"));
        assertTrue(((String) d.get("actual")).startsWith("err bad_request"), r.out);
        assertEquals(8042L, ((Map<?, ?>) r.report.get("vectors")).get("requests"));
        // the same cause needs its init: alone, malloc 777 would be answered not_initialized (another cause)
        assertEquals(2, d.get("shrunk_length"), r.out);
        assertTrue(Files.readString(Path.of((String) d.get("shrunk_file"))).contains("malloc 777"));
    }

    @Test
    void givenADivergenceBeyondTheShrinkLimit_whenShrunk_thenShrinkingStartsAtItsSessionsInit() throws Exception {
        // given more requests before the divergence than the shrinker is handed from a vector file
        Path dir = Files.createDirectories(tmp.resolve("vectors"));
        StringBuilder text = sessions(VectorRun.SHRINK_PREFIX_LIMIT / 4 + 1);
        text.append("init 0 onchain 1 4 => ok\nmalloc 16 => ok 8\nmalloc 777 => ok 32\n");
        Files.writeString(dir.resolve("huge.vec"), text);
        Path wrong = Files.writeString(tmp.resolve("wrong.txt"), "malloc 777\n");
        int init = VectorRun.SHRINK_PREFIX_LIMIT + 4 + 1; // 1-based request number of the last init

        // when
        CheckRun r = CheckRun.of(CheckRun.java("fba.check.BrokenServe wrong " + wrong), 1, 0, 10, dir, tmp, 20_000);

        // then
        assertEquals(Verdict.DIVERGED, r.status, r.out);
        assertTrue(r.out.contains("shrinking starts at its session's init, request " + init + ")"), r.out);
        assertTrue(r.out.contains("shrinking 3 requests"), r.out);
        assertEquals(2, r.divergence().get("shrunk_length"), r.out);
    }

    @Test
    void givenAnImplementationThatCrashesDeepInAFile_whenChecked_thenTheFailureNamesTheFileLine() throws Exception {
        // given
        Path dir = Files.createDirectories(tmp.resolve("vectors"));
        Files.writeString(dir.resolve("long.vec"), sessions(1000));

        // when it crashes after 3000 responses: the owed one is request 3001, the first of session 750
        CheckRun r = CheckRun.of(CheckRun.java("fba.check.BrokenServe crash 3000"), 1, 0, 10, dir, tmp, 20_000,
                c -> c.shrinkMs = 2_000);

        // then: a crash is a cause, located at the request it died on; session 750 starts on line 750 * 5 + 1
        assertEquals(Verdict.DIVERGED, r.status, r.out);
        assertTrue(r.out.contains("CRASH in vector file " + dir.resolve("long.vec") + ":3751: init "), r.out);
        assertEquals("crash init", r.divergence().get("signature"), r.out);
    }
}
