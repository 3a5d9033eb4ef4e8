package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code fba serve}: the protocol on stdin/stdout. */
class ServeCommandTest {

    private static Cli serve(String input, String... args) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            String[] full = new String[args.length + 1];
            full[0] = "serve";
            System.arraycopy(args, 0, full, 1, args.length);
            return Cli.run(full);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void answersEveryRequestInOrderAndSkipsBlankAndCommentLines() {
        Cli c = serve("malloc 8\n# comment\n\ninit 0 onchain 1 65536\r\nmalloc 9\nbogus\nstats\n");
        assertEquals(0, c.status, c.toString());
        String[] lines = c.out.split("\n");
        assertEquals(5, lines.length, c.toString());
        assertTrue(lines[0].startsWith("err not_initialized"));
        assertEquals("ok", lines[1]);
        assertEquals("ok 8", lines[2]);
        assertTrue(lines[3].startsWith("err bad_request unknown request 'bogus'"));
        assertEquals("ok 24 24 24 24", lines[4]);
    }

    @Test
    void givenTheProposalProfile_whenTheBlockAtAddress0IsFreed_thenTheNextMallocBumpsPastIt() {
        // the acceptance line: the proposal's 0 empty-marker loses the block at 0
        Cli c = serve("init 0 onchain 1 1\nmalloc 8\nfree 8\nmalloc 8\n", "--profile", "proposal");
        assertEquals(0, c.status, c.toString());
        assertEquals("ok\nok 8\nok\nok 24\n", c.out);
        // and the substrate reuses it
        assertEquals("ok\nok 8\nok\nok 8\n", serve("init 0 onchain 1 1\nmalloc 8\nfree 8\nmalloc 8\n").out);
    }

    @Test
    void givenAnUnknownProfile_whenServing_thenAUsageErrorListsTheThreeProfiles() {
        Cli c = serve("", "--profile", "seed");
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.contains("--profile must be one of substrate, strict, proposal, got 'seed'"), c.toString());
    }

    @Test
    void aFinalLineWithoutNewlineIsAnswered() {
        Cli c = serve("init 0 onchain 1 65536\nmalloc 1");
        assertEquals("ok\nok 8\n", c.out);
    }

    @Test
    void emptyInputGivesNoOutput() {
        Cli c = serve("");
        assertEquals(0, c.status);
        assertEquals("", c.out);
    }

    @Test
    void theStrictProfileIsSelectable() {
        Cli c = serve("init 4294967290 onchain 1 65536\n", "--profile", "strict");
        assertTrue(c.out.startsWith("err heap_base_wrap"), c.toString());
    }

    @Test
    void positionalArgumentsAreAUsageError() {
        Cli c = serve("", "file.trace");
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.contains("takes no arguments, got 'file.trace'"), c.toString());
    }
}
