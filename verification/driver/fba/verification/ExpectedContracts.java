package fba.verification;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
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
        return new ExpectedContracts(ListFile.read(file, "\t", "KeY contract name<TAB>readable name"));
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
