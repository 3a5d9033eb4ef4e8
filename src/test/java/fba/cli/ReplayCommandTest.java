package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fba replay}: the reference's response to every request. */
class ReplayCommandTest {

    @TempDir
    Path dir;

    private String write(String name, String text) throws IOException {
        return Cli.writeFile(dir, name, text);
    }

    @Test
    void printsOneResponsePerRequestIgnoringExpectationsAndComments() throws IOException {
        String f = write("t.trace", "# a trace\ninit 0 onchain 1 65536\n\nmalloc 1 => ok 999\nfree 3\nfree 8\n");
        Cli c = Cli.run("replay", f);
        assertEquals(0, c.status, c.toString());
        String[] lines = c.out.split("\n");
        assertEquals(4, lines.length, c.toString());
        assertEquals("ok", lines[0]);
        assertEquals("ok 8", lines[1]);
        assertTrue(lines[2].startsWith("err invalid_pointer "), c.toString());
        assertTrue(lines[3].startsWith("err poisoned "), c.toString());
    }

    @Test
    void aRequestOnALineWithNonAsciiTextIsStillAnswered() throws IOException {
        // given requests whose lines carry non-ASCII text after the arrow and in a comment line
        String f = Cli.writeFile(dir, "u.vec", "# größe\ninit 0 onchain 1 1 => ok \u00e9\nmalloc 1 => ok 8 \u00fc\n");
        // when
        Cli c = Cli.run("replay", f);
        // then each request is answered, the comment is not
        assertEquals(0, c.status, c.toString());
        assertEquals("ok\nok 8\n", c.out);
    }

    @Test
    void crlfLinesAreHandledLikeLf() throws IOException {
        String f = write("crlf.trace", "init 0 onchain 1 65536\r\nmalloc 1\r\nstats\r\n");
        Cli c = Cli.run("replay", f);
        assertEquals("ok\nok 8\nok 16 16 16 16\n", c.out, c.toString());
    }

    @Test
    void severalFilesEachGetAFreshSessionAndAHeader() throws IOException {
        String a = write("a.trace", "init 0 onchain 1 65536\nmalloc 1\n");
        String b = write("b.trace", "malloc 1\n");
        Cli c = Cli.run("replay", a, b);
        assertEquals(0, c.status, c.toString());
        assertTrue(c.out.startsWith("# " + a + "\nok\nok 8\n# " + b + "\nerr not_initialized"), c.toString());
    }

    @Test
    void theProfileOptionIsHonoured() throws IOException {
        String f = write("w.trace", "init 4294967295 onchain 1 65536\n");
        assertEquals("ok\n", Cli.run("replay", f).out);
        assertTrue(Cli.run("replay", "--profile", "strict", f).out.startsWith("err heap_base_wrap"));
    }

    @Test
    void aMissingFileExits2NamingIt() throws IOException {
        String a = write("a.trace", "init 0 onchain 1 65536\n");
        Cli c = Cli.run("replay", a, dir.resolve("missing.trace").toString());
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.contains("missing.trace: no such file"), c.toString());
        assertTrue(c.out.contains("ok"), "responses before the missing file are still printed\n" + c);
    }

    @Test
    void invalidUtf8Exits2() throws IOException {
        Path p = dir.resolve("bin.trace");
        Files.write(p, new byte[] {'m', (byte) 0xC0, '\n'});
        Cli c = Cli.run("replay", p.toString());
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.contains("not valid UTF-8"), c.toString());
    }

    @Test
    void noFilesIsAUsageError() {
        Cli c = Cli.run("replay");
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.contains("needs at least one FILE"), c.toString());
    }

    @Test
    void aLongTraceIsPrintedCompletely() throws IOException {
        StringBuilder t = new StringBuilder("init 0 onchain 1 65536\n");
        for (int i = 0; i < 5000; i++) {
            t.append("malloc 8\n");
        }
        Cli c = Cli.run("replay", write("long.trace", t.toString()));
        String[] lines = c.out.split("\n");
        assertEquals(5001, lines.length);
        assertEquals("ok " + (16 * 4999 + 8), lines[5000]);
    }
}
