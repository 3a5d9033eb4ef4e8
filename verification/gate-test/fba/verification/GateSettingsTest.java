package fba.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's settings file: lists, per-contract budgets and the chained-contract selection. */
class GateSettingsTest {

    @Test
    void listsAreSplitOnTheirOwnSeparatorTrimmedAndBlanksSkipped(@TempDir Path dir) throws Exception {
        // given settings whose lists carry blanks, stray separators and a comma inside a ';' list
        Path file = settings(dir, "classes= a.A , ,b.B,", "files=a/A.java",
                "contractTimeouts=slow(int)@30; ;",
                "classAxiomsOff= free(long)].contract.6 ; ;pushBlock(int,long) ;",
                "twoPhase= appendBlock( ;;");

        // when it is read
        GateSettings s = GateSettings.read(file);

        // then each list holds exactly its non-blank entries, trimmed
        assertEquals(List.of("a.A", "b.B"), s.classes);
        assertEquals(List.of("a/A.java"), s.files);
        assertEquals(List.of("free(long)].contract.6", "pushBlock(int,long)"), s.classAxiomsOff);
        assertTrue(s.classAxiomsOffFor("X[X::pushBlock(int,long)].JML contract.0"));
        assertFalse(s.classAxiomsOffFor("X[X::free(long)].contract.5"));
        assertEquals(List.of("appendBlock("), s.twoPhase);
        assertTrue(s.twoPhaseFor("X[X::appendBlock(int,long)].JML contract.0"));
        assertFalse(s.twoPhaseFor("X[X::pushBlock(int,long)].JML contract.0"));
        assertEquals(30, s.timeoutFor("X::slow(int)"));
        assertEquals(3000, s.maxStepsFor("X::slow(int)"));
        assertEquals(10, s.timeoutFor("X::fast(int)"));
    }

    @Test
    void aMalformedBudgetIsAnErrorNamingTheEntry(@TempDir Path dir) throws Exception {
        for (String entry : List.of("malloc(long)", "malloc(long)@x", "malloc(long)@0", "@90")) {
            // given a budget entry without a contract substring or a positive number of seconds
            Path file = settings(dir, "classes=a.A", "files=a/A.java", "contractTimeouts=" + entry);

            // when it is read, then the error names the setting and the entry
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GateSettings.read(file));
            assertTrue(e.getMessage().contains("contractTimeouts entry '" + entry + "'"), e.getMessage());
        }
    }

    /** A settings file with the scalar keys every file needs, plus {@code lines}. */
    private static Path settings(Path dir, String... lines) throws Exception {
        Path file = dir.resolve("gate.properties");
        Files.writeString(file, String.join("\n",
                "intRules=arithmeticSemanticsCheckingOF", "maxSteps=1000", "timeoutSeconds=10",
                "sourceRoot=src", "keySettings=k.json", "expected=contracts.tsv", String.join("\n", lines)), StandardCharsets.UTF_8);
        return file;
    }
}
