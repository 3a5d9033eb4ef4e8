package fba.cli;

import fba.check.drive.CheckConfig;
import fba.check.Checker;
import fba.check.report.Verdict;
import fba.check.vectors.VectorSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fba check}: differential check of another implementation against the reference (spec/check.md). */
@Command(name = "check", header = "differential check of another implementation against the reference",
        synopsisHeading = "usage: ", synopsisSubcommandLabel = "[merge REPORT...]",
        description = {"", "Starts COMMAND (split on spaces when it is plain words, else under /bin/sh -c),",
            "speaks the line protocol to it and checks every response against the in-process",
            "reference. First every vector file of the set bundled in fba.jar (or --vectors DIR;",
            "files pinned to another profile, and unpinned files under --profile proposal, are",
            "skipped), then --sessions seeded sessions of --ops requests each, spread over --jobs",
            "processes of COMMAND. A divergence, or a crash, hang or non-protocol answer while a",
            "request is owed, is a cause named by a signature free of addresses and seeds (e.g.",
            "'malloc ok/out_of_space', 'stats ok/ok:peak', 'crash free'); the check goes on (next",
            "vector file, next session, a fresh process after a crash) until the sessions are done",
            "or --max-causes distinct causes were seen. Then the first occurrence of each cause is",
            "shrunk to a 1-minimal trace with the same signature, restarting COMMAND for each",
            "attempt, and written as a vector file into --out; causes are listed most frequent",
            "first. See spec/check.md.",
            "COMMAND must run in the profile given by --profile (e.g. './fba serve --profile strict').",
            ""},
        footer = {"", "Exit status: 0 no divergence, 1 divergence (one or more causes, shrunk traces written),",
            "2 bad usage or input, 3 the implementation could not be run or ended badly after its input."})
final class CheckCommand implements Callable<Integer> {

    private final Io io;

    @Mixin
    private HelpOption help;

    @Option(names = "--impl", paramLabel = "COMMAND", description = "the implementation's command (required)")
    private String impl;

    @Mixin
    private ProfileOption profile;

    @Option(names = "--seed", paramLabel = "S", description = "generation seed (default: random; always printed)")
    private Long seed;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "1000",
            description = "generated sessions (default ${DEFAULT-VALUE}; 0: vectors only)")
    private long sessions;

    @Option(names = "--ops", paramLabel = "N", defaultValue = "1000",
            description = "requests per session (default ${DEFAULT-VALUE})")
    private long ops;

    @Option(names = "--vectors", paramLabel = "DIR", description = "vector files to run first (default: the bundled set)")
    private Path vectors;

    @Option(names = "--no-vectors", description = "run no vector files")
    private boolean noVectors;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "implementation processes run at once over disjoint session ranges (default ${DEFAULT-VALUE})")
    private long jobs;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "run only shard I of N (1 <= I <= N): its slice of the sessions; shard 1 also runs the"
                    + " vectors. Combine the shards' reports with fba check merge")
    private String shard;

    @Option(names = "--timeout-ms", paramLabel = "T", defaultValue = "10000",
            description = "longest wait for an owed response (default ${DEFAULT-VALUE})")
    private long timeoutMs;

    @Option(names = "--shrink-ms", paramLabel = "T", defaultValue = "120000",
            description = "time budget for shrinking (default ${DEFAULT-VALUE})")
    private long shrinkMs;

    @Option(names = "--report", paramLabel = "FILE", description = "JSON report: seed, counts, divergence or failure, timings")
    private Path report;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/fba-check",
            description = "where shrunk traces go (default ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "threads generating sessions ahead, per job (default 0: cores - 2, at least 2 (1 on one core), at most 4)")
    private long threads;

    @Option(names = "--max-causes", paramLabel = "N", defaultValue = "20",
            description = "stop after N distinct causes (default ${DEFAULT-VALUE}; 1: stop at the first divergence)")
    private long maxCauses;

    @Option(names = "--quiet", description = "no progress lines on stderr")
    private boolean quiet;

    CheckCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (impl == null || impl.isBlank()) {
            throw new UsageException("needs --impl \"COMMAND\" (see fba check --help)");
        }
        CheckConfig c = new CheckConfig();
        c.command = impl;
        c.profile = profile.profile;
        c.seed = seed == null ? ThreadLocalRandom.current().nextLong(Long.MAX_VALUE)
                : UsageException.inRange("--seed", seed, 0, Long.MAX_VALUE);
        c.sessions = (int) UsageException.inRange("--sessions", sessions, 0, Integer.MAX_VALUE);
        c.ops = (int) UsageException.inRange("--ops", ops, 1, 10_000_000);
        c.timeoutMs = UsageException.inRange("--timeout-ms", timeoutMs, 1, 86_400_000);
        c.shrinkMs = UsageException.inRange("--shrink-ms", shrinkMs, 0, 86_400_000);
        c.threads = (int) UsageException.inRange("--threads", threads, 0, 64);
        c.jobs = (int) UsageException.inRange("--jobs", jobs, 1, 64);
        c.maxCauses = (int) UsageException.inRange("--max-causes", maxCauses, 1, 1_000_000);
        if (shard != null) {
            int[] s = parseShard(shard);
            c.shardIndex = s[0];
            c.shardCount = s[1];
        }
        c.quiet = quiet;
        c.outDir = out;
        c.report = report;
        if (noVectors && vectors != null) {
            throw new UsageException("--vectors and --no-vectors exclude each other");
        }
        try {
            if (vectors != null) {
                if (!Files.isDirectory(vectors) && !Files.isRegularFile(vectors)) {
                    throw new UsageException("--vectors " + vectors + ": no such file or directory");
                }
                c.vectors = VectorSet.directory(vectors);
            } else if (!noVectors) {
                c.vectors = VectorSet.bundled();
            }
        } catch (IOException e) {
            io.err.println("fba check: " + e.getMessage());
            return Verdict.BAD_INPUT;
        }
        return new Checker(c, io.out, io.err).run();
    }

    /** {@code I/N} with 1 <= I <= N <= 10^6, else a usage error naming the value. */
    static int[] parseShard(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,7})/([0-9]{1,7})").matcher(s);
        if (!m.matches()) {
            throw new UsageException("--shard takes I/N (shard I of N, e.g. 2/4), got '" + s + "'");
        }
        int i = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        if (i < 1 || i > n || n > 1_000_000) { // 1 <= I <= N already makes N >= 1
            throw new UsageException("--shard I/N needs 1 <= I <= N <= 1000000, got '" + s + "'");
        }
        return new int[] {i, n};
    }
}
