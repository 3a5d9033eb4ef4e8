package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.check.drive.ImplState;
import fba.check.report.Verdict;
import fba.core.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The implementation's own state for the divergence page (issue 28): asked with pages, stats and peek. */
class ImplStateTest {

    private static final String[] TRACE = {"init 0 onchain 1 1", "malloc 8", "malloc 24", "free 8", "stats"};

    @TempDir
    Path tmp;

    @Test
    void givenTheReferenceAsImplementation_thenEveryHeaderAndFigureAgrees() {
        Map<String, Object> m = ImplState.probe(CheckRun.java("fba.cli.Main serve"), 20_000, Profile.SUBSTRATE, TRACE, 3);
        assertEquals(4, m.get("step"));
        assertEquals(List.of("ok 1", "ok 1"), m.get("pages"), m.toString());
        List<?> headers = (List<?>) m.get("headers");
        assertEquals(2, headers.size(), m.toString());
        for (Object h : headers) {
            List<?> e = (List<?>) h;
            assertEquals(e.get(2), e.get(3), "the reference agrees with itself: " + e);
        }
        // the block at header 0 was freed by the fourth request: a free header, the end of its list
        assertEquals(List.of(0L, 0, "ok 4294967295", "ok 4294967295"), headers.get(0));
    }

    @Test
    void givenAnImplementationThatAnswersNothing_thenTheStateSaysWhy() throws Exception {
        Path quiet = tmp.resolve("quiet.sh");
        Files.writeString(quiet, "#!/bin/sh\ncat > /dev/null\n");
        quiet.toFile().setExecutable(true);
        Map<String, Object> m = ImplState.probe(quiet.toString(), 20_000, Profile.SUBSTRATE, TRACE, 3);
        assertEquals("the implementation answered 0 of the 4 requests that read its state (pages, stats, peek of"
                + " each header)", m.get("error"));
    }

    @Test
    void givenNoSessionOrTheProposalProfile_thenThereIsNoHeapToAskAbout() {
        assertTrue(String.valueOf(ImplState.probe("true", 1000, Profile.SUBSTRATE, new String[] {"stats"}, 0)
                .get("error")).startsWith("no session is initialised"));
        assertEquals("the proposal profile's heap is not drawn",
                ImplState.probe("true", 1000, Profile.PROPOSAL, TRACE, 2).get("error"));
    }

    @Test
    void givenACheckThatDiverges_thenItPrintsThePageAtTheDivergentStep_andThePageHoldsTheImplementationsState()
            throws Exception {
        // the reference in strict, checked as substrate: a *_wrap refusal diverges
        // the first cause is enough here (each further one would be shrunk, a JVM per attempt)
        CheckRun r = CheckRun.of(CheckRun.java("fba.cli.Main serve --profile strict"), 5, 30, 500, null, tmp, 20_000,
                c -> c.maxCauses = 1);
        assertEquals(Verdict.DIVERGED, r.status, r.out);
        int length = ((Number) r.divergence().get("shrunk_length")).intValue();
        String page = (String) r.divergence().get("explorer");
        assertTrue(r.out.contains(": " + page + "#step=" + length + "\n"), "the printed path names the divergent step\n" + r.out);
        String html = Files.readString(Path.of(page));
        assertTrue(html.contains("\"divergent_step\" : " + length) || html.contains("\"divergent_step\": " + length), html);
        assertTrue(html.contains("\"impl_state\""), html);
        assertTrue(html.contains("\"seed\": \"5\"") || html.contains("\"seed\" : \"5\""), html);
    }
}
