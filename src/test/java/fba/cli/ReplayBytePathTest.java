package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.core.Profile;
import fba.protocol.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fba replay} reads bytes and parses malloc/free without making Strings; its output must be
 * exactly what the String path of {@link Session} gives for the same lines cut by the protocol framing.
 */
class ReplayBytePathTest {

    @TempDir
    Path dir;

    /** What replay printed before it went byte-level: protocol framing, requestOf, execute(String). */
    private static String viaStrings(String text, Profile profile) throws IOException {
        StringBuilder out = new StringBuilder();
        Session session = new Session(profile);
        for (String line : fba.protocol.Framing.lines(text)) {
            String request = ReplayCommand.requestOf(line);
            if (request != null && session.execute(request, out)) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static final class Run {
        int status;
        String out;
        String err;
    }

    private static Run replay(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Run r = new Run();
        String[] full = new String[args.length + 1];
        full[0] = "replay";
        System.arraycopy(args, 0, full, 1, args.length);
        r.status = Main.run(full, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        r.out = out.toString(StandardCharsets.UTF_8);
        r.err = err.toString(StandardCharsets.UTF_8);
        return r;
    }

    @Test
    void givenMixedTraces_whenReplayed_thenOutputIsExactlyTheStringPathsOutput() throws IOException {
        Random rnd = new Random(66);
        for (Profile profile : Profile.values()) {
            for (int round = 0; round < 15; round++) {
                // given
                String text = MixedTraces.trace(rnd);
                Path file = dir.resolve("t" + round + ".trace");
                Files.writeString(file, text, StandardCharsets.UTF_8);
                // when
                Run r = replay("--profile", profile.name().toLowerCase(), file.toString());
                // then
                assertEquals(0, r.status, r.err);
                assertEquals(viaStrings(text, profile), r.out, "round " + round + " " + profile);
            }
        }
    }

    @Test
    void givenSeveralFiles_whenReplayed_thenEachGetsItsHeaderAndAFreshSession() throws IOException {
        // given
        Path a = dir.resolve("a.trace");
        Path b = dir.resolve("bé.trace");
        Files.writeString(a, "init 0 onchain 1 1\nmalloc 8\n");
        Files.writeString(b, "malloc 8\ninit 0 onchain 1 1\nmalloc 8\n");
        // when
        Run r = replay(a.toString(), b.toString());
        // then
        assertEquals(0, r.status);
        assertEquals("# " + a + "\nok\nok 8\n# " + b + "\nerr not_initialized no session: send init first\nok\nok 8\n", r.out);
    }

    @Test
    void givenMalformedUtf8_whenReplayed_thenEarlierLinesAreAnsweredAndTheFileIsRefused() throws IOException {
        // given
        Path file = dir.resolve("bad.trace");
        byte[] head = "init 0 onchain 1 1\nmalloc 8\n".getBytes(StandardCharsets.US_ASCII);
        byte[] bad = {'m', 'a', 'l', 'l', 'o', 'c', ' ', (byte) 0xC3, '\n', 'm', 'a', 'l', 'l', 'o', 'c', ' ', '8', '\n'};
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Files.write(file, all);
        // when
        Run r = replay(file.toString());
        // then
        assertEquals(2, r.status);
        assertEquals("ok\nok 8\n", r.out);
        assertTrue(r.err.contains("not valid UTF-8 text"), r.err);
    }

    @Test
    void givenAMissingFile_whenReplayed_thenItIsNamedAndStatusIs2() {
        // when
        Run r = replay(dir.resolve("nope.trace").toString());
        // then
        assertEquals(2, r.status);
        assertTrue(r.err.contains("nope.trace: no such file"), r.err);
    }
}
