package fba.check.drive;

import java.util.List;

/** How an implementation's command line is run: directly when it is plain words, else under a shell. */
public final class CommandArgs {

    private CommandArgs() {
    }

    /** Characters that make a command need a shell. */
    private static final String SHELL_SYNTAX = "|&;<>()$`\\\"' \t*?[]#~=%{}!\n";

    /**
     * The argument vector for a command line. Plain words separated by spaces are run directly, so
     * the implementation is the checker's own child: its exit status and the end of its output are
     * its own. Anything using shell syntax (quotes, variables, redirections, pipes, {@code &&},
     * globs, assignments) runs under {@code /bin/sh -c}; prefix it with {@code exec} to keep the
     * same property.
     */
    public static List<String> argv(String command) {
        String trimmed = command.trim();
        boolean plain = true;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c != ' ' && SHELL_SYNTAX.indexOf(c) >= 0) {
                plain = false;
                break;
            }
        }
        if (plain && !trimmed.isEmpty()) {
            return java.util.Arrays.asList(trimmed.split(" +"));
        }
        return List.of("/bin/sh", "-c", command);
    }
}
