package fba.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate must be able to fail: a fixture with a wrong contract has to come out open, also when a
 * certificate says otherwise. The fixture's certificates (verification/fixtures/wrong-proofs) were
 * made while {@code decrement}'s contract was still right ({@code value == \old(value) - 1}); its
 * contract is now wrong, so its certificate is stale and must not replay into "proved".
 */
class GateFailsTest {

    private static final String INCREMENT = "fba.fixture.Counter[fba.fixture.Counter::increment()]"
            + ".JML normal_behavior operation contract.0";
    private static final String DECREMENT = "fba.fixture.Counter[fba.fixture.Counter::decrement()]"
            + ".JML normal_behavior operation contract.0";

    @Test
    void wrongContractWithAStaleCertificateIsReportedOpenAndFailsTheGate() throws Exception {
        // given the fixture (one right and one wrong contract), a committed certificate for each, and
        // no known-open excuse
        Certificates committed = Certificates.read(Path.of("verification", "fixtures", "wrong-proofs"));
        assertNotNull(committed.entry(INCREMENT), "the fixture's certificate of increment must be committed");
        assertNotNull(committed.entry(DECREMENT), "the fixture's stale certificate of decrement must be committed");
        Path out = Path.of("target", "verification-fixture");

        // when the gate runs over it
        int status = ProofGate.run(args("verification/settings/fixture.properties", out));

        // then it fails: the stale certificate did not replay, the search left the wrong contract
        // open, and the right one was replayed from its certificate; the contract that holds only
        // without overflow and the one that breaks its invariant (class axioms off) stay open
        assertEquals(1, status, "the gate must fail on a wrong contract");
        String json = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
        assertOutcome(json, "decrement", "open", "searched", "replay-failed");
        assertOutcome(json, "increment", "proved", "replayed", null);
        assertOutcome(json, "next(int)", "open", "searched", "none");
        assertOutcome(json, "reset()", "open", "searched", "none");
        assertTrue(json.contains("\"passed\": false"), json);
        // and the report says what KeY applied (read back from it), and that the list matched
        assertTrue(json.contains("\"intRules\": \"intRules:arithmeticSemanticsCheckingOF\""), json);
        assertTrue(json.contains("\"settingsApplied\": true"), json);
        assertTrue(json.contains("\"missing\": [],") && json.contains("\"unexpected\": [],"), json);
        assertEquals("intRules:arithmeticSemanticsCheckingOF", field(json, "next(int)", "intRulesApplied"), json);
    }

    @Test
    void theOverflowFixtureProvesUnderOverflowIgnoringSemantics(@TempDir Path dir) throws Exception {
        // given the fixture's settings with the integer semantics switched to ignoring overflow
        Path settings = dir.resolve("fixture.properties");
        Files.writeString(settings, Files.readString(Path.of("verification/settings/fixture.properties"))
                .replace("intRules=arithmeticSemanticsCheckingOF", "intRules=arithmeticSemanticsIgnoringOF"));
        Path out = dir.resolve("out");
        String[] args = args(settings.toAbsolutePath().toString(), out);
        String[] only = java.util.Arrays.copyOf(args, args.length + 2);
        only[args.length] = "--only";
        only[args.length + 1] = "Wrapping::next";

        // when the gate proves only Wrapping.next
        int status = ProofGate.run(only);

        // then it is proved there (so the fixture staying open above is the integer semantics' doing),
        // and KeY reports the semantics it applied
        assertEquals(0, status, Files.readString(out.resolve("report.md")));
        String json = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
        assertOutcome(json, "next(int)", "proved", "searched", "none");
        assertEquals("intRules:arithmeticSemanticsIgnoringOF", field(json, "next(int)", "intRulesApplied"), json);
    }

    @Test
    void forgedOrTruncatedCertificatesAreSearchedNotTrusted(@TempDir Path dir) throws Exception {
        // given certificates that do not prove their contracts: for decrement (wrong) a KeY proof
        // file whose header declares a taclet that closes any goal and whose log applies it; for
        // increment (right) its real log with the last steps cut off
        String log = Certificates.read(Path.of("verification", "fixtures", "wrong-proofs")).log(INCREMENT);
        String cheat = "\\rules { cheat { \\find(==> b) \\replacewith(==> true) }; }\n"
                + "\\proof {\n(keyLog \"0\")\n(branch \"dummy ID\"\n"
                + " (builtin \"One Step Simplification\" (formula \"1\"))\n"
                + "(rule \"cheat\" (formula \"1\"))\n(rule \"closeTrue\" (formula \"1\"))\n)\n}\n";
        int cut = log.lastIndexOf("(rule ", log.lastIndexOf("(rule ") - 1);
        Path proofs = dir.resolve("proofs");
        Certificates.writeLog(proofs, DECREMENT, cheat);
        Certificates.writeLog(proofs, INCREMENT, closeParentheses(log.substring(0, cut)) + "\n}\n");
        Files.writeString(proofs.resolve(Certificates.INDEX), String.join("\n",
                DECREMENT + "\t" + Certificates.fileName(DECREMENT) + "\t0\t3\t0.1\tforged",
                INCREMENT + "\t" + Certificates.fileName(INCREMENT) + "\t0\t117\t0.1\ttruncated") + "\n");
        Path settings = dir.resolve("fixture.properties");
        Files.writeString(settings, Files.readString(Path.of("verification/settings/fixture.properties"))
                .replace("proofs=verification/fixtures/wrong-proofs", "proofs=" + proofs.toAbsolutePath()));
        Path out = dir.resolve("out");

        // when the gate runs over the fixture with them
        int status = ProofGate.run(args(settings.toAbsolutePath().toString(), out));

        // then neither replays: decrement is searched and stays open, increment is searched and proved
        assertEquals(1, status, "a forged certificate must not make the wrong contract pass");
        String json = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
        assertOutcome(json, "decrement", "open", "searched", "replay-failed");
        assertOutcome(json, "increment", "proved", "searched", "replay-failed");
    }

    /** A cut-off rule log with its open parentheses closed, so that it still parses. */
    private static String closeParentheses(String prefix) {
        int depth = 0;
        boolean quoted = false;
        for (char c : prefix.substring(prefix.indexOf('{') + 1).toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
        }
        return prefix + ")".repeat(Math.max(0, depth));
    }

    private static String[] args(String settings, Path out) {
        return new String[] {
            "--root", ".", "--settings", settings,
            "--known-open", "verification/known-open-none.txt", "--out", out.toString(), "--jobs", "1",
        };
    }

    /** The report.json entry of {@code method}: its result, how, and certificate state (unless null). */
    private static void assertOutcome(String json, String method, String result, String how, String certificate) {
        assertEquals(result, field(json, method, "result"), json);
        assertEquals(how, field(json, method, "how"), json);
        if (certificate != null) {
            assertEquals(certificate, field(json, method, "certificate"), json);
        }
    }

    /** A string field of the report.json entry whose name contains {@code method}. */
    private static String field(String json, String method, String key) {
        Matcher m = Pattern.compile("\\{\"name\": \"[^\"]*" + Pattern.quote(method) + "[^\"]*\"[^}]*\"" + key + "\": \"([^\"]*)\"")
                .matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
