package fba.check.drive;

import fba.protocol.ResponseSyntax;

/** Whether a line is a protocol response at all (its value may still be wrong). */
public final class ResponseShape {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ResponseShape() {
    }

    /** Whether {@code line} is a protocol response at all: see {@link ResponseSyntax#isResponse}. */
    public static boolean isResponse(String line) {
        return ResponseSyntax.isResponse(line);
    }

    /**
     * Makes a line from the implementation printable: control and non-ASCII bytes escaped as
     * {@code \xNN}, at most 200 characters kept, and "..." appended exactly when part of the line
     * was left out (an escape is kept whole or not at all).
     */
    public static String printable(String line) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean escape = c < 0x20 || c > 0x7e;
            if (b.length() + (escape ? 4 : 1) > 200) {
                break;
            }
            if (escape) {
                b.append("\\x").append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            } else {
                b.append(c);
            }
        }
        if (i < line.length()) {
            b.append("...");
        }
        return b.toString();
    }
}
