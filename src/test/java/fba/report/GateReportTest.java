package fba.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateReportTest {

    @TempDir
    Path target;

    private Path gate() throws IOException {
        Path g = target.resolve("gate");
        Files.createDirectories(g.resolve("logs"));
        return g;
    }

    @Test
    void collectsStagesFiguresAndTheFailingTrace() throws IOException {
        // given the leftovers of a gate run whose check stage found a divergence
        Path g = gate();
        Files.writeString(g.resolve("stages.tsv"), "# stage\tstatus\tseconds\tcommand\n"
                + "build\tpassed\t4\tmvn package\n" + "check\tfailed\t9\t./fba check\n" + "render\tskipped\t0\trender\n");
        Files.writeString(g.resolve("logs/vectors.log"), "(120 expectations checked in 7 files)\nvectors: 7 passed, 0 failed\n");
        Files.writeString(g.resolve("logs/model.log"), "deep model-based run: 60000 requests\ndeep model-based run: 40000 requests\n");
        Files.writeString(g.resolve("check.json"), "{\"seed\": \"7\", \"requests\": 1000, \"result\": \"divergence\", \"timings\": {\"requests_per_second\": 5}}");
        Files.writeString(g.resolve("trace.vec"), "init 0 onchain 1 65536 => ok\nmalloc 8 => ok 8\nmalloc 8 => ok 24\nfree 24 => ok\n");
        Path sure = target.resolve("surefire-reports");
        Files.createDirectories(sure);
        Files.writeString(sure.resolve("TEST-a.xml"), "<?xml version=\"1.0\"?><testsuite name=\"a\" tests=\"5\" failures=\"1\" errors=\"0\" skipped=\"2\"></testsuite>");
        Path ver = target.resolve("verification");
        Files.createDirectories(ver);
        Files.writeString(ver.resolve("report.json"), "{\"contracts\": [{\"name\": \"a\", \"status\": \"proved\"}, {\"name\": \"b\", \"status\": \"open\"}]}");
        Path pit = target.resolve("pit-reports");
        Files.createDirectories(pit);
        Files.writeString(pit.resolve("mutations.xml"), "<mutations>"
                + "<mutation detected='true' status='KILLED'><mutatedClass>fba.core.A</mutatedClass></mutation>"
                + "<mutation detected='false' status='SURVIVED'><mutatedClass>fba.core.A</mutatedClass></mutation>"
                + "<mutation detected='true' status='TIMED_OUT'><mutatedClass>fba.cli.B</mutatedClass></mutation>"
                + "</mutations>");
        // when
        new GateReport(g).write();
        // then
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) Json.parse(Files.readString(g.resolve("summary.json")));
        assertEquals("failed", s.get("status"));
        assertEquals(3, ((List<?>) s.get("stages")).size());
        Map<?, ?> f = (Map<?, ?>) s.get("figures");
        assertEquals(7L, ((Map<?, ?>) f.get("vectors")).get("files_passed"));
        assertEquals(120L, ((Map<?, ?>) f.get("vectors")).get("expectations"));
        assertEquals(5L, ((Map<?, ?>) f.get("tests")).get("tests"));
        assertEquals(100000L, ((Map<?, ?>) f.get("model")).get("requests_executed"));
        assertEquals(1L, ((Map<?, ?>) f.get("proofs")).get("proved"));
        assertEquals(List.of("b"), ((Map<?, ?>) f.get("proofs")).get("open_contracts"));
        Map<?, ?> core = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) f.get("mutation")).get("packages")).get("fba.core");
        assertEquals(50.0, core.get("score_percent"));
        assertEquals("divergence", ((Map<?, ?>) f.get("check")).get("result"));
        assertEquals(1L, ((Map<?, ?>) f.get("check")).get("divergences"));
        assertEquals(Map.of("requests_per_second", 5L), ((Map<?, ?>) f.get("check")).get("timings"));
        Map<?, ?> trace = (Map<?, ?>) s.get("failing_trace");
        assertEquals("free 24", trace.get("last_request"));
        assertEquals(24L, trace.get("marked_address"));
        String html = Files.readString(g.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<table id=\"status\">"));
        assertTrue(html.contains("<tr class=\"failed\"><td>check</td>"));
        assertTrue(html.contains("<div id=\"heap\"><svg"));
        assertTrue(html.contains("class=\"block free marked\""));
        // and the same trace in the explorer, next to the page
        assertTrue(html.contains("<a id=\"explorer-link\" href=\"trace.html\">trace explorer</a>"), html);
        assertTrue(Files.readString(g.resolve("trace.html")).contains("{\"q\":\"free 24\",\"r\":\"ok\""));
    }

    @Test
    void aRunWithNoArtifactsSaysSoInsteadOfGuessing() throws IOException {
        Path g = gate();
        new GateReport(g).write();
        String json = Files.readString(g.resolve("summary.json"));
        Map<?, ?> s = (Map<?, ?>) Json.parse(json);
        assertEquals("no stages ran", s.get("status"));
        assertEquals(Boolean.FALSE, ((Map<?, ?>) ((Map<?, ?>) s.get("figures")).get("proofs")).get("available"));
        assertEquals(null, s.get("failing_trace"));
        assertTrue(Files.readString(g.resolve("index.html")).contains("no stage has run"));
    }

    @Test
    void aFailingPropertysVectorInTheTestsLogBecomesTheTrace() throws IOException {
        // given a tests stage that failed in a model-based property, whose vector surefire indented
        Path g = gate();
        Files.writeString(g.resolve("stages.tsv"), "# stage\tstatus\tseconds\tcommand\n" + "tests\tfailed\t50\tmvn verify\n");
        Files.writeString(g.resolve("logs/tests.log"), "[ERROR] Failures:\n"
                + "    invariant broken after the last request: poisoned flag is false, model says true\n"
                + "    --- regression vector (expectations are the model's; paste into spec/vectors) ---\n"
                + "    # found by fba.model (jqwik stateful model-based test)\n"
                + "    init 0 onchain 1 1 => ok\n"
                + "    malloc 4294967288 => err too_large\n"
                + "    malloc 0 => err poisoned\n"
                + "\n"
                + "                              |-----------------------jqwik-----------------------\n"
                + "    --- regression vector (expectations are the model's; paste into spec/vectors) ---\n"
                + "    init 0 onchain 1 1 => ok\n");
        // when
        new GateReport(g).write();
        // then the first vector, unindented, is the trace the page draws
        assertEquals("# found by fba.model (jqwik stateful model-based test)\ninit 0 onchain 1 1 => ok\n"
                + "malloc 4294967288 => err too_large\nmalloc 0 => err poisoned\n", Files.readString(g.resolve("trace.vec")));
        Map<?, ?> s = (Map<?, ?>) Json.parse(Files.readString(g.resolve("summary.json")));
        assertEquals("malloc 0", ((Map<?, ?>) s.get("failing_trace")).get("last_request"));
        assertTrue(Files.readString(g.resolve("index.html")).contains("<div id=\"heap\"><svg"));
    }

    @Test
    void aProposalTraceGetsANoteInPlaceOfTheHeapPicture() throws IOException {
        // given a model stage that failed in the proposal profile (its heap has no sc-allocator picture)
        Path g = gate();
        Files.writeString(g.resolve("stages.tsv"), "# stage\tstatus\tseconds\tcommand\n" + "model\tfailed\t20\tmvn verify\n");
        Files.writeString(g.resolve("logs/model.log"), "[ERROR] Failures:\n"
                + "    --- regression vector (expectations are the model's; paste into spec/vectors) ---\n"
                + "    #! profile proposal\n"
                + "    init 0 onchain 1 1 => ok\n"
                + "    malloc 8 => ok 8\n"
                + "\n");
        // when
        new GateReport(g).write();
        // then the page explains the missing picture and still links the explorer
        String html = Files.readString(g.resolve("index.html"));
        assertTrue(Files.readString(g.resolve("trace.vec")).startsWith("#! profile proposal\n"));
        assertTrue(html.contains("<p id=\"no-heap\">The trace runs the proposal profile"), html);
        assertTrue(!html.contains("<div id=\"heap\">"));
        assertTrue(html.contains("<a id=\"explorer-link\" href=\"trace.html\">"));
    }

    @Test
    void theChecksShrunkDivergenceBecomesTheTrace() throws IOException {
        // given a check stage that left a shrunk divergence in check/
        Path g = gate();
        Files.createDirectories(g.resolve("check"));
        Files.writeString(g.resolve("check/divergence-session-7.vec"), "init 0 onchain 0 1 => ok\nmalloc 0 => ok 8\n");
        // when
        new GateReport(g).write();
        // then
        assertEquals("init 0 onchain 0 1 => ok\nmalloc 0 => ok 8\n", Files.readString(g.resolve("trace.vec")));
    }

    @Test
    void aLogWithoutAVectorGivesNoTrace() {
        assertEquals(null, GateTrace.regressionVector("[INFO] BUILD SUCCESS\n"));
        assertEquals(null, GateTrace.regressionVector("--- regression vector ---\n# only a comment\n[ERROR] x\n"));
        assertEquals("pages => ok 1\n", GateTrace.regressionVector("--- regression vector ---\r\n\tpages => ok 1\r\nTests run: 1\n"));
    }

    @Test
    void markedAddressFollowsTheLastRequest() {
        assertEquals(16, GateTrace.markedAddress("free 16", "err not_allocated"));
        assertEquals(40, GateTrace.markedAddress("peek 40", "ok 0"));
        assertEquals(8, GateTrace.markedAddress("malloc 3", "ok 8"));
        assertEquals(-1, GateTrace.markedAddress("malloc 3", "err out_of_space"));
        assertEquals(-1, GateTrace.markedAddress("stats", "ok 0 0 0 0"));
        assertEquals(-1, GateTrace.markedAddress(null, null));
        assertEquals(-1, GateTrace.markedAddress("free x", "err bad_request"));
    }

    @Test
    void collectsEachFuzzTargetsInputsCoverageAndFindings() throws IOException {
        // given a fuzz stage: two targets' own counts, libFuzzer's final lines, one failed report
        Path g = gate();
        Files.writeString(g.resolve("stages.tsv"), "# stage\tstatus\tseconds\tcommand\nfuzz\tfailed\t120\tfuzz 50 1000000\n");
        Files.writeString(g.resolve("logs/fuzz.log"), "fuzz: fba.protocol.SessionFuzzTest passed\n"
                + "fuzz: fba.cli.VectorFileFuzzTest FAILED\n");
        Path fuzz = target.resolve("fuzz");
        Files.createDirectories(fuzz.resolve("reports"));
        Files.createDirectories(fuzz.resolve("logs"));
        Files.writeString(fuzz.resolve("logs/fba.protocol.SessionFuzzTest.log"), "[INFO] Running fba.protocol.SessionFuzzTest\n"
                + "INFO: Running with entropic power schedule (0xFF, 100).\n"
                + "#700000\tDONE   cov: 561 ft: 2598 corp: 228/144Kb lim: 512 exec/s: 14000 rss: 500Mb\n"
                + "[INFO] Tests run: 63, Failures: 0, Errors: 0, Skipped: 0 -- in fba.protocol.SessionFuzzTest\n");
        Files.writeString(fuzz.resolve("logs/fba.cli.VectorFileFuzzTest.log"), "[INFO] Running fba.cli.VectorFileFuzzTest\n"
                + "#300\tNEW    cov: 600 ft: 900 corp: 20/1Kb\n");
        Files.writeString(fuzz.resolve("session.properties"),
                "target=session\nclass=fba.protocol.SessionFuzzTest\ninputs=700000\nseconds=50\n");
        Files.writeString(fuzz.resolve("vector-files.properties"),
                "target=vector-files\nclass=fba.cli.VectorFileFuzzTest\ninputs=301\nseconds=3\n");
        Files.writeString(fuzz.resolve("reports/TEST-fba.cli.VectorFileFuzzTest.xml"),
                "<testsuite name=\"v\" tests=\"2\" failures=\"0\" errors=\"1\" skipped=\"0\"></testsuite>");
        Files.writeString(fuzz.resolve("reports/TEST-fba.protocol.SessionFuzzTest.xml"),
                "<testsuite name=\"s\" tests=\"63\" failures=\"0\" errors=\"0\" skipped=\"0\"></testsuite>");
        // when
        new GateReport(g).write();
        // then
        Map<?, ?> f = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(g.resolve("summary.json"))))
                .get("figures")).get("fuzz");
        assertEquals(true, f.get("available"));
        assertEquals(700301L, f.get("inputs"));
        assertEquals(1L, f.get("findings"));
        Map<?, ?> session = (Map<?, ?>) ((Map<?, ?>) f.get("targets")).get("session");
        assertEquals(561L, session.get("coverage_edges"));
        assertEquals(228L, session.get("corpus"));
        assertEquals(0L, session.get("findings"));
        Map<?, ?> vectors = (Map<?, ?>) ((Map<?, ?>) f.get("targets")).get("vector-files");
        assertEquals(1L, vectors.get("findings"));
        assertEquals(null, vectors.get("coverage_edges"), "a run that ended in a finding printed no DONE line");
    }

    @Test
    void givenTwoTargetsWhoseLibFuzzerLinesInterleave_thenEachGetsTheFiguresOfItsOwnLog() throws IOException {
        // given two targets fuzzed at once: in a shared log, each one's DONE line falls inside the
        // other's section (as in the CI run of issue 28: framing 68/81, session-requests 724/749)
        Path g = gate();
        Files.writeString(g.resolve("stages.tsv"), "# stage\tstatus\tseconds\tcommand\nfuzz\tpassed\t60\tfuzz 50 1000000\n");
        String framing = "[INFO] Running fba.protocol.FramingFuzzTest\n";
        String requests = "[INFO] Running fba.protocol.SessionRequestsFuzzTest\n";
        String framingDone = "#27499\tDONE   cov: 68 ft: 353 corp: 81/6224b lim: 512 exec/s: 6874 rss: 675Mb\n";
        String requestsDone = "#9000\tDONE   cov: 724 ft: 3000 corp: 749/99Kb lim: 512 exec/s: 180 rss: 700Mb\n";
        String framingEnd = "[INFO] Tests run: 63, Failures: 0, Errors: 0, Skipped: 0 -- in fba.protocol.FramingFuzzTest\n";
        String requestsEnd = "[INFO] Tests run: 9, Failures: 0, Errors: 0, Skipped: 0 -- in fba.protocol.SessionRequestsFuzzTest\n";
        Files.writeString(g.resolve("logs/fuzz.log"), framing + requests + requestsDone + framingDone + framingEnd + requestsEnd);
        Path fuzz = target.resolve("fuzz");
        Files.createDirectories(fuzz.resolve("logs"));
        Files.writeString(fuzz.resolve("logs/fba.protocol.FramingFuzzTest.log"), framing + framingDone + framingEnd);
        Files.writeString(fuzz.resolve("logs/fba.protocol.SessionRequestsFuzzTest.log"), requests + requestsDone + requestsEnd);
        Files.writeString(fuzz.resolve("framing.properties"), "target=framing\nclass=fba.protocol.FramingFuzzTest\ninputs=27561\n");
        Files.writeString(fuzz.resolve("session-requests.properties"),
                "target=session-requests\nclass=fba.protocol.SessionRequestsFuzzTest\ninputs=9001\n");
        // and a third target with no log of its own, whose DONE line only the shared log holds
        Files.writeString(fuzz.resolve("session.properties"), "target=session\nclass=fba.protocol.SessionFuzzTest\ninputs=5\n");
        Files.writeString(g.resolve("logs/fuzz.log"), "[INFO] Running fba.protocol.SessionFuzzTest\n" + requestsDone,
                java.nio.file.StandardOpenOption.APPEND);
        // when
        new GateReport(g).write();
        // then
        Map<?, ?> targets = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) Json.parse(
                Files.readString(g.resolve("summary.json")))).get("figures")).get("fuzz")).get("targets");
        Map<?, ?> f = (Map<?, ?>) targets.get("framing");
        Map<?, ?> r = (Map<?, ?>) targets.get("session-requests");
        assertEquals(List.of(68L, 353L, 81L), List.of(f.get("coverage_edges"), f.get("features"), f.get("corpus")));
        assertEquals(List.of(724L, 3000L, 749L), List.of(r.get("coverage_edges"), r.get("features"), r.get("corpus")));
        Map<?, ?> session = (Map<?, ?>) targets.get("session");
        assertEquals(null, session.get("coverage_edges"), "no own log: no figure rather than another target's");
        assertEquals(5L, session.get("inputs"));
    }

    @Test
    void givenNoFuzzStage_thenTheFuzzFiguresSayUnavailable() throws IOException {
        Path g = gate();
        Files.writeString(g.resolve("stages.tsv"), "# stage\tstatus\tseconds\tcommand\nbuild\tpassed\t4\tmvn package\n");
        new GateReport(g).write();
        Map<?, ?> f = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(g.resolve("summary.json"))))
                .get("figures")).get("fuzz");
        assertEquals(false, f.get("available"));
    }
}
