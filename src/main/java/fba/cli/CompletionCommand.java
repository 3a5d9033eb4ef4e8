package fba.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code fba completion}: picocli's bash/zsh completion script for the whole command tree,
 * registered for {@code ./fba} (a checkout or the release archive) as well as {@code fba} on PATH.
 * picocli's own completion command names itself {@code generate-completion} in its help, which fba
 * does not have, and registers the script for {@code fba} alone.
 */
@Command(name = "completion", header = "print a bash/zsh completion script for fba and ./fba",
        synopsisHeading = "usage: ",
        description = {"", "Prints a script that completes fba's commands, options and --profile values on TAB,",
            "in bash and in zsh (through bashcompinit), for 'fba' on PATH and for './fba'. Load it",
            "into the current shell with:", "", "  source <(./fba completion)"})
final class CompletionCommand implements Callable<Integer> {

    /** The script's last line registers its function for these command words. */
    static final String REGISTER = "complete -F _complete_fba -o default fba ./fba";

    private final Io io;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    CompletionCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        String script = AutoComplete.bash("fba", spec.root().commandLine());
        io.out.print(script);
        // bash looks a compspec up by the word as typed ("./fba") before its last part ("fba"), and
        // zsh's bashcompinit by the word alone, so ./fba needs its own registration
        io.out.println(REGISTER);
        io.out.flush();
        return 0;
    }
}
