package fba.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the verification gate's report: {@code summary.json} (machine-readable) and
 * {@code index.html} (one self-contained page) into the gate directory.
 *
 * <p>Input is what the stages left behind: {@code stages.tsv} written by the {@code gate} script
 * (name, status, seconds, command), each stage's log, and the artifacts of the tools (surefire XML,
 * the proof report JSON, PIT's mutations.xml, the check report JSON, a failing trace). A missing
 * artifact is reported as missing, never guessed.
 *
 * <p>Usage: {@code java -cp target/classes fba.report.GateReport [target/gate]}.
 */
public final class GateReport {

    private final Path gate;
    private final Path target;
    private final Path project;

    GateReport(Path gate) {
        this.gate = gate;
        this.target = gate.toAbsolutePath().getParent();
        this.project = target.getParent();
    }

    public static void main(String[] args) {
        Path gate = Path.of(args.length > 0 ? args[0] : "target/gate");
        try {
            new GateReport(gate).write();
            System.out.println("gate report: " + gate.resolve("summary.json") + " and " + gate.resolve("index.html"));
        } catch (IOException | RuntimeException e) {
            System.err.println("gate report: cannot write the report into " + gate + ": " + e.getMessage());
            System.exit(2);
        }
    }

    void write() throws IOException {
        List<Map<String, Object>> stages = readStages();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("vectors", vectorFigures());
        figures.put("tests", surefireFigures(target.resolve("surefire-reports")));
        figures.put("model", modelFigures());
        // The fuzz stage's own figures when it ran; otherwise a figures/fuzz.json a stage left wins.
        Map<String, Object> fuzz = fuzzFigures();
        if (Boolean.TRUE.equals(fuzz.get("available"))) {
            figures.put("fuzz", fuzz);
        }
        figures.put("proofs", ProofFigures.read(target, project));
        figures.put("mutation", pitFigures());
        figures.put("check", checkFigures());
        stageFigures(stages, figures);
        figures.putIfAbsent("fuzz", fuzz);
        String overall = "passed";
        for (Map<String, Object> s : stages) {
            if ("failed".equals(s.get("status"))) {
                overall = "failed";
            }
        }
        if (stages.isEmpty()) {
            overall = "no stages ran";
        }
        GateTrace gateTrace = new GateTrace(gate);
        gateTrace.collect();
        Map<String, Object> trace = gateTrace.read();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", overall);
        summary.put("stages", stages);
        summary.put("figures", figures);
        summary.put("failing_trace", trace == null ? null : withoutSvg(trace));
        Files.createDirectories(gate);
        Files.writeString(gate.resolve("summary.json"), Json.write(summary), StandardCharsets.UTF_8);
        Files.writeString(gate.resolve("index.html"), Html.page(overall, stages, figures, trace), StandardCharsets.UTF_8);
    }

    /**
     * Figures a stage left as JSON in {@code figures/<stage>.json} (for stages this class knows
     * nothing about, e.g. a fuzzing stage): the page shows them in its generic table.
     */
    private void stageFigures(List<Map<String, Object>> stages, Map<String, Object> figures) throws IOException {
        for (Map<String, Object> s : stages) {
            String name = String.valueOf(s.get("name"));
            Path f = gate.resolve("figures").resolve(name + ".json");
            if (figures.containsKey(name) || !Files.isRegularFile(f)) {
                continue;
            }
            try {
                figures.put(name, Json.parse(Files.readString(f, StandardCharsets.UTF_8)));
            } catch (RuntimeException e) {
                figures.put(name, "unreadable " + gate.relativize(f) + ": " + e.getMessage());
            }
        }
    }

    private static Map<String, Object> withoutSvg(Map<String, Object> trace) {
        Map<String, Object> m = new LinkedHashMap<>(trace);
        m.remove("svg");
        return m;
    }

    private List<Map<String, Object>> readStages() throws IOException {
        List<Map<String, Object>> stages = new ArrayList<>();
        Path tsv = gate.resolve("stages.tsv");
        if (!Files.exists(tsv)) {
            return stages;
        }
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (f.length < 4 || line.startsWith("#")) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", f[0]);
            s.put("status", f[1]);
            s.put("seconds", parseLongOr(f[2], -1));
            s.put("command", f[3]);
            s.put("log", "logs/" + f[0] + ".log");
            stages.add(s);
        }
        return stages;
    }

    private static long parseLongOr(String s, long fallback) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private String log(String stage) throws IOException {
        return log(gate, stage);
    }

    /** The log the gate kept of {@code stage}, or null when it has none. */
    static String log(Path gate, String stage) throws IOException {
        Path p = gate.resolve("logs").resolve(stage + ".log");
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
    }

    private Map<String, Object> vectorFigures() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        String log = log("vectors");
        if (log == null) {
            m.put("available", false);
            return m;
        }
        Matcher files = Pattern.compile("(?m)^vectors: (\\d+) passed, (\\d+) failed$").matcher(log);
        Matcher checks = Pattern.compile("\\((\\d+) expectations checked in (\\d+) files\\)").matcher(log);
        m.put("available", files.find());
        if (Boolean.TRUE.equals(m.get("available"))) {
            m.put("files_passed", Long.parseLong(files.group(1)));
            m.put("files_failed", Long.parseLong(files.group(2)));
        }
        if (checks.find()) {
            m.put("expectations", Long.parseLong(checks.group(1)));
        }
        return m;
    }

    /** Counts of a directory of surefire XML reports. */
    static Map<String, Object> surefireFigures(Path dir) throws IOException {
        return surefireFigures(dir, "TEST-*.xml");
    }

    /** Counts of the surefire XML reports in {@code dir} whose names match {@code glob}. */
    static Map<String, Object> surefireFigures(Path dir, String glob) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        long tests = 0;
        long failures = 0;
        long errors = 0;
        long skipped = 0;
        int files = 0;
        if (Files.isDirectory(dir)) {
            Pattern attrs = Pattern.compile("<testsuite\\b[^>]*>");
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
                for (Path p : ds) {
                    Matcher mm = attrs.matcher(Files.readString(p, StandardCharsets.UTF_8));
                    if (mm.find()) {
                        String tag = mm.group();
                        tests += attr(tag, "tests");
                        failures += attr(tag, "failures");
                        errors += attr(tag, "errors");
                        skipped += attr(tag, "skipped");
                        files++;
                    }
                }
            }
        }
        m.put("available", files > 0);
        m.put("suites", files);
        m.put("tests", tests);
        m.put("failures", failures);
        m.put("errors", errors);
        m.put("skipped", skipped);
        return m;
    }

    private static long attr(String tag, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"(\\d+)\"").matcher(tag);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /**
     * The fuzz stage's figures: per target, the inputs it executed (its own count in
     * {@code target/fuzz/<target>.properties}), libFuzzer's final coverage and corpus from the
     * target's own log ({@code target/fuzz/logs/CLASS.log}, see the gate's fuzz stage), and its
     * findings (failed tests in the fuzz run's surefire reports); then the totals. Two targets fuzz
     * at once, so the stage log interleaves their libFuzzer lines and its DONE lines cannot be told
     * apart (issue 28): without a target's own log its coverage is left out, never guessed.
     */
    private Map<String, Object> fuzzFigures() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        String log = log("fuzz");
        Path dir = target.resolve("fuzz");
        if (log == null || !Files.isDirectory(dir)) {
            m.put("available", false);
            return m;
        }
        Map<String, Object> targets = new TreeMap<>();
        long inputs = 0;
        long findings = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.properties")) {
            for (Path p : ds) {
                java.util.Properties props = new java.util.Properties();
                try (var in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    props.load(in);
                }
                Map<String, Object> t = new LinkedHashMap<>();
                long n = parseLongOr(props.getProperty("inputs", ""), 0);
                String cls = props.getProperty("class", "");
                t.put("inputs", n);
                t.put("seconds", parseLongOr(props.getProperty("seconds", ""), -1));
                Matcher done = FUZZ_DONE.matcher(ownLog(dir, cls));
                while (done.find()) {
                    // a target runs once per log; the last DONE line is its final figure
                    t.put("coverage_edges", Long.parseLong(done.group(1)));
                    t.put("features", Long.parseLong(done.group(2)));
                    t.put("corpus", Long.parseLong(done.group(3)));
                }
                Map<String, Object> report = surefireFigures(dir.resolve("reports"), "TEST-" + cls + ".xml");
                long found = (long) report.get("failures") + (long) report.get("errors");
                t.put("findings", found);
                targets.put(props.getProperty("target", p.getFileName().toString()), t);
                inputs += n;
                findings += found;
            }
        }
        m.put("available", !targets.isEmpty());
        m.put("inputs", inputs);
        m.put("findings", findings);
        m.put("targets", targets);
        return m;
    }

    /** libFuzzer's closing line: {@code #N DONE cov: E ft: F corp: C/SIZE ...}. */
    private static final Pattern FUZZ_DONE = Pattern.compile("DONE +cov: (\\d+) ft: (\\d+) corp: (\\d+)");

    /** The log of the Maven run that fuzzed only {@code cls} (empty when there is none). */
    private static String ownLog(Path fuzzDir, String cls) throws IOException {
        Path p = fuzzDir.resolve("logs").resolve(cls + ".log");
        return cls.isEmpty() || !Files.isRegularFile(p) ? "" : Files.readString(p, StandardCharsets.UTF_8);
    }

    private Map<String, Object> modelFigures() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        String log = log("model");
        if (log == null) {
            m.put("available", false);
            return m;
        }
        // The deep model tests print "deep model-based run: N requests" once per run.
        Matcher a = Pattern.compile("deep model-based run: (\\d+) requests").matcher(log);
        long actions = 0;
        int runs = 0;
        while (a.find()) {
            actions += Long.parseLong(a.group(1));
            runs++;
        }
        m.put("available", runs > 0);
        m.put("requests_executed", actions);
        m.put("property_runs", runs);
        return m;
    }

    private Map<String, Object> pitFigures() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        Path xml = target.resolve("pit-reports").resolve("mutations.xml");
        if (!Files.exists(xml)) {
            m.put("available", false);
            return m;
        }
        Map<String, long[]> perPackage = new TreeMap<>();
        Pattern mutation = Pattern.compile("<mutation\\b([^>]*)>(.*?)</mutation>", Pattern.DOTALL);
        Pattern cls = Pattern.compile("<mutatedClass>([^<]*)</mutatedClass>");
        Pattern status = Pattern.compile("status='([A-Z_]+)'|status=\"([A-Z_]+)\"");
        Matcher mm = mutation.matcher(Files.readString(xml, StandardCharsets.UTF_8));
        while (mm.find()) {
            Matcher c = cls.matcher(mm.group(2));
            Matcher s = status.matcher(mm.group(1));
            if (!c.find() || !s.find()) {
                continue;
            }
            String className = c.group(1);
            String pkg = className.lastIndexOf('.') < 0 ? "" : className.substring(0, className.lastIndexOf('.'));
            String st = s.group(1) != null ? s.group(1) : s.group(2);
            long[] counts = perPackage.computeIfAbsent(pkg, k -> new long[2]);
            counts[1]++;
            if (st.equals("KILLED") || st.equals("TIMED_OUT") || st.equals("MEMORY_ERROR")) {
                counts[0]++;
            }
        }
        Map<String, Object> pkgs = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : perPackage.entrySet()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("killed", e.getValue()[0]);
            p.put("mutants", e.getValue()[1]);
            p.put("score_percent", e.getValue()[1] == 0 ? 100.0
                    : Math.round(1000.0 * e.getValue()[0] / e.getValue()[1]) / 10.0);
            pkgs.put(e.getKey(), p);
        }
        m.put("available", true);
        m.put("packages", pkgs);
        m.put("report", "../pit-reports/index.html");
        return m;
    }

    private Map<String, Object> checkFigures() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        Path p = gate.resolve("check.json");
        if (!Files.exists(p)) {
            m.put("available", false);
            return m;
        }
        Object root = Json.parse(Files.readString(p, StandardCharsets.UTF_8));
        m.put("available", true);
        if (root instanceof Map<?, ?> r) {
            for (String key : new String[] {"result", "seed", "requests", "sessions", "divergence",
                    "failure", "vectors", "timings", "responses_per_code", "requests_per_kind"}) {
                if (r.containsKey(key)) {
                    m.put(key, r.get(key));
                }
            }
            // The check stops at the first divergence, so this count is 0 or 1; after a failure
            // (a crash or hang of the implementation) it is unknown and left out.
            Object result = r.get("result");
            if ("pass".equals(result)) {
                m.put("divergences", 0L);
            } else if ("divergence".equals(result)) {
                m.put("divergences", 1L);
            }
        }
        return m;
    }

}
