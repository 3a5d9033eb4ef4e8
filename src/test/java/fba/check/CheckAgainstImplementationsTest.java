package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.check.report.Verdict;
import fba.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code fba check} driving real subprocesses: the reference itself, broken allocators, broken processes. */
class CheckAgainstImplementationsTest {

    @TempDir
    Path tmp;

    @Test
    void givenTheReferenceServingTheProtocol_whenChecked_thenNoDivergence() {
        CheckRun r = CheckRun.of(CheckRun.java("fba.cli.Main serve"), 5, 40, 500, null, tmp, 20_000);

        assertEquals(Verdict.PASS, r.status, r.out);
        assertTrue(r.out.contains("zero divergences"), r.out);
        assertEquals(20_000L, r.report.get("requests"));
        assertEquals(40, r.report.get("sessions"));
    }

    @Test
    void givenTheReferenceInTheStrictProfile_whenCheckedInThatProfile_thenNoDivergence_andInTheOtherItDiverges() {
        String strict = CheckRun.java("fba.cli.Main serve --profile strict");

        CheckRun same = CheckRun.of(strict, fba.core.Profile.STRICT, 5, 30, 500, null, tmp, 20_000);
        CheckRun other = CheckRun.of(strict, fba.core.Profile.SUBSTRATE, 5, 30, 500, null, tmp, 20_000,
                c -> c.maxCauses = 1);

        assertEquals(Verdict.PASS, same.status, same.out);
        assertEquals(Verdict.DIVERGED, other.status, other.out);
        assertTrue(other.out.contains("_wrap"), "a strict refusal is what differs:\n" + other.out);
    }

    @Test
    void givenTheReferenceInTheProposalProfile_whenCheckedInThatProfile_thenNoDivergence_andTheSubstrateDiverges()
            throws Exception {
        // given the bundled vectors: the proposal's pinned files run, every other file is skipped
        CheckRun same = CheckRun.of(CheckRun.java("fba.cli.Main serve --profile proposal"), fba.core.Profile.PROPOSAL,
                5, 30, 500, Path.of("spec", "vectors"), tmp, 20_000);
        CheckRun substrate = CheckRun.of(CheckRun.java("fba.cli.Main serve"), fba.core.Profile.PROPOSAL,
                5, 30, 500, null, tmp, 20_000, c -> c.maxCauses = 1);

        assertEquals(Verdict.PASS, same.status, same.out);
        assertTrue(same.out.contains("skipped for another profile"), same.out);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> vectors = (java.util.Map<String, Object>) same.report.get("vectors");
        assertTrue(((Number) vectors.get("files_run")).intValue() >= 13, same.out);
        assertEquals(Verdict.DIVERGED, substrate.status, substrate.out);
        Path file = Path.of((String) substrate.divergence().get("shrunk_file"));
        assertTrue(Files.readString(file).contains("#! profile proposal"), "the shrunk trace pins its profile");
        assertEquals(0, runVectors(file), "the reference must pass its own shrunk trace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "nogrow", "zero"})
    void givenAnAllocatorWithOneRealFault_whenChecked_thenItDivergesAndShrinksToAtMostSixRequests(String fault)
            throws Exception {
        // one cause is enough here (each shrink attempt starts a JVM); PlantedFaultsTest checks several
        CheckRun r = CheckRun.of(CheckRun.java("fba.check.BrokenServe " + fault), 11, 50, 1000, null, tmp, 20_000,
                c -> c.maxCauses = 1);

        assertEquals(Verdict.DIVERGED, r.status, r.out);
        int length = ((Number) r.divergence().get("shrunk_length")).intValue();
        assertTrue(length <= 6, "shrunk to " + length + " requests:\n" + r.out);
        assertTrue(r.out.contains("<-- implementation:"), r.out);
        // The written trace carries the reference's answers: the reference passes it, the fault does not.
        Path file = Path.of((String) r.divergence().get("shrunk_file"));
        assertTrue(Files.readString(file).contains("=> "), file.toString());
        assertEquals(0, runVectors(file), "the reference must pass its own shrunk trace");
        // and the explorer page next to it carries the implementation's answer at the divergent request
        Path page = Path.of((String) r.divergence().get("explorer"));
        assertEquals(file.resolveSibling(file.getFileName().toString().replace(".vec", ".html")), page);
        String html = Files.readString(page);
        Object actual = ((List<?>) r.divergence().get("shrunk_trace")).stream().map(e -> ((Map<?, ?>) e).get("actual"))
                .filter(a -> a != null).findFirst().orElseThrow();
        assertTrue(html.contains("\"i\":\"" + actual + "\""), html);
        assertTrue(r.out.contains("explorer (both answers, the heap at every step): " + page), r.out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"crash", "hang", "garbage", "eof"})
    void givenAProcessThatMisbehavesMidway_whenChecked_thenItIsACauseWithExit1(String fault) {
        CheckRun r = CheckRun.of(CheckRun.java("fba.check.BrokenServe " + fault + " 3000"), 11, 6, 1000, null,
                tmp, 3_000, c -> c.shrinkMs = 5_000);

        assertEquals(Verdict.DIVERGED, r.status, r.out);
        String expected = fault.equals("crash") ? "crashed (exit status 3)"
                : fault.equals("hang") ? "hung: no response within 3000 ms"
                : fault.equals("garbage") ? "not a protocol response"
                : "closed its output";
        assertTrue(r.out.contains("  actual:   the implementation "), r.out);
        assertTrue(r.out.contains(expected), r.out);
        String kind = fault.equals("eof") ? "crash" : fault;
        assertTrue(((String) r.divergence().get("signature")).startsWith(kind + " "), r.out);
        assertTrue(r.out.contains(kind.toUpperCase(java.util.Locale.ROOT) + " in session "), r.out);
        // it fails only after 3000 answers in one process: never in a session replayed alone
        assertEquals(false, r.divergence().get("reproduced_alone"), r.out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exit1", "extra"})
    void givenAProcessThatAnswersEverythingButMisbehavesAtTheEnd_whenChecked_thenExit2(String fault) {
        CheckRun r = CheckRun.of(CheckRun.java("fba.check.BrokenServe " + fault), 3, 5, 200, null, tmp, 5_000);

        assertEquals(Verdict.IMPL_FAILED, r.status, r.out);
        assertTrue(r.out.contains(fault.equals("exit1") ? "exited with status 1 after its input was closed"
                : "printed a line after the last owed response"), r.out);
        assertEquals(1000L, r.report.get("requests"));
    }

    @Test
    void givenAShellCommandThatNeverAnswers_whenChecked_thenTheWholeProcessTreeIsKilledAndExit2()
            throws InterruptedException {
        CheckRun r = CheckRun.of("sleep 61.37; echo never", 1, 50, 1000, null, tmp, 1_000);

        // Had the gate waited for the child, the shell would have printed "never" and exited.
        assertEquals(Verdict.IMPL_FAILED, r.status, r.out);
        assertTrue(r.out.contains("hung: no response within 1000 ms"), r.out);
        assertTrue(!r.out.contains("it printed: never"), r.out);
        assertTrue(noProcessRuns("sleep 61.37"), "the shell's child must be killed with it");
    }

    @Test
    void givenACommandThatDoesNotExist_whenChecked_thenExit2() {
        CheckRun r = CheckRun.of("/nonexistent/impl", 1, 1, 10, null, tmp, 2_000);

        assertEquals(Verdict.IMPL_FAILED, r.status, r.out);
    }

    @Test
    void givenVectorFiles_whenCheckedWithAFault_thenTheVectorFailsFirstAndOtherProfilesAreSkipped()
            throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("vectors"));
        Files.writeString(dir.resolve("a-strict.vec"), "#! profile strict\ninit 4294967295 onchain 1 1 => err heap_base_wrap\n");
        Files.writeString(dir.resolve("b-grow.vec"), "init 0 onchain 1 4 => ok\nmalloc 8 => ok 8\n"
                + "malloc 65536 => ok 24\npages => ok 2\n");

        CheckRun r = CheckRun.of(CheckRun.java("fba.check.BrokenServe nogrow"), 1, 5, 100, dir, tmp, 20_000,
                c -> c.maxCauses = 1);
        CheckRun on = CheckRun.of(CheckRun.java("fba.check.BrokenServe nogrow"), 1, 5, 100, dir, tmp, 20_000);

        assertEquals(Verdict.DIVERGED, r.status, r.out);
        assertTrue(r.out.contains("DIVERGENCE in vector file " + dir.resolve("b-grow.vec") + ":3"), r.out);
        assertEquals(1, ((java.util.Map<?, ?>) r.report.get("vectors")).get("files_skipped"));
        assertEquals(0L, r.report.get("requests"), "with --max-causes 1 nothing runs after a vector diverged");
        // by default the check goes on into the generated sessions and counts the cause there too
        assertEquals(500L, on.report.get("requests"), on.out);
        Map<?, ?> cause = (Map<?, ?>) ((List<?>) on.report.get("divergences")).get(0);
        assertEquals("malloc ok/out_of_space", cause.get("signature"), on.out);
        assertTrue(((Number) cause.get("count")).longValue() >= 1, on.out);
    }

    @Test
    void givenVectorFiles_whenCheckedAgainstTheReference_thenTheyPassBeforeTheGeneratedSessions() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("vectors"));
        Files.writeString(dir.resolve("pre-init.vec"), "malloc 8 => err not_initialized\ninit 0 onchain 1 1 => ok\n"
                + "malloc 8 => ok 8\n# a comment\nfree 8 => ok\nstats\n");

        CheckRun r = CheckRun.of(CheckRun.java("fba.cli.Main serve"), 2, 3, 200, dir, tmp, 20_000);

        assertEquals(Verdict.PASS, r.status, r.out);
        assertEquals(1, ((java.util.Map<?, ?>) r.report.get("vectors")).get("files_run"));
        assertEquals(600L, r.report.get("requests"));
    }

    /** Whether no process runs {@code command}, allowing the kill signal a few seconds to land. */
    private static boolean noProcessRuns(String command) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            boolean running = ProcessHandle.allProcesses()
                    .anyMatch(p -> p.isAlive() && p.info().commandLine().orElse("").contains(command));
            if (!running) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static int runVectors(Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        return Main.run(new String[] {"run", file.toString()}, ps, ps);
    }
}
