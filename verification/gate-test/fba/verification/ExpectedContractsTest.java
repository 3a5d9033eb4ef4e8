package fba.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's checks besides the proofs (issue 25), judged from worker files without KeY
 * ({@code --merge-only}): the contracts KeY found against the expected list, and the integer
 * semantics KeY applied against the configured one.
 */
class ExpectedContractsTest {

    private static final String COUNTER = "fba.fixture.Counter[fba.fixture.Counter::";
    private static final List<String> FIXTURE = List.of(
            COUNTER + "decrement()].JML normal_behavior operation contract.0",
            COUNTER + "increment()].JML normal_behavior operation contract.0",
            "fba.fixture.Wrapping[fba.fixture.Wrapping::next(int)].JML normal_behavior operation contract.0",
            "fba.fixture.Guarded[fba.fixture.Guarded::reset()].JML normal_behavior operation contract.0");
    private static final String CHECKING = "intRules:arithmeticSemanticsCheckingOF";

    @Test
    void everyExpectedContractFoundAndProvedUnderTheConfiguredSemanticsPasses(@TempDir Path out) throws Exception {
        // given a worker that found exactly the expected contracts and proved them all, under the configured semantics
        worker(out, FIXTURE, CHECKING, CHECKING);

        // when the gate judges it, then it passes
        assertEquals(0, judge(out), Files.readString(out.resolve("report.md")));
        String json = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"missing\": [],") && json.contains("\"unexpected\": [],"), json);
        assertTrue(json.contains("\"applied\": {\"intRules\": \"" + CHECKING + "\", \"runtimeExceptions\": \"runtimeExceptions:ban\"}"), json);
        assertTrue(json.contains("\"substantive\": {\"found\": 4, \"proved\": 4}"), json);
    }

    @Test
    void aMissingOrUnexpectedContractFailsTheGateAndIsNamed(@TempDir Path out) throws Exception {
        // given a worker that did not find decrement (its spec case turned into a comment, say) and
        // found one that is not listed, every contract it found proved
        List<String> found = new ArrayList<>(FIXTURE.subList(1, FIXTURE.size()));
        String stray = COUNTER + "reset()].JML normal_behavior operation contract.0";
        found.add(stray);
        worker(out, found, CHECKING, CHECKING);

        // when the gate judges it, then it fails and names both
        assertEquals(1, judge(out));
        String json = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"missing\": [\"" + FIXTURE.get(0) + "\"]"), json);
        assertTrue(json.contains("\"unexpected\": [\"" + stray + "\"]"), json);
        assertTrue(json.contains("\"passed\": false"), json);
    }

    @Test
    void integerSemanticsOtherThanConfiguredFailTheGate(@TempDir Path out) throws Exception {
        String ignoring = "intRules:arithmeticSemanticsIgnoringOF";
        // given KeY's environment, or one proof, built with overflow-ignoring semantics
        for (String[] applied : new String[][] {{ignoring, CHECKING}, {CHECKING, ignoring}}) {
            worker(out, FIXTURE, applied[0], applied[1]);

            // when the gate judges it, then it fails although every contract is proved
            assertEquals(1, judge(out), String.join(",", applied));
            String json = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"settingsApplied\": false"), json);
        }
    }

    /** A worker's file: what it found, the environment's semantics, every contract proved under {@code proofRules}. */
    private static void worker(Path out, List<String> found, String environmentRules, String proofRules) throws Exception {
        StringBuilder s = new StringBuilder("#load\t1.0\n");
        for (String c : found) {
            s.append("#found\t").append(c).append("\tsubstantive\n");
        }
        s.append("#applied\t").append(environmentRules).append('\n').append("#applied\truntimeExceptions:ban\n");
        for (String c : found) {
            s.append(String.join("\t", c, "proved", "10", "0.1", "0", "searched", "none", "-", "-", proofRules,
                    "substantive")).append('\n');
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("part-0.tsv"), s.toString(), StandardCharsets.UTF_8);
    }

    private static int judge(Path out) throws Exception {
        return ProofGate.run(new String[] {
            "--root", ".", "--settings", "verification/settings/fixture.properties",
            "--known-open", "verification/known-open-none.txt", "--out", out.toString(), "--jobs", "1",
            "--merge-only", "true",
        });
    }
}
