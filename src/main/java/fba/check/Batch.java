package fba.check;

/**
 * Consecutive lines of one trace written to the implementation together, with the responses the
 * reference predicts for them; the reader thread checks the implementation's answers against it.
 */
final class Batch {

    /** What the lines belong to (a generated session or a vector file), for reporting. */
    final Object owner;
    final String[] lines;
    /** Expected response per line; null where no response is owed. */
    final String[] expected;
    /** Position of each line in its owner's trace. */
    final int[] position;
    int size;
    /** The lines as bytes, each ending in a newline, once {@link #seal} has run. */
    byte[] bytes;

    Batch(Object owner, int capacity) {
        this.owner = owner;
        this.lines = new String[capacity];
        this.expected = new String[capacity];
        this.position = new int[capacity];
    }

    boolean isFull() {
        return size == lines.length;
    }

    void add(String line, String expectedResponse, int pos) {
        lines[size] = line;
        expected[size] = expectedResponse;
        position[size] = pos;
        size++;
    }

    /**
     * Encodes the lines for writing (done by the thread that made the batch, off the sender's
     * path): each line's UTF-8 bytes and a newline, copied into one array. (Appending to a
     * StringBuilder and encoding the whole, or copying char by char, cost about a tenth of the
     * generator thread's time under C1; issue 16.)
     */
    void seal() {
        int n = size;
        for (int i = 0; i < size; i++) {
            n += lines[i].length();
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (int i = 0; i < size; i++) {
            byte[] line = lines[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (pos + line.length + 1 > out.length) {
                // only a line with characters beyond ASCII takes more bytes than chars
                out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, pos + line.length + 1));
            }
            System.arraycopy(line, 0, out, pos, line.length);
            pos += line.length;
            out[pos++] = '\n';
        }
        bytes = pos == out.length ? out : java.util.Arrays.copyOf(out, pos);
    }

    /** A batch holding a whole script. */
    static Batch of(Object owner, Script script) {
        Batch b = new Batch(owner, script.size());
        for (int i = 0; i < script.size(); i++) {
            b.add(script.lines[i], script.expected[i], i);
        }
        b.seal();
        return b;
    }
}
