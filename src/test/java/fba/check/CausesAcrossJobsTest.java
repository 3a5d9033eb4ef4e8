package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.check.report.ShardMerge;
import fba.check.report.Verdict;
import fba.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27: one run, --jobs 2, and two shards merged find the same causes of the five-fault C
 * variant: the same set of signatures, each with the same first occurrence (no run here is cut by
 * --max-causes). The generated sessions only, so shard 1's vectors do not tip the balance.
 */
class CausesAcrossJobsTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void build() throws Exception {
        CExample.build();
    }

    private static CheckRun run(String name, int jobs, int shard, int shards) {
        return CheckRun.of("examples/c/build/fba-c-five-faults", 5, 120, 1000, null, tmp.resolve(name), 10_000, c -> {
            c.jobs = jobs;
            c.shardIndex = shard;
            c.shardCount = shards;
            c.report = tmp.resolve(name + ".json");
            c.shrinkMs = 0; // the causes found are what is compared here, not their shrinking
        });
    }

    /** Signature to first occurrence. */
    private static Map<String, String> causes(Object divergences) {
        Map<String, String> m = new TreeMap<>();
        for (Object o : (List<?>) divergences) {
            Map<?, ?> d = (Map<?, ?>) o;
            // counts are not compared: with crashes in the run they can differ by one or two (spec/check.md)
            m.put((String) d.get("signature"), (String) d.get("where"));
        }
        return m;
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenFivePlantedFaults_whenCheckedInOneJobTwoJobsAndTwoShards_thenTheCausesAreTheSame() throws Exception {
        CheckRun one = run("one", 1, 1, 1);
        CheckRun two = run("two", 2, 1, 1);
        run("s1", 1, 1, 2);
        run("s2", 1, 2, 2);
        ShardMerge.Result merged = ShardMerge.merge(List.of(
                new ShardMerge.Shard("s2.json", (Map<String, Object>) Json.parse(Files.readString(tmp.resolve("s2.json")))),
                new ShardMerge.Shard("s1.json", (Map<String, Object>) Json.parse(Files.readString(tmp.resolve("s1.json"))))));

        Map<String, String> single = causes(one.report.get("divergences"));
        // four of the five faults show in these sessions (the double free's wrong code is rarer: the vectors show it)
        Set<String> planted = new TreeSet<>(List.of("malloc ok/out_of_space", "crash free", "stats ok/ok:peak",
                "pages ok/ok:pages"));
        assertEquals(planted, single.keySet(), one.out);
        assertEquals(single, causes(two.report.get("divergences")), two.out);
        assertEquals(single, causes(merged.report().get("divergences")), String.join("\n", merged.lines()));
        assertEquals(Verdict.DIVERGED, merged.status());
        assertEquals(one.report.get("requests"), merged.report().get("requests"));
        assertTrue(((Map<?, ?>) merged.report().get("requests_per_kind")).containsKey("malloc"));
    }
}
