package fba.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.core.Profile;
import fba.protocol.Session;
import org.junit.jupiter.api.Test;

class HeapPictureTest {

    private static Session run(String... lines) {
        Session s = new Session(Profile.SUBSTRATE);
        for (String l : lines) {
            s.execute(l);
        }
        return s;
    }

    @Test
    void layoutListsBlocksInAddressOrderWithFreeOrdersFromTheLists() {
        // given three blocks of orders 0, 1, 0, the middle one freed
        Session s = run("init 0 onchain 1 65536", "malloc 1", "malloc 9", "malloc 1", "free 24");
        // when
        HeapLayout l = HeapLayout.of(s.allocator(), 100);
        // then
        assertEquals(3, l.blocks().size());
        assertEquals(new HeapLayout.Block(0, 0, false), l.blocks().get(0));
        assertEquals(new HeapLayout.Block(16, 1, true), l.blocks().get(1));
        assertEquals(new HeapLayout.Block(40, 0, false), l.blocks().get(2));
        assertEquals(-1, l.unparsedFrom());
        assertNull(l.unparsedReason());
        assertEquals(-1, l.truncatedAfter());
    }

    @Test
    void aForgedHeaderStopsTheWalkWithAReason() {
        // given a block whose header is overwritten with a free-looking value not on any list
        Session s = run("init 0 onchain 1 65536", "malloc 1", "malloc 1", "poke 16 7");
        // when
        HeapLayout l = HeapLayout.of(s.allocator(), 100);
        // then
        assertEquals(1, l.blocks().size());
        assertEquals(16, l.unparsedFrom());
        assertTrue(l.unparsedReason().contains("header at 16"), l.unparsedReason());
    }

    @Test
    void theWalkStopsAtTheBlockLimit() {
        Session s = run("init 0 onchain 1 65536", "malloc 1", "malloc 1", "malloc 1");
        HeapLayout l = HeapLayout.of(s.allocator(), 2);
        assertEquals(2, l.blocks().size());
        assertEquals(2, l.truncatedAfter());
    }

    @Test
    void aWrappedBumperIsReportedNotWalked() {
        // given a heap base just below 4 GiB whose single 8-byte block ends exactly at 2^32
        Session s = run("init 4294967280 onchain 1 65536", "malloc 8");
        // when
        HeapLayout l = HeapLayout.of(s.allocator(), 10);
        // then
        assertEquals(0, l.bumper());
        assertTrue(l.unparsedReason().contains("wrapped"), l.unparsedReason());
    }

    @Test
    void headerBeyondTruncatedMemoryIsReported() {
        Session s = run("init 65520 onchain 1 65536", "malloc 8", "truncate 0");
        HeapLayout l = HeapLayout.of(s.allocator(), 10);
        assertTrue(l.unparsedReason().contains("beyond memory"), l.unparsedReason());
    }

    @Test
    void svgMarksTheBlockHoldingTheAddressAndEscapesTheTitle() {
        // given
        Session s = run("init 0 onchain 1 65536", "malloc 1", "malloc 9", "free 24");
        // when
        String svg = HeapSvg.render(HeapLayout.of(s.allocator(), 100), "a <b> & \"c\"", 30);
        // then
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assertTrue(svg.contains("a &lt;b&gt; &amp; &quot;c&quot;"));
        assertTrue(svg.contains("class=\"block free marked\""), svg);
        assertTrue(svg.contains("class=\"block occupied\""));
        assertTrue(svg.contains("free block: header 16, pointer 24, order 1 (16 bytes) — marked"));
        assertFalse(svg.contains("not in a block"));
    }

    @Test
    void svgSaysWhenTheMarkedAddressIsInNoBlock() {
        Session s = run("init 0 onchain 1 65536", "malloc 1");
        String svg = HeapSvg.render(HeapLayout.of(s.allocator(), 100), "t", 5000);
        assertTrue(svg.contains("red = address 5000 (not in a block)"));
    }

    @Test
    void orderColoursDiffer() {
        for (int a = 0; a < 29; a++) {
            for (int b = a + 1; b < 29; b++) {
                assertFalse(HeapSvg.colour(a).equals(HeapSvg.colour(b)), a + " vs " + b);
            }
        }
    }
}
