package fba.cli;

import fba.check.CheckConfig;
import fba.check.Checker;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** {@code fba check}: differential check of another implementation against the reference (spec/check.md). */
final class CheckCommand {

    static final String HELP = String.join("\n",
            "usage: fba check --impl \"COMMAND\" [--seed S] [--sessions N] [--ops N]",
            "                 [--profile substrate|strict|proposal] [--vectors DIR | --no-vectors]",
            "                 [--timeout-ms T] [--report FILE] [--out DIR] [--shrink-ms T]",
            "                 [--threads N] [--quiet]",
            "",
            "Starts COMMAND (split on spaces when it is plain words, else under /bin/sh -c),",
            "speaks the line protocol to it and checks every response against the in-process",
            "reference. First every vector file in --vectors DIR (default spec/vectors; files",
            "pinned to another profile, and unpinned files under --profile proposal, are",
            "skipped), then --sessions seeded sessions (default 1000) of --ops requests each",
            "(default 1000). See spec/check.md.",
            "At the first divergence the failing trace is shrunk (restarting COMMAND for each",
            "attempt, for at most --shrink-ms, default 120000) and written as a vector file",
            "into --out (default target/fba-check).",
            "  --seed S        generation seed (default: random; always printed)",
            "  --timeout-ms T  longest wait for an owed response (default 10000)",
            "  --report FILE   JSON report: seed, counts, divergence or failure, timings",
            "  --quiet         no progress lines on stderr",
            "  --threads N     threads generating sessions ahead (default: cores - 2, 1 to 4)",
            "COMMAND must run in the profile given by --profile (e.g. './fba serve --profile strict').",
            "Exit status: 0 no divergence, 1 divergence (shrunk trace written),",
            "2 the implementation crashed, hung, closed its output or printed a non-protocol line,",
            "or bad usage.");

    private CheckCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o = Options.parse(args,
                Set.of("impl", "seed", "sessions", "ops", "profile", "vectors", "timeout-ms", "report", "out",
                        "shrink-ms", "threads"),
                Set.of("quiet", "no-vectors"));
        if (o.help()) {
            out.println(HELP);
            return 0;
        }
        if (!o.positional().isEmpty()) {
            throw new UsageException("takes no positional arguments, got '" + o.positional().get(0) + "'");
        }
        String impl = o.get("impl", null);
        if (impl == null || impl.isBlank()) {
            throw new UsageException("needs --impl \"COMMAND\" (see fba check --help)");
        }
        CheckConfig c = new CheckConfig();
        c.command = impl;
        c.profile = o.profile();
        c.seed = o.getLong("seed", ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 0, Long.MAX_VALUE);
        c.sessions = (int) o.getLong("sessions", 1000, 0, Integer.MAX_VALUE);
        c.ops = (int) o.getLong("ops", 1000, 1, 10_000_000);
        c.timeoutMs = o.getLong("timeout-ms", 10_000, 1, 86_400_000);
        c.shrinkMs = o.getLong("shrink-ms", 120_000, 0, 86_400_000);
        c.threads = (int) o.getLong("threads", 0, 0, 64);
        c.quiet = o.flag("quiet");
        c.outDir = Path.of(o.get("out", "target/fba-check"));
        if (o.get("report", null) != null) {
            c.report = Path.of(o.get("report", null));
        }
        if (o.flag("no-vectors")) {
            if (o.get("vectors", null) != null) {
                throw new UsageException("--vectors and --no-vectors exclude each other");
            }
            c.vectors = null;
        } else if (o.get("vectors", null) != null) {
            c.vectors = Path.of(o.get("vectors", null));
            if (!Files.isDirectory(c.vectors) && !Files.isRegularFile(c.vectors)) {
                throw new UsageException("--vectors " + c.vectors + ": no such file or directory");
            }
        } else {
            Path def = Path.of("spec", "vectors");
            if (Files.isDirectory(def)) {
                c.vectors = def;
            } else {
                err.println("fba check: no " + def + " directory here; running generated sessions only");
            }
        }
        return new Checker(c, out, err).run();
    }
}
