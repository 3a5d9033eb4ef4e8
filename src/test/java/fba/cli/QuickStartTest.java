package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain serve and replay forms skip picocli, and give exactly what picocli's path gives. */
class QuickStartTest {

    @TempDir
    Path tmp;

    private static final Io IO = new Io(System.out, System.err);

    @Test
    void givenThePlainForms_whenLookedUp_thenTheyRunWithoutPicocli() {
        assertNotNull(QuickStart.of(new String[] {"serve"}, IO));
        assertNotNull(QuickStart.of(new String[] {"serve", "--profile", "strict"}, IO));
        assertNotNull(QuickStart.of(new String[] {"serve", "--profile=proposal"}, IO));
        assertNotNull(QuickStart.of(new String[] {"replay", "a.trace"}, IO));
        assertNotNull(QuickStart.of(new String[] {"replay", "--profile", "strict", "a.trace", "b.trace"}, IO));
    }

    @Test
    void givenAnythingElse_whenLookedUp_thenPicocliHandlesIt() {
        String[][] others = {
            {}, {"run"}, {"check"}, {"serve", "--help"}, {"serve", "x"}, {"serve", "--profile"},
            {"serve", "--profile", "bogus"}, {"serve", "--profile=bogus"}, {"serve", "--profile", "strict", "x"},
            {"replay"}, {"replay", "--profile", "strict"}, {"replay", "-h"}, {"replay", "a", "--html", "o.html"},
            {"replay", "@args"}, {"replay", "--", "a"}, {"replay", ""}, {"replay", "--profile", "--help"},
        };
        for (String[] args : others) {
            assertNull(QuickStart.of(args, IO), String.join(" ", args));
        }
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)};
    }

    /** Through picocli: an option it accepts that QuickStart does not take ("--profile" given twice). */
    private static String[] viaPicocli(String profile, String... files) {
        String[] args = new String[files.length + 5];
        args[0] = "replay";
        args[1] = "--profile";
        args[2] = "substrate";
        args[3] = "--profile";
        args[4] = profile;
        System.arraycopy(files, 0, args, 5, files.length);
        assertNull(QuickStart.of(args, IO));
        return run(args);
    }

    @Test
    void givenTraces_whenReplayedByEitherPath_thenStatusOutputAndErrorsAreTheSame() throws Exception {
        // given two traces, one with a line that is not UTF-8, and a missing file
        Path a = Files.writeString(tmp.resolve("a.trace"), "init 0 onchain 1 4\nmalloc 8\nstats\nfree 8\nbogus\n");
        Path b = tmp.resolve("b.trace");
        Files.write(b, "init 0 onchain 1 1\nmalloc 1\n\u00ff\n".getBytes(StandardCharsets.ISO_8859_1));
        Path missing = tmp.resolve("missing.trace");

        for (String profile : new String[] {"substrate", "strict", "proposal"}) {
            for (String[] files : new String[][] {{a.toString()}, {a.toString(), b.toString()},
                {missing.toString()}}) {
                // when
                String[] quick = run(concat(new String[] {"replay", "--profile", profile}, files));
                String[] slow = viaPicocli(profile, files);

                // then
                assertEquals(String.join("|", slow), String.join("|", quick), profile + " " + String.join(" ", files));
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void givenACommandThatEndsOrFails_whenRunPlainly_thenItsStatusOrOneLineAndStatus2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        // a command's own status passes through
        assertEquals(7, QuickStart.run("serve", () -> 7, io));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        // a usage problem is its message, named by the command
        assertEquals(2, QuickStart.run("replay", () -> {
            throw new UsageException("cannot read x.trace");
        }, io));
        assertEquals("fba replay: cannot read x.trace\n", err.toString(StandardCharsets.UTF_8));
        err.reset();
        // a defect of fba is one line saying what and where, never a stack trace
        assertEquals(2, QuickStart.run("serve", () -> {
            throw new IllegalStateException("boom");
        }, io));
        String line = err.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("fba serve: internal error: java.lang.IllegalStateException: boom at fba.cli.QuickStartTest"), line);
        assertEquals(1, line.lines().count(), line);
    }
}
