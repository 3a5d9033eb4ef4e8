package fba.cli;

import fba.core.Profile;
import fba.protocol.Session;
import fba.protocol.VectorFile;
import fba.protocol.VectorLine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code fba run}: replays vector files and compares every response with its expectation. */
final class RunCommand {

    static final String HELP = String.join("\n",
            "usage: fba run [--profile substrate|strict|proposal] [--quiet] FILE|DIR...",
            "",
            "Replays each vector file (DIRs are searched for *.vec) in a fresh session and",
            "compares each response with the expectation after ' => ' (errors compare by code).",
            "A file with a '#! profile P' pragma always runs in profile P; other files run in",
            "--profile (default substrate). Prints PASS or FAIL per file, the first mismatch of",
            "a failing file (line, request, expected, actual) and a closing count.",
            "Exit status: 0 all passed, 1 a mismatch, 2 unreadable or malformed input.");

    private RunCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o = Options.parse(args, Set.of("profile"), Set.of("quiet"));
        if (o.help()) {
            out.println(HELP);
            return 0;
        }
        if (o.positional().isEmpty()) {
            throw new UsageException("needs at least one FILE or DIR (see fba run --help)");
        }
        Profile profile = o.profile();
        List<Path> files;
        List<VectorFile> vectors = new ArrayList<>();
        try {
            List<Path> args2 = new ArrayList<>();
            for (String p : o.positional()) {
                args2.add(Path.of(p));
            }
            files = VectorFile.collect(args2);
            for (Path f : files) {
                vectors.add(VectorFile.read(f));
            }
        } catch (IOException e) {
            err.println("fba run: " + e.getMessage());
            return 2;
        }
        if (vectors.isEmpty()) {
            err.println("fba run: no vector files (*" + VectorFile.EXTENSION + ") found in " + o.positional());
            return 2;
        }
        int passed = 0;
        int failed = 0;
        long checks = 0;
        for (VectorFile v : vectors) {
            Outcome r = runOne(v, v.profile() != null ? v.profile() : profile);
            checks += r.checks;
            if (r.mismatch == null) {
                passed++;
                if (!o.flag("quiet")) {
                    out.println("PASS " + v.path() + " (" + r.checks + " expectations)");
                }
            } else {
                failed++;
                out.println("FAIL " + v.path());
                out.println(r.mismatch);
            }
        }
        out.println("(" + checks + " expectations checked in " + vectors.size() + " files)");
        out.println("vectors: " + passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    /** The result of replaying one vector file. */
    static final class Outcome {
        long checks;
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
