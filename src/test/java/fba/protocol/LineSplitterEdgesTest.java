package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LineSplitter at its edges: an empty first line, lines longer than its buffer, and ready(). */
class LineSplitterEdgesTest {

    private static List<String> lines(LineSplitter s) throws IOException {
        List<String> out = new ArrayList<>();
        while (s.next()) {
            out.add(new String(s.buffer(), s.start(), s.end() - s.start(), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void givenAStreamStartingWithAnEmptyLine_whenSplit_thenTheFirstLineIsEmpty() throws IOException {
        assertEquals(List.of("", "abc", ""), lines(new LineSplitter(bytes("\nabc\n\r\n"), 64)));
    }

    @Test
    void givenALineLongerThanTheBuffer_whenSplit_thenTheBufferGrowsToHoldIt() throws IOException {
        String longLine = "a".repeat(100);
        assertEquals(List.of(longLine, "b"), lines(new LineSplitter(bytes(longLine + "\nb"), 16)));
    }

    @Test
    void givenALastLineOfNulBytesWithoutTerminator_whenSplit_thenItIsAscii() throws IOException {
        // NUL is ASCII (below 0x80), also when it is all the line holds
        LineSplitter s = new LineSplitter(bytes("a\n\0\0"), 64);
        assertTrue(s.next());
        assertTrue(s.next());
        assertEquals(2, s.end() - s.start());
        assertTrue(s.ascii());
        assertFalse(s.next());
        LineSplitter t = new LineSplitter(bytes("a\n\0\u00e9"), 64);
        assertTrue(t.next());
        assertTrue(t.next());
        assertFalse(t.ascii());
    }

    @Test
    void givenBufferedInput_whenAsked_thenItIsReadyUntilEverythingBufferedIsHandedOut() throws IOException {
        // given: both lines arrive in one read
        LineSplitter s = new LineSplitter(bytes("a\nb\n"), 64);
        // when / then
        assertTrue(s.next());
        assertTrue(s.ready(), "the second line is buffered");
        assertTrue(s.next());
        assertFalse(s.ready(), "nothing buffered and nothing available");
        assertFalse(s.next());
        assertFalse(s.ready());
    }

    @Test
    void givenInputNotYetRead_whenAsked_thenItIsReadyIfTheStreamHasBytesAvailable() throws IOException {
        // given: a stream handing out two bytes per read
        InputStream trickle = new ByteArrayInputStream("a\nbcdef\n".getBytes(StandardCharsets.US_ASCII)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 2));
            }
        };
        LineSplitter s = new LineSplitter(trickle, 64);
        // when: the first line is handed out, nothing else is buffered
        assertTrue(s.next());
        // then: the stream still has bytes available
        assertTrue(s.ready());
    }
}
