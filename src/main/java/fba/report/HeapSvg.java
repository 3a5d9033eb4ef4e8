package fba.report;

import java.util.TreeSet;

/**
 * Draws a {@link HeapLayout} as a self-contained SVG: blocks in address order, left to right and
 * row by row, coloured by order, free blocks pale and dashed, occupied blocks solid, and one block
 * optionally marked (the block a divergence or failing property is about).
 *
 * <p>Widths grow with the order rather than with the byte size, so an 8-byte block stays visible
 * beside a 32 MiB one; every block carries a tooltip with its exact addresses.
 */
public final class HeapSvg {

    private static final int WIDTH = 960;
    private static final int MARGIN = 10;
    private static final int ROW_HEIGHT = 34;
    private static final int BLOCK_HEIGHT = 26;
    private static final int TOP = 58;

    private HeapSvg() {
    }

    /** Colour of an order: golden-angle hue steps keep neighbouring orders far apart. */
    static String colour(int order) {
        return "hsl(" + (order * 137 % 360) + ",65%,55%)";
    }

    private static int blockWidth(int order) {
        return 14 + 6 * order;
    }

    /**
     * Renders the layout.
     *
     * @param title a line of text shown above the heap
     * @param markedAddress a pointer or header address whose block is outlined in red, or -1
     */
    public static String render(HeapLayout layout, String title, long markedAddress) {
        StringBuilder body = new StringBuilder();
        int x = MARGIN;
        int y = TOP;
        TreeSet<Integer> orders = new TreeSet<>();
        boolean markedFound = false;
        for (HeapLayout.Block b : layout.blocks()) {
            int w = blockWidth(b.order());
            if (x + w > WIDTH - MARGIN) {
                x = MARGIN;
                y += ROW_HEIGHT;
            }
            orders.add(b.order());
            boolean marked = markedAddress >= b.header() && markedAddress < b.end();
            markedFound |= marked;
            body.append("<g class=\"block ").append(b.free() ? "free" : "occupied").append(marked ? " marked" : "")
                    .append("\"><title>").append(b.free() ? "free" : "occupied").append(" block: header ")
                    .append(b.header()).append(", pointer ").append(b.header() + 8).append(", order ").append(b.order())
                    .append(" (").append(b.size()).append(" bytes)").append(marked ? " — marked" : "").append("</title>");
            body.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(w)
                    .append("\" height=\"").append(BLOCK_HEIGHT).append("\" fill=\"").append(colour(b.order())).append('"');
            if (b.free()) {
                body.append(" fill-opacity=\"0.25\" stroke=\"").append(colour(b.order()))
                        .append("\" stroke-dasharray=\"3 2\"");
            } else {
                body.append(" stroke=\"#222\"");
            }
            if (marked) {
                body.append(" stroke-width=\"3\" style=\"stroke:#d00\"");
            }
            body.append("/>");
            // The header: a dark sliver at the block's left edge.
            body.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"3\" height=\"")
                    .append(BLOCK_HEIGHT).append("\" fill=\"#333\"/>");
            body.append("<text x=\"").append(x + 5).append("\" y=\"").append(y + 17)
                    .append("\" font-size=\"10\" fill=\"#000\">").append(b.order()).append("</text></g>\n");
            x += w + 2;
        }
        int height = y + ROW_HEIGHT + 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"monospace\" role=\"img\">\n");
        svg.append("<title>").append(escape(title)).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        svg.append("<text x=\"").append(MARGIN).append("\" y=\"18\" font-size=\"13\">").append(escape(title)).append("</text>\n");
        svg.append("<text x=\"").append(MARGIN).append("\" y=\"36\" font-size=\"11\">heap_base ").append(layout.heapBase())
                .append(" · bumper ").append(layout.bumper()).append(" · ").append(layout.blocks().size())
                .append(" blocks · solid = occupied, pale dashed = free, number = order")
                .append(markedAddress >= 0 ? " · red = address " + markedAddress + (markedFound ? "" : " (not in a block)") : "")
                .append("</text>\n");
        int lx = MARGIN;
        for (int o : orders) {
            svg.append("<rect x=\"").append(lx).append("\" y=\"42\" width=\"10\" height=\"8\" fill=\"").append(colour(o))
                    .append("\"/><text x=\"").append(lx + 12).append("\" y=\"50\" font-size=\"9\">").append(8L << o)
                    .append("B</text>\n");
            lx += 60;
            if (lx > WIDTH - 60) {
                break;
            }
        }
        svg.append(body);
        int noteY = y + ROW_HEIGHT + 14;
        if (layout.truncatedAfter() >= 0) {
            svg.append("<text x=\"").append(MARGIN).append("\" y=\"").append(noteY)
                    .append("\" font-size=\"11\">… drawing stopped after ").append(layout.truncatedAfter())
                    .append(" blocks</text>\n");
            noteY += 16;
        }
        if (layout.unparsedReason() != null) {
            svg.append("<text x=\"").append(MARGIN).append("\" y=\"").append(noteY)
                    .append("\" font-size=\"11\" fill=\"#b00\">not decoded from ").append(layout.unparsedFrom())
                    .append(": ").append(escape(layout.unparsedReason())).append("</text>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Escapes text for XML element content and attribute values. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    b.append("&amp;");
                    break;
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                default:
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append("&#").append((int) c).append(';');
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.toString();
    }
}
