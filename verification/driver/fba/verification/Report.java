package fba.verification;

import java.util.List;
import java.util.Locale;

/** Renders the merged results as Markdown and JSON and decides the gate's verdict. */
final class Report {

    private final GateSettings settings;
    private final List<ContractResult> results;
    private final double wallSeconds;
    private final double loadSeconds;
    private final int jobs;
    private final boolean workerFailed;
    private final KnownOpen knownOpen;
    /** A refresh searches on purpose: no advice to commit what it is committing anyway. */
    private final boolean refresh;
    /** Expected contracts KeY did not find, and found contracts not expected (issue 25). */
    private List<String> missing = List.of();
    private List<String> unexpected = List.of();
    /** The taclet options KeY activated, by category, as the workers read them back from it. */
    private java.util.Map<String, String> applied = java.util.Map.of();
    /** Every contract KeY found, with its kind (interface or substantive). */
    private java.util.Map<String, String> found = java.util.Map.of();

    Report(GateSettings settings, List<ContractResult> results, double wallSeconds, double loadSeconds,
            int jobs, boolean workerFailed, KnownOpen knownOpen, boolean refresh) {
        this.refresh = refresh;
        this.settings = settings;
        this.results = results;
        this.wallSeconds = wallSeconds;
        this.loadSeconds = loadSeconds;
        this.jobs = jobs;
        this.workerFailed = workerFailed;
        this.knownOpen = knownOpen;
    }

    /** Adds what the gate checks besides the proofs: the expected list and the applied settings. */
    Report withChecks(List<String> missing, List<String> unexpected, java.util.Map<String, String> applied,
            java.util.Map<String, String> found) {
        this.missing = missing;
        this.unexpected = unexpected;
        this.applied = applied;
        this.found = found;
        return this;
    }

    /** The integer semantics the gate asks for, as KeY names the activated option. */
    private String configuredIntRules() {
        return "intRules:" + settings.intRules;
    }

    /**
     * Whether KeY applied the configured integer semantics: in the environment every worker loaded,
     * and in every proof (each contract's line carries what its proof was built with).
     */
    boolean settingsApplied() {
        return configuredIntRules().equals(applied.get("intRules"))
                && results.stream().allMatch(r -> r.intRules.equals(configuredIntRules()));
    }

    boolean passed() {
        if (workerFailed || results.isEmpty() || !missing.isEmpty() || !unexpected.isEmpty() || !settingsApplied()) {
            return false;
        }
        for (ContractResult r : results) {
            if (r.failsGate()) {
                return false;
            }
        }
        return true;
    }

    private long count(boolean proved) {
        return results.stream().filter(r -> r.proved == proved).count();
    }

    /** Proved contracts of interface methods (vacuous obligations) or substantive ones. */
    private long provedOfKind(boolean isInterface) {
        return results.stream().filter(r -> r.proved && r.isInterface == isInterface).count();
    }

    private long foundOfKind(String kind) {
        return found.values().stream().filter(kind::equals).count();
    }

    private long countHow(String how) {
        return results.stream().filter(r -> r.how.equals(how)).count();
    }

    String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "proof gate: %d proved, %d open (%d known-open), %.0f s wall, %d jobs: %s%n",
                count(true), count(false), results.stream().filter(r -> !r.proved && r.knownOpen).count(),
                wallSeconds, jobs, passed() ? "PASSED" : "FAILED"));
        s.append(String.format(Locale.ROOT, "  %d replayed from their certificates, %d searched%n",
                countHow("replayed"),
                countHow("searched")));
        s.append(String.format(Locale.ROOT, "  proved: %d substantive (of %d found), %d interface obligations"
                        + " (of %d found; vacuous, no body); expected list: %d missing, %d unexpected%n",
                provedOfKind(false), foundOfKind("substantive"), provedOfKind(true), foundOfKind("interface"),
                missing.size(), unexpected.size()));
        s.append("  integer semantics applied by KeY: ").append(applied.getOrDefault("intRules", "(none read back)"))
                .append(configuredIntRules().equals(applied.get("intRules")) ? ""
                        : " — NOT the configured " + configuredIntRules()).append('\n');
        for (ContractResult r : results) {
            if (!r.intRules.equals(configuredIntRules())) {
                s.append("  proof built with ").append(r.intRules).append(", NOT the configured ")
                        .append(configuredIntRules()).append(": ").append(r.name).append('\n');
            }
        }
        for (String m : missing) {
            s.append("  missing (on the expected list, not found by KeY): ").append(m).append('\n');
        }
        for (String u : unexpected) {
            s.append("  unexpected (found by KeY, not on the expected list): ").append(u).append('\n');
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            s.append("  the expected list is ").append(settings.expected)
                    .append(": a spec case that was added, removed or renumbered must be listed there\n");
        }
        for (ContractResult r : results) {
            if (!r.proved) {
                s.append("  open").append(r.knownOpen ? " (known)" : "").append(": ").append(r.name)
                        .append(r.note == null ? "" : " (its certificate did not replay: " + r.note + ")").append('\n');
            } else if (r.searchedAndProved() && !refresh) {
                s.append("  searched, not replayed (").append(r.note == null ? "no certificate" : "certificate did not replay: " + r.note)
                        .append("): ").append(r.name).append('\n');
            }
        }
        if (!refresh && results.stream().anyMatch(ContractResult::searchedAndProved)) {
            s.append("  searched, not replayed — commit the new proofs with `verification/prove --adopt` (takes the ones"
                    + " this run saved in target/) or re-search them with `verification/prove --update 'NAME'`\n");
        }
        if (workerFailed) {
            s.append("  a KeY worker failed (load or parse error?): see its output above\n");
        }
        return s.toString();
    }

    String markdown() {
        StringBuilder s = new StringBuilder();
        s.append("# Proof gate report\n\n");
        s.append(String.format(Locale.ROOT,
                "Verdict: **%s** — %d proved, %d open, %d known-open; %d replayed from their proof certificates, "
                        + "%d searched. Wall %.0f s with %d KeY JVMs "
                        + "(KeY load %.0f s each). Integer semantics `%s`, max %d steps and %d s per contract"
                        + " (searches only; a replay is bounded by its certificate's steps).%n%n",
                passed() ? "PASSED" : "FAILED", count(true), count(false),
                results.stream().filter(r -> !r.proved && r.knownOpen).count(), countHow("replayed"),
                countHow("searched"), wallSeconds, jobs, loadSeconds,
                settings.intRules, settings.maxSteps, settings.timeoutSeconds));
        s.append(String.format(Locale.ROOT, "Proved: %d substantive contracts (of %d found) and %d interface obligations "
                        + "(of %d found: contracts of `Memory`'s methods, which have no body, so their proofs are vacuous; "
                        + "the allocator's proofs use them as assumptions). Expected list `%s`: %d missing, %d unexpected.%n%n",
                provedOfKind(false), foundOfKind("substantive"), provedOfKind(true), foundOfKind("interface"),
                settings.expected, missing.size(), unexpected.size()));
        s.append("Taclet options KeY activated (read back from the proof environment):");
        applied.forEach((k, v) -> s.append(" `").append(v).append("`"));
        s.append(settingsApplied() ? "" : " — **the configured `" + configuredIntRules() + "` was not applied**").append("\n\n");
        for (String m : missing) {
            s.append("- **missing** (expected, not found): `").append(m).append("`\n");
        }
        for (String u : unexpected) {
            s.append("- **unexpected** (found, not expected): `").append(u).append("`\n");
        }
        if (!settings.contractTimeouts.isEmpty()) {
            s.append("Per-contract budgets (steps scaled alike):");
            settings.contractTimeouts.forEach((k, v) -> s.append(" `").append(k).append("` ").append(v).append(" s;"));
            s.append("\n\n");
        }
        if (workerFailed) {
            s.append("A KeY worker failed; its contracts are missing from the table.\n\n");
        }
        s.append("| contract | result | how | nodes | seconds |\n|---|---|---|---:|---:|\n");
        for (ContractResult r : results) {
            s.append("| `").append(r.name.replace("|", "\\|")).append("` | ")
                    .append(r.proved ? "proved" : r.knownOpen ? "open (known: " + knownOpen.reason(r.name) + ")" : "**open**")
                    .append(" | ").append(r.how).append(r.note == null ? "" : " (replay failed: " + r.note.replace("|", "\\|") + ")")
                    .append(" | ").append(r.nodes).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", r.seconds)).append(" |\n");
        }
        return s.toString();
    }

    String json() {
        StringBuilder s = new StringBuilder();
        s.append("{\n");
        s.append("  \"passed\": ").append(passed()).append(",\n");
        s.append("  \"intRules\": ").append(quote(settings.intRules)).append(",\n");
        s.append("  \"applied\": {");
        String asep = "";
        for (var e : applied.entrySet()) {
            s.append(asep).append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
            asep = ", ";
        }
        s.append("},\n");
        s.append("  \"settingsApplied\": ").append(settingsApplied()).append(",\n");
        s.append("  \"substantive\": {\"found\": ").append(foundOfKind("substantive")).append(", \"proved\": ")
                .append(provedOfKind(false)).append("},\n");
        s.append("  \"interface\": {\"found\": ").append(foundOfKind("interface")).append(", \"proved\": ")
                .append(provedOfKind(true)).append("},\n");
        s.append("  \"expected\": ").append(quote(settings.expected)).append(",\n");
        s.append("  \"missing\": ").append(list(missing)).append(",\n");
        s.append("  \"unexpected\": ").append(list(unexpected)).append(",\n");
        s.append("  \"maxSteps\": ").append(settings.maxSteps).append(",\n");
        s.append("  \"timeoutSeconds\": ").append(settings.timeoutSeconds).append(",\n");
        s.append("  \"contractTimeouts\": {");
        String sep = "";
        for (var e : settings.contractTimeouts.entrySet()) {
            s.append(sep).append("\"").append(e.getKey().replace("\\", "\\\\").replace("\"", "\\\"")).append("\": ").append(e.getValue());
            sep = ", ";
        }
        s.append("},\n");
        s.append("  \"jobs\": ").append(jobs).append(",\n");
        s.append(String.format(Locale.ROOT, "  \"wallSeconds\": %.1f,%n", wallSeconds));
        s.append(String.format(Locale.ROOT, "  \"loadSeconds\": %.1f,%n", loadSeconds));
        s.append("  \"workerFailed\": ").append(workerFailed).append(",\n");
        s.append("  \"replayed\": ").append(countHow("replayed")).append(",\n");
        s.append("  \"searched\": ").append(countHow("searched")).append(",\n");
        s.append("  \"contracts\": [");
        for (int i = 0; i < results.size(); i++) {
            ContractResult r = results.get(i);
            s.append(i == 0 ? "\n" : ",\n");
            s.append("    {\"name\": ").append(quote(r.name))
                    .append(", \"result\": ").append(quote(r.proved ? "proved" : "open"))
                    .append(", \"knownOpen\": ").append(r.knownOpen)
                    .append(", \"nodes\": ").append(r.nodes)
                    .append(String.format(Locale.ROOT, ", \"seconds\": %.1f", r.seconds))
                    .append(", \"openGoals\": ").append(r.openGoals)
                    .append(", \"how\": ").append(quote(r.how))
                    .append(", \"certificate\": ").append(quote(r.certificate))
                    .append(", \"replayNote\": ").append(r.note == null ? "null" : quote(r.note))
                    .append(", \"newCertificate\": ").append(r.saved == null ? "null" : quote(r.saved))
                    .append(", \"kind\": ").append(quote(r.isInterface ? "interface" : "substantive"))
                    .append(", \"intRulesApplied\": ").append(quote(r.intRules)).append('}');
        }
        s.append("\n  ]\n}\n");
        return s.toString();
    }

    private static String list(List<String> values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
        }
        return s.append(']').toString();
    }

    private static String quote(String v) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
