package fba.protocol;

import fba.core.Profile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads a vector file line by line from a stream, with exactly the checks and messages of
 * {@link VectorFile#parse} (which is built on it): strict UTF-8, the protocol's line framing
 * ({@link Framing}), the profile pragma, and no {@code =>} without an expectation. A file of
 * millions of lines is read in constant memory; {@link #profile} is final once the end is reached.
 */
public final class VectorReader implements AutoCloseable {

    private static final String PROFILE_PRAGMA = "#! profile ";

    private final Path path;
    private final Reader in;
    private final char[] buf = new char[1 << 14];
    private int pos;
    private int limit;
    private boolean eof;
    private final StringBuilder partial = new StringBuilder(128);
    private int number;
    private Profile profile;

    /** {@code path} names the file in messages (for a bundled file it is a display name). */
    public VectorReader(Path path, InputStream bytes) {
        this.path = path;
        this.in = new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The next line (a request, a comment or a blank), or null at the end of the file. */
    public VectorLine next() throws IOException {
        String text = nextText();
        if (text == null) {
            return null;
        }
        number++;
        if (text.startsWith(PROFILE_PRAGMA)) {
            Profile p = Profile.ofWireName(text.substring(PROFILE_PRAGMA.length()).trim());
            if (p == null) {
                throw new VectorFile.VectorFormatException(path + ":" + number + ": unknown profile in '"
                        + text.trim() + "' (substrate, strict or proposal)");
            }
            if (profile != null && profile != p) {
                throw new VectorFile.VectorFormatException(path + ":" + number
                        + ": second, conflicting profile pragma");
            }
            profile = p;
        }
        VectorLine line = VectorLine.parse(number, text);
        if (line.expected() != null && line.expected().isEmpty()) {
            throw new VectorFile.VectorFormatException(path + ":" + number + ": '=>' with no expected response");
        }
        return line;
    }

    /**
     * Reads the whole file to check it and find its pragma, keeping nothing but the count of
     * requests. Errors come in the order {@link VectorFile#parse} reports them: text that is not
     * UTF-8 anywhere in the file before the first malformed line.
     */
    public static Summary scan(Path path, InputStream bytes) throws IOException {
        try (VectorReader r = new VectorReader(path, bytes)) {
            long requests = 0;
            VectorLine line;
            try {
                while ((line = r.next()) != null) {
                    if (line.request() != null) {
                        requests++;
                    }
                }
            } catch (VectorFile.VectorFormatException e) {
                while (r.nextText() != null) {
                    // the rest is read only for a UTF-8 error, which takes precedence
                }
                throw e;
            }
            return new Summary(r.profile, requests);
        }
    }

    /** What {@link #scan} found: the pinned profile (or null) and how many lines are requests. */
    public record Summary(Profile profile, long requests) {
    }

    /** The profile pinned by a pragma among the lines read so far, or null. */
    public Profile profile() {
        return profile;
    }

    /** One line without its terminator, framed as {@link Framing#lines} frames text; null at the end. */
    private String nextText() throws IOException {
        partial.setLength(0);
        boolean any = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    // A last line without LF still counts; nothing after a final LF is a line.
                    return any ? partial.toString() : null;
                }
            }
            any = true;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    partial.append(buf, pos, i - pos);
                    pos = i + 1;
                    int n = partial.length();
                    if (n > 0 && partial.charAt(n - 1) == '\r') {
                        partial.setLength(n - 1);
                    }
                    return partial.toString();
                }
            }
            partial.append(buf, pos, limit - pos);
            pos = limit;
        }
    }

    private boolean fill() throws IOException {
        int n;
        try {
            n = in.read(buf, 0, buf.length);
        } catch (CharacterCodingException e) {
            throw new VectorFile.VectorFormatException(path + ": not valid UTF-8 text");
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
