package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fba replay}: the heap picture, option checks, arrows, and how output reaches stdout. */
class ReplayOutputTest {

    @TempDir
    Path dir;

    private String write(String name, String text) throws IOException {
        return Cli.writeFile(dir, name, text);
    }

    /** Two 8-byte blocks: headers at 0 and 16, pointers 8 and 24. */
    private String twoBlocks() throws IOException {
        return write("two.trace", "init 0 onchain 1 65536\nmalloc 8\nmalloc 8\n");
    }

    private static final Pattern MARKED = Pattern.compile("<title>[^<]* — marked</title>");

    /** The titles of the marked blocks of a picture. */
    private static List<String> marked(String svg) {
        List<String> titles = new ArrayList<>();
        Matcher m = MARKED.matcher(svg);
        while (m.find()) {
            titles.add(m.group());
        }
        return titles;
    }

    @Test
    void givenSvgAndMark_whenReplayed_thenThePictureOutlinesTheBlockHoldingTheAddress() throws IOException {
        // given
        String trace = twoBlocks();
        Path svg = dir.resolve("heap.svg");
        // when
        Cli c = Cli.run("replay", "--svg", svg.toString(), "--mark", "24", trace);
        // then: responses as usual, and the second block (header 16 .. 32) is the one marked
        assertEquals(0, c.status, c.toString());
        assertEquals("ok\nok 8\nok 24\n", c.out);
        String picture = Files.readString(svg);
        assertTrue(picture.startsWith("<svg "), picture);
        assertEquals(List.of("<title>occupied block: header 16, pointer 24, order 0 (8 bytes) — marked</title>"),
                marked(picture));
    }

    @Test
    void givenTheEdgesOfTheMarkRange_whenReplayed_thenBothAreAccepted() throws IOException {
        String trace = twoBlocks();
        Path svg = dir.resolve("edge.svg");
        Cli zero = Cli.run("replay", "--svg", svg.toString(), "--mark", "0", trace);
        assertEquals(0, zero.status, zero.toString());
        assertEquals(1, marked(Files.readString(svg)).size());
        assertTrue(marked(Files.readString(svg)).get(0).contains("header 0,"));
        Cli top = Cli.run("replay", "--svg", svg.toString(), "--mark", "4294967295", trace);
        assertEquals(0, top.status, top.toString());
        assertEquals(List.of(), marked(Files.readString(svg)));
    }

    @Test
    void givenAMarkOutsideItsRange_whenReplayed_thenItIsAUsageError() throws IOException {
        String trace = twoBlocks();
        String svg = dir.resolve("x.svg").toString();
        Cli neg = Cli.run("replay", "--svg", svg, "--mark", "-1", trace);
        assertEquals(2, neg.status, neg.toString());
        assertEquals("fba replay: --mark must be between 0 and 4294967295, got -1\n", neg.err);
        Cli big = Cli.run("replay", "--svg", svg, "--mark", "4294967296", trace);
        assertEquals(2, big.status, big.toString());
        assertEquals("fba replay: --mark must be between 0 and 4294967295, got 4294967296\n", big.err);
    }

    @Test
    void givenAMarkWithoutSvg_whenReplayed_thenItIsAUsageError() throws IOException {
        String trace = twoBlocks();
        for (String mark : new String[] {"0", "8"}) {
            Cli c = Cli.run("replay", "--mark", mark, trace);
            assertEquals(2, c.status, c.toString());
            assertEquals("fba replay: --mark goes with --svg\n", c.err);
            assertEquals("", c.out);
        }
    }

    @Test
    void givenSvgWithTwoFiles_whenReplayed_thenItIsAUsageError() throws IOException {
        String trace = twoBlocks();
        Cli c = Cli.run("replay", "--svg", dir.resolve("y.svg").toString(), trace, trace);
        assertEquals(2, c.status, c.toString());
        assertEquals("fba replay: --svg draws one heap: give exactly one FILE\n", c.err);
    }

    @Test
    void givenSvgButNoSessionInTheTrace_whenReplayed_thenThereIsNoHeapToDraw() throws IOException {
        String trace = write("none.trace", "# nothing here\nmalloc 8\n");
        Path svg = dir.resolve("none.svg");
        Cli c = Cli.run("replay", "--svg", svg.toString(), trace);
        assertEquals(2, c.status, c.toString());
        assertTrue(c.out.startsWith("err not_initialized"), c.toString());
        assertEquals("fba replay: " + trace + ": no session was initialised, so there is no heap to draw\n", c.err);
        assertFalse(Files.exists(svg));
    }

    @Test
    void givenSvgInTheProposalProfile_whenReplayed_thenItSaysThereIsNoPictureForThatProfile() throws IOException {
        String trace = twoBlocks();
        Path svg = dir.resolve("proposal.svg");
        Cli c = Cli.run("replay", "--profile", "proposal", "--svg", svg.toString(), trace);
        assertEquals(2, c.status, c.toString());
        assertEquals("fba replay: " + trace + ": --svg draws sc-allocator's heap; the proposal profile has no picture\n",
                c.err);
        assertFalse(Files.exists(svg));
    }

    @Test
    void givenAnSvgPathThatCannotBeWritten_whenReplayed_thenStatusIs2() throws IOException {
        String trace = twoBlocks();
        Path svg = dir.resolve("no-such-dir").resolve("heap.svg");
        Cli c = Cli.run("replay", "--svg", svg.toString(), trace);
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.startsWith("fba replay: cannot write " + svg + ": "), c.toString());
    }

    @Test
    void givenADirectoryAsTrace_whenReplayed_thenItIsAnIoError() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub.trace"));
        Cli c = Cli.run("replay", sub.toString());
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.startsWith("fba replay: I/O error: "), c.toString());
    }

    @Test
    void givenArrowLookalikes_whenReplayed_thenOnlyASpaceArrowSpaceSplitsTheLine() throws IOException {
        // given: ' => ' with one character wrong in each position, and one real arrow
        String trace = write("arrows.trace", String.join("\n",
                "init 0 onchain 1 65536",
                "malloc 8 -> x",
                "malloc 8x=> x",
                "malloc 8 =? x",
                "malloc 8 =>x",
                "malloc 8 => ok 999",
                ""));
        // when
        Cli c = Cli.run("replay", trace);
        // then
        assertEquals(String.join("\n",
                "ok",
                "err bad_request unexpected extra argument '-> x'",
                "err bad_request size must be an unsigned decimal number, got '8x=>'",
                "err bad_request unexpected extra argument '=? x'",
                "err bad_request unexpected extra argument '=>x'",
                "ok 8",
                ""), c.out);
    }

    @Test
    void requestOfCutsAtTheArrowAndSkipsBlankAndCommentLines() {
        assertNull(ReplayCommand.requestOf(""));
        assertNull(ReplayCommand.requestOf("# malloc 8 => ok 8"));
        assertEquals("malloc 8", ReplayCommand.requestOf("malloc 8 => ok 8"));
        assertEquals("malloc 8", ReplayCommand.requestOf("malloc 8"));
    }

    // ---- how output reaches stdout ----

    /** Records the size of every write that reaches it. */
    private static final class Writes extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> sizes = new ArrayList<>();

        @Override
        public void write(int b) {
            bytes.write(b);
            sizes.add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            sizes.add(len);
        }
    }

    private static int run(PrintStream out, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        return Main.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void givenALongTrace_whenReplayed_thenResponsesLeaveInBlocksOfAtMost64KiB() throws IOException {
        // given: 20 000 responses, about 190 KB
        StringBuilder t = new StringBuilder("init 0 onchain 1 65536\n");
        for (int i = 0; i < 20_000; i++) {
            t.append("malloc 8\n");
        }
        String trace = write("long.trace", t.toString());
        Writes sink = new Writes();
        // when
        int status = run(new PrintStream(sink, false, StandardCharsets.UTF_8), "replay", trace);
        // then: everything arrives, in a few writes none of which exceeds 64 KiB
        assertEquals(0, status);
        String out = sink.bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("ok\nok 8\nok 24\n"));
        assertTrue(out.endsWith("ok " + (8 + 16 * 19_999) + "\n"));
        assertTrue(sink.sizes.size() >= 3 && sink.sizes.size() <= 6, "writes " + sink.sizes);
        for (int size : sink.sizes) {
            assertTrue(size <= 65536, "a write of " + size + " bytes");
        }
    }

    /** Output behind a buffer that only a flush empties. */
    private static final class Buffered {
        final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(new BufferedOutputStream(sink, 1 << 20), false, StandardCharsets.UTF_8);

        String arrived() {
            return sink.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void givenBufferedStdout_whenReplayEnds_thenEverythingHasBeenFlushed() throws IOException {
        String trace = twoBlocks();
        Buffered b = new Buffered();
        assertEquals(0, run(b.out, "replay", trace));
        assertEquals("ok\nok 8\nok 24\n", b.arrived());
    }

    @Test
    void givenBufferedStdout_whenAFileIsMissing_thenTheEarlierResponsesAreFlushedFirst() throws IOException {
        String trace = twoBlocks();
        String missing = dir.resolve("missing.trace").toString();
        Buffered b = new Buffered();
        assertEquals(2, run(b.out, "replay", trace, missing));
        assertEquals("# " + trace + "\nok\nok 8\nok 24\n# " + missing + "\n", b.arrived());
    }

    @Test
    void givenBufferedStdout_whenAFileIsNotUtf8_thenTheEarlierResponsesAreFlushedFirst() throws IOException {
        Path bad = dir.resolve("bad.trace");
        Files.write(bad, new byte[] {'i', 'n', 'i', 't', ' ', '0', ' ', 'o', 'n', 'c', 'h', 'a', 'i', 'n', ' ', '1', ' ',
            '1', '\n', 'm', (byte) 0xC3, '\n'});
        Buffered b = new Buffered();
        assertEquals(2, run(b.out, "replay", bad.toString()));
        assertEquals("ok\n", b.arrived());
    }
}
