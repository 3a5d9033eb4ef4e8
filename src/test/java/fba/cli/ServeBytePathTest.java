package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fba.core.Profile;
import fba.protocol.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code fba serve} answers byte-level; it must answer exactly as the String path does. */
class ServeBytePathTest {

    /** What serve printed before it went byte-level: protocol framing, execute(String). */
    private static String viaStrings(String text, Profile profile) throws IOException {
        StringBuilder out = new StringBuilder();
        Session session = new Session(profile);
        for (String line : fba.protocol.Framing.lines(text)) {
            if (session.execute(line, out)) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String serve(byte[] input, Profile profile) {
        InputStream saved = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(input));
            int status = Main.run(new String[] {"serve", "--profile", profile.name().toLowerCase()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertEquals(0, status);
        } finally {
            System.setIn(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void givenMixedTraces_whenServed_thenOutputIsExactlyTheStringPathsOutput() throws IOException {
        Random rnd = new Random(67);
        for (Profile profile : Profile.values()) {
            for (int round = 0; round < 10; round++) {
                // given
                String text = MixedTraces.trace(rnd);
                // when
                String actual = serve(text.getBytes(StandardCharsets.UTF_8), profile);
                // then
                assertEquals(viaStrings(text, profile), actual, "round " + round + " " + profile);
            }
        }
    }
}
