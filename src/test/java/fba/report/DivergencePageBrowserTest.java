package fba.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.core.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The divergence page in a real browser (issue 28): it opens at the divergent request, names how to
 * reproduce it, draws the implementation's heap (or says why not), scrolls the outlined block into
 * view, and its address labels do not overlap.
 */
class DivergencePageBrowserTest {

    @TempDir
    Path tmp;

    private static final String SAMPLE = "verification/render-sample.vec";

    private static String text(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(dom);
        return m.find() ? m.group(1) : null;
    }

    private String open(Path page, String fragment) throws Exception {
        String dom = Chromium.dom(page, fragment, tmp);
        assertTrue(dom.contains("data-ready-ms="), "the page's script did not finish:\n" + dom);
        return dom;
    }

    @Test
    void givenNoStepInTheUrl_thenADivergencePageOpensAtTheDivergentRequest_andAStepInTheUrlStillWins() throws Exception {
        Path page = tmp.resolve("sample.html");
        TraceExplorer.write(Path.of(SAMPLE), TraceExplorer.read(Path.of(SAMPLE)), Profile.SUBSTRATE, page);
        assertEquals("request 6 of 6", text(open(page, ""), "position"));
        assertEquals("request 2 of 6", text(open(page, "step=2"), "position"));
        // a trace without a divergence opens at its first request
        Path plain = tmp.resolve("plain.html");
        Path lifo = Path.of("spec/vectors/lifo_reuse.vec");
        TraceExplorer.write(lifo, TraceExplorer.read(lifo), Profile.SUBSTRATE, plain);
        assertEquals("request 1 of 18", text(open(plain, ""), "position"));
    }

    @Test
    void givenACheckersPage_thenItNamesImplementationSeedProfileAndReproduction_andDrawsTheImplementationsHeap()
            throws Exception {
        // given the page the checker writes: the implementation's answers to peek differ at header 40
        List<HeapTimeline.Step> steps = List.of(new HeapTimeline.Step("init 0 onchain 1 1", null),
                new HeapTimeline.Step("malloc 8", null), new HeapTimeline.Step("free 8", null),
                new HeapTimeline.Step("malloc 8", "ok 40"));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("step", 4);
        state.put("pages", List.of("ok 1", "ok 1"));
        state.put("stats", List.of("ok 16 16 32 16", "ok 32 32 32 32"));
        state.put("headers", List.of(List.of(0, 1, "ok 4294967297", "ok 4294967297"),
                List.of(24, 1, "ok 4294967295", "ok 4294967297")));
        Map<String, String> reproduce = new LinkedHashMap<>();
        reproduce.put("check the implementation on this trace", "fba check --impl './my-alloc' --vectors d.vec --sessions 0");
        Path page = Files.writeString(tmp.resolve("check.html"), TraceExplorer.page("d.vec", Profile.STRICT,
                steps.subList(0, 4), new TraceExplorer.Origin("./my-alloc --strict", "77", reproduce, state)));
        // when opened without a step
        String dom = open(page, "");
        // then
        assertEquals("request 4 of 4", text(dom, "position"));
        assertEquals("./my-alloc --strict", text(dom, "origin-impl"));
        assertEquals("77", text(dom, "origin-seed"));
        assertEquals("strict", text(dom, "origin-profile"));
        assertTrue(dom.contains("check the implementation on this trace: <code class=\"reproduce\">fba check --impl"
                + " './my-alloc' --vectors d.vec --sessions 0</code>"), dom);
        assertTrue(dom.contains("<g class=\"implblock live\" data-header=\"0\">"), dom);
        assertTrue(dom.contains("<g class=\"implblock live differs\" data-header=\"24\">"), "24 is live in the"
                + " implementation, free in the reference:\n" + dom);
        assertEquals("1 of 2 headers differ (red); the blocks are the reference's, in address order, each coloured by"
                + " what the implementation's header says", text(dom, "impl-state-summary"));
        assertTrue(dom.contains("<td class=\"differs\">ok 32 32 32 32</td>"), dom);
        // at another request the page points to where the state was asked
        assertTrue(open(page, "step=2").contains("id=\"impl-state-elsewhere\""));

        // given the implementation could not answer
        state.clear();
        state.put("step", 4);
        state.put("error", "the implementation answered 0 of the 4 requests that read its state");
        Path failed = Files.writeString(tmp.resolve("failed.html"), TraceExplorer.page("d.vec", Profile.STRICT,
                steps.subList(0, 4), new TraceExplorer.Origin("./x", "1", Map.of(), state)));
        assertEquals("the implementation could not report its own state: the implementation answered 0 of the 4"
                + " requests that read its state", text(open(failed, ""), "impl-state-error"));
        // and a page made from the trace file alone says it has no implementation to ask
        Path replayed = tmp.resolve("replayed.html");
        TraceExplorer.write(Path.of(SAMPLE), TraceExplorer.read(Path.of(SAMPLE)), Profile.SUBSTRATE, replayed);
        assertTrue(open(replayed, "").contains("id=\"impl-state-none\""));
    }

    /** The explorer page of the trace {@code text}, written as NAME.vec and NAME.html. */
    private Path explorerOf(String name, CharSequence text) throws Exception {
        Path trace = Files.writeString(tmp.resolve(name + ".vec"), text);
        Path page = tmp.resolve(name + ".html");
        TraceExplorer.write(trace, TraceExplorer.read(trace), Profile.SUBSTRATE, page);
        return page;
    }

    /** Loads {@code page#fragment} in an iframe of {@code width} px, runs {@code script} on it, returns the DOM. */
    private String harness(Path page, String fragment, int width, String script) throws Exception {
        Path h = Files.writeString(tmp.resolve("harness-" + System.nanoTime() + ".html"), "<!DOCTYPE html><html><body>"
                + "<iframe id=\"f\" style=\"width:" + width + "px;height:900px\" src=\"" + page.toUri() + "#" + fragment
                + "\"></iframe><script>\ndocument.getElementById('f').addEventListener('load', function () {\n"
                + "  var d = this.contentDocument, w = this.contentWindow;\n"
                + "  function report(id, v) { var p = document.createElement('p'); p.id = id; p.textContent = String(v);"
                + " document.body.appendChild(p); }\n" + script + "\n});\n</script></body></html>\n");
        return Chromium.dom(h, "", tmp, true);
    }

    @Test
    void givenALongHeap_whenTheOutlinedBlockIsFarRight_thenItIsScrolledIntoView() throws Exception {
        // given 120 blocks of 32 MiB and the request about the last: thousands of px of heap
        StringBuilder t = new StringBuilder("init 0 onchain 1 65536\n");
        for (int i = 0; i < 120; i++) {
            t.append("malloc 33554432\n");
        }
        Path page = explorerOf("long", t);
        // when opened at the last request in an 800 px window
        String dom = harness(page, "step=121", 800, ""
                + "var hv = d.getElementById('heapview'), r = d.querySelector('#heap g.touched rect').getBoundingClientRect();\n"
                + "var v = hv.getBoundingClientRect();\n"
                + "report('scroll', hv.scrollLeft); report('visible', r.left >= v.left && r.right <= v.right);");
        // then the heap box scrolled, and the outlined block lies inside it
        assertTrue(Integer.parseInt(text(dom, "scroll")) > 1000, dom);
        assertEquals("true", text(dom, "visible"), dom);
    }

    @Test
    void givenTenDigitAddressesAtEveryZoom_thenNoTwoAddressLabelsOverlap() throws Exception {
        // given 200 small blocks high in memory: addresses of ten digits under blocks of 48-72 px
        StringBuilder t = new StringBuilder("init 4000000000 onchain 1 65536\n");
        for (int i = 0; i < 200; i++) {
            t.append("malloc ").append(i % 3 == 0 ? 1 : 9).append('\n');
        }
        t.append("free 4000000024\n");
        Path page = explorerOf("labels", t);
        // when each zoom level is drawn, the labels' real boxes are compared with their neighbours'
        String dom = harness(page, "step=202", 1200, ""
                + "function overlaps() { var boxes = Array.from(d.querySelectorAll('#heap text.addr')).map(function (e) {\n"
                + "  var b = e.getBBox(); return [b.x, b.x + b.width, b.y]; });\n"
                + "  var n = 0; boxes.sort(function (a, b) { return a[0] - b[0]; });\n"
                + "  for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length && boxes[j][0] < boxes[i][1]; j++)\n"
                + "    if (boxes[j][2] === boxes[i][2]) n++;\n"
                + "  return n + '/' + boxes.length; }\n"
                + "var out = [];\n"
                + "for (var z = 0; z < 8; z++) { d.getElementById('zoomout').click(); }\n"
                + "for (var z = 0; z < 8; z++) { out.push(overlaps()); d.getElementById('zoomin').click(); }\n"
                + "d.getElementById('linear').click(); out.push(overlaps());\n"
                + "report('overlaps', out.join(' ')); report('touched', d.querySelectorAll('#heap g.touched text.addr').length);");
        String result = text(dom, "overlaps");
        assertTrue(result != null && result.matches("(0/\\d+ ?)+"), "overlapping labels per zoom level: " + result);
        assertTrue(result.split(" ")[7].matches("0/[1-9]\\d*"), "labels are drawn at the widest zoom: " + result);
        assertEquals("1", text(dom, "touched"), "the outlined block's address is always shown");
    }
}
