package fba.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Readable names of the KeY contracts ({@code verification/contract-names.tsv}: raw name, tab,
 * readable name) and the reasons of the known-open ones ({@code verification/known-open.txt}:
 * raw name {@code |} reason). KeY numbers a method's contracts in order ("contract.3"), so the
 * names live in one checked-in file that changes with the contracts; a contract missing from it
 * keeps its raw name.
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
        return new ContractNames(split(lines(dir.resolve("contract-names.tsv")), "\t"),
                split(lines(dir.resolve("known-open.txt")), "|"));
    }

    String label(String raw) {
        return labels.getOrDefault(raw, raw);
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
