package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code java -jar fba.jar check} with no JVM options reruns itself with the launcher's options. */
class RelaunchTest {

    private static final String[] CHECK = {"check", "--impl", "x"};

    @Test
    void givenCheckInAJvmWithoutOptions_whenAsked_thenItRelaunches() {
        assertTrue(Relaunch.wanted(CHECK, List.of(), null, null));
        assertTrue(Relaunch.wanted(CHECK, List.of(), "  ", null));
    }

    @Test
    void givenAnyOptionOtherCommandsHelpMergeOrTheMark_whenAsked_thenItRunsInPlace() {
        assertFalse(Relaunch.wanted(CHECK, List.of("-Xmx64m"), null, null));
        assertFalse(Relaunch.wanted(CHECK, List.of(), "-Xmx64m", null));
        assertFalse(Relaunch.wanted(CHECK, List.of(), null, "1"));
        assertFalse(Relaunch.wanted(new String[] {"serve"}, List.of(), null, null));
        assertFalse(Relaunch.wanted(new String[0], List.of(), null, null));
        for (String word : new String[] {"merge", "--help", "-h", "--version", "-V"}) {
            assertFalse(Relaunch.wanted(new String[] {"check", word}, List.of(), null, null), word);
        }
    }

    @Test
    void givenArguments_whenTheChildsCommandIsBuilt_thenItIsThisJavaWithTheLauncherOptionsAndTheMark() {
        List<String> cmd = Relaunch.command("/jdk", "a.jar", CHECK);

        List<String> expected = new ArrayList<>();
        expected.add(Path.of("/jdk", "bin", "java").toString());
        // Relaunch.OPTIONS itself is pinned to the ./fba launcher by LauncherOptionsTest.
        expected.addAll(Relaunch.OPTIONS);
        expected.addAll(List.of("-D" + Relaunch.MARK + "=1", "-cp", "a.jar", "fba.cli.Main", "check", "--impl", "x"));
        assertEquals(expected, cmd);
    }

    /** Runs fba.cli.Main in a JVM started with no options; returns exit status and both outputs. */
    private static String[] main(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "fba.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        Process p = pb.start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {Integer.toString(p.waitFor()), out, err};
    }

    @Test
    void givenAnImplementationThatCannotStart_whenCheckedFromAJvmWithoutOptions_thenStatusAndMessageComeThrough()
            throws Exception {
        String[] r = main("check", "--impl", "/nonexistent/impl", "--no-vectors", "--sessions", "1", "--seed", "3");

        assertEquals("3", r[0], "exit 3: the implementation cannot be run\n" + r[1] + r[2]);
        assertTrue(r[1].startsWith("fba check: seed 3 "), r[1]);
        assertTrue(r[2].contains("/nonexistent/impl"), r[2]);
    }

    @Test
    void givenThePassingReference_whenCheckedFromAJvmWithoutOptions_thenItPasses() throws Exception {
        // the reference itself, quick to start (the class path holds no spaces, so the command is plain words)
        String impl = Path.of(System.getProperty("java.home"), "bin", "java") + " -XX:TieredStopAtLevel=1 -cp "
                + System.getProperty("java.class.path") + " fba.cli.Main serve";

        String[] r = main("check", "--impl", impl, "--no-vectors", "--sessions", "2", "--ops", "30", "--seed", "4");

        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].trim().endsWith("PASS"), r[1]);
    }

    @Test
    void givenAChildJvm_whenRun_thenItsExitStatusIsTheCommands() {
        // given this JVM's java and class path, when the child runs a command, then its status comes back
        String home = System.getProperty("java.home");
        String cp = System.getProperty("java.class.path");
        assertEquals(0, Relaunch.run(home, cp, new String[] {"--version"}));
        assertEquals(2, Relaunch.run(home, cp, new String[] {"no-such-command"}));
    }

    @Test
    void givenNoJavaAtTheHome_whenRun_thenMinusOneSoTheCheckRunsInPlace() {
        assertEquals(-1, Relaunch.run("/nonexistent-java-home", System.getProperty("java.class.path"),
                new String[] {"--version"}));
    }
}
