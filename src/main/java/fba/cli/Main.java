package fba.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Entry point: {@code fba <command> [options]}, parsed by picocli. Every usage error (unknown
 * command or option, missing or malformed value, value out of range) is one line naming the
 * command and the input, exit status 2; never a stack trace.
 */
public final class Main {

    /** The top-level command: no command given is a usage error. */
    @Command(name = "fba", versionProvider = BuildInfo.class,
            synopsisHeading = "usage: ", customSynopsis = "fba <command> [options]",
            description = {"", "The reference freeing-bump heap allocator (Substrate's sc-allocator) and its",
                "differential checker. Every command takes --help; serve, replay, run and check take",
                "--profile."},
            commandListHeading = "%ncommands:%n")
    static final class Fba implements Callable<Integer> {
        private final Io io;

        @Mixin
        HelpOption help;

        @Option(names = {"-V", "--version"}, versionHelp = true,
                description = "print the version, the commit it was built from and the bundled vectors' hash")
        boolean version;

        Fba(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            io.err.print(usage());
            return 2;
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        if (Relaunch.wanted(args, java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getenv("JAVA_TOOL_OPTIONS"), System.getProperty(Relaunch.MARK))) {
            int child = Relaunch.run(args);
            if (child >= 0) {
                System.exit(child);
            }
        }
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs a command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Io io = new Io(out, err);
        Callable<Integer> quick = QuickStart.of(args, io);
        if (quick != null) {
            return QuickStart.run(args[0], quick, io);
        }
        String atFile = unreadableArgumentFile(args);
        if (atFile != null) {
            io.err.println("fba: " + atFile);
            return 2;
        }
        return commandLine(io).execute(args);
    }

    /**
     * An @-file argument that exists but cannot be read, described, else null. picocli expands
     * @-files inside execute, outside its exception handlers, so such a file became a stack trace
     * (found by CommandLineFuzzTest: {@code fba @.}); a file that does not exist is a literal
     * argument to picocli and is left to it.
     */
    static String unreadableArgumentFile(String[] args) {
        for (String a : args) {
            if (a.startsWith("@") && a.length() > 1) {
                java.nio.file.Path p;
                try {
                    p = java.nio.file.Path.of(a.substring(1));
                } catch (java.nio.file.InvalidPathException e) {
                    continue; // no such file: a literal argument
                }
                if (java.nio.file.Files.exists(p)) {
                    try {
                        java.nio.file.Files.readAllBytes(p); // as picocli will: a directory, say, fails here
                    } catch (java.io.IOException e) {
                        return "cannot read argument file '" + a.substring(1) + "' (" + e.getMessage() + ")";
                    }
                }
            }
        }
        return null;
    }

    /** The top-level usage text. */
    static String usage() {
        return commandLine(new Io(System.out, System.err)).getUsageMessage();
    }

    static CommandLine commandLine(Io io) {
        CommandLine cl = new CommandLine(new Fba(io));
        cl.addSubcommand("serve", new ServeCommand(io));
        cl.addSubcommand("replay", new ReplayCommand(io));
        cl.addSubcommand("run", new RunCommand(io));
        cl.addSubcommand("check", new CommandLine(new CheckCommand(io))
                .addSubcommand("merge", new CheckMergeCommand(io)));
        cl.addSubcommand("vectors", new CommandLine(new VectorsCommand(io))
                .addSubcommand("export", new VectorsCommand.Export(io)));
        cl.addSubcommand("completion", new CompletionCommand(io));
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        ExitStatus.appendTo(cl);
        // The synopsis first, so that every help text opens with "usage:", then the one-line summary.
        List<String> keys = new ArrayList<>(cl.getHelpSectionKeys());
        keys.removeAll(List.of(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER_HEADING,
                CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER));
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS) + 1,
                CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER);
        cl.setHelpSectionKeys(keys);
        cl.setOut(new PrintWriter(io.out, true));
        cl.setErr(new PrintWriter(io.err, true));
        cl.setUsageHelpWidth(100);
        cl.setOverwrittenOptionsAllowed(true);
        cl.registerConverter(Long.class, Main::wholeNumber);
        cl.registerConverter(Long.TYPE, Main::wholeNumber);
        cl.registerConverter(java.nio.file.Path.class, Main::path);
        cl.setParameterExceptionHandler((e, args) -> usageError(io, e));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> failed(cmd.getCommandSpec().qualifiedName(), e, io));
        return cl;
    }

    /**
     * A command that ended in an exception, in one line on stderr and status 2: a
     * {@link UsageException} is its message; anything else is a defect of fba itself, named with
     * where it was thrown (never a stack trace).
     */
    static int failed(String command, Exception e, Io io) {
        if (e instanceof UsageException) {
            io.err.println(command + ": " + e.getMessage());
        } else {
            StackTraceElement[] at = e.getStackTrace();
            io.err.println(command + ": internal error: " + e + (at.length > 0 ? " at " + at[0] : ""));
        }
        return 2;
    }

    private static int usageError(Io io, ParameterException e) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        String problem = describe(e);
        if (cmd.getParent() == null && problem.startsWith("unknown command")) {
            // one line, as every usage error (README): the commands, not the whole usage
            problem += " (commands: " + String.join(", ", cmd.getSubcommands().keySet()) + "; see fba --help)";
        }
        io.err.println(name + ": " + problem);
        return 2;
    }

    private static Long wholeNumber(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("takes a whole number, got '" + s + "'");
        }
    }

    /** A path as the operating system takes it, else the reason it is not one (never a class name). */
    static java.nio.file.Path path(String s) {
        try {
            return java.nio.file.Path.of(s);
        } catch (java.nio.file.InvalidPathException e) {
            // a NUL is shown as \0: printed raw it would be invisible on a terminal
            throw new CommandLine.TypeConversionException("takes a path, got '" + s.replace("\0", "\\0") + "' ("
                    + e.getReason() + ")");
        }
    }

    /** The problem in the project's words: what was given and what was wrong with it. */
    static String describe(ParameterException e) {
        List<String> unmatched = e instanceof CommandLine.UnmatchedArgumentException u ? u.getUnmatched()
                : e.getCommandLine().getUnmatchedArguments();
        if (e instanceof CommandLine.UnmatchedArgumentException || !unmatched.isEmpty()) {
            // An unknown option is named first, even when picocli found a missing FILE before it.
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            if (first.startsWith("-")) {
                return "unknown option '" + first + "'";
            }
            if (e.getCommandLine().getParent() == null) {
                return "unknown command '" + first + "'";
            }
            if (!e.getCommandLine().getCommandSpec().positionalParameters().isEmpty()) {
                return "unexpected argument '" + first + "'";
            }
            return "takes no arguments, got '" + first + "'";
        }
        if (e instanceof CommandLine.MissingParameterException m) {
            for (ArgSpec a : m.getMissing()) {
                if (a instanceof OptionSpec o) {
                    return "option " + o.longestName() + " needs a value";
                }
                return "needs " + (a.arity().max() > 1 ? "at least one " : "") + a.paramLabel() + " (see "
                        + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)";
            }
        }
        ArgSpec spec = e.getArgSpec();
        if (spec instanceof OptionSpec o && o.arity().max() == 0 && e.getValue() != null) {
            return o.longestName() + " takes no value, got '" + e.getValue() + "'";
        }
        if (spec != null && e.getCause() instanceof CommandLine.TypeConversionException t) {
            // an option by its name, a positional parameter by its label
            return (spec instanceof OptionSpec o ? o.longestName() : spec.paramLabel()) + " " + t.getMessage();
        }
        String msg = e.getMessage();
        return msg.isEmpty() ? msg : Character.toLowerCase(msg.charAt(0)) + msg.substring(1);
    }
}
