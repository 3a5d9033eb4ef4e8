package fba.verification;

import java.io.IOException;
import java.nio.file.Path;
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
        return new KnownOpen(ListFile.read(file, "|", "contract name | reason"));
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
