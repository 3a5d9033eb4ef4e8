package fba.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import fba.check.drive.Batch;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A sealed batch is its lines, each ending in a newline, as UTF-8. */
class BatchTest {

    private static Batch batch(String... lines) {
        Batch b = new Batch(null, lines.length + 1);
        for (int i = 0; i < lines.length; i++) {
            b.add(lines[i], null, i);
        }
        b.seal();
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void givenAsciiLines_whenSealed_thenTheBytesAreTheLinesWithNewlines() {
        assertArrayEquals(utf8("init 0 onchain 1 4\nmalloc 8\n\n# c\n"), batch("init 0 onchain 1 4", "malloc 8", "", "# c").bytes);
    }

    @Test
    void givenAnEmptyBatch_whenSealed_thenThereAreNoBytes() {
        assertArrayEquals(new byte[0], batch().bytes);
    }

    @Test
    void givenLinesBeyondAscii_whenSealed_thenTheyAreUtf8_beforeAndAfterThemToo() {
        // given a Latin-1 character, one beyond Latin-1, and a surrogate pair, after an ASCII line
        String[] lines = {"malloc 8", "malloc \u00e9", "free \u0141", "x \ud83d\ude00", "stats"};

        // when, then
        assertArrayEquals(utf8("malloc 8\nmalloc \u00e9\nfree \u0141\nx \ud83d\ude00\nstats\n"), batch(lines).bytes);
    }

    @Test
    void givenTheLastCharacterIsTheFirstBeyondAscii_whenSealed_thenItIsUtf8() {
        assertArrayEquals(utf8("a\nb\u0080\n"), batch("a", "b\u0080").bytes);
    }
}
