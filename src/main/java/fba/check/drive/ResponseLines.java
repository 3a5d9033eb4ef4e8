package fba.check.drive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The implementation's standard output split into response lines in place: a line is a range of
 * the read buffer, compared as bytes, and becomes a String only when asked ({@link #text}).
 */
final class ResponseLines {

    /** Longest response line accepted; anything longer is not a protocol response. */
    static final int MAX_LINE = 8192;

    private final InputStream stdout;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    // The line next() found: buf[lineStart .. lineEnd), valid until the next read.
    private int lineStart;
    private int lineEnd;
    /** When output last arrived (System.nanoTime), for the watchdog. */
    private volatile long lastRead = System.nanoTime();

    ResponseLines(InputStream stdout) {
        this.stdout = stdout;
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return lineStart;
    }

    int end() {
        return lineEnd;
    }

    long lastRead() {
        return lastRead;
    }

    /** The line found by the last {@link #next}, decoded as ISO-8859-1. */
    String text() {
        return new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1);
    }

    /**
     * Finds the next response line (without terminator and trailing CR) in the buffer, reading
     * as needed; false at end of output. A last line without LF still counts.
     */
    boolean next() throws IOException {
        int scan = pos;
        while (true) {
            for (int i = scan; i < lim; i++) {
                if (buf[i] == '\n') {
                    lineStart = pos;
                    lineEnd = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    pos = i + 1;
                    return true;
                }
            }
            if (lim - pos > MAX_LINE) {
                throw new LineTooLong(new String(buf, pos, 200, StandardCharsets.ISO_8859_1));
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            }
            scan = lim;
            int n = stdout.read(buf, lim, buf.length - lim);
            if (n < 0) {
                if (lim > pos) {
                    lineStart = pos;
                    lineEnd = lim;
                    pos = lim;
                    return true;
                }
                return false;
            }
            lim += n;
            lastRead = System.nanoTime();
        }
    }

    /** A line longer than {@link #MAX_LINE}: not a protocol response. */
    static final class LineTooLong extends IOException {
        private static final long serialVersionUID = 1L;
        final String start;

        LineTooLong(String start) {
            super("line too long");
            this.start = start;
        }
    }
}
