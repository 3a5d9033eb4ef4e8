package fba.cli;

import fba.check.vectors.VectorSet;
import fba.core.Profile;
import fba.protocol.Session;
import fba.protocol.VectorFile;
import fba.protocol.VectorLine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fba run}: replays vector files and compares every response with its expectation. */
@Command(name = "run", header = "replay vector files (default: the bundled set) and compare with their expectations",
        synopsisHeading = "usage: ",
        description = {"", "Replays each vector file (DIRs are searched for *.vec; no FILE or DIR: the set",
            "bundled in fba.jar) in a fresh session and compares each response with the expectation",
            "after ' => ' (errors compare by code). A file with a '#! profile P' pragma always runs in",
            "profile P; other files run in --profile. Prints the set (its name and hash), PASS or FAIL",
            "per file, the first mismatch of a failing file (line, request, expected, actual),",
            "MALFORMED for a file that is not a valid vector file (the reason, with its line, on",
            "stderr; the other files still run; it outranks a mismatch) and a closing count. Every '=>' must be followed by",
            "a response, and a file must have an expectation unless it declares itself '#! smoke'",
            "(spec/protocol.md, \"Vector files\")."},
        footer = {"", "Exit status: 0 all passed, 1 a mismatch, 2 unreadable or malformed input."})
final class RunCommand implements Callable<Integer> {

    private final Io io;

    @Mixin
    private HelpOption help;

    @Mixin
    private ProfileOption profileOption;

    @Option(names = "--quiet", description = "no PASS line per file")
    private boolean quiet;

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*", description = "vector files or directories")
    private List<Path> paths = new ArrayList<>();

    RunCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        PrintStream out = io.out;
        PrintStream err = io.err;
        Profile profile = profileOption.profile;
        VectorSet set;
        try {
            set = paths.isEmpty() ? VectorSet.bundled() : VectorSet.of(paths);
        } catch (IOException e) {
            err.println("fba run: " + e.getMessage());
            return 2;
        }
        if (set.size() == 0) {
            err.println("fba run: no vector files (*" + VectorFile.EXTENSION + ") found in " + paths);
            return 2;
        }
        out.println("vector set: " + set.label() + ", " + set.size() + " files, " + set.hash());
        int passed = 0;
        int failed = 0;
        int malformed = 0;
        long checks = 0;
        for (int i = 0; i < set.size(); i++) {
            VectorFile v;
            try {
                v = set.file(i);
            } catch (IOException e) {
                // one bad file does not hide the results of the others
                malformed++;
                out.println("MALFORMED " + set.path(i));
                out.flush(); // the reason (stderr) follows its MALFORMED line on a terminal
                err.println("fba run: " + message(set.path(i), e));
                continue;
            }
            Outcome r = runOne(v, v.profile() != null ? v.profile() : profile);
            checks += r.checks;
            if (r.mismatch == null) {
                passed++;
                if (!quiet) {
                    out.println("PASS " + v.path() + " (" + (r.checks == 0 ? "smoke: " + r.requests
                            + " requests, nothing compared" : r.checks + " expectations") + ")");
                }
            } else {
                failed++;
                out.println("FAIL " + v.path());
                out.println(r.mismatch);
            }
        }
        out.println("(" + checks + " expectations checked in " + (passed + failed) + " files)");
        out.println("vectors: " + passed + " passed, " + failed + " failed"
                + (malformed > 0 ? ", " + malformed + " malformed" : ""));
        return malformed > 0 ? 2 : failed == 0 ? 0 : 1;
    }

    /** A file's problem naming it: a format error names file and line itself, an I/O error may not. */
    private static String message(Path file, IOException e) {
        if (e instanceof VectorFile.VectorFormatException) {
            return e.getMessage();
        }
        return file + ": cannot read: " + (e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e.getMessage());
    }

    /** The result of replaying one vector file. */
    static final class Outcome {
        long checks;
        long requests;
        String mismatch;
    }

    static Outcome runOne(VectorFile v, Profile profile) {
        Outcome r = new Outcome();
        Session session = new Session(profile);
        StringBuilder sb = new StringBuilder();
        for (VectorLine line : v.lines()) {
            if (line.request() == null) {
                continue;
            }
            r.requests++;
            sb.setLength(0);
            boolean answered = session.execute(line.request(), sb);
            if (line.expected() == null) {
                continue;
            }
            r.checks++;
            String actual = answered ? sb.toString() : "(no response)";
            if (!VectorLine.matches(line.expected(), actual)) {
                r.mismatch = "  " + v.path() + ":" + line.number() + ": " + line.request()
                        + "\n    expected: " + line.expected()
                        + "\n    actual:   " + actual
                        + (profile == Profile.STRICT ? "\n    (profile strict)" : "");
                return r;
            }
        }
        return r;
    }
}
