package fba.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MutantGateTest {

    private static String mutation(String clazz, String method, String description, boolean detected) {
        return "<mutation detected='" + detected + "' status='" + (detected ? "KILLED" : "SURVIVED")
                + "' numberOfTestsRun='1'><sourceFile>X.java</sourceFile><mutatedClass>" + clazz
                + "</mutatedClass><mutatedMethod>" + method + "</mutatedMethod><methodDescription>(J)J</methodDescription>"
                + "<lineNumber>7</lineNumber><mutator>org.pitest.mutationtest.engine.gregor.mutators.MathMutator</mutator>"
                + "<indexes><index>3</index></indexes><description>" + description + "</description></mutation>\n";
    }

    private static final String MD = "| class | method | mutator | description | why equivalent |\n"
            + "|---|---|---|---|---|\n"
            + "| `FreeingBumpAllocator` | `malloc` | `MathMutator` | Replaced long addition with subtraction | x + 0 |\n";

    private static List<String> run(String xml) {
        return MutantGate.check(MutantGate.parse(xml), MutantGate.arguedEquivalent(MD),
                new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void anArguedCoreSurvivorPasses() {
        // given a core survivor that mutants.md argues, and a fully killed protocol package
        String xml = mutation("fba.core.FreeingBumpAllocator", "malloc", "Replaced long addition with subtraction", false)
                + mutation("fba.protocol.Session", "init", "Replaced long addition with subtraction", true);
        // when / then
        assertEquals(List.of(), run(xml));
    }

    @Test
    void anUnarguedCoreSurvivorFails() {
        // given a second identical survivor in the same method, but only one argued row
        String xml = mutation("fba.core.FreeingBumpAllocator", "malloc", "Replaced long addition with subtraction", false)
                + mutation("fba.core.FreeingBumpAllocator", "malloc", "Replaced long addition with subtraction", false);
        // when
        List<String> problems = run(xml);
        // then
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("not argued"), problems.get(0));
    }

    @Test
    void aStaleArgumentFails() {
        // given the argued mutant is now killed
        String xml = mutation("fba.core.FreeingBumpAllocator", "malloc", "Replaced long addition with subtraction", true);
        // when
        List<String> problems = run(xml);
        // then
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("no longer survives"), problems.get(0));
    }

    @Test
    void theRestBelowNinetyPercentFails() {
        // given 1 of 2 protocol mutants detected
        String xml = mutation("fba.protocol.Session", "a", "d", true) + mutation("fba.protocol.Session", "b", "d", false);
        // when
        List<String> problems = run(xml + mutation("fba.core.FreeingBumpAllocator", "malloc",
                "Replaced long addition with subtraction", false));
        // then
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("50.00%"), problems.get(0));
    }

    @Test
    void escapedMethodNamesAreReadBack() {
        // given a constructor mutant, whose method name PIT writes escaped
        List<MutantGate.Mutant> m = MutantGate.parse(mutation("fba.core.Memory", "&lt;init&gt;", "a &amp; b", true));
        // then
        assertEquals("<init>", m.get(0).method());
        assertEquals("a & b", m.get(0).description());
        assertEquals(Map.of(), MutantGate.arguedEquivalent("no table here"));
    }
}
