package fba.protocol;

/**
 * Splits a request line into tokens separated by exactly one space, and parses unsigned decimal
 * numbers. The first problem found is kept as a message naming the offending input; later calls
 * then do nothing, so a request handler can parse everything and check once.
 */
final class Tokens {

    private final String line;
    private int pos;
    private String error;

    Tokens(String line) {
        this.line = line;
    }

    /** The next token ("" when the line has ended or has two spaces in a row). */
    String next() {
        if (error != null) {
            return "";
        }
        if (pos > line.length()) {
            fail("missing argument");
            return "";
        }
        int end = line.indexOf(' ', pos);
        if (end < 0) {
            end = line.length();
        }
        String tok = line.substring(pos, end);
        pos = end + 1;
        return tok;
    }

    /** An unsigned decimal number no larger than {@code max}, for the argument called {@code what}. */
    long number(String what, long max) {
        if (error != null) {
            return 0;
        }
        if (pos > line.length()) {
            fail("missing " + what);
            return 0;
        }
        int start = pos;
        long v = 0;
        int i = pos;
        int n = line.length();
        while (i < n && line.charAt(i) != ' ') {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                fail(what + " must be an unsigned decimal number, got '" + clip(line.substring(start, tokenEnd(start))) + "'");
                return 0;
            }
            if (v > (max - (c - '0')) / 10) {
                fail(what + " " + clip(line.substring(start, tokenEnd(start))) + " is out of range (at most " + max + ")");
                return 0;
            }
            v = v * 10 + (c - '0');
            i++;
        }
        if (i == start) {
            fail(i < n ? "two spaces before " + what : "missing " + what);
            return 0;
        }
        pos = i + 1;
        return v;
    }

    /** An unsigned 64-bit decimal number, returned as its two's-complement bits. */
    long u64(String what) {
        if (error != null) {
            return 0;
        }
        if (pos > line.length()) {
            fail("missing " + what);
            return 0;
        }
        int start = pos;
        String tok = next();
        if (tok.isEmpty()) {
            fail(start < line.length() ? "two spaces before " + what : "missing " + what);
            return 0;
        }
        for (int i = 0; i < tok.length(); i++) {
            char c = tok.charAt(i);
            if (c < '0' || c > '9') {
                fail(what + " must be an unsigned decimal number, got '" + clip(tok) + "'");
                return 0;
            }
        }
        try {
            return Long.parseUnsignedLong(tok);
        } catch (NumberFormatException e) {
            fail(what + " " + clip(line.substring(start, tokenEnd(start))) + " is out of range (at most 18446744073709551615)");
            return 0;
        }
    }

    /** Fails unless the whole line has been consumed. */
    void end() {
        if (error == null && pos == line.length()) {
            fail("trailing space");
        } else if (error == null && pos < line.length()) {
            fail("unexpected extra argument '" + clip(line.substring(pos)) + "'");
        }
    }

    void fail(String message) {
        if (error == null) {
            error = message;
        }
    }

    String error() {
        return error;
    }

    private int tokenEnd(int start) {
        int e = line.indexOf(' ', start);
        return e < 0 ? line.length() : e;
    }

    /** Keeps echoed input short and printable in an error message. */
    static String clip(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < s.length() && b.length() < 40; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (i < s.length()) {
            // Part of the input was left out (escapes take six characters, so this can happen
            // with far fewer than 40 input characters).
            b.append("...");
        }
        return b.toString();
    }
}
