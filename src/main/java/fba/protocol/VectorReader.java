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
 * ({@link Framing}), the pragmas, every {@code =>} followed by a well-formed response, and at least
 * one expectation unless the file declares itself a smoke file ({@value #SMOKE_PRAGMA}). A file of
 * millions of lines is read in constant memory; {@link #profile} is final once the end is reached.
 */
public final class VectorReader implements AutoCloseable {

    private static final String PRAGMA = "#!";
    private static final String PROFILE_PRAGMA = "#! profile ";
    /** Declares a file that runs requests without comparing anything (spec/protocol.md, "Vector files"). */
    public static final String SMOKE_PRAGMA = "#! smoke";

    private final Path path;
    private final Reader in;
    private final char[] buf = new char[1 << 14];
    private int pos;
    private int limit;
    private boolean eof;
    private final StringBuilder partial = new StringBuilder(128);
    private int number;
    private Profile profile;
    private int smokeLine;
    private long requests;
    private long expectations;

    /** {@code path} names the file in messages (for a bundled file it is a display name). */
    public VectorReader(Path path, InputStream bytes) {
        this.path = path;
        this.in = new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /**
     * The next line (a request, a comment or a blank), or null at the end of the file; the end of a
     * file with no request, or with no expectation and no smoke pragma, is an error.
     */
    public VectorLine next() throws IOException {
        String text = nextText();
        if (text == null) {
            checkEnd();
            return null;
        }
        number++;
        if (text.startsWith(PRAGMA)) {
            pragma(text);
        }
        VectorLine line = VectorLine.parse(number, text);
        if (line.request() == null) {
            return line;
        }
        requests++;
        if (line.request().contains("=>")) {
            // "malloc 8 =>ok 8" must not pass as a request with no expectation
            throw malformed("'=>' needs one space on each side and a response after it ("
                    + "'REQUEST => RESPONSE'), in '"
                    + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "'");
        }
        if (line.expected() != null) {
            if (line.expected().isEmpty()) {
                throw malformed("'=>' with no expected response");
            }
            if (!ResponseSyntax.isResponse(line.expected())) {
                throw malformed("'" + line.expected() + "' after '=>' is not a response"
                        + " (ok, ok N, ok N N N N, or err CODE [message] with a protocol error code)");
            }
            if (smokeLine > 0) {
                throw malformed("an expectation in a file declared '" + SMOKE_PRAGMA + "' at line " + smokeLine
                        + " (a smoke file compares nothing: remove the pragma or the expectation)");
            }
            expectations++;
        }
        return line;
    }

    private void pragma(String text) throws VectorFile.VectorFormatException {
        if (text.startsWith(PROFILE_PRAGMA)) {
            Profile p = Profile.ofWireName(text.substring(PROFILE_PRAGMA.length()).trim());
            if (p == null) {
                throw malformed("unknown profile in '" + text.trim() + "' (substrate, strict or proposal)");
            }
            if (profile != null && profile != p) {
                throw malformed("second, conflicting profile pragma");
            }
            profile = p;
        } else if (text.trim().equals(SMOKE_PRAGMA)) {
            smokeLine = number;
        } else {
            throw malformed("unknown pragma '" + text.trim() + "' (a line starting '#!' is '#! profile P'"
                    + " or '" + SMOKE_PRAGMA + "'; a comment starts '# ')");
        }
    }

    private void checkEnd() throws VectorFile.VectorFormatException {
        if (requests == 0) {
            throw new VectorFile.VectorFormatException(path + (number == 0 ? ": empty file" : ":" + number
                    + ": end of file") + ": no request in it (a vector file holds requests with expected"
                    + " responses, 'REQUEST => RESPONSE')");
        }
        if (expectations == 0 && smokeLine == 0) {
            throw malformed("end of file, and no line has an expectation ('REQUEST => RESPONSE'), so the file"
                    + " would check nothing; a file meant only to run its requests says so with a line '"
                    + SMOKE_PRAGMA + "'");
        }
    }

    private VectorFile.VectorFormatException malformed(String what) {
        return new VectorFile.VectorFormatException(path + ":" + number + ": " + what);
    }

    /**
     * Reads the whole file to check it and find its pragma, keeping nothing but the count of
     * requests. Errors come in the order {@link VectorFile#parse} reports them: text that is not
     * UTF-8 anywhere in the file before the first malformed line.
     */
    public static Summary scan(Path path, InputStream bytes) throws IOException {
        try (VectorReader r = new VectorReader(path, bytes)) {
            try {
                while (r.next() != null) {
                    // next() counts the requests and checks every line
                }
            } catch (VectorFile.VectorFormatException e) {
                while (r.nextText() != null) {
                    // the rest is read only for a UTF-8 error, which takes precedence
                }
                throw e;
            }
            return new Summary(r.profile, r.requests);
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
