package fba.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The protocol's line framing (spec/protocol.md) on text already in memory: a line ends at LF, one
 * CR right before the LF is not part of it, a lone CR is an ordinary character, and a last line
 * without LF still counts. {@link LineSplitter} does the same on a byte stream.
 */
public final class Framing {

    private Framing() {
    }

    /** The lines of {@code text}, without their terminators. */
    public static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int lf = text.indexOf('\n', from);
            if (lf < 0) {
                lines.add(text.substring(from));
                break;
            }
            lines.add(text.substring(from, lf > from && text.charAt(lf - 1) == '\r' ? lf - 1 : lf));
            from = lf + 1;
        }
        return lines;
    }
}
