package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.check.report.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 28, item 2: checks of two implementations into one --out (same seed, same sessions) leave
 * both sets of files, and each report points at its own implementation's trace.
 */
class OutputNamesTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void build() throws Exception {
        CExample.build();
    }

    private static CheckRun check(String binary) {
        return CheckRun.of("examples/c/build/" + binary, 1, 2, 200, null, tmp.resolve("out"), 10_000,
                c -> c.maxCauses = 1);
    }

    @Test
    void givenTwoImplementationsCheckedIntoOneOut_whenBothDiverge_thenNeitherReplacesTheOthersFiles() throws Exception {
        CheckRun fifo = check("fba-c-fifo");
        CheckRun noGrow = check("fba-c-no-grow");

        assertEquals(Verdict.DIVERGED, fifo.status, fifo.out);
        assertEquals(Verdict.DIVERGED, noGrow.status, noGrow.out);
        Path a = Path.of((String) fifo.divergence().get("shrunk_file"));
        Path b = Path.of((String) noGrow.divergence().get("shrunk_file"));
        assertNotEquals(a, b);
        assertTrue(a.getFileName().toString().startsWith("divergence-fba-c-fifo-"), a.toString());
        assertTrue(Files.readString(a).contains("# implementation: examples/c/build/fba-c-fifo\n"), a.toString());
        assertTrue(Files.readString(b).contains("# implementation: examples/c/build/fba-c-no-grow\n"), b.toString());
        assertTrue(Files.exists(Path.of((String) fifo.divergence().get("explorer"))));
        assertTrue(Files.exists(Path.of((String) noGrow.divergence().get("explorer"))));
    }
}
