package fba.check;

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
    /** Directory of vector files to run first, or null for none. */
    public Path vectors;
    public long timeoutMs = 10_000;
    /** Where to write the JSON report, or null. */
    public Path report;
    /** Where shrunk traces are written. */
    public Path outDir = Path.of("target", "fba-check");
    public boolean quiet;
    /** Time budget for shrinking a divergence. */
    public long shrinkMs = 120_000;
    public int shrinkAttempts = 5000;
    /** Threads generating sessions ahead of the sender; 0 picks by the number of cores. */
    public int threads;
}
