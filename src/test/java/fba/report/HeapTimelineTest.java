package fba.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.core.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-request heap diffs behind the explorer, and the explorer's reading of trace files. */
class HeapTimelineTest {

    @TempDir
    Path tmp;

    private static List<Map<?, ?>> record(Profile p, String... requests) {
        List<HeapTimeline.Step> steps = new ArrayList<>();
        for (String r : requests) {
            steps.add(new HeapTimeline.Step(r, null));
        }
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object o : (List<?>) Json.parse(HeapTimeline.record(p, steps))) {
            out.add((Map<?, ?>) o);
        }
        return out;
    }

    @Test
    void eachRequestRecordsOnlyWhatItChanged() {
        List<Map<?, ?>> s = record(Profile.SUBSTRATE, "init 0 onchain 1 2", "malloc 9", "malloc 1", "free 8", "malloc 16",
                "stats");
        // init: a new heap (base, orders, max pages), every head empty, bump pointer and pages
        assertEquals(List.of(0L, 23L, 2L), s.get(0).get("z"));
        assertEquals(23, ((List<?>) s.get(0).get("h")).size());
        assertEquals(0L, s.get(0).get("u"));
        assertEquals(1L, s.get(0).get("g"));
        // malloc 9 (order 1) bumps a live block at header 0
        assertEquals(List.of(List.of(0L, 1L, 0L, 0L, 0L)), s.get(1).get("b"));
        assertEquals(24L, s.get(1).get("u"));
        assertNull(s.get(1).get("h"));
        assertNull(s.get(1).get("g"));
        // free 8: the block turns free, keeps its order, links to nothing and heads list 1
        assertEquals(List.of(List.of(0L, 1L, 1L, 4294967295L, 0L)), s.get(3).get("b"));
        assertEquals(List.of(List.of(1L, 0L)), s.get(3).get("h"));
        assertNull(s.get(3).get("u"));
        // malloc 16 (order 1 again) takes it back
        assertEquals(List.of(List.of(0L, 1L, 0L, 0L, 0L)), s.get(4).get("b"));
        assertEquals(List.of(List.of(1L, 4294967295L)), s.get(4).get("h"));
        assertEquals(8L, s.get(4).get("m"));
        // stats changes nothing
        assertEquals(List.of("q", "r"), List.copyOf(s.get(5).keySet()));
    }

    @Test
    void aPokedHeaderIsForgedUntilMallocRewritesIt() {
        List<Map<?, ?>> s = record(Profile.SUBSTRATE, "init 0 onchain 1 1", "malloc 1", "free 8", "poke 0 4294967295",
                "malloc 1", "poke 3 0");
        // the poke rewrote the free header's link: forged
        assertEquals(List.of(List.of(0L, 0L, 1L, 4294967295L, 1L)), s.get(3).get("b"));
        // malloc pops it and writes the header whole: no longer forged
        assertEquals(List.of(List.of(0L, 0L, 0L, 0L, 0L)), s.get(4).get("b"));
        // an unaligned poke covering the header's high half: forged again (and the occupied bit is gone)
        assertEquals(List.of(List.of(0L, 0L, 1L, 0L, 1L)), s.get(5).get("b"));
    }

    @Test
    void aFreeThatFailsAfterPushingStillShowsTheBlockItPushed() throws IOException {
        TraceExplorer.Trace t = TraceExplorer.read(Path.of("verification/render-sample.vec"));
        assertEquals("ok 40", t.steps().get(5).implAnswer());
        List<Map<?, ?>> s = new ArrayList<>();
        for (Object o : (List<?>) Json.parse(HeapTimeline.record(Profile.SUBSTRATE, t.steps()))) {
            s.add((Map<?, ?>) o);
        }
        // free 48 reads the forged occupied header at 40, pushes it, then fails on the stats: poisoned
        assertEquals(List.of(List.of(40L, 0L, 1L, 0L, 1L)), s.get(4).get("b"));
        assertEquals(List.of(List.of(0L, 40L)), s.get(4).get("h"));
        assertEquals(1L, s.get(4).get("x"));
        assertEquals("ok 40", s.get(5).get("i"));
    }

    @Test
    void aSecondInitStartsOverAndARefusedOneEndsTheHeap() {
        List<Map<?, ?>> s = record(Profile.STRICT, "init 0 onchain 1 1", "malloc 1", "init 64 offchain 2 4",
                "init 4294967295 onchain 1 1", "malloc 1");
        assertEquals(List.of(64L, 29L, 4L), s.get(2).get("z")); // offchain: 29 orders
        assertEquals(2L, s.get(2).get("g"));
        assertTrue(s.get(3).containsKey("z") && s.get(3).get("z") == null, s.get(3).toString());
        assertEquals(List.of("q", "r"), List.copyOf(s.get(4).keySet()));
    }

    @Test
    void readingKeepsRequestsAndTheImplementationsAnswers() throws IOException {
        Path f = Files.writeString(tmp.resolve("t.vec"), "#! profile strict\n# note\n\ninit 0 onchain 1 1 => ok\n"
                + "malloc 1 => ok 8\n#   implementation answered: ok 16\npages\n");
        TraceExplorer.Trace t = TraceExplorer.read(f);
        assertEquals(Profile.STRICT, t.pinnedProfile());
        assertEquals(List.of(new HeapTimeline.Step("init 0 onchain 1 1", null), new HeapTimeline.Step("malloc 1", "ok 16"),
                new HeapTimeline.Step("pages", null)), t.steps());
        Path bad = Files.writeString(tmp.resolve("b.vec"), "pages\n#! profile x\n");
        assertEquals("line 2: unknown profile in '#! profile x'",
                assertThrows(IOException.class, () -> TraceExplorer.read(bad)).getMessage());
    }

    @Test
    void thePageIsSelfContainedAndItsDataCannotCloseTheScript() {
        String page = TraceExplorer.page("x</script>", Profile.SUBSTRATE,
                List.of(new HeapTimeline.Step("malloc </script><script>alert(1)", null)));
        assertEquals(3, page.split("</script>", -1).length - 1, "only the page's own three script elements end");
        assertTrue(page.contains("<title>fba trace: x&lt;/script&gt;</title>"));
        for (String external : new String[] {"http://", "https://", " src=", "<link"}) {
            assertEquals(-1, page.indexOf(external), external);
        }
    }
}
