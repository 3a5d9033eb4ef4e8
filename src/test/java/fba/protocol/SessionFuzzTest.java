package fba.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fba.core.Profile;
import fba.fuzz.FuzzFigures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes {@link Session} with arbitrary protocol bytes (seeds: the requests of spec/vectors).
 * The first byte picks the profile; the rest is a trace, split into lines as the protocol frames
 * them, and run by {@link TwoPaths}: byte path and String path answer every line alike, and as
 * spec/protocol.md allows. {@link SessionRequestsFuzzTest} builds well-formed-looking requests
 * instead, which reach deeper allocator states sooner.
 */
class SessionFuzzTest {

    private static final FuzzFigures FIGURES = new FuzzFigures("session", SessionFuzzTest.class);

    @FuzzTest
    void bytePathAndStringPathAnswerAlikeAndPerSpec(byte[] input) throws IOException {
        FIGURES.count();
        if (input.length == 0) {
            return;
        }
        TwoPaths paths = new TwoPaths((input[0] & 1) == 0 ? Profile.SUBSTRATE : Profile.STRICT);
        byte[] trace = Arrays.copyOfRange(input, 1, input.length);
        int from = 0;
        for (String line : Framing.lines(new String(trace, StandardCharsets.ISO_8859_1))) {
            // Framing keeps one char per byte in ISO-8859-1, so the line's bytes are at [from, from + length).
            int to = from + line.length();
            paths.execute(trace, from, to, line);
            from = nextLineStart(trace, to);
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
