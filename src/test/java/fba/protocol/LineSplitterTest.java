package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** LineSplitter must cut lines exactly where the protocol's framing does (LF, with one CR before it dropped). */
class LineSplitterTest {

    private static List<String> viaSpec(byte[] input) {
        return Framing.lines(new String(input, StandardCharsets.ISO_8859_1));
    }

    private static List<String> viaSplitter(InputStream in, int bufferSize, List<Boolean> asciiFlags) throws IOException {
        List<String> lines = new ArrayList<>();
        LineSplitter s = new LineSplitter(in, bufferSize);
        while (s.next()) {
            String line = new String(s.buffer(), s.start(), s.end() - s.start(), StandardCharsets.ISO_8859_1);
            lines.add(line);
            asciiFlags.add(s.ascii());
        }
        return lines;
    }

    /** Hands out at most a few bytes per read, so terminators fall on every buffer boundary. */
    private static InputStream trickle(byte[] input, Random rnd) {
        return new ByteArrayInputStream(input) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + rnd.nextInt(5)));
            }
        };
    }

    @Test
    void givenRandomBytesRichInTerminators_whenSplit_thenLinesAndAsciiFlagsMatchTheFraming() throws IOException {
        Random rnd = new Random(11);
        byte[] alphabet = {'\n', '\r', 'a', ' ', '=', '>', (byte) 0xC3, (byte) 0xA9, '#'};
        for (int round = 0; round < 2000; round++) {
            // given
            byte[] input = new byte[rnd.nextInt(80)];
            for (int i = 0; i < input.length; i++) {
                input[i] = alphabet[rnd.nextInt(alphabet.length)];
            }
            List<Boolean> ascii = new ArrayList<>();
            // when
            List<String> actual = viaSplitter(trickle(input, rnd), 16, ascii);
            // then
            List<String> expected = viaSpec(input);
            assertEquals(expected, actual, "input " + java.util.Arrays.toString(input));
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).chars().allMatch(c -> c < 0x80), ascii.get(i), "ascii flag of line " + i);
            }
        }
    }

    @Test
    void givenALineLongerThanTheBuffer_whenSplit_thenItComesOutWhole() throws IOException {
        // given
        String longLine = "malloc " + "1".repeat(1000);
        byte[] input = (longLine + "\r\nfree 8").getBytes(StandardCharsets.US_ASCII);
        // when
        List<String> lines = viaSplitter(new ByteArrayInputStream(input), 16, new ArrayList<>());
        // then
        assertEquals(List.of(longLine, "free 8"), lines);
    }

    @Test
    void givenAnEmptyStream_whenSplit_thenThereAreNoLines() throws IOException {
        assertFalse(new LineSplitter(new ByteArrayInputStream(new byte[0]), 16).next());
    }

    @Test
    void givenALoneCarriageReturn_whenSplit_thenItStaysInsideTheLine() throws IOException {
        byte[] input = "st\rats\nstats\r\r\nfree 8\r".getBytes(StandardCharsets.US_ASCII);
        List<String> lines = viaSplitter(new ByteArrayInputStream(input), 16, new ArrayList<>());
        assertEquals(List.of("st\rats", "stats\r", "free 8\r"), lines);
    }
}
