package fba.verification;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The checked-in knobs of a proof run (verification/settings/gate.properties). */
final class GateSettings {

    final String intRules;
    final int maxSteps;
    final int timeoutSeconds;
    /**
     * Per-contract budgets (issue 12): a contract whose name contains a key gets that many seconds
     * and a step limit scaled alike, instead of {@link #timeoutSeconds}; the first match wins.
     * Written {@code contractTimeouts=substring@seconds;substring@seconds}.
     */
    final Map<String, Integer> contractTimeouts;
    /**
     * Contracts proved with KeY's class axioms off (issue 12): a method whose proof only chains the
     * contracts of the methods it calls, each of which carries the class invariant, never needs
     * the invariant unfolded, and unfolding it only buries the proof. Off is sound: it withholds
     * axioms, it adds none. Written {@code classAxiomsOff=substring;substring}.
     */
    final List<String> classAxiomsOff;
    /**
     * Contracts proved in two phases (issue 12): first KeY's quantifier instantiation without case
     * splits ({@code QUANTIFIERS_NON_SPLITTING}) until no rule applies, then the gate's strategy
     * on what is left, both within the contract's one budget. Sound either way: a strategy only
     * chooses which rules to apply. Written {@code twoPhase=substring;substring}.
     */
    final List<String> twoPhase;
    final List<String> classes;
    final List<String> files;
    /** Where {@link #files} are, relative to the project root. */
    final String sourceRoot;
    /** KeY classpath stubs for types the proved files mention but that are not loaded, or empty. */
    final String stubs;
    /** KeY's own settings file (taclet options, strategy defaults), copied into each worker's home. */
    final String keySettings;
    /**
     * The folder of proof certificates (issue 26), relative to the project root, or empty for none:
     * the gate replays them, {@code verification/prove --update} writes them.
     */
    final String proofs;
    /**
     * The expected contracts (issue 25), relative to the project root: one KeY contract name a line,
     * a tab, its readable name. The gate fails when KeY finds a contract not on it or misses one on it.
     */
    final String expected;

    private GateSettings(Properties p) {
        intRules = required(p, "intRules");
        maxSteps = Integer.parseInt(required(p, "maxSteps"));
        timeoutSeconds = Integer.parseInt(required(p, "timeoutSeconds"));
        contractTimeouts = new LinkedHashMap<>();
        for (String entry : split(p.getProperty("contractTimeouts", ""), ";")) {
            int at = entry.lastIndexOf('@');
            int seconds = -1;
            try {
                seconds = at <= 0 ? -1 : Integer.parseInt(entry.substring(at + 1).trim());
            } catch (NumberFormatException e) {
                // reported below, naming the entry
            }
            if (seconds <= 0) {
                throw new IllegalArgumentException("gate settings: contractTimeouts entry '" + entry
                        + "' is not substring@seconds (a positive number)");
            }
            contractTimeouts.put(entry.substring(0, at).trim(), seconds);
        }
        classAxiomsOff = split(p.getProperty("classAxiomsOff", ""), ";");
        twoPhase = split(p.getProperty("twoPhase", ""), ";");
        classes = split(required(p, "classes"), ",");
        files = split(required(p, "files"), ",");
        sourceRoot = required(p, "sourceRoot");
        stubs = p.getProperty("stubs", "").trim();
        keySettings = required(p, "keySettings");
        proofs = p.getProperty("proofs", "").trim();
        expected = required(p, "expected");
    }

    /** The time budget of one contract, in seconds. */
    int timeoutFor(String contractName) {
        for (Map.Entry<String, Integer> e : contractTimeouts.entrySet()) {
            if (contractName.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return timeoutSeconds;
    }

    /** Whether one of these substrings occurs in the contract's name. */
    private static boolean names(List<String> substrings, String contractName) {
        return substrings.stream().anyMatch(contractName::contains);
    }

    /** Whether a contract is proved in two phases (see {@link #twoPhase}). */
    boolean twoPhaseFor(String contractName) {
        return names(twoPhase, contractName);
    }

    /** Whether a contract is proved with the class axioms off (see {@link #classAxiomsOff}). */
    boolean classAxiomsOffFor(String contractName) {
        return names(classAxiomsOff, contractName);
    }

    /** The step limit of one contract: {@link #maxSteps}, scaled by its time budget. */
    int maxStepsFor(String contractName) {
        long scaled = (long) maxSteps * timeoutFor(contractName) / timeoutSeconds;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(maxSteps, scaled));
    }

    static GateSettings read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new GateSettings(p);
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("gate settings: missing '" + key + "'");
        }
        return v.trim();
    }

    /** The non-blank entries of a list written with {@code separator}, trimmed. */
    private static List<String> split(String v, String separator) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(separator)) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
