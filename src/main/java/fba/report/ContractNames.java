package fba.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readable names of the KeY contracts ({@code verification/contracts.tsv}: raw name, tab,
 * readable name) and the reasons of the known-open ones ({@code verification/known-open.txt}:
 * raw name {@code |} reason). KeY numbers a method's contracts in order ("contract.3"), so the
 * names live in one checked-in file that changes with the contracts (ContractNamesTest checks it
 * against the JML). A contract missing from it is named from its KeY name, {@code
 * Type[Type::method(params)].JML kind.N}, as {@code method(params): kind N+1}, so that the page
 * never shows a raw KeY name where it could show a readable one.
 */
final class ContractNames {

    private final Map<String, String> labels;
    private final Map<String, String> reasons;

    private ContractNames(Map<String, String> labels, Map<String, String> reasons) {
        this.labels = labels;
        this.reasons = reasons;
    }

    /** Reads both files from {@code dir}; a missing file means no names (or no reasons). */
    static ContractNames read(Path dir) throws IOException {
        return new ContractNames(split(lines(dir.resolve("contracts.tsv")), "\t"),
                split(lines(dir.resolve("known-open.txt")), "|"));
    }

    String label(String raw) {
        String named = labels.get(raw);
        return named != null ? named : derived(raw);
    }

    /** KeY's contract names: the type, the method with its parameter types, the JML kind and its index. */
    private static final Pattern KEY_NAME = Pattern.compile(
            "([\\w.$]+)\\[([\\w.$]+)::([^(\\]]*)\\(([^)]*)\\)\\]\\.JML (.+?)\\.(\\d+)");

    /**
     * A readable name made from KeY's: {@code fba.core.FreeingBumpAllocator[…::addToSum(long)].JML
     * normal_behavior operation contract.0} becomes {@code addToSum(long): contract 1}; a method of
     * another type keeps its simple type name ({@code Memory.grow(long): contract 1}). A name of
     * another shape is returned as it is.
     */
    static String derived(String raw) {
        Matcher m = KEY_NAME.matcher(raw);
        if (!m.matches()) {
            return raw;
        }
        String type = simple(m.group(2));
        String method = m.group(3);
        StringBuilder params = new StringBuilder();
        for (String p : m.group(4).split(",")) {
            if (!p.isBlank()) {
                params.append(params.length() == 0 ? "" : ", ").append(simple(p.strip()));
            }
        }
        String kind = switch (m.group(5)) {
            case "normal_behavior operation contract" -> "contract";
            case "exceptional_behavior operation contract" -> "exceptional contract";
            case "behavior operation contract" -> "general contract";
            case "model_behavior operation contract" -> "model method contract";
            case "accessible clause" -> "reads only its footprint (accessible clause)";
            default -> m.group(5);
        };
        String owner = type.equals("FreeingBumpAllocator") ? "" : type + ".";
        String name = method.equals(type) ? "constructor" : owner + method;
        return name + "(" + params + "): " + kind + " " + (Integer.parseInt(m.group(6)) + 1);
    }

    private static String simple(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    /** The reason a contract is on the known-open list, or null when it is not on it. */
    String knownOpenReason(String raw) {
        return reasons.get(raw);
    }

    private static List<String> lines(Path p) throws IOException {
        return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
    }

    /** Non-comment lines {@code key SEP value}; lines without the separator are ignored. */
    private static Map<String, String> split(List<String> lines, String sep) {
        Map<String, String> m = new HashMap<>();
        for (String line : lines) {
            int i = line.indexOf(sep);
            if (!line.startsWith("#") && i > 0) {
                m.put(line.substring(0, i).strip(), line.substring(i + sep.length()).strip());
            }
        }
        return m;
    }
}
