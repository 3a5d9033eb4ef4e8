package fba.verification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checked-in list of contracts allowed to stay open: one per line, {@code contract name | reason};
 * {@code #} starts a comment. A reason is mandatory so that the list documents itself.
 */
final class KnownOpen {

    private final Map<String, String> reasons;

    private KnownOpen(Map<String, String> reasons) {
        this.reasons = reasons;
    }

    static KnownOpen read(Path file) throws IOException {
        Map<String, String> reasons = new LinkedHashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int bar = t.indexOf('|');
            if (bar < 0 || t.substring(bar + 1).isBlank()) {
                throw new IllegalArgumentException(file + ":" + n + ": need 'contract name | reason', got: " + t);
            }
            reasons.put(t.substring(0, bar).strip(), t.substring(bar + 1).strip());
        }
        return new KnownOpen(reasons);
    }

    boolean contains(String contract) {
        return reasons.containsKey(contract);
    }

    String reason(String contract) {
        return reasons.get(contract);
    }

    Iterable<String> names() {
        return reasons.keySet();
    }
}
