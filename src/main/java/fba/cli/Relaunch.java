package fba.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar fba.jar check ...} started with no JVM options at all runs the check in a
 * child JVM with the launcher's options (the serial collector with a 16 MB young generation,
 * C1 only). A jar's manifest cannot carry JVM options, and with the JVM's defaults (G1, a heap of
 * up to a quarter of RAM) G1 sizes the heap to the checker's garbage rate: 300-530 MiB resident
 * where the launcher's options need 60-70 MiB (issue 16). A JVM given any option, or
 * {@code JAVA_TOOL_OPTIONS}, is left as it is: whoever chose options keeps them. The child
 * inherits the standard streams; its exit status is the command's. Should the child not start,
 * the check runs in this JVM.
 */
final class Relaunch {

    /** Set in the child, so it never relaunches itself. */
    static final String MARK = "fba.relaunched";
    /** The launcher's options for check (the ./fba script); LauncherOptionsTest compares the two. */
    static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-Xms16m", "-XX:MaxNewSize=16m",
            "-XX:TieredStopAtLevel=1");

    private Relaunch() {
    }

    /**
     * Whether to relaunch: the command is {@code check} (not {@code check --help} or
     * {@code check merge}, which make no garbage), this JVM was given no options, and is not
     * itself a relaunched child.
     */
    static boolean wanted(String[] args, List<String> jvmOptions, String toolOptions, String mark) {
        if (args.length == 0 || !args[0].equals("check") || mark != null) {
            return false;
        }
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("merge") || args[i].equals("--help") || args[i].equals("-h")
                    || args[i].equals("--version") || args[i].equals("-V")) {
                return false;
            }
        }
        return jvmOptions.isEmpty() && (toolOptions == null || toolOptions.isBlank());
    }

    /** The child's command line: this JVM's java, the options, this class path, Main and the args. */
    static List<String> command(String javaHome, String classPath, String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(javaHome, "bin", "java").toString());
        cmd.addAll(OPTIONS);
        cmd.add("-D" + MARK + "=1");
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs the child to its end; its exit status, or -1 when it could not start. */
    static int run(String[] args) {
        return run(System.getProperty("java.home"), System.getProperty("java.class.path"), args);
    }

    /** {@link #run(String[])} with the child's java home and class path given. */
    static int run(String javaHome, String classPath, String[] args) {
        List<String> cmd = command(javaHome, classPath, args);
        if (!Files.isExecutable(Path.of(cmd.get(0)))) {
            return -1;
        }
        Process child;
        try {
            child = new ProcessBuilder(cmd).inheritIO().start();
        } catch (IOException e) {
            return -1;
        }
        // Ctrl-C reaches the child through the terminal; a plain kill of this JVM must not orphan it.
        Thread stop = new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
            }
        }, "fba-relaunch-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the child decides when the check ends
            }
        }
    }
}
