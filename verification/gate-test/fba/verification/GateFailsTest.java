package fba.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The gate must be able to fail: a fixture with a wrong contract has to come out open. */
class GateFailsTest {

    @Test
    void wrongContractIsReportedOpenAndFailsTheGate() throws Exception {
        // given a fixture class with one right and one wrong contract, and no known-open excuse
        Path out = Path.of("target", "verification-fixture");
        String[] args = {
            "--root", ".", "--settings", "verification/settings/fixture.properties",
            "--known-open", "verification/known-open-none.txt", "--out", out.toString(), "--jobs", "1",
        };

        // when the gate runs over it
        int status = ProofGate.run(args);

        // then it fails, the wrong contract is open and the right one proved
        assertEquals(1, status, "the gate must fail on a wrong contract");
        String json = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
        assertTrue(json.matches("(?s).*\"name\": \"[^\"]*decrement[^\"]*\", \"result\": \"open\".*"), json);
        assertTrue(json.matches("(?s).*\"name\": \"[^\"]*increment[^\"]*\", \"result\": \"proved\".*"), json);
        assertTrue(json.contains("\"passed\": false"), json);
    }
}
