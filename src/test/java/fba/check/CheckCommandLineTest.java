package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.check.drive.CommandArgs;
import fba.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fba check} through the command line: usage errors, help, the seed line and the JSON report. */
class CheckCommandLineTest {

    @TempDir
    Path tmp;

    private String output;

    private int fba(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = Main.run(args, ps, ps);
        output = bytes.toString(StandardCharsets.UTF_8);
        return status;
    }

    @Test
    void givenNoImplementation_whenRun_thenUsageErrorNamingTheOption() {
        assertEquals(2, fba("check", "--sessions", "1"));
        assertTrue(output.contains("needs --impl"), output);
    }

    @Test
    void givenAMissingVectorDirectoryOrBadNumber_whenRun_thenUsageErrorNamingTheInput() {
        assertEquals(2, fba("check", "--impl", "true", "--vectors", tmp.resolve("nope").toString()));
        assertTrue(output.contains("nope: no such file or directory"), output);
        assertEquals(2, fba("check", "--impl", "true", "--ops", "0"));
        assertTrue(output.contains("--ops must be between 1"), output);
        assertEquals(2, fba("check", "--impl", "true", "--seed", "x"));
        assertTrue(output.contains("--seed takes a whole number, got 'x'"), output);
    }

    @Test
    void givenHelp_whenRun_thenUsageAndExitStatusesAreShown() {
        assertEquals(0, fba("check", "--help"));
        assertTrue(output.contains("--impl=COMMAND"), output);
        assertTrue(output.contains("Exit status: 0 no divergence, 1 divergence"), output);
    }

    @Test
    void givenAPassingRun_whenAReportIsAsked_thenTheSeedIsPrintedAndTheJsonHoldsTheCounts() throws Exception {
        Path report = tmp.resolve("sub/report.json");

        int status = fba("check", "--impl", CheckRun.java("fba.cli.Main serve"), "--seed", "99", "--sessions", "3",
                "--ops", "300", "--no-vectors", "--quiet", "--report", report.toString());

        assertEquals(0, status, output);
        assertTrue(output.startsWith("fba check: seed 99 (rerun with --seed 99)"), output);
        String json = Files.readString(report);
        assertTrue(json.contains("\"seed\": \"99\""), json);
        assertTrue(json.contains("\"requests\": 900"), json);
        assertTrue(json.contains("\"result\": \"pass\""), json);
        assertTrue(json.contains("\"requests_per_kind\": {\n    \"comment\""), json);
        assertTrue(json.contains("\"malloc\": "), json);
        assertTrue(json.contains("\"requests_per_second\": "), json);
    }

    @Test
    void givenPlainWordsOrShellSyntax_whenSplit_thenPlainWordsRunDirectly() {
        assertEquals(java.util.List.of("./impl", "--x", "1"), CommandArgs.argv("./impl  --x 1"));
        assertEquals(java.util.List.of("/bin/sh", "-c", "FOO=1 ./impl"), CommandArgs.argv("FOO=1 ./impl"));
        assertEquals(java.util.List.of("/bin/sh", "-c", "./impl 'a b'"), CommandArgs.argv("./impl 'a b'"));
    }
}
