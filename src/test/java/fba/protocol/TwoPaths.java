package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import fba.core.Profile;
import fba.fuzz.ProtocolSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Two sessions fed the same lines, one through the byte path ({@code execute(byte[], ...)}, what
 * serve and replay use) and one through the String path (what run and check use), with the
 * checks the Session fuzz targets make on every line: neither throws, a response comes exactly
 * when the line is neither blank nor a comment, both answers are the same bytes, and the answer
 * is one spec/protocol.md allows for the request.
 */
final class TwoPaths {

    private final Profile profile;
    private final Session bytes;
    private final Session text;
    private final ResponseBuffer buf = new ResponseBuffer(64);
    private final ByteArrayOutputStream byteAnswer = new ByteArrayOutputStream();
    private final StringBuilder textAnswer = new StringBuilder();

    TwoPaths(Profile profile) {
        this.profile = profile;
        this.bytes = new Session(profile);
        this.text = new Session(profile);
    }

    /**
     * Runs one line, {@code line} as text and {@code trace[from, to)} as its ISO-8859-1 bytes,
     * and returns the answer (null for none).
     */
    String execute(byte[] trace, int from, int to, String line) throws IOException {
        byteAnswer.reset();
        textAnswer.setLength(0);
        boolean byBytes = bytes.execute(trace, from, to, buf);
        buf.writeTo(byteAnswer);
        boolean byText = text.execute(line, textAnswer);

        // Messages are built only on failure: formatting them for every line would halve the rate.
        assertEquals(!ProtocolSpec.silent(line), byText, () -> "String path, responded to '" + Tokens.clip(line) + "'");
        assertEquals(byText, byBytes, () -> "byte path, responded to '" + Tokens.clip(line) + "'");
        String answer = textAnswer.toString();
        assertEquals(answer, byteAnswer.toString(StandardCharsets.UTF_8),
                () -> "byte path and String path answer '" + Tokens.clip(line) + "' differently");
        if (!byText) {
            return null;
        }
        String why = ProtocolSpec.violation(line, answer, profile.wireName());
        assertNull(why, () -> "'" + Tokens.clip(line) + "' answered '" + Tokens.clip(answer) + "'");
        return answer;
    }

    /** The same, for a line given as text only (one byte per char, ISO-8859-1). */
    String execute(String line) throws IOException {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        return execute(b, 0, b.length, line);
    }
}
