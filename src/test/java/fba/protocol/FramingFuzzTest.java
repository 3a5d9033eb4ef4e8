package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fba.fuzz.FuzzFigures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the protocol's framing: {@link LineSplitter} on a stream that hands the bytes over in
 * fuzzer-chosen chunks, with a fuzzer-chosen starting buffer, must cut exactly the lines that
 * {@link Framing} cuts from the whole text, and flag exactly the lines with a byte above 0x7f as
 * not ASCII. Input: byte 0 sets the buffer size (16 + b % 64), bytes 1-4 the chunk sizes the
 * stream cycles through (1 + b % 97 each), the rest is the stream.
 */
class FramingFuzzTest {

    private static final FuzzFigures FIGURES = new FuzzFigures("framing", FramingFuzzTest.class);

    @FuzzTest
    void sameLinesWhateverTheChunking(byte[] input) throws IOException {
        FIGURES.count();
        if (input.length < 5) {
            return;
        }
        int bufferSize = 16 + (input[0] & 0xff) % 64;
        int[] chunks = new int[4];
        for (int i = 0; i < 4; i++) {
            chunks[i] = 1 + (input[1 + i] & 0xff) % 97;
        }
        byte[] stream = Arrays.copyOfRange(input, 5, input.length);

        List<String> expected = Framing.lines(new String(stream, StandardCharsets.ISO_8859_1));
        List<String> actual = new ArrayList<>();
        LineSplitter lines = new LineSplitter(new Chunked(stream, chunks), bufferSize);
        while (lines.next()) {
            String line = new String(lines.buffer(), lines.start(), lines.end() - lines.start(), StandardCharsets.ISO_8859_1);
            boolean ascii = line.chars().allMatch(c -> c < 0x80);
            int number = actual.size() + 1;
            assertEquals(ascii, lines.ascii(), () -> "ascii() of line " + number + " '" + Tokens.clip(line) + "'");
            actual.add(line);
        }
        assertEquals(expected, actual, () -> "lines of a stream read in chunks of " + Arrays.toString(chunks)
                + " with a buffer of " + bufferSize);
        assertEquals(false, lines.next(), "next() after the end");
    }

    /** Hands out {@code data} in chunks of the given sizes, in turn; available() is what the next read gives. */
    private static final class Chunked extends InputStream {
        private final byte[] data;
        private final int[] chunks;
        private int pos;
        private int turn;

        Chunked(byte[] data, int[] chunks) {
            this.data = data;
            this.chunks = chunks;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunks[turn++ % chunks.length]), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return Math.min(data.length - pos, chunks[turn % chunks.length]);
        }
    }

    @AfterAll
    static void writeFigures() throws IOException {
        FIGURES.write();
    }
}
