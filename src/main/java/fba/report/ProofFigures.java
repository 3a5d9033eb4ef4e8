package fba.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gate report's proof figures: each KeY contract from the proof stage's report, with its
 * readable name, proved / known open / open, proof nodes and seconds.
 */
final class ProofFigures {

    private ProofFigures() {
    }

    static Map<String, Object> read(Path target, Path project) throws IOException {
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
}
