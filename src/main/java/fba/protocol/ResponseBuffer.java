package fba.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Response bytes waiting to be written: the byte-level counterpart of the {@code StringBuilder}
 * that {@link Session#execute(String, StringBuilder)} appends to, so that replaying millions of
 * requests formats numbers straight into bytes instead of going through chars and an encoder.
 * Appending never writes; the owner calls {@link #writeTo} when it sees fit.
 */
public final class ResponseBuffer {

    private byte[] bytes;
    private int length;

    public ResponseBuffer(int capacity) {
        this.bytes = new byte[Math.max(capacity, 64)];
    }

    /** Bytes waiting. */
    public int length() {
        return length;
    }

    public ResponseBuffer append(char ascii) {
        room(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    /** Appends {@code s} encoded as UTF-8 (responses are ASCII; file names need not be). */
    public ResponseBuffer append(CharSequence s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                appendUtf8(s.subSequence(i, n).toString());
                return this;
            }
            bytes[length++] = (byte) c;
        }
        return this;
    }

    /** Appends a non-negative number in decimal. */
    public ResponseBuffer append(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative: " + n);
        }
        room(19);
        length = putDecimal(bytes, length, n);
        return this;
    }

    /**
     * Writes the non-negative {@code n} in decimal into {@code into} from {@code at} (up to 19
     * bytes, which the caller has made room for) and returns where the digits end. Shared with the
     * checker's own byte buffer, which spells generated requests the same way.
     */
    public static int putDecimal(byte[] into, int at, long n) {
        int digits = 1;
        for (long t = n; t >= 10; t /= 10) {
            digits++;
        }
        int end = at + digits;
        for (int i = end - 1; i >= at; i--) {
            into[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        return end;
    }

    /** Writes everything waiting to {@code out} (without flushing it) and empties the buffer. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
        length = 0;
    }

    private void appendUtf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        room(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    private void room(int n) {
        if (length + n > bytes.length) {
            byte[] grown = new byte[Math.max(bytes.length * 2, length + n)];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
        }
    }
}
