package fba.check.generate;

import java.io.OutputStream;

/**
 * A growable byte array the byte path of the generator renders requests and the reference's
 * responses into, so that a generated request costs no String and no encoding (issue 16). It is an
 * {@link OutputStream} so that {@link fba.protocol.ResponseBuffer#writeTo} can empty into it ({@link #take}).
 */
public final class Bytes extends OutputStream {

    private byte[] array;
    private int length;

    public Bytes(int capacity) {
        this.array = new byte[Math.max(16, capacity)];
    }

    /** The backing array: bytes {@code [0, length())} are the content. */
    public byte[] array() {
        return array;
    }

    public int length() {
        return length;
    }

    /** Empties the buffer, keeping its array. */
    public void reset() {
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

    /** Appends everything waiting in {@code pending} and empties it. */
    public void take(fba.protocol.ResponseBuffer pending) {
        try {
            pending.writeTo(this);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // write(byte[], int, int) above throws nothing
        }
    }

    // Encoded forms of the last Strings appended, by identity: generated requests spell their
    // verbs, contexts and malformed lines with a few String constants, and copying their bytes is
    // cheaper than reading them char by char (about a tenth of the generator's time under C1).
    private static final int CACHE = 32;
    private final String[] cachedString = new String[CACHE];
    private final byte[][] cachedBytes = new byte[CACHE][];

    /**
     * Appends {@code s}, which must be ASCII: generated requests are, and a byte per char is what
     * the String path's encoding would give for them.
     */
    public void ascii(String s) {
        int slot = s.hashCode() & (CACHE - 1);
        byte[] b;
        if (cachedString[slot] == s) {
            b = cachedBytes[slot];
        } else {
            b = encode(s);
            cachedString[slot] = s;
            cachedBytes[slot] = b;
        }
        write(b, 0, b.length);
    }

    private static byte[] encode(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                throw new IllegalStateException("not ASCII: a generated request line holds '" + s + "'");
            }
            b[i] = (byte) c;
        }
        return b;
    }

    /** Appends {@code v} as an unsigned decimal number, as {@link Long#toUnsignedString} spells it. */
    public void unsigned(long v) {
        if (v < 0) {
            ascii(Long.toUnsignedString(v));
            return;
        }
        room(19);
        length = fba.protocol.ResponseBuffer.putDecimal(array, length, v);
    }

    private void room(int n) {
        if (length + n > array.length) {
            array = java.util.Arrays.copyOf(array, Math.max(array.length * 2, length + n));
        }
    }
}
