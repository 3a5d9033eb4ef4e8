package fba.mutation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mutation gate, run after PIT: reads PIT's {@code mutations.xml} and fails (exit 1) when
 * <ul>
 *   <li>a mutant in {@code fba.core} is not detected and is not argued equivalent in
 *       {@code verification/mutants.md}, or</li>
 *   <li>an equivalence argued there no longer matches a surviving mutant (the file would go stale), or</li>
 *   <li>the detected share of the other packages is below 90%.</li>
 * </ul>
 * A mutant is identified by class, method, mutator and PIT's description, not by line, so that
 * edits elsewhere in a file (comments, contracts) do not invalidate the arguments; when a method
 * holds several identical mutants, mutants.md needs one row per survivor.
 *
 * <p>Usage: {@code MutantGate <mutations.xml> <mutants.md>}. Prints the score per package.
 */
public final class MutantGate {

    static final String CORE = "fba.core";
    static final double REST_THRESHOLD = 90.0;

    private static final Pattern MUTATION = Pattern.compile("<mutation\\b([^>]*)>(.*?)</mutation>", Pattern.DOTALL);
    private static final Pattern STATUS = Pattern.compile("status='([A-Z_]+)'");
    private static final Pattern DETECTED = Pattern.compile("detected='(true|false)'");

    /** One mutant as PIT reports it. */
    record Mutant(String clazz, String method, String mutator, String description, int line, boolean detected,
            String status) {

        String pkg() {
            int dot = clazz.lastIndexOf('.');
            return dot < 0 ? "" : clazz.substring(0, dot);
        }

        String key() {
            return simpleName(clazz) + " | " + method + " | " + mutatorName() + " | " + description;
        }

        String mutatorName() {
            int dot = mutator.lastIndexOf('.');
            return dot < 0 ? mutator : mutator.substring(dot + 1);
        }
    }

    private MutantGate() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: MutantGate <mutations.xml> <mutants.md>");
            System.exit(2);
        }
        List<Mutant> mutants = parse(Files.readString(Path.of(args[0])));
        Map<String, Integer> argued = arguedEquivalent(Files.readString(Path.of(args[1])));
        List<String> problems = check(mutants, argued, System.out);
        for (String p : problems) {
            System.out.println("MUTATION GATE: " + p);
        }
        if (!problems.isEmpty()) {
            System.exit(1);
        }
        System.out.println("mutation gate: passed");
    }

    static List<Mutant> parse(String xml) {
        List<Mutant> out = new ArrayList<>();
        Matcher m = MUTATION.matcher(xml);
        while (m.find()) {
            String attrs = m.group(1);
            String body = m.group(2);
            Matcher st = STATUS.matcher(attrs);
            Matcher det = DETECTED.matcher(attrs);
            out.add(new Mutant(element(body, "mutatedClass"), unescape(element(body, "mutatedMethod")), element(body, "mutator"),
                    unescape(element(body, "description")), Integer.parseInt(element(body, "lineNumber")),
                    det.find() && det.group(1).equals("true"), st.find() ? st.group(1) : "UNKNOWN"));
        }
        return out;
    }

    /**
     * Rows of the equivalence table in mutants.md: {@code | Class | method | MUTATOR | description | ... |}
     * (the first four cells identify the mutant; the rest is the argument).
     */
    static Map<String, Integer> arguedEquivalent(String markdown) {
        Map<String, Integer> argued = new TreeMap<>();
        for (String line : markdown.split("\n")) {
            String t = line.trim();
            if (!t.startsWith("|") || t.startsWith("|---") || t.startsWith("| class ")) {
                continue;
            }
            String[] cells = t.substring(1).split("\\|");
            if (cells.length < 5) {
                continue;
            }
            String key = cells[0].trim().replace("`", "") + " | " + cells[1].trim().replace("`", "") + " | "
                    + cells[2].trim().replace("`", "") + " | " + cells[3].trim().replace("`", "");
            argued.merge(key, 1, Integer::sum);
        }
        return argued;
    }

    static List<String> check(List<Mutant> mutants, Map<String, Integer> argued, java.io.PrintStream out) {
        List<String> problems = new ArrayList<>();
        if (mutants.isEmpty()) {
            problems.add("no mutants in the report (did PIT run?)");
            return problems;
        }
        Map<String, int[]> perPackage = new TreeMap<>();
        Map<String, Integer> coreSurvivors = new TreeMap<>();
        Map<String, Mutant> example = new TreeMap<>();
        int restTotal = 0;
        int restDetected = 0;
        for (Mutant mu : mutants) {
            int[] c = perPackage.computeIfAbsent(mu.pkg(), k -> new int[2]);
            c[0]++;
            if (mu.detected()) {
                c[1]++;
            }
            if (mu.pkg().equals(CORE)) {
                if (!mu.detected()) {
                    coreSurvivors.merge(mu.key(), 1, Integer::sum);
                    example.put(mu.key(), mu);
                }
            } else {
                restTotal++;
                if (mu.detected()) {
                    restDetected++;
                }
            }
        }
        for (var e : perPackage.entrySet()) {
            out.printf("%-14s %5d mutants %5d detected %6.2f%%%n", e.getKey(), e.getValue()[0], e.getValue()[1],
                    100.0 * e.getValue()[1] / e.getValue()[0]);
        }
        double rest = restTotal == 0 ? 100.0 : 100.0 * restDetected / restTotal;
        out.printf("%-14s %5d mutants %5d detected %6.2f%% (threshold %.0f%%)%n", "outside core", restTotal,
                restDetected, rest, REST_THRESHOLD);
        for (var e : coreSurvivors.entrySet()) {
            int allowed = argued.getOrDefault(e.getKey(), 0);
            if (e.getValue() > allowed) {
                Mutant mu = example.get(e.getKey());
                problems.add("undetected core mutant not argued in verification/mutants.md (" + mu.status() + ", line "
                        + mu.line() + "): | " + e.getKey() + " |");
            }
        }
        for (var e : argued.entrySet()) {
            if (coreSurvivors.getOrDefault(e.getKey(), 0) < e.getValue()) {
                problems.add("mutants.md argues a mutant that no longer survives; remove the row: | " + e.getKey() + " |");
            }
        }
        if (rest < REST_THRESHOLD) {
            problems.add(String.format("outside fba.core only %.2f%% of mutants detected, need %.0f%%", rest,
                    REST_THRESHOLD));
        }
        return problems;
    }

    private static String element(String body, String name) {
        int start = body.indexOf("<" + name + ">");
        int end = body.indexOf("</" + name + ">");
        if (start < 0 || end < 0) {
            return "";
        }
        return body.substring(start + name.length() + 2, end);
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    private static String simpleName(String clazz) {
        int dot = clazz.lastIndexOf('.');
        return dot < 0 ? clazz : clazz.substring(dot + 1);
    }
}
