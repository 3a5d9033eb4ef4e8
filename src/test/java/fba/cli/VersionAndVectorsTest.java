package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.check.vectors.VectorSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fba --version}, {@code fba vectors export} and {@code fba completion}. */
class VersionAndVectorsTest {

    @TempDir
    Path dir;

    @Test
    void givenVersion_whenRun_thenVersionCommitAndTheBundledSetsHashArePrinted() throws IOException {
        // given: the build recorded its version and commit (pom.xml, VectorIndex)
        Properties build = fba.check.vectors.VectorIndex.buildProperties();
        VectorSet bundled = VectorSet.bundled();
        for (String flag : new String[] {"--version", "-V"}) {
            // when
            Cli c = Cli.run(flag);
            // then
            assertEquals(0, c.status, c.toString());
            assertEquals("fba " + build.getProperty("version") + "\n"
                    + "commit " + build.getProperty("commit") + "\n"
                    + "vectors " + bundled.hash() + " (" + bundled.size() + " files bundled)\n", c.out);
            assertTrue(build.getProperty("commit").matches("[0-9a-f]{40}(-dirty)?|unknown"), c.out);
        }
    }

    @Test
    void givenAnEmptyFolder_whenVectorsAreExported_thenTheyAreTheBundledSetWithItsHash() throws IOException {
        // given
        Path target = dir.resolve("v");
        // when
        Cli c = Cli.run("vectors", "export", target.toString());
        // then
        String hash = VectorSet.bundled().hash();
        assertEquals(0, c.status, c.toString());
        int files = VectorSet.directory(Path.of("spec", "vectors")).size();
        assertEquals("exported " + files + " vector files to " + target + " (" + hash + ")\n", c.out);
        assertEquals(hash, VectorSet.directory(target).hash());
        assertEquals(VectorSet.directory(Path.of("spec", "vectors")).hash(), hash);
    }

    @Test
    void givenAnExportTargetThatIsAFile_whenExported_thenExit2NamingIt() throws IOException {
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");
        Cli c = Cli.run("vectors", "export", file.toString());
        assertEquals(2, c.status, c.toString());
        assertEquals("fba vectors export: cannot write into " + file + ": it is a file, not a directory\n", c.err);
        assertEquals("", c.out);
    }

    @Test
    void givenVectorsWithoutACommand_whenRun_thenExit2SayingWhatIsMissing() {
        Cli c = Cli.run("vectors");
        assertEquals(2, c.status, c.toString());
        assertEquals("fba vectors: needs a command: export DIR (see fba vectors --help)\n", c.err);
        Cli noDir = Cli.run("vectors", "export");
        assertEquals(2, noDir.status, noDir.toString());
        assertEquals("fba vectors export: needs DIR (see fba vectors export --help)\n", noDir.err);
    }

    @Test
    void givenCompletion_whenRun_thenABashScriptCompletesEveryCommandAndCheckOption() {
        Cli c = Cli.run("completion");
        assertEquals(0, c.status, c.toString());
        assertTrue(c.out.startsWith("#!/usr/bin/env bash"), c.out.substring(0, Math.min(200, c.out.length())));
        for (String word : new String[] {"serve", "replay", "run", "check", "merge", "vectors", "export",
            "--jobs", "--shard", "--impl", "(\"substrate\" \"strict\" \"proposal\") # --profile values"}) {
            assertTrue(c.out.contains(word), word);
        }
    }

    @Test
    void givenTheCompletionScriptInBash_whenTabIsPressedAfterDotSlashFbaOrFba_thenTheCommandsAreOffered() throws Exception {
        // given the script loaded into bash, as `source <(./fba completion)` does
        Path script = dir.resolve("fba-completion.bash");
        Files.writeString(script, Cli.run("completion").out);
        for (String word : new String[] {"./fba", "fba"}) {
            // when bash completes "WORD ch" (what the compspec's function does on TAB)
            String probe = "source " + script + " && complete -p " + word + " >/dev/null"
                    + " && COMP_WORDS=(" + word + " ch) && COMP_CWORD=1 && COMP_LINE='" + word + " ch' && COMP_POINT=${#COMP_LINE}"
                    + " && _complete_fba && printf '%s\\n' \"${COMPREPLY[@]}\"";
            Process p = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            // then the script is registered for the word and offers the command it begins
            assertEquals(0, p.waitFor(), word + ": " + out);
            assertEquals("check\n", out, word);
        }
    }

    @Test
    void givenCompletionHelp_whenRun_thenItNamesTheCommandAsItIs() {
        Cli c = Cli.run("completion", "--help");
        assertEquals(0, c.status, c.toString());
        assertTrue(c.out.startsWith("usage: fba completion [-h]\n"), c.out);
        assertTrue(c.out.contains("source <(./fba completion)"), c.out);
        assertFalse(c.out.contains("generate-completion"), c.out);
    }

    @Test
    void givenHelpForTheNewCommands_whenRun_thenEachOpensWithItsUsage() {
        String[][] cases = {{"vectors", "--help"}, {"vectors", "export", "-h"}, {"check", "merge", "--help"},
            {"help", "check"}};
        String[] starts = {"usage: fba vectors [-h] export DIR", "usage: fba vectors export [-h] DIR",
            "usage: fba check merge [-h] [--report=FILE] REPORT...", "usage: fba check [-h]"};
        for (int i = 0; i < cases.length; i++) {
            Cli c = Cli.run(cases[i]);
            assertEquals(0, c.status, c.toString());
            assertTrue(c.out.startsWith(starts[i]), c.out);
        }
    }

    @Test
    void givenNoCommand_whenRun_thenTheUsageGoesToStderrWithExit2() {
        Cli c = Cli.run();
        assertEquals(2, c.status, c.toString());
        assertEquals(Main.usage(), c.err);
        assertTrue(c.err.startsWith("usage: fba <command> [options]\n"), c.err);
    }
}
