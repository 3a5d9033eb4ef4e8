package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ResponseBuffer: exact bytes, growth past its capacity, and chaining. */
class ResponseBufferTest {

    private static byte[] drain(ResponseBuffer b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.writeTo(out);
        return out.toByteArray();
    }

    private static String text(ResponseBuffer b) throws IOException {
        return new String(drain(b), StandardCharsets.UTF_8);
    }

    @Test
    void givenChainedAppends_whenWritten_thenTheBytesAreTheirConcatenation() throws IOException {
        ResponseBuffer b = new ResponseBuffer(0);
        b.append("ok ").append(0L).append(' ').append(Long.MAX_VALUE).append('\n');
        assertEquals(3 + 1 + 1 + 19 + 1, b.length());
        assertEquals("ok 0 9223372036854775807\n", text(b));
        assertEquals(0, b.length());
    }

    @Test
    void givenANegativeNumber_whenAppended_thenItIsRefused() {
        ResponseBuffer b = new ResponseBuffer(0);
        assertThrows(IllegalArgumentException.class, () -> b.append(-1L));
        assertEquals(0, b.length());
    }

    @Test
    void givenMoreThanTheCapacity_whenAppendedPieceByPiece_thenNothingIsLost() throws IOException {
        // the smallest capacity is 64 bytes; each kind of append must make room for itself
        ResponseBuffer chars = new ResponseBuffer(0);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            chars.append((char) ('a' + i % 26));
            expected.append((char) ('a' + i % 26));
        }
        assertEquals(expected.toString(), text(chars));

        ResponseBuffer numbers = new ResponseBuffer(0);
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            numbers.append(Long.MAX_VALUE - i);
            digits.append(Long.MAX_VALUE - i);
        }
        assertEquals(digits.toString(), text(numbers));
    }

    @Test
    void givenOneStringLargerThanTwiceTheCapacity_whenAppended_thenItIsKeptWhole() throws IOException {
        ResponseBuffer b = new ResponseBuffer(0);
        b.append("x".repeat(60));
        b.append("y".repeat(200));
        assertEquals("x".repeat(60) + "y".repeat(200), text(b));
    }

    @Test
    void givenNonAsciiText_whenAppended_thenItIsUtf8() throws IOException {
        ResponseBuffer b = new ResponseBuffer(0);
        b.append("\u007f\u0080é");
        assertArrayEquals(new byte[] {0x7f, (byte) 0xC2, (byte) 0x80, (byte) 0xC3, (byte) 0xA9}, drain(b));
        ResponseBuffer big = new ResponseBuffer(0);
        big.append("é".repeat(100));
        assertEquals("é".repeat(100), text(big));
    }

    @Test
    void givenNumbersOfEveryLength_whenPutAtAnOffset_thenOnlyTheirDigitsAreWrittenAndTheEndIsReturned() {
        for (long n : new long[] {0, 7, 10, 99, 4294967295L, Long.MAX_VALUE}) {
            String digits = Long.toString(n);
            byte[] into = new byte[3 + 19 + 3];
            java.util.Arrays.fill(into, (byte) '.');

            int end = ResponseBuffer.putDecimal(into, 3, n);

            assertEquals(3 + digits.length(), end, digits);
            String expected = "..." + digits + ".".repeat(into.length - 3 - digits.length());
            assertEquals(expected, new String(into, StandardCharsets.US_ASCII));
        }
    }
}
