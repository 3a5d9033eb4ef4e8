package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fba replay --html}: the trace explorer page (drawn and checked in a browser by fba.report.ExplorerBrowserTest). */
class ReplayHtmlTest {

    @TempDir
    Path dir;

    @Test
    void writesTheExplorerAndStillPrintsTheResponses() throws IOException {
        // given a trace with expectations and a comment
        String f = Cli.writeFile(dir, "t.vec", "# c\ninit 0 onchain 1 1 => ok\nmalloc 1 => ok 8\nfree 8\n");
        Path page = dir.resolve("t.html");
        // when
        Cli c = Cli.run("replay", "--html", page.toString(), f);
        // then
        assertEquals(0, c.status, c.toString());
        assertEquals("ok\nok 8\nok\n", c.out);
        assertEquals("", c.err);
        String html = Files.readString(page);
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>fba trace: t.vec</title>"), html);
        assertTrue(html.contains("{\"q\":\"malloc 1\",\"r\":\"ok 8\",\"m\":8,\"b\":[[0,0,0,0,0]],\"u\":16}"), html);
        assertTrue(html.contains("{\"q\":\"free 8\",\"r\":\"ok\",\"m\":8,\"b\":[[0,0,1,4294967295,0]],\"h\":[[0,0]]}"), html);
        assertTrue(html.matches("(?s).*\"profile\": \"substrate\",\\s*\"divergence\": false.*"), html);
    }

    @Test
    void theProfileOptionReachesThePage() throws IOException {
        String f = Cli.writeFile(dir, "w.vec", "init 4294967295 onchain 1 1\n");
        Path page = dir.resolve("w.html");
        Cli c = Cli.run("replay", "--profile", "strict", "--html", page.toString(), f);
        assertEquals(0, c.status, c.toString());
        String html = Files.readString(page);
        assertTrue(html.contains("\"profile\": \"strict\""), html);
        assertTrue(html.contains("\"r\":\"err heap_base_wrap"), html);
    }

    @Test
    void severalFilesAreAUsageError() throws IOException {
        String f = Cli.writeFile(dir, "a.vec", "pages\n");
        Cli c = Cli.run("replay", "--html", dir.resolve("x.html").toString(), f, f);
        assertEquals(2, c.status, c.toString());
        assertEquals("", c.out);
        assertEquals("fba replay: --html explores one trace: give exactly one FILE\n", c.err.lines().findFirst().orElse("") + "\n");
        assertFalse(Files.exists(dir.resolve("x.html")));
    }

    @Test
    void anUnwritablePageNamesItsPath() throws IOException {
        String f = Cli.writeFile(dir, "a.vec", "init 0 onchain 1 1\n");
        Path page = dir.resolve("no/such/dir/x.html");
        Cli c = Cli.run("replay", "--html", page.toString(), f);
        assertEquals(2, c.status, c.toString());
        assertEquals("ok\n", c.out);
        assertEquals("fba replay: cannot write the explorer " + page + ": no such directory\n", c.err);
    }

    @Test
    void aPagePathThatIsADirectoryNamesTheSystemsReason() throws IOException {
        // given a page path that names an existing directory (not a missing one)
        String f = Cli.writeFile(dir, "a.vec", "init 0 onchain 1 1\n");
        Path page = Files.createDirectory(dir.resolve("page.html"));
        // when
        Cli c = Cli.run("replay", "--html", page.toString(), f);
        // then the reason is the system's, not "no such directory"
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.startsWith("fba replay: cannot write the explorer " + page + ": "), c.err);
        assertFalse(c.err.contains("no such directory"), c.err);
    }

    @Test
    void anUnknownProfilePragmaIsNamedWithItsLine() throws IOException {
        String f = Cli.writeFile(dir, "p.vec", "init 0 onchain 1 1\n#! profile bogus\n");
        Cli c = Cli.run("replay", "--html", dir.resolve("p.html").toString(), f);
        assertEquals(2, c.status, c.toString());
        assertEquals("fba replay: " + f + ": line 2: unknown profile in '#! profile bogus'\n", c.err);
        assertFalse(Files.exists(dir.resolve("p.html")));
    }

    @Test
    void whenTheSvgFailsNoPageIsWritten() throws IOException {
        String f = Cli.writeFile(dir, "n.vec", "pages\n");
        Cli c = Cli.run("replay", "--svg", dir.resolve("n.svg").toString(), "--html", dir.resolve("n.html").toString(), f);
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.contains("no session was initialised"), c.toString());
        assertFalse(Files.exists(dir.resolve("n.html")));
    }
}
