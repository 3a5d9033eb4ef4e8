package fba.protocol;

import fba.core.ErrorCode;

/**
 * The shape of a protocol response line (spec/protocol.md, "Responses"), whatever its value: what
 * a vector file may write after {@code " => "} and what the checker accepts from an implementation.
 */
public final class ResponseSyntax {

    private ResponseSyntax() {
    }

    /**
     * {@code ok}, {@code ok N}, {@code ok N N N N} (decimal digits), or {@code err CODE} optionally
     * followed by a space and a message, with CODE one of the protocol's codes.
     */
    public static boolean isResponse(String line) {
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
}
