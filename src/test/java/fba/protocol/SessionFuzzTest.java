package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fba.core.Profile;
import fba.fuzz.FuzzFigures;
import fba.fuzz.ProtocolSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes {@link Session} with arbitrary protocol bytes (seeds: the requests of spec/vectors).
 * The first byte picks the profile; the rest is a trace, split into lines as the protocol frames
 * them. Two sessions run the trace, one through the byte path (what serve and replay use) and one
 * through the String path (what run and check use). For every line: neither throws, a response
 * comes exactly when the line is neither blank nor a comment, the two answers are the same bytes,
 * and the answer is one spec/protocol.md allows for the request.
 */
class SessionFuzzTest {

    private static final FuzzFigures FIGURES = new FuzzFigures("session", SessionFuzzTest.class);

    @FuzzTest
    void bytePathAndStringPathAnswerAlikeAndPerSpec(byte[] input) throws IOException {
        FIGURES.count();
        if (input.length == 0) {
            return;
        }
        Profile profile = (input[0] & 1) == 0 ? Profile.SUBSTRATE : Profile.STRICT;
        Session bytes = new Session(profile);
        Session text = new Session(profile);
        byte[] trace = Arrays.copyOfRange(input, 1, input.length);
        ResponseBuffer buf = new ResponseBuffer(64);
        ByteArrayOutputStream byteAnswer = new ByteArrayOutputStream();
        StringBuilder textAnswer = new StringBuilder();
        int from = 0;
        for (String line : Framing.lines(new String(trace, StandardCharsets.ISO_8859_1))) {
            // Framing keeps one char per byte in ISO-8859-1, so the line's bytes are at [from, from + length).
            int to = from + line.length();
            byteAnswer.reset();
            textAnswer.setLength(0);
            boolean byBytes = bytes.execute(trace, from, to, buf);
            buf.writeTo(byteAnswer);
            boolean byText = text.execute(line, textAnswer);
            from = nextLineStart(trace, to);

            // Messages are built only on failure: formatting them for every line would halve the rate.
            assertEquals(!ProtocolSpec.silent(line), byText, () -> "String path, responded to '" + Tokens.clip(line) + "'");
            assertEquals(byText, byBytes, () -> "byte path, responded to '" + Tokens.clip(line) + "'");
            String answer = textAnswer.toString();
            assertEquals(answer, byteAnswer.toString(StandardCharsets.UTF_8),
                    () -> "byte path and String path answer '" + Tokens.clip(line) + "' differently");
            if (byText) {
                String why = ProtocolSpec.violation(line, answer, profile.wireName());
                assertNull(why, () -> "'" + Tokens.clip(line) + "' answered '" + Tokens.clip(answer) + "'");
            }
        }
    }

    /** Where the line after one ending at {@code end} starts: past the optional CR and the LF. */
    private static int nextLineStart(byte[] trace, int end) {
        int i = end;
        if (i < trace.length && trace[i] == '\r') {
            i++;
        }
        return i < trace.length ? i + 1 : i;
    }

    @AfterAll
    static void writeFigures() throws IOException {
        FIGURES.write();
    }
}
