package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.check.drive.Batch;
import fba.check.drive.CheckConfig;
import fba.check.drive.SessionSource;
import fba.check.report.ShardMerge;
import fba.check.report.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --jobs} and {@code --shard}: the verdict, the first divergence (the lowest session index)
 * and the shrunk trace do not depend on how the sessions are spread. The implementation answers
 * wrongly to the opening {@code init} of sessions 5 and 9 only, so with two jobs over sessions 0–11
 * the second job (sessions 6–11) meets its divergence first, yet session 5 must be reported.
 */
class JobsAndShardsTest {

    private static final long SEED = 77;
    private static final int SESSIONS = 12;
    private static final int OPS = 150;

    @TempDir
    static Path tmp;

    static String impl;

    @BeforeAll
    static void divergentInSessionsFiveAndNine() throws Exception {
        CheckConfig cfg = new CheckConfig();
        cfg.seed = SEED;
        cfg.sessions = SESSIONS;
        cfg.ops = OPS;
        SessionSource source = new SessionSource(cfg, 0, SESSIONS, 1, 512);
        List<String> openings = new ArrayList<>();
        Set<String> wrongLines = new HashSet<>();
        List<Set<String>> lines = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            SessionSource.Generated g = source.take(s);
            Set<String> mine = new HashSet<>();
            for (Batch b : g.batches) {
                for (int i = 0; i < b.size; i++) {
                    mine.add(b.line(i));
                }
            }
            lines.add(mine);
            openings.add(g.batches.get(0).line(0));
        }
        source.close();
        for (int s : new int[] {5, 9}) {
            String open = openings.get(s);
            assertTrue(open.startsWith("init "), open);
            for (int t = 0; t < SESSIONS; t++) {
                if (t != s) {
                    assertTrue(!lines.get(t).contains(open), "session " + t + " also sends " + open);
                }
            }
            wrongLines.add(open);
        }
        Path wrong = tmp.resolve("wrong.txt");
        Files.write(wrong, wrongLines);
        impl = CheckRun.java("fba.check.BrokenServe wrong " + wrong);
    }

    private static CheckRun run(int jobs, int shard, int shards) {
        return CheckRun.of(impl, SEED, SESSIONS, OPS, null, tmp.resolve("out-" + jobs + "-" + shard), 20_000,
                c -> {
                    c.jobs = jobs;
                    c.shardIndex = shard;
                    c.shardCount = shards;
                    c.report = tmp.resolve("report-" + jobs + "-" + shard + "-of-" + shards + ".json");
                });
    }

    @Test
    void givenDivergencesInSessionsFiveAndNine_whenCheckedWithOneTwoOrThreeJobs_thenSessionFiveIsReportedAndShrunkAlike() {
        List<Object> traces = new ArrayList<>();
        for (int jobs = 1; jobs <= 3; jobs++) {
            // when
            CheckRun r = run(jobs, 1, 1);
            // then
            assertEquals(Verdict.DIVERGED, r.status, r.out);
            assertEquals(5, r.divergence().get("session"), r.out);
            assertEquals(jobs, r.report.get("jobs"));
            traces.add(r.divergence().get("shrunk_trace"));
        }
        assertEquals(1, ((List<?>) traces.get(0)).size(), traces.toString());
        assertEquals(traces.get(0), traces.get(1));
        assertEquals(traces.get(0), traces.get(2));
    }

    @Test
    void givenTwoShards_whenMerged_thenTheVerdictIsTheUnshardedOne() throws IOException {
        // given
        CheckRun whole = run(1, 1, 1);
        CheckRun first = run(1, 1, 2);
        CheckRun second = run(2, 2, 2);
        // then: each shard reports its own lowest divergence
        assertEquals(5, first.divergence().get("session"), first.out);
        assertEquals(9, second.divergence().get("session"), second.out);
        assertTrue(second.out.contains("shard 2 of 2: sessions 6 to 11\n"), second.out);
        // when
        ShardMerge.Result merged = ShardMerge.merge(List.of(
                shard("b.json", second), shard("a.json", first)));
        // then
        assertEquals(whole.status, merged.status());
        assertEquals(whole.divergence().get("shrunk_trace"), ((Map<?, ?>) merged.report().get("divergence"))
                .get("shrunk_trace"));
        assertEquals("a.json", merged.report().get("from_shard"));
        assertEquals("DIVERGED", merged.lines().get(merged.lines().size() - 1));
    }

    @SuppressWarnings("unchecked")
    private static ShardMerge.Shard shard(String name, CheckRun r) throws IOException {
        // through the JSON text, as fba check merge reads it
        Path report = (Path) tmp.resolve("report-" + r.report.get("jobs") + "-"
                + ((Map<?, ?>) r.report.get("shard")).get("index") + "-of-2.json");
        return new ShardMerge.Shard(name, (Map<String, Object>) fba.report.Json.parse(Files.readString(report)));
    }
}
