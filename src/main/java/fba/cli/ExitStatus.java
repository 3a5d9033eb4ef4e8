package fba.cli;

import picocli.CommandLine;

/**
 * The exit statuses of every fba command, one table appended to every --help (README has the same
 * table): a script can tell "the implementation is wrong" from "the implementation could not be
 * run" from "I called fba wrongly".
 */
final class ExitStatus {

    static final String[] TABLE = {
        "",
        "Exit statuses of fba (every command):",
        "  0  success: everything passed",
        "  1  a mismatch or divergence (check: at least one cause, each with its shrunk trace)",
        "  2  bad usage or input: the command line, an unreadable or malformed file, a report",
        "     that cannot be written, reports that are not shards of one check",
        "  3  check only: the implementation could not be run (missing, not executable, failing",
        "     before any answer and on a lone request too), or ended badly outside any request",
    };

    private ExitStatus() {
    }

    /** Appends {@link #TABLE} to the help of {@code cl} and of all its subcommands. */
    static void appendTo(CommandLine cl) {
        CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
        String[] own = usage.footer();
        String[] all = java.util.Arrays.copyOf(own, own.length + TABLE.length);
        System.arraycopy(TABLE, 0, all, own.length, TABLE.length);
        usage.footer(all);
        for (CommandLine sub : cl.getSubcommands().values()) {
            appendTo(sub);
        }
    }
}
