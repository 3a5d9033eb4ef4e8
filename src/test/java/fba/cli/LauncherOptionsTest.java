package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./fba} launcher and {@link Relaunch} give {@code check} the same JVM options: the
 * launcher is run as it is shipped, with a stand-in {@code java} first on the PATH that prints the
 * arguments it was given, and the options before {@code -jar} are compared with
 * {@link Relaunch#OPTIONS}.
 */
class LauncherOptionsTest {

    @TempDir
    Path dir;

    /** The JVM options ./fba passes for these arguments (everything before {@code -jar}). */
    private List<String> launcherOptions(String... args) throws IOException, InterruptedException {
        Path bin = install();
        List<String> cmd = new ArrayList<>(List.of("sh", dir.resolve("fba").toString()));
        cmd.addAll(List.of(args));
        return options(cmd, bin, args);
    }

    /** The launcher and an empty target/fba.jar in {@code dir}, a stand-in java in {@code dir/bin}. */
    private Path install() throws IOException {
        Files.copy(Path.of("fba"), dir.resolve("fba"));
        Files.setPosixFilePermissions(dir.resolve("fba"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/fba.jar"), "");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private List<String> options(List<String> cmd, String path, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", path + ":" + System.getenv("PATH"));
        pb.environment().remove("FBA_JAVA_OPTS");
        Process p = pb.start();
        List<String> printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor(), String.join("\n", printed));
        int jar = printed.indexOf("-jar");
        assertTrue(jar >= 0, "no -jar in " + printed);
        assertEquals(List.of(dir.resolve("target/fba.jar").toString()), printed.subList(jar + 1, jar + 2));
        assertEquals(List.of(args), printed.subList(jar + 2, printed.size()));
        return printed.subList(0, jar);
    }

    private List<String> options(List<String> cmd, Path bin, String... args) throws IOException, InterruptedException {
        return options(cmd, bin.toString(), args);
    }

    @Test
    void givenASymlinkToTheLauncherOnThePath_whenRun_thenTheJarNextToTheLauncherIsUsed() throws Exception {
        // given fba on PATH as a relative link to another link to the launcher (as ~/bin/fba often is)
        Path bin = install();
        Path onPath = Files.createDirectories(dir.resolve("links"));
        Path between = Files.createDirectories(dir.resolve("between"));
        Files.createSymbolicLink(between.resolve("fba"), dir.resolve("fba"));
        Files.createSymbolicLink(onPath.resolve("fba"), Path.of("../between/fba"));
        // when run by its name, then the jar found is the launcher's own (options() checks it)
        // (through sh: ProcessBuilder would search this JVM's PATH, not the child's)
        options(List.of("sh", "-c", "fba --version"), onPath + ":" + bin, "--version");
    }

    @Test
    void givenCheck_whenLaunchedByTheScript_thenItsJvmOptionsAreRelaunchsOptions() throws Exception {
        assertEquals(Relaunch.OPTIONS, launcherOptions("check", "--impl", "x"));
    }

    @Test
    void givenServe_whenLaunchedByTheScript_thenItKeepsC2AndOtherwiseTheSameOptions() throws Exception {
        List<String> withoutTier = new ArrayList<>(Relaunch.OPTIONS);
        assertTrue(withoutTier.remove("-XX:TieredStopAtLevel=1"), Relaunch.OPTIONS.toString());

        assertEquals(withoutTier, launcherOptions("serve"));
    }
}
