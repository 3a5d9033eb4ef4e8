package fba.verification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gate's checked-in lists ({@code known-open.txt}, {@code contracts.tsv}): one entry a line,
 * a contract name, a separator, a non-blank text; {@code #} starts a comment. A malformed or
 * repeated line is an error naming the file and line.
 */
final class ListFile {

    private ListFile() {
    }

    /** The entries in file order: contract name to text; {@code shape} describes a line for the error. */
    static Map<String, String> read(Path file, String separator, String shape) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int at = t.indexOf(separator);
            if (at <= 0 || t.substring(at + separator.length()).isBlank()) {
                throw new IllegalArgumentException(file + ":" + n + ": need '" + shape + "', got: " + t);
            }
            String key = t.substring(0, at).strip();
            if (entries.put(key, t.substring(at + separator.length()).strip()) != null) {
                throw new IllegalArgumentException(file + ":" + n + ": listed twice: " + key);
            }
        }
        return entries;
    }
}
