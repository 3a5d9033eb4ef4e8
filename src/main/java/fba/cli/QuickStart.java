package fba.cli;

import fba.core.Profile;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The two streaming commands in their plain forms, run without building picocli's command line:
 * {@code serve} and {@code replay FILE...}, each optionally with {@code --profile NAME} (or
 * {@code --profile=NAME}) right after the command. Building the command line loads and reflects
 * on about 200 classes, a third of a JVM's start-up, which dominates a short trace (issue 16).
 * Anything else, including every form that could be a usage error, help, an @-file or an option
 * picocli would reject, is left to picocli, so the two paths give the same result by construction.
 */
final class QuickStart {

    private QuickStart() {
    }

    /** The command for {@code args} when it has a plain form, else null. */
    static Callable<Integer> of(String[] args, Io io) {
        if (args.length == 0 || !(args[0].equals("serve") || args[0].equals("replay"))) {
            return null;
        }
        Profile profile = Profile.SUBSTRATE;
        int next = 1;
        if (args.length > 1 && args[1].startsWith("--profile=")) {
            profile = Profile.ofWireName(args[1].substring("--profile=".length()));
            next = 2;
        } else if (args.length > 2 && args[1].equals("--profile")) {
            profile = Profile.ofWireName(args[2]);
            next = 3;
        }
        if (profile == null) {
            return null;
        }
        List<String> rest = Arrays.asList(args).subList(next, args.length);
        for (String a : rest) {
            // options, "--", @-files and empty words: picocli's to interpret
            if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) {
                return null;
            }
        }
        Profile p = profile;
        if (args[0].equals("serve")) {
            return rest.isEmpty() ? () -> ServeCommand.serve(io, p) : null;
        }
        return rest.isEmpty() ? null : ReplayCommand.plain(io, p, List.copyOf(rest));
    }

    /** Runs a plain command; an exception ends it as on picocli's path ({@link Main#failed}). */
    static int run(String name, Callable<Integer> command, Io io) {
        try {
            return command.call();
        } catch (Exception e) {
            return Main.failed("fba " + name, e, io);
        }
    }
}
