package fba.cli;

import fba.check.report.ShardMerge;
import fba.check.report.Verdict;
import fba.report.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fba check merge}: one verdict from the JSON reports of every shard of a check. */
@Command(name = "merge", header = "one verdict from the reports of every shard of a check",
        synopsisHeading = "usage: ",
        description = {"", "Combines the --report files of the shards of one check (fba check --shard I/N,",
            "same implementation, seed, profile, sessions, ops, timeout, max causes, fba version and",
            "vector set) into the verdict of the unsharded run: the causes of all shards by",
            "signature with their counts summed, each with its earliest occurrence and shrunk trace;",
            "a failure that ended a shard wins, with that shard's exit status."},
        footer = {"", "Exit status: 0 no shard found a problem, 1 divergence, 2 reports that are unreadable",
            "or do not belong to one check, 3 a shard's implementation could not be run."})
final class CheckMergeCommand implements Callable<Integer> {

    private final Io io;

    @Mixin
    private HelpOption help;

    @Parameters(paramLabel = "REPORT", arity = "1..*", description = "the shards' JSON reports")
    private List<Path> reports;

    @Option(names = "--report", paramLabel = "FILE", description = "write the merged JSON report")
    private Path merged;

    CheckMergeCommand(Io io) {
        this.io = io;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        List<ShardMerge.Shard> shards = new ArrayList<>();
        for (Path p : reports) {
            Object json;
            try {
                json = Json.parse(Files.readString(p, StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                return problem(p + ": no such file");
            } catch (IOException e) {
                return problem(p + ": cannot read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                return problem(p + ": " + e.getMessage());
            }
            if (!(json instanceof Map)) {
                return problem(p + ": not a report of fba check (not a JSON object)");
            }
            shards.add(new ShardMerge.Shard(p.toString(), (Map<String, Object>) json));
        }
        ShardMerge.Result r;
        try {
            r = ShardMerge.merge(shards);
        } catch (IllegalArgumentException e) {
            return problem(e.getMessage());
        }
        for (String line : r.lines()) {
            io.out.println(line);
        }
        if (merged != null) {
            try {
                Files.writeString(merged, Json.write(r.report()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return problem("cannot write report " + merged + ": " + e.getMessage());
            }
        }
        return r.status();
    }

    private int problem(String message) {
        io.err.println("fba check merge: " + message);
        return Verdict.BAD_INPUT;
    }
}
