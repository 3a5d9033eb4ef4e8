package fba.check.drive;

import fba.check.vectors.VectorSet;
import fba.core.Profile;
import java.nio.file.Path;

/** Everything {@code fba check} is asked to do; see spec/check.md. */
public final class CheckConfig {

    /** The implementation's command line, run under {@code /bin/sh -c}. */
    public String command;
    public long seed;
    public int sessions = 1000;
    public int ops = 1000;
    public Profile profile = Profile.SUBSTRATE;
    /** The vector files to run first, or null for none. */
    public VectorSet vectors;
    public long timeoutMs = 10_000;
    /** Where to write the JSON report, or null. */
    public Path report;
    /** Where shrunk traces are written. */
    public Path outDir = Path.of("target", "fba-check");
    public boolean quiet;
    /** Time budget for shrinking a divergence. */
    public long shrinkMs = 120_000;
    public int shrinkAttempts = 5000;
    /** Distinct causes after which the check stops looking for more (1: stop at the first divergence). */
    public int maxCauses = 20;
    /** Threads generating sessions ahead of the sender; 0 picks by the number of cores. */
    public int threads;
    /** Implementation processes run at once, each over its own contiguous range of sessions. */
    public int jobs = 1;
    /**
     * Generate sessions on the object path (Strings and Request objects, as before issue 16)
     * instead of the byte path: the same requests and verdicts, slower; for tests comparing the two.
     */
    public boolean objectPath;
    /** This run is shard {@code shardIndex} (1-based) of {@code shardCount}. */
    public int shardIndex = 1;
    public int shardCount = 1;

    /** The first session of this shard: sessions are cut into shardCount contiguous slices. */
    public int firstSession() {
        return (int) ((long) (shardIndex - 1) * sessions / shardCount);
    }

    /** One past the last session of this shard. */
    public int endSession() {
        return (int) ((long) shardIndex * sessions / shardCount);
    }

    /** Only the first shard runs the vector files, so a merge counts them once. */
    public boolean runsVectors() {
        return vectors != null && shardIndex == 1;
    }
}
