package fba.check;

import fba.core.ErrorCode;

/** Whether a line is a protocol response at all (its value may still be wrong). */
final class ResponseShape {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ResponseShape() {
    }

    /**
     * {@code ok}, {@code ok N}, {@code ok N N N N} (decimal digits), or {@code err CODE} optionally
     * followed by a space and a message, with CODE one of the protocol's codes.
     */
    static boolean isResponse(String line) {
        if (line.equals("ok")) {
            return true;
        }
        if (line.startsWith("ok ")) {
            int numbers = 0;
            int i = 3;
            while (true) {
                int start = i;
                while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
                    i++;
                }
                if (i == start) {
                    return false;
                }
                numbers++;
                if (i == line.length()) {
                    return numbers == 1 || numbers == 4;
                }
                if (line.charAt(i) != ' ') {
                    return false;
                }
                i++;
            }
        }
        if (line.startsWith("err ")) {
            int end = line.indexOf(' ', 4);
            String code = end < 0 ? line.substring(4) : line.substring(4, end);
            return ErrorCode.ofWireName(code) != null;
        }
        return false;
    }

    /**
     * Makes a line from the implementation printable: control and non-ASCII bytes escaped as
     * {@code \xNN}, at most 200 characters kept, and "..." appended exactly when part of the line
     * was left out (an escape is kept whole or not at all).
     */
    static String printable(String line) {
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
