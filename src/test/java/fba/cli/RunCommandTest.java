package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fba run}: replaying vector files and reporting mismatches. */
class RunCommandTest {

    @TempDir
    Path dir;

    private String write(String name, String text) throws IOException {
        return Cli.writeFile(dir, name, text);
    }

    @Test
    void aPassingFileExits0AndSaysPassWithItsExpectationCount() throws IOException {
        String f = write("good.vec", "# pins\ninit 0 onchain 1 65536 => ok\nmalloc 1 => ok 8\nfree 8\nstats => ok 0 16 16 16\n");
        Cli c = Cli.run("run", f);
        assertEquals(0, c.status, c.toString());
        assertTrue(c.out.contains("PASS " + f + " (3 expectations)"), c.toString());
        assertTrue(c.out.contains("vectors: 1 passed, 0 failed"), c.toString());
    }

    @Test
    void aMismatchExits1AndReportsLineRequestExpectedAndActual() throws IOException {
        String f = write("bad.vec", "init 0 onchain 1 65536 => ok\nmalloc 1 => ok 16\nmalloc 1 => ok 999\n");
        Cli c = Cli.run("run", f);
        assertEquals(1, c.status, c.toString());
        assertTrue(c.out.contains("FAIL " + f), c.toString());
        assertTrue(c.out.contains(f + ":2: malloc 1"), c.toString());
        assertTrue(c.out.contains("expected: ok 16"), c.toString());
        assertTrue(c.out.contains("actual:   ok 8"), c.toString());
        assertFalse(c.out.contains("expected: ok 999"), "only the first mismatch is reported\n" + c);
        assertTrue(c.out.contains("vectors: 0 passed, 1 failed"), c.toString());
    }

    @Test
    void errorsCompareByCodeOnly() throws IOException {
        String f = write("e.vec", "init 0 onchain 1 65536 => ok\nfree 0 => err invalid_pointer whatever text\n"
            + "free 8 => err poisoned\n");
        assertEquals(0, Cli.run("run", f).status);
        String g = write("g.vec", "init 0 onchain 1 65536 => ok\nfree 0 => err not_allocated\n");
        assertEquals(1, Cli.run("run", g).status);
    }

    @Test
    void aDirectoryRunsEveryVecFileAndOneFailureFailsTheRun() throws IOException {
        write("d/a.vec", "init 0 onchain 1 1 => ok\n");
        write("d/sub/b.vec", "init 0 onchain 1 1 => err bad_request\n");
        write("d/c.txt", "this is not a vector\n");
        Cli c = Cli.run("run", dir.resolve("d").toString());
        assertEquals(1, c.status, c.toString());
        assertTrue(c.out.contains("(2 expectations checked in 2 files)"), c.toString());
        assertTrue(c.out.contains("vectors: 1 passed, 1 failed"), c.toString());
    }

    @Test
    void quietOmitsPassLinesButNotFailures() throws IOException {
        String ok = write("ok.vec", "init 0 onchain 1 1 => ok\n");
        String no = write("no.vec", "init 0 onchain 1 1 => ok 1\n");
        Cli c = Cli.run("run", "--quiet", ok, no);
        assertFalse(c.out.contains("PASS"), c.toString());
        assertTrue(c.out.contains("FAIL " + no), c.toString());
    }

    @Test
    void theProfilePragmaOverridesTheProfileOption() throws IOException {
        String strict = write("s.vec", "#! profile strict\ninit 4294967295 onchain 1 1 => err heap_base_wrap\n");
        assertEquals(0, Cli.run("run", strict).status);
        assertEquals(0, Cli.run("run", "--profile", "substrate", strict).status);
        String plain = write("p.vec", "init 4294967295 onchain 1 1 => err heap_base_wrap\n");
        assertEquals(1, Cli.run("run", plain).status);
        Cli c = Cli.run("run", "--profile=strict", plain);
        assertEquals(0, c.status, c.toString());
    }

    @Test
    void aMissingFileExits2NamingIt() {
        Cli c = Cli.run("run", dir.resolve("absent.vec").toString());
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.contains("absent.vec: no such file or directory"), c.toString());
    }

    @Test
    void aDirectoryWithoutVectorsExits2() throws IOException {
        write("empty/readme.txt", "");
        Cli c = Cli.run("run", dir.resolve("empty").toString());
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.contains("no vector files"), c.toString());
    }

    @Test
    void malformedVectorFilesExit2NamingFileAndLine() throws IOException {
        String pragma = write("m1.vec", "# x\n#! profile fast\n");
        Cli a = Cli.run("run", pragma);
        assertEquals(2, a.status, a.toString());
        assertTrue(a.err.contains("m1.vec:2"), a.toString());
        String arrow = write("m2.vec", "init 0 onchain 1 1 => ok\nmalloc 1 =>  \n");
        Cli b = Cli.run("run", arrow);
        assertEquals(2, b.status, b.toString());
        assertTrue(b.err.contains("m2.vec:2"), b.toString());
        Path bin = dir.resolve("m3.vec");
        Files.write(bin, new byte[] {'i', (byte) 0xFF, '\n'});
        Cli d = Cli.run("run", bin.toString());
        assertEquals(2, d.status, d.toString());
        assertTrue(d.err.contains("UTF-8"), d.toString());
    }

    @Test
    void givenNoFiles_whenRun_thenTheBundledSetRunsAndIsNamedWithItsHash() throws IOException {
        // when
        Cli c = Cli.run("run", "--quiet");
        // then: the set the jar was built from, spec/vectors, ran whole
        fba.check.vectors.VectorSet spec = fba.check.vectors.VectorSet.directory(java.nio.file.Path.of("spec", "vectors"));
        Cli d = Cli.run("run", "--quiet", "spec/vectors");
        assertEquals(0, c.status, c.toString());
        assertEquals(0, d.status, d.toString());
        String counts = d.out.substring(d.out.indexOf('\n') + 1);
        assertTrue(counts.endsWith("vectors: " + spec.size() + " passed, 0 failed\n"), d.toString());
        assertEquals("vector set: bundled, " + spec.size() + " files, " + fba.check.vectors.VectorSet.bundled().hash() + "\n"
                + counts, c.out);
    }

    @Test
    void crlfVectorFilesRun() throws IOException {
        String f = write("crlf.vec", "# x\r\ninit 0 onchain 1 1 => ok\r\nmalloc 1 => ok 8\r\n");
        Cli c = Cli.run("run", f);
        assertEquals(0, c.status, c.toString());
        assertTrue(c.out.contains("(2 expectations)"), c.toString());
    }

    @Test
    void theBundledVectorsPass() {
        Cli c = Cli.run("run", "--quiet", "spec/vectors");
        assertEquals(0, c.status, c.toString());
        assertTrue(c.out.contains(" 0 failed"), c.toString());
    }

    @Test
    void anArrowWithoutItsSpaceANoExpectationFileAndABadResponseEachExit2NamingFileAndLine() throws IOException {
        String[][] cases = {
            {"glued.vec", "init 0 onchain 1 1 => ok\nmalloc 8 =>ok 8\n", ":2: '=>' needs one space on each side"},
            {"glued2.vec", "init 0 onchain 1 1 => ok\nmalloc 8=> ok 8\n", ":2: '=>' needs one space on each side"},
            {"none.vec", "# nothing compared\ninit 0 onchain 1 1\nmalloc 8\n", ":3: end of file, and no line has an expectation"},
            {"banana.vec", "init 0 onchain 1 1 => ok\nmalloc 8 => banana\n", ":2: 'banana' after '=>' is not a response"},
            {"code.vec", "init 0 onchain 1 1 => ok\nfree 8 => err no_such_code\n", ":2: 'err no_such_code' after '=>'"},
            {"pragma.vec", "#! smok\ninit 0 onchain 1 1 => ok\n", ":1: unknown pragma '#! smok'"},
        };
        for (String[] k : cases) {
            String f = write(k[0], k[1]);
            Cli c = Cli.run("run", f);
            assertEquals(2, c.status, c.toString());
            assertTrue(c.err.contains("fba run: " + f + k[2]), c.toString());
            assertTrue(c.out.contains("MALFORMED " + f), c.toString());
            assertTrue(c.out.contains("vectors: 0 passed, 0 failed, 1 malformed"), c.toString());
        }
    }

    @Test
    void aSmokeFileRunsItsRequestsWithoutExpectationsAndMayHoldNone() throws IOException {
        String smoke = write("smoke.vec", "#! smoke\ninit 0 onchain 1 1\nmalloc 8\nfree 8\n");
        Cli c = Cli.run("run", smoke);
        assertEquals(0, c.status, c.toString());
        assertTrue(c.out.contains("PASS " + smoke + " (smoke: 3 requests, nothing compared)"), c.toString());
        String both = write("both.vec", "#! smoke\ninit 0 onchain 1 1\nmalloc 8 => ok 8\n");
        Cli d = Cli.run("run", both);
        assertEquals(2, d.status, d.toString());
        assertTrue(d.err.contains(both + ":3: an expectation in a file declared '#! smoke' at line 1"), d.toString());
    }

    @Test
    void aDirectoryWithMalformedFilesReportsEveryOtherFileAndExits2() throws IOException {
        write("m/a.vec", "init 0 onchain 1 1 => ok\n");
        write("m/b.vec", "malloc 8 =>ok 8\n");
        write("m/c.vec", "init 0 onchain 1 1 => ok 5\n");
        write("m/d.vec", "init 0 onchain 1 1 => ok\nmalloc 8 => ok 8\n");
        write("m/e.vec", "init 0 onchain 1 1\n");
        Cli c = Cli.run("run", dir.resolve("m").toString());
        assertEquals(2, c.status, "a malformed file outranks a mismatch\n" + c);
        for (String line : new String[] {"PASS " + dir.resolve("m/a.vec"), "MALFORMED " + dir.resolve("m/b.vec"),
            "FAIL " + dir.resolve("m/c.vec"), "PASS " + dir.resolve("m/d.vec"), "MALFORMED " + dir.resolve("m/e.vec")}) {
            assertTrue(c.out.contains(line + "\n") || c.out.contains(line + " ("), line + "\n" + c);
        }
        assertTrue(c.err.contains("b.vec:1:") && c.err.contains("e.vec:1:"), c.toString());
        assertTrue(c.out.contains("vectors: 2 passed, 1 failed, 2 malformed"), c.toString());
    }

    @Test
    void devNullAndOtherNonFilesAreNamedAsSuch() throws IOException {
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull), "a system with /dev/null");
        Cli c = Cli.run("run", devNull.toString());
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.contains("fba run: /dev/null: not a regular file or a directory"), c.toString());
        String empty = write("empty.vec", "");
        Cli d = Cli.run("run", empty);
        assertEquals(2, d.status, d.toString());
        assertTrue(d.err.contains(empty + ": empty file: no request in it"), d.toString());
    }
}
