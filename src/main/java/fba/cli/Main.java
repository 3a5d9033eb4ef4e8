package fba.cli;

import java.io.PrintStream;
import java.util.Arrays;

/** Entry point: {@code fba <command> [options]}. */
public final class Main {

    static final String USAGE = String.join("\n",
            "usage: fba <command> [options]",
            "",
            "commands:",
            "  serve    speak the line protocol on stdin/stdout (fba as an implementation)",
            "  replay   print the reference's response to every request of trace files",
            "  run      replay vector files and compare with their expected responses",
            "  check    differential check of another implementation against the reference",
            "",
            "Every command takes --profile substrate|strict|proposal and --help.",
            "Exit status: 0 success, 1 mismatch or divergence, 2 bad usage or input.");

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs a command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "serve":
                    return ServeCommand.run(rest, out, err);
                case "replay":
                    return ReplayCommand.run(rest, out, err);
                case "run":
                    return RunCommand.run(rest, out, err);
                case "check":
                    return CheckCommand.run(rest, out, err);
                case "--help":
                case "-h":
                case "help":
                    out.println(USAGE);
                    return 0;
                default:
                    err.println("fba: unknown command '" + args[0] + "'");
                    err.println(USAGE);
                    return 2;
            }
        } catch (UsageException e) {
            err.println("fba " + args[0] + ": " + e.getMessage());
            return 2;
        }
    }
}
