package fba.verification;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The checked-in knobs of a proof run (verification/settings/gate.properties). */
final class GateSettings {

    final String intRules;
    final int maxSteps;
    final int timeoutSeconds;
    final List<String> classes;
    final List<String> files;
    /** Where {@link #files} are, relative to the project root. */
    final String sourceRoot;
    /** KeY classpath stubs for types the proved files mention but that are not loaded, or empty. */
    final String stubs;
    /** KeY's own settings file (taclet options, strategy defaults), copied into each worker's home. */
    final String keySettings;

    private GateSettings(Properties p) {
        intRules = required(p, "intRules");
        maxSteps = Integer.parseInt(required(p, "maxSteps"));
        timeoutSeconds = Integer.parseInt(required(p, "timeoutSeconds"));
        classes = split(required(p, "classes"));
        files = split(required(p, "files"));
        sourceRoot = required(p, "sourceRoot");
        stubs = p.getProperty("stubs", "").trim();
        keySettings = required(p, "keySettings");
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

    private static List<String> split(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
