package fba.verification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The checked-in list of the contracts the gate must find (issue 25, {@code verification/contracts.tsv}):
 * one KeY contract name a line, a tab, its readable name (also shown on the gate page); {@code #}
 * starts a comment. A contract that disappears from the sources (a spec case turned into a comment,
 * say) or one that appears without being listed fails the gate instead of changing the count.
 */
final class ExpectedContracts {

    private final Map<String, String> labels;

    private ExpectedContracts(Map<String, String> labels) {
        this.labels = labels;
    }

    static ExpectedContracts read(Path file) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0 || line.substring(tab + 1).isBlank()) {
                throw new IllegalArgumentException(file + ":" + n + ": need 'KeY contract name<TAB>readable name', got: " + line);
            }
            if (labels.put(line.substring(0, tab).strip(), line.substring(tab + 1).strip()) != null) {
                throw new IllegalArgumentException(file + ":" + n + ": contract listed twice: " + line.substring(0, tab));
            }
        }
        return new ExpectedContracts(labels);
    }

    /** Listed here but not found by KeY, sorted. */
    List<String> missing(Collection<String> found) {
        TreeSet<String> m = new TreeSet<>(labels.keySet());
        m.removeAll(found);
        return new ArrayList<>(m);
    }

    /** Found by KeY but not listed here, sorted. */
    List<String> unexpected(Collection<String> found) {
        TreeSet<String> u = new TreeSet<>(found);
        u.removeAll(labels.keySet());
        return new ArrayList<>(u);
    }

    int size() {
        return labels.size();
    }
}
