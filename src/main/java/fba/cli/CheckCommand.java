package fba.cli;

import java.io.PrintStream;

/** {@code fba check}: placeholder wiring until the differential checker lands (issue 5). */
final class CheckCommand {

    private CheckCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("fba check: not implemented yet (tracked in issue 5)");
        return 2;
    }
}
