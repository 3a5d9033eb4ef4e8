package fba.protocol;

import java.util.ArrayList;
import java.util.List;

/** The protocol's framing written the obvious way, as the reference for the fast splitters. */
public final class SpecLines {

    private SpecLines() {
    }

    /** Lines of {@code text}: cut at LF, one CR right before the LF dropped, a last unterminated line kept. */
    public static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int lf = text.indexOf('\n', from);
            if (lf < 0) {
                lines.add(text.substring(from));
                break;
            }
            int end = lf > from && text.charAt(lf - 1) == '\r' ? lf - 1 : lf;
            lines.add(text.substring(from, end));
            from = lf + 1;
        }
        return lines;
    }
}
