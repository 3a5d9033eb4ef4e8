package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fba check merge}: the verdict of the unsharded run from the shards' reports. The reports
 * here are written as fba check writes them (format 2), with only the fields merge reads.
 */
class CheckMergeCommandTest {

    @TempDir
    Path dir;

    private static Map<String, Object> report(int index, int count, String result) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("tool", "fba check");
        r.put("report_format", 3);
        r.put("seed", "7");
        r.put("profile", "substrate");
        r.put("impl", "./adapter");
        r.put("sessions_requested", 400);
        r.put("ops_per_session", 1000);
        r.put("shard", Map.of("index", index, "count", count));
        r.put("vectors", Map.of("set", "bundled", "hash", "sha256:ab"));
        r.put("requests", 200_000);
        r.put("sessions", 200);
        r.put("result", result);
        r.put("exit_status", result.equals("pass") ? 0 : result.equals("divergence") ? 1 : 3);
        r.put("requests_per_kind", Map.of("malloc", 120_000, "free", 80_000));
        r.put("responses_per_code", Map.of("ok", 190_000, "out_of_space", 10_000));
        r.put("timings", Map.of("generated_ms", 1000, "total_ms", 1100));
        r.put("divergences", List.of());
        return r;
    }

    private static Map<String, Object> diverged(int index, int count, Integer session, String request) {
        Map<String, Object> r = report(index, count, "divergence");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("phase", session == null ? "vector" : "generated");
        d.put("where", session == null ? "(bundled)/a.vec:3" : "session " + session + " request 4");
        d.put("request", request);
        d.put("expected", "ok 8");
        d.put("actual", "ok 24");
        if (session != null) {
            d.put("session", session);
        }
        d.put("shrunk_file", "out/divergence-" + index + ".vec");
        d.put("signature", "malloc ok/ok:pointer");
        d.put("count", 2);
        d.put("first_seen", session == null ? Map.of("vector_file", "(bundled)/a.vec", "line", 3, "request", 3)
                : Map.of("seed", "7", "session", session, "request", 4));
        r.put("divergence", d);
        r.put("divergences", List.of(d));
        return r;
    }

    private String write(String name, Map<String, Object> report) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, Json.write(report));
        return p.toString();
    }

    @Test
    void givenTwoPassingShards_whenMerged_thenPassWithTheSummedCountsAndExit0() throws IOException {
        // given
        String a = write("a.json", report(1, 2, "pass"));
        String b = write("b.json", report(2, 2, "pass"));
        Path merged = dir.resolve("merged.json");
        // when
        Cli c = Cli.run("check", "merge", "--report", merged.toString(), b, a);
        // then
        assertEquals(0, c.status, c.toString());
        assertEquals("shard 1 of 2 (" + a + "): pass, 200 sessions, 200000 requests\n"
                + "shard 2 of 2 (" + b + "): pass, 200 sessions, 200000 requests\n"
                + "merged 2 shards: seed 7, profile substrate, 400 sessions, 400000 requests, 0 distinct causes\n"
                + "PASS\n", c.out);
        Map<?, ?> m = (Map<?, ?>) Json.parse(Files.readString(merged));
        assertEquals("pass", m.get("result"));
        assertEquals(0L, m.get("exit_status"));
        assertEquals(400000L, m.get("requests"));
        assertEquals(List.of(a, b), m.get("shards"));
        assertEquals(Map.of("free", 160000L, "malloc", 240000L), m.get("requests_per_kind"));
        assertEquals(Map.of("ok", 380000L, "out_of_space", 20000L), m.get("responses_per_code"));
        assertEquals(2000L, ((Map<?, ?>) m.get("timings")).get("generated_ms"));
        assertEquals(200000L, ((Map<?, ?>) m.get("timings")).get("requests_per_second"));
        assertEquals("sha256:ab", ((Map<?, ?>) m.get("vectors")).get("hash"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenOneCauseInBothShards_whenMerged_thenItIsListedOnceWithTheCountsSummedAndItsEarliestOccurrence()
            throws IOException {
        Map<String, Object> vs = diverged(1, 2, null, "malloc 7");
        Map<String, Object> other = new LinkedHashMap<>((Map<String, Object>) ((List<?>) vs.get("divergences")).get(0));
        other.put("signature", "crash free");
        other.put("count", 5);
        vs.put("divergences", List.of(((List<?>) vs.get("divergences")).get(0), other));
        String a = write("a.json", vs);
        String b = write("b.json", diverged(2, 2, 201, "malloc 2"));
        Path merged = dir.resolve("m.json");
        Cli c = Cli.run("check", "merge", "--report", merged.toString(), b, a);
        assertEquals(1, c.status, c.toString());
        Map<?, ?> m = (Map<?, ?>) Json.parse(Files.readString(merged));
        List<?> causes = (List<?>) m.get("divergences");
        assertEquals(2, causes.size(), causes.toString());
        assertEquals("crash free", ((Map<?, ?>) causes.get(0)).get("signature"), "most frequent first");
        Map<?, ?> pointer = (Map<?, ?>) causes.get(1);
        assertEquals(4L, pointer.get("count"), "2 in each shard");
        assertEquals("vector", pointer.get("phase"), "the earliest occurrence: the vector file before session 201");
        assertTrue(c.out.contains("merged 2 shards: seed 7, profile substrate, 400 sessions, 400000 requests,"
                + " 2 distinct causes\n  crash free: seen 5 times"), c.out);
    }

    @Test
    void givenDivergencesInBothShards_whenMerged_thenTheLowestSessionWinsWithExit1() throws IOException {
        // given: shard 1 diverged at session 150, shard 2 at session 201
        String a = write("a.json", diverged(1, 2, 150, "malloc 1"));
        String b = write("b.json", diverged(2, 2, 201, "malloc 2"));
        // when
        Cli c = Cli.run("check", "merge", b, a);
        // then
        assertEquals(1, c.status, c.toString());
        assertTrue(c.out.endsWith("first problem in " + a + ": divergence at session 150 request 4: malloc 1"
                + " (expected ok 8, actual ok 24)\n"
                + "  shrunk trace: out/divergence-1.vec (written by the run of " + a + ")\n"
                + "DIVERGED\n"), c.out);
    }

    @Test
    void givenAFailureInALowerSessionThanADivergence_whenMerged_thenTheFailureWinsWithExit3() throws IOException {
        Map<String, Object> failed = report(1, 2, "failure");
        failed.put("failure", Map.of("problem", "crashed", "where", "session 3 request 9", "session", 3));
        String a = write("a.json", failed);
        String b = write("b.json", diverged(2, 2, 250, "malloc 2"));
        Cli c = Cli.run("check", "merge", a, b);
        assertEquals(3, c.status, c.toString());
        assertTrue(c.out.endsWith("first problem in " + a + ": failure: the implementation crashed"
                + " (session 3 request 9)\nFAILED\n"), c.out);
    }

    @Test
    void givenAVectorDivergenceInShardOne_whenMerged_thenItComesBeforeEverySession() throws IOException {
        String a = write("a.json", diverged(1, 2, null, "malloc 7"));
        String b = write("b.json", diverged(2, 2, 200, "malloc 2"));
        Cli c = Cli.run("check", "merge", b, a);
        assertEquals(1, c.status, c.toString());
        assertTrue(c.out.contains("first problem in " + a + ": divergence at (bundled)/a.vec:3: malloc 7"), c.out);
    }

    @Test
    void givenReportsThatDoNotBelongTogether_whenMerged_thenExit2NamingTheReportAndField() throws IOException {
        String a = write("a.json", report(1, 2, "pass"));
        Map<String, Object> otherSeed = report(2, 2, "pass");
        otherSeed.put("seed", "8");
        String b = write("b.json", otherSeed);
        String c3 = write("c.json", report(2, 3, "pass"));
        String again = write("again.json", report(1, 2, "pass"));
        Map<String, Object> notCheck = report(2, 2, "pass");
        notCheck.put("tool", "something else");
        String n = write("n.json", notCheck);
        Map<String, Object> old = report(2, 2, "pass");
        old.remove("report_format");
        String o = write("o.json", old);
        Map<String, Object> otherVectors = report(2, 2, "pass");
        otherVectors.put("vectors", Map.of("hash", "sha256:cd"));
        String v = write("v.json", otherVectors);
        Map<String, Object> otherImpl = report(2, 2, "pass");
        otherImpl.put("impl", "./other-adapter");
        String i = write("i.json", otherImpl);
        Map<String, Object> noVectors = report(2, 2, "pass");
        noVectors.put("vectors", java.util.Collections.singletonMap("hash", null));
        String nv = write("nv.json", noVectors);
        String[][] cases = {
            {b, b + ": seed is '8' but '7' in " + a + ": these are not shards of one check"},
            {c3, c3 + ": shard 2 of 3, but " + a + " is a shard of 2"},
            {again, again + ": shard 1 of 2 again (also " + a + ")"},
            {n, n + ": not a report of fba check (its \"tool\" is 'something else')"},
            {o, o + ": report format null, this fba merges format 3"},
            {v, v + ": vectors.hash is 'sha256:cd' but 'sha256:ab' in " + a + ": these are not shards of one check"},
            {i, i + ": impl is './other-adapter' but './adapter' in " + a + ": these are not shards of one check"},
            {nv, nv + " was run with --no-vectors, but " + a + " with the vector set 'sha256:ab': run every shard"
                + " with the same vector options"},
        };
        for (String[] k : cases) {
            Cli c = Cli.run("check", "merge", a, k[0]);
            assertEquals(2, c.status, c.toString());
            assertEquals("fba check merge: " + k[1] + "\n", c.err);
            assertEquals("", c.out);
        }
        Cli missing = Cli.run("check", "merge", a);
        assertEquals(2, missing.status);
        assertEquals("fba check merge: shard 2 of 2 missing: give every shard's report\n", missing.err);
    }

    @Test
    void givenFilesThatAreNotReports_whenMerged_thenExit2NamingTheFile() throws IOException {
        Path notJson = dir.resolve("x.json");
        Files.writeString(notJson, "{\"tool\": ");
        Path array = dir.resolve("y.json");
        Files.writeString(array, "[1]");
        Path none = dir.resolve("none.json");
        Cli c = Cli.run("check", "merge", notJson.toString());
        assertEquals(2, c.status);
        assertTrue(c.err.startsWith("fba check merge: " + notJson + ": not valid JSON at line 1, column "), c.err);
        Cli a = Cli.run("check", "merge", array.toString());
        assertEquals("fba check merge: " + array + ": not a report of fba check (not a JSON object)\n", a.err);
        assertEquals(2, a.status);
        Cli n = Cli.run("check", "merge", none.toString());
        assertEquals("fba check merge: " + none + ": no such file\n", n.err);
        assertEquals(2, n.status);
        Cli d = Cli.run("check", "merge", dir.toString());
        assertEquals(2, d.status, d.toString());
        assertTrue(d.err.startsWith("fba check merge: " + dir + ": cannot read: "), d.err);
    }

    @Test
    void givenAnUnwritableMergedReport_whenMerged_thenExit2NamingIt() throws IOException {
        String a = write("a.json", report(1, 1, "pass"));
        Path target = dir.resolve("no/such/dir/m.json");
        Cli c = Cli.run("check", "merge", "--report", target.toString(), a);
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.startsWith("fba check merge: cannot write report " + target + ": "), c.err);
    }
}
