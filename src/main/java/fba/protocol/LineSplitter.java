package fba.protocol;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into protocol lines (spec/protocol.md): a line ends at LF, one CR right
 * before the LF is not part of it, and a last line without LF still counts. A CR anywhere else is
 * an ordinary byte of the line (so the request it is in gets a precise bad_request instead of
 * being cut in two). Each line is handed out as a range of the splitter's own buffer, so replaying
 * a file creates no object per line.
 *
 * <p>After {@link #next} returns true, the line is {@code buffer()[start() .. end())} and stays
 * valid until the next call. {@link #ascii} says whether every byte is below 0x80.
 */
public final class LineSplitter {

    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;

    private int start;
    private int end;
    private boolean ascii;

    public LineSplitter(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[Math.max(bufferSize, 16)];
    }

    /** Advances to the next line; false at the end of the stream. */
    public boolean next() throws IOException {
        int scan = pos;
        while (true) {
            int nonAscii = 0;
            for (int i = scan; i < limit; i++) {
                byte c = buf[i];
                if (c == '\n') {
                    start = pos;
                    end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    ascii = (nonAscii | asciiFlags(pos, scan)) >= 0;
                    pos = i + 1;
                    return true;
                }
                nonAscii |= c;
            }
            // No terminator in what is buffered: keep the partial line and read more.
            int partial = limit - pos;
            if (eof) {
                if (partial == 0) {
                    return false;
                }
                start = pos;
                end = limit;
                ascii = asciiFlags(pos, limit) >= 0;
                pos = limit;
                return true;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, partial);
            } else if (partial == buf.length) {
                byte[] grown = new byte[buf.length * 2];
                System.arraycopy(buf, 0, grown, 0, partial);
                buf = grown;
            }
            pos = 0;
            limit = partial;
            scan = partial;
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
    }

    /** OR of the bytes in [from, to): negative when one of them is not ASCII. */
    private int asciiFlags(int from, int to) {
        int flags = 0;
        for (int i = from; i < to; i++) {
            flags |= buf[i];
        }
        return flags;
    }

    public byte[] buffer() {
        return buf;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    public boolean ascii() {
        return ascii;
    }

    /** Whether more input is buffered or can be read without blocking (BufferedReader.ready()). */
    public boolean ready() throws IOException {
        return pos < limit || in.available() > 0;
    }
}
