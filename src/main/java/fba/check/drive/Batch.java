package fba.check.drive;

import java.nio.charset.StandardCharsets;

/**
 * Consecutive lines of one trace written to the implementation together, with the responses the
 * reference predicts for them; the reader thread checks the implementation's answers against it.
 *
 * <p>A batch holds its lines in one of two forms. Vector files and shrinking add Strings
 * ({@link #add}) and {@link #seal} encodes them. Generated sessions are made on the byte path
 * ({@link #ofBytes}): the request lines and the expected responses are bytes from the start, and a
 * line or an expected response becomes a String only when asked for ({@link #line},
 * {@link #expected}), which happens for a report, not per request.
 */
public final class Batch {

    /** What the lines belong to (a generated session or a vector file), for reporting. */
    public final Object owner;
    /** The lines, or null for a batch made on the byte path. */
    private final String[] lines;
    /** Expected response per line (null where no response is owed), or null on the byte path. */
    private final String[] expected;
    /** Position of each line in its owner's trace. */
    public final int[] position;
    public int size;
    /** The lines as bytes, each ending in a newline, once {@link #seal} has run (or from the start). */
    public byte[] bytes;
    /** How many bytes of {@link #bytes} are the lines. */
    public int byteLength;

    // The byte path: line i is bytes[lineEnd[i-1] + 1 .. lineEnd[i]) (from 0 for the first); its
    // expected response is response[responseStart[i] .. responseEnd[i]), or none when the start is -1.
    private int[] lineEnd;
    private byte[] response;
    private int[] responseStart;
    private int[] responseEnd;

    public Batch(Object owner, int capacity) {
        this.owner = owner;
        this.lines = new String[capacity];
        this.expected = new String[capacity];
        this.position = new int[capacity];
    }

    private Batch(Object owner, int size, int[] position, byte[] bytes, int byteLength, int[] lineEnd, byte[] response,
            int[] responseStart, int[] responseEnd) {
        this.owner = owner;
        this.lines = null;
        this.expected = null;
        this.position = position;
        this.size = size;
        this.bytes = bytes;
        this.byteLength = byteLength;
        this.lineEnd = lineEnd;
        this.response = response;
        this.responseStart = responseStart;
        this.responseEnd = responseEnd;
    }

    /**
     * A batch of {@code size} lines made on the byte path. {@code bytes[0 .. byteLength)} holds the
     * lines, each ending in a newline at {@code lineEnd[i]}; {@code responseStart[i]} is -1 where no
     * response is owed. The arrays are the batch's from then on.
     */
    public static Batch ofBytes(Object owner, int size, int[] position, byte[] bytes, int byteLength, int[] lineEnd,
            byte[] response, int[] responseStart, int[] responseEnd) {
        return new Batch(owner, size, position, bytes, byteLength, lineEnd, response, responseStart, responseEnd);
    }

    public boolean isFull() {
        return size == lines.length;
    }

    public void add(String line, String expectedResponse, int pos) {
        lines[size] = line;
        expected[size] = expectedResponse;
        position[size] = pos;
        size++;
    }

    /** Line {@code i} (without its newline). */
    public String line(int i) {
        if (lines != null) {
            return lines[i];
        }
        int from = i == 0 ? 0 : lineEnd[i - 1] + 1;
        return new String(bytes, from, lineEnd[i] - from, StandardCharsets.ISO_8859_1);
    }

    /** The response expected to line {@code i}, or null when none is owed. */
    public String expected(int i) {
        if (expected != null) {
            return expected[i];
        }
        int from = responseStart[i];
        return from < 0 ? null : new String(response, from, responseEnd[i] - from, StandardCharsets.ISO_8859_1);
    }

    /** Whether a response is owed to line {@code i}. */
    public boolean answered(int i) {
        return expected != null ? expected[i] != null : responseStart[i] >= 0;
    }

    /**
     * Whether line {@code i}'s expected response reads exactly as {@code actual[from .. to)}, the
     * bytes taken as ISO-8859-1; false when none is owed.
     */
    public boolean expects(int i, byte[] actual, int from, int to) {
        if (expected != null) {
            String s = expected[i];
            if (s == null || s.length() != to - from) {
                return false;
            }
            for (int k = 0; k < s.length(); k++) {
                if ((actual[from + k] & 0xFF) != s.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
        int start = responseStart[i];
        if (start < 0 || responseEnd[i] - start != to - from) {
            return false;
        }
        return java.util.Arrays.equals(response, start, responseEnd[i], actual, from, to);
    }

    /**
     * Encodes the lines for writing (done by the thread that made the batch, off the sender's
     * path): each line's UTF-8 bytes and a newline, copied into one array. (Appending to a
     * StringBuilder and encoding the whole, or copying char by char, cost about a tenth of the
     * generator thread's time under C1; issue 16.) A batch made on the byte path is sealed already.
     */
    public void seal() {
        if (lines == null) {
            return;
        }
        int n = size;
        for (int i = 0; i < size; i++) {
            n += lines[i].length();
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (int i = 0; i < size; i++) {
            byte[] line = lines[i].getBytes(StandardCharsets.UTF_8);
            if (pos + line.length + 1 > out.length) {
                // only a line with characters beyond ASCII takes more bytes than chars
                out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, pos + line.length + 1));
            }
            System.arraycopy(line, 0, out, pos, line.length);
            pos += line.length;
            out[pos++] = '\n';
        }
        bytes = pos == out.length ? out : java.util.Arrays.copyOf(out, pos);
        byteLength = bytes.length;
    }

    /** A batch holding a whole script. */
    public static Batch of(Object owner, Script script) {
        Batch b = new Batch(owner, script.size());
        for (int i = 0; i < script.size(); i++) {
            b.add(script.lines[i], script.expected[i], i);
        }
        b.seal();
        return b;
    }
}
