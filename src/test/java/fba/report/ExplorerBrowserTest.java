package fba.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.core.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace explorer in a real browser: the slider is set through the URL, the drawing read from the DOM. */
class ExplorerBrowserTest {

    @TempDir
    Path tmp;

    private String at(Path trace, int step) throws Exception {
        Path page = tmp.resolve(trace.getFileName() + ".html");
        if (!Files.exists(page)) {
            TraceExplorer.write(trace, TraceExplorer.read(trace), Profile.SUBSTRATE, page);
        }
        String dom = Chromium.dom(page, "step=" + step, tmp);
        assertTrue(dom.contains("data-ready-ms="), "the page's script did not finish:\n" + dom);
        return dom;
    }

    /** The classes of the block drawn for header {@code h}, or null when it is not drawn. */
    private static String block(String dom, long h) {
        Matcher m = Pattern.compile("<g class=\"([^\"]*)\" data-header=\"" + h + "\"").matcher(dom);
        return m.find() ? m.group(1) : null;
    }

    private static boolean link(String dom, int order, long from, long to) {
        return dom.contains("<path class=\"link\" data-order=\"" + order + "\" data-from=\"" + from + "\" data-to=\"" + to + "\"");
    }

    private static boolean head(String dom, int order, long to) {
        return dom.contains("<path class=\"head\" data-order=\"" + order + "\" data-to=\"" + to + "\"");
    }

    private static String text(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">([^<]*)<").matcher(dom);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void steppingThroughLifoReuseShowsTheFreedBlockOnItsListThenHandedOutAgain() throws Exception {
        Path lifo = Path.of("spec/vectors/lifo_reuse.vec");
        // given the trace at request 10 (free 80): both order-2 blocks freed, newest first
        String d = at(lifo, 10);
        assertTrue(d.contains("id=\"slider\" min=\"1\" max=\"18\" value=\"10\""), "the slider sits on request 10 of 18");
        assertEquals("request 10 of 18", text(d, "position"));
        assertEquals("free 80", text(d, "req"));
        assertEquals("ok", text(d, "ref"));
        assertEquals("block free touched", block(d, 72));
        assertEquals("block free", block(d, 16));
        assertEquals("block live", block(d, 112));
        assertTrue(head(d, 2, 72) && link(d, 2, 72, 16), "order-2 list drawn as head -> 72 -> 16:\n" + d);
        assertTrue(head(d, 0, 56) && link(d, 0, 56, 0), "order-0 list drawn as head -> 56 -> 0");
        // when the slider moves one request on (malloc 32 => ok 80)
        d = at(lifo, 11);
        // then the newest free block is handed out again and the list head moves to the older one
        assertEquals("malloc 32", text(d, "req"));
        assertEquals("ok 80", text(d, "ref"));
        assertEquals("block live touched", block(d, 72));
        assertTrue(head(d, 2, 16), "order-2 head now 16");
        assertFalse(link(d, 2, 72, 16), "72 is no longer on the list");
        // and once both lists are empty, blocks are bumped: the bump pointer follows
        d = at(lifo, 17);
        assertEquals("block live touched", block(d, 176));
        assertEquals("216", text(d, "bumper-value"));
        assertTrue(d.contains("id=\"nolists\""), "every free list is empty");
    }

    /**
     * Drives the page like a user: a harness page loads it in an iframe, presses keys, moves the
     * slider and clicks, and copies what the page drew after each action into its own DOM.
     */
    @Test
    void keysSliderAndButtonsMoveOverTheRequests() throws Exception {
        Path page = tmp.resolve("lifo.html");
        Path lifo = Path.of("spec/vectors/lifo_reuse.vec");
        TraceExplorer.write(lifo, TraceExplorer.read(lifo), Profile.SUBSTRATE, page);
        Path harness = Files.writeString(tmp.resolve("harness.html"), "<!DOCTYPE html><html><body>"
                + "<iframe id=\"f\" src=\"" + page.toUri() + "#step=9\"></iframe><script>\n"
                + "document.getElementById('f').addEventListener('load', function () {\n"
                + "  var d = this.contentDocument, w = this.contentWindow;\n"
                + "  function key(k) { d.dispatchEvent(new w.KeyboardEvent('keydown', {key: k, bubbles: true})); }\n"
                + "  function snap(label) { var s = document.createElement('section'); s.id = 'after-' + label;\n"
                + "    s.innerHTML = d.getElementById('position').outerHTML + d.getElementById('heapview').innerHTML;\n"
                + "    document.body.appendChild(s); }\n"
                + "  key('ArrowRight'); snap('right');\n"
                + "  var sl = d.getElementById('slider'); sl.value = '11'; sl.dispatchEvent(new w.Event('input')); snap('slider');\n"
                + "  key('ArrowLeft'); snap('left');\n"
                + "  key('End'); snap('end');\n"
                + "  d.getElementById('prev').click(); snap('prev');\n"
                + "});\n</script></body></html>\n");
        String dom = Chromium.dom(harness, "", tmp, true);
        // then each action drew the request it moved to (a step back rebuilds the heap from a snapshot)
        String right = after(dom, "right");
        assertEquals("request 10 of 18", text(right, "position"));
        assertEquals("block free touched", block(right, 72));
        String slider = after(dom, "slider");
        assertEquals("request 11 of 18", text(slider, "position"));
        assertEquals("block live touched", block(slider, 72));
        String left = after(dom, "left");
        assertEquals("request 10 of 18", text(left, "position"));
        assertEquals("block free touched", block(left, 72));
        assertTrue(link(left, 2, 72, 16), "the list is back as it was at request 10");
        assertEquals("request 18 of 18", text(after(dom, "end"), "position"));
        assertEquals("request 17 of 18", text(after(dom, "prev"), "position"));
    }

    private static String after(String dom, String label) {
        int at = dom.indexOf("<section id=\"after-" + label + "\">");
        assertTrue(at >= 0, "the harness recorded no drawing after '" + label + "':\n" + dom);
        return dom.substring(at, dom.indexOf("</section>", at));
    }

    @Test
    void aDivergencePageShowsBothAnswersAndTheForgedHeader() throws Exception {
        // given the checker's shrunk divergence (render-sample.vec carries the implementation's answer)
        String d = at(Path.of("verification/render-sample.vec"), 6);
        // then the last request shows both answers, the implementation's marked as differing
        assertEquals("peek 0", text(d, "req"));
        assertEquals("ok 4294967295", text(d, "ref"));
        assertEquals("ok 40", text(d, "impl"));
        assertTrue(d.contains("<tr class=\"diverges\"><th>implementation</th>"), d);
        // and the poke-forged header at 40 is drawn as a forged free block on the order-0 list, above the bumper
        assertEquals("block free forged", block(d, 40));
        assertTrue(head(d, 0, 40) && link(d, 0, 40, 0), "order-0 list: head -> 40 -> 0");
        assertTrue(d.contains("id=\"poisoned\""), "the failed free poisoned the heap");
        // while an earlier request, where both agreed, says so
        assertTrue(at(Path.of("verification/render-sample.vec"), 2).contains("id=\"impl-agrees\""));
    }

    @Test
    void memoryGrowthAndShrinkingAreShownAtTheRequestThatDidIt() throws Exception {
        Path t = Files.writeString(tmp.resolve("grow.vec"), "init 0 onchain 1 8\nmalloc 70000\npages\ntruncate 1\n"
                + "init 0 onchain 0 1\nmalloc 0\n");
        String d = at(t, 2);
        assertEquals("memory grew from 1 to 3 pages at this request", text(d, "growth"));
        assertEquals("3", text(d, "pages"));
        assertEquals(null, text(at(t, 3), "growth"), "no growth at the next request");
        assertEquals("memory shrank from 3 to 1 pages at this request", text(at(t, 4), "growth"));
        assertEquals(null, text(at(t, 5), "growth"), "a new session is not growth");
        assertEquals("memory grew from 0 to 1 pages at this request", text(at(t, 6), "growth"));
    }

    @Test
    void aSmallBlockAtTheTopOfAFourGiBHeapIsDrawnVisibly() throws Exception {
        // given 120 blocks of 32 MiB, then one of 8 bytes, in a heap of up to 4 GiB
        StringBuilder t = new StringBuilder("init 0 onchain 1 65536\n");
        for (int i = 0; i < 120; i++) {
            t.append("malloc 33554432\n");
        }
        t.append("malloc 1\n");
        String d = at(Files.writeString(tmp.resolve("big.vec"), t), 122);
        long small = 120L * (33554432 + 8);
        assertEquals("block live touched", block(d, small));
        Matcher w = Pattern.compile("data-header=\"" + small + "\" data-order=\"0\"><rect x=\"[0-9.]+\" y=\"[0-9.]+\" width=\"([0-9.]+)\"")
                .matcher(d);
        assertTrue(w.find(), d);
        assertTrue(Double.parseDouble(w.group(1)) >= 12, "the 8-byte block is " + w.group(1) + " px wide");
    }
}
