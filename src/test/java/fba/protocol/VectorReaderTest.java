package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fba.core.Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming vector reader frames, checks and counts exactly as parsing the text in memory does. */
class VectorReaderTest {

    private static final Path NAME = Path.of("t.vec");
    private static final String EXPECTING = "init 0 onchain 1 1 => ok\n";

    private static List<String> texts(byte[] bytes) throws IOException {
        List<String> out = new ArrayList<>();
        try (VectorReader r = new VectorReader(NAME, new ByteArrayInputStream(bytes))) {
            VectorLine line;
            while ((line = r.next()) != null) {
                out.add(line.number() + "|" + line.request() + "|" + line.expected());
            }
        }
        return out;
    }

    private static List<String> framed(String text) {
        List<String> out = new ArrayList<>();
        List<String> lines = Framing.lines(text);
        for (int i = 0; i < lines.size(); i++) {
            VectorLine line = VectorLine.parse(i + 1, lines.get(i));
            out.add(line.number() + "|" + line.request() + "|" + line.expected());
        }
        return out;
    }

    @Test
    void givenLineEndEdgeCases_whenStreamed_thenTheLinesAreFramingsLines() throws IOException {
        for (String text : List.of("", "\n", "\n\n", "a", "a\n", "a\r\n", "a\r", "a\rb\r\n", "\r\n\r\n", "x => ok\r\ny",
                "stats\n# c\n\nmalloc 8 => ok 8")) {
            // every file needs an expectation (or '#! smoke'); the first line gives one, the edges follow it
            String file = EXPECTING + text;
            assertEquals(framed(file), texts(file.getBytes(StandardCharsets.UTF_8)), text.replace("\r", "\\r"));
        }
    }

    @Test
    void givenLinesLongerThanTheReadBuffer_andACrLfSplitAcrossReads_whenStreamed_thenTheyAreWhole() throws IOException {
        // given a line of 16383 chars + CR, so that the CR ends the first 16 KiB read and the LF starts the next
        // (after the expecting first line, which takes its share of the first read)
        String longLine = "malloc " + "9".repeat(16383 - 7 - EXPECTING.length());
        String text = EXPECTING + longLine + "\r\n" + "x".repeat(40_000) + "\nstats\n";

        // when, then
        assertEquals(framed(text), texts(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void givenAFormatErrorBeforeBadUtf8_whenScanned_thenTheUtf8ErrorIsReported_asParsingReportsIt() {
        // given '=>' with nothing after it on line 1, and a byte that is not UTF-8 on line 3
        byte[] bytes = "malloc 8 =>\nstats\nx\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);

        // when
        IOException scanned = assertThrows(IOException.class,
                () -> VectorReader.scan(NAME, new ByteArrayInputStream(bytes)));
        IOException parsed = assertThrows(IOException.class, () -> VectorFile.parse(NAME, bytes));

        // then
        assertEquals("t.vec: not valid UTF-8 text", scanned.getMessage());
        assertEquals(parsed.getMessage(), scanned.getMessage());
    }

    @Test
    void givenAPragmaAtTheEndAndComments_whenScanned_thenTheProfileAndTheRequestCountAreFound() throws IOException {
        InputStream in = new ByteArrayInputStream("# c\ninit 0 onchain 1 1 => ok\n\nstats\n#! profile strict\n"
                .getBytes(StandardCharsets.UTF_8));

        VectorReader.Summary s = VectorReader.scan(NAME, in);

        assertEquals(Profile.STRICT, s.profile());
        assertEquals(2, s.requests());
    }

    @Test
    void givenAConflictingPragma_whenScanned_thenTheMessageNamesTheLine_asParsingDoes() {
        byte[] bytes = "#! profile strict\nstats\n#! profile proposal\n".getBytes(StandardCharsets.UTF_8);

        IOException scanned = assertThrows(IOException.class,
                () -> VectorReader.scan(NAME, new ByteArrayInputStream(bytes)));
        IOException parsed = assertThrows(IOException.class, () -> VectorFile.parse(NAME, bytes));

        assertEquals("t.vec:3: second, conflicting profile pragma", scanned.getMessage());
        assertEquals(parsed.getMessage(), scanned.getMessage());
    }
}
