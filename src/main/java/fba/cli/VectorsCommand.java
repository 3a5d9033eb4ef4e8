package fba.cli;

import fba.check.vectors.VectorSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fba vectors}: the vector set bundled in the jar. */
@Command(name = "vectors", header = "the conformance vectors bundled in the jar",
        synopsisHeading = "usage: ", synopsisSubcommandLabel = "export DIR",
        description = {"", "The conformance vectors bundled in fba.jar (the set fba run and fba check use",
            "when given no directory)."})
final class VectorsCommand implements Callable<Integer> {

    private final Io io;

    @Mixin
    private HelpOption help;

    VectorsCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        io.err.println("fba vectors: needs a command: export DIR (see fba vectors --help)");
        return 2;
    }

    /** {@code fba vectors export DIR}. */
    @Command(name = "export", header = "write the bundled vector files into DIR",
            synopsisHeading = "usage: ",
            description = {"", "Writes the bundled vector files into DIR (created if need be; files of the same",
                "name are replaced) and prints how many, with the set's hash."})
    static final class Export implements Callable<Integer> {

        private final Io io;

        @Mixin
        private HelpOption help;

        @Parameters(paramLabel = "DIR", arity = "1", description = "the directory to write into")
        private Path dir;

        Export(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            try {
                VectorSet set = VectorSet.bundled();
                int n = set.export(dir);
                io.out.println("exported " + n + " vector files to " + dir + " (" + set.hash() + ")");
                return 0;
            } catch (IOException e) {
                io.err.println("fba vectors export: cannot write into " + dir + ": " + why(e));
                return 2;
            }
        }

        /** What went wrong, in words: an I/O exception's message is often only the path it concerns. */
        private String why(IOException e) {
            if (Files.isRegularFile(dir)) {
                return "it is a file, not a directory";
            }
            if (e instanceof java.nio.file.FileAlreadyExistsException f) {
                return f.getFile() + " exists and is not a directory";
            }
            if (e instanceof java.nio.file.AccessDeniedException a) {
                return "permission denied (" + a.getFile() + ")";
            }
            if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
                return f.getReason() + " (" + f.getFile() + ")";
            }
            return e.getMessage();
        }
    }
}
