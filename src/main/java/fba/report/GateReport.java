package fba.report;

import fba.core.Profile;
import fba.protocol.Session;
import fba.protocol.VectorFile;
import fba.protocol.VectorLine;
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
        figures.put("proofs", proofFigures());
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
        collectTrace();
        Map<String, Object> trace = failingTrace();
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

    private Map<String, Object> proofFigures() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        Path p = target.resolve("verification").resolve("report.json");
        if (!Files.exists(p)) {
            m.put("available", false);
            return m;
        }
        Object root = Json.parse(Files.readString(p, StandardCharsets.UTF_8));
        List<?> contracts = root instanceof Map<?, ?> r && r.get("contracts") instanceof List<?> l ? l
                : root instanceof List<?> l2 ? l2 : List.of();
        long proved = 0;
        long open = 0;
        List<String> openNames = new ArrayList<>();
        ContractNames names = ContractNames.read(project.resolve("verification"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object c : contracts) {
            if (c instanceof Map<?, ?> cm) {
                Object status = cm.containsKey("status") ? cm.get("status") : cm.get("result");
                String name = String.valueOf(cm.containsKey("name") ? cm.get("name") : cm.get("contract"));
                boolean isProved = "proved".equals(status) || "closed".equals(status) || Boolean.TRUE.equals(cm.get("proved"));
                if (isProved) {
                    proved++;
                } else {
                    open++;
                    openNames.add(name);
                }
                String reason = names.knownOpenReason(name);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", name);
                row.put("label", names.label(name));
                row.put("result", isProved ? "proved" : "open");
                row.put("known_open", !isProved && (Boolean.TRUE.equals(cm.get("knownOpen")) || reason != null));
                row.put("reason", isProved ? null : reason);
                // replayed from its proof certificate, or searched (issue 26); absent in older reports
                row.put("how", cm.get("how"));
                row.put("nodes", cm.get("nodes"));
                row.put("seconds", cm.get("seconds"));
                rows.add(row);
            }
        }
        // Open contracts first (unexpected before known), then by readable name.
        rows.sort(java.util.Comparator.comparing((Map<String, Object> r) -> "proved".equals(r.get("result")))
                .thenComparing(r -> Boolean.TRUE.equals(r.get("known_open")))
                .thenComparing(r -> String.valueOf(r.get("label"))));
        m.put("available", true);
        m.put("proved", proved);
        m.put("open", open);
        m.put("open_contracts", openNames);
        m.put("replayed", rows.stream().filter(r -> "replayed".equals(r.get("how"))).count());
        m.put("searched", rows.stream().filter(r -> "searched".equals(r.get("how"))).count());
        m.put("contracts", rows);
        m.put("report", "../verification/report.md");
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

    /** A request line of a printed vector file, with or without its expectation. */
    private static final Pattern REQUEST_LINE =
            Pattern.compile("(init|malloc|free|grow|truncate|poke|peek|stats|pages)( .*)?");

    /**
     * Stores the minimal failing trace a stage left behind as {@code trace.vec}, unless there is
     * one already: the check's shrunk divergence ({@code check/*.vec}), else the first regression
     * vector a failing model-based property printed into the tests or model log.
     */
    private void collectTrace() throws IOException {
        Path p = gate.resolve("trace.vec");
        if (Files.exists(p)) {
            return;
        }
        Path check = gate.resolve("check");
        if (Files.isDirectory(check)) {
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(check, "*.vec")) {
                ds.forEach(found::add);
            }
            if (!found.isEmpty()) {
                found.sort(null);
                Files.copy(found.get(0), p);
                return;
            }
        }
        for (String stage : new String[] {"tests", "model"}) {
            String text = log(stage);
            String vector = text == null ? null : regressionVector(text);
            if (vector != null) {
                Files.writeString(p, vector, StandardCharsets.UTF_8);
                return;
            }
        }
    }

    /**
     * The first regression vector in a test log: the comment and request lines after the
     * {@code --- regression vector} marker, up to the first other line. Surefire indents the
     * lines of a failure message, so they are read without their leading blanks.
     */
    static String regressionVector(String log) {
        String[] lines = log.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].contains("--- regression vector")) {
                continue;
            }
            StringBuilder vector = new StringBuilder();
            boolean anyRequest = false;
            for (int j = i + 1; j < lines.length; j++) {
                String line = lines[j].strip();
                boolean request = REQUEST_LINE.matcher(line).matches();
                if (!request && !line.startsWith("#")) {
                    break;
                }
                anyRequest |= request;
                vector.append(line).append('\n');
            }
            if (anyRequest) {
                return vector.toString();
            }
        }
        return null;
    }

    /**
     * The minimal failing trace a stage left in {@code trace.vec} (a divergence or a failing
     * property), replayed to draw the heap after its last request, with the block of the pointer
     * named by the last request marked.
     */
    private Map<String, Object> failingTrace() throws IOException {
        Path p = gate.resolve("trace.vec");
        if (!Files.exists(p)) {
            return null;
        }
        VectorFile v = VectorFile.read(p);
        Session session = new Session(v.profile() != null ? v.profile() : Profile.SUBSTRATE);
        StringBuilder sb = new StringBuilder();
        String last = null;
        String lastResponse = null;
        for (VectorLine line : v.lines()) {
            if (line.request() != null) {
                sb.setLength(0);
                session.execute(line.request(), sb);
                last = line.request();
                lastResponse = sb.toString();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", "trace.vec");
        m.put("text", Files.readString(p, StandardCharsets.UTF_8));
        m.put("last_request", last);
        m.put("reference_response", lastResponse);
        // The same trace in the explorer, next to the page: every step, not just the last.
        // (it names the implementation and seed the trace's comments record, and how to replay it)
        TraceExplorer.write(p, TraceExplorer.read(p), v.profile() != null ? v.profile() : Profile.SUBSTRATE,
                gate.resolve("trace.html"));
        m.put("explorer", "trace.html");
        if (session.allocator() != null) {
            long mark = markedAddress(last, lastResponse);
            m.put("marked_address", mark);
            m.put("svg", HeapSvg.render(HeapLayout.of(session.allocator(), 5_000), "heap after the failing trace", mark));
        } else if (session.proposal() != null) {
            // The heap picture reads sc-allocator's headers; the page says so instead of leaving a gap.
            m.put("no_svg", "The trace runs the proposal profile: the heap picture draws sc-allocator's heap only;"
                    + " the trace explorer lists every request with its answer.");
        }
        return m;
    }

    /** The pointer the last request is about: its argument for free/peek/poke, the result for malloc. */
    static long markedAddress(String request, String response) {
        if (request == null) {
            return -1;
        }
        String[] t = request.split(" ");
        try {
            if ((t[0].equals("free") || t[0].equals("peek") || t[0].equals("poke")) && t.length > 1) {
                return Long.parseLong(t[1]);
            }
            if (t[0].equals("malloc") && response != null && response.startsWith("ok ")) {
                return Long.parseLong(response.substring(3).trim());
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
