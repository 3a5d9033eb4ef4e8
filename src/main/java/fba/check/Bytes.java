package fba.check;

import java.io.OutputStream;

/**
 * A growable byte array the byte path of the generator renders requests and the reference's
 * responses into, so that a generated request costs no String and no encoding (issue 16). It is an
 * {@link OutputStream} so that {@link fba.protocol.ResponseBuffer#writeTo} can empty into it.
 */
final class Bytes extends OutputStream {

    private byte[] array;
    private int length;

    Bytes(int capacity) {
        this.array = new byte[Math.max(16, capacity)];
    }

    /** The backing array: bytes {@code [0, length())} are the content. */
    byte[] array() {
        return array;
    }

    int length() {
        return length;
    }

    /** Empties the buffer, keeping its array. */
    void reset() {
        length = 0;
    }

    @Override
    public void write(int b) {
        room(1);
        array[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        room(len);
        System.arraycopy(b, off, array, length, len);
        length += len;
    }

    /**
     * Appends {@code s}, which must be ASCII: generated requests are, and a byte per char is what
     * the String path's encoding would give for them.
     */
    void ascii(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                throw new IllegalStateException("not ASCII: a generated request line holds '" + s + "'");
            }
            array[length++] = (byte) c;
        }
    }

    /** Appends {@code v} as an unsigned decimal number, as {@link Long#toUnsignedString} spells it. */
    void unsigned(long v) {
        if (v < 0) {
            ascii(Long.toUnsignedString(v));
            return;
        }
        room(19);
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = length + digits;
        for (int i = end - 1; i >= length; i--) {
            array[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length = end;
    }

    private void room(int n) {
        if (length + n > array.length) {
            array = java.util.Arrays.copyOf(array, Math.max(array.length * 2, length + n));
        }
    }
}
