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
     * path): ASCII lines, nearly all of them, byte by byte into one array, since going through a
     * StringBuilder and a String's UTF-8 encoder cost about a tenth of the generator thread's
     * time (issue 16); a batch with any other character is encoded as UTF-8 as a whole.
     */
    void seal() {
        int n = size;
        for (int i = 0; i < size; i++) {
            n += lines[i].length();
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (int i = 0; i < size; i++) {
            String line = lines[i];
            for (int k = 0; k < line.length(); k++) {
                char c = line.charAt(k);
                if (c >= 0x80) {
                    bytes = utf8();
                    return;
                }
                out[pos++] = (byte) c;
            }
            out[pos++] = '\n';
        }
        bytes = out;
    }

    private byte[] utf8() {
        StringBuilder sb = new StringBuilder(size * 16);
        for (int i = 0; i < size; i++) {
            sb.append(lines[i]).append('\n');
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
