package fba.protocol;

/**
 * One line of a vector or trace file: a request, optionally followed by {@code " => "} and the
 * expected response.
 *
 * @param number 1-based line number in its file
 * @param request the request text, or null for a blank or comment line
 * @param expected the expected response, or null when the line states none
 */
public record VectorLine(int number, String request, String expected) {

    /** The separator between a request and its expected response. */
    public static final String ARROW = " => ";

    /** Splits a raw line (without terminator; a trailing CR is dropped). */
    public static VectorLine parse(int number, String raw) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (line.isEmpty() || line.charAt(0) == '#') {
            return new VectorLine(number, null, null);
        }
        int arrow = line.indexOf(ARROW);
        if (arrow < 0) {
            if (line.endsWith(" =>")) {
                // An arrow with nothing after it: an expectation left empty, not a request to skip.
                return new VectorLine(number, line.substring(0, line.length() - 3), "");
            }
            return new VectorLine(number, line, null);
        }
        return new VectorLine(number, line.substring(0, arrow), line.substring(arrow + ARROW.length()).trim());
    }

    /**
     * Whether an actual response satisfies an expected one: error responses match on their code
     * alone (what follows the code is a human message), every other response must be identical.
     */
    public static boolean matches(String expected, String actual) {
        if (expected.startsWith("err ")) {
            return actual.startsWith("err ") && errorCode(expected).equals(errorCode(actual));
        }
        return expected.equals(actual);
    }

    /** The code of an {@code err <code> [message]} response. */
    public static String errorCode(String response) {
        int end = response.indexOf(' ', 4);
        return end < 0 ? response.substring(4) : response.substring(4, end);
    }
}
