package fba.check;

import fba.check.drive.CheckConfig;
import fba.check.vectors.VectorSet;
import fba.core.Profile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Test helper: runs the checker in-process and keeps its exit status, output and report. */
final class CheckRun {

    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    final int status;
    final String out;
    final Map<String, Object> report;

    private CheckRun(int status, String out, Map<String, Object> report) {
        this.status = status;
        this.out = out;
        this.report = report;
    }

    /**
     * The build's classes with their libraries (picocli, Jackson): the test's own class path, which
     * surefire sets to the real one. Its entries hold no spaces here, so the command stays plain words.
     */
    static final String CLASS_PATH = System.getProperty("java.class.path");

    /** A command starting a JVM on the build's classes (quick start-up flags: it is restarted often). */
    static String java(String mainAndArgs) {
        return JAVA + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
                + " -cp " + CLASS_PATH + " " + mainAndArgs;
    }

    static CheckRun of(String impl, long seed, int sessions, int ops, Path vectors, Path outDir, long timeoutMs) {
        return of(impl, Profile.SUBSTRATE, seed, sessions, ops, vectors, outDir, timeoutMs);
    }

    static CheckRun of(String impl, Profile profile, long seed, int sessions, int ops, Path vectors, Path outDir,
            long timeoutMs) {
        return of(impl, profile, seed, sessions, ops, vectors, outDir, timeoutMs, c -> { });
    }

    /** As above, with further settings (jobs, shards, report) applied by {@code more}. */
    static CheckRun of(String impl, long seed, int sessions, int ops, Path vectors, Path outDir, long timeoutMs,
            java.util.function.Consumer<CheckConfig> more) {
        return of(impl, Profile.SUBSTRATE, seed, sessions, ops, vectors, outDir, timeoutMs, more);
    }

    static CheckRun of(String impl, Profile profile, long seed, int sessions, int ops, Path vectors,
            Path outDir, long timeoutMs, java.util.function.Consumer<CheckConfig> more) {
        CheckConfig c = new CheckConfig();
        c.command = impl;
        c.seed = seed;
        c.sessions = sessions;
        c.ops = ops;
        c.profile = profile;
        try {
            c.vectors = vectors == null ? null : VectorSet.directory(vectors);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        c.outDir = outDir;
        c.timeoutMs = timeoutMs;
        c.quiet = true;
        c.shrinkMs = 240_000;
        more.accept(c);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Checker checker = new Checker(c, ps, ps);
        int status = checker.run();
        ps.flush();
        return new CheckRun(status, bytes.toString(StandardCharsets.UTF_8), checker.report());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> divergence() {
        return (Map<String, Object>) report.get("divergence");
    }
}
