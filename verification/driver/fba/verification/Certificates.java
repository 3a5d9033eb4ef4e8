package fba.verification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A folder of proof certificates (issue 26): one gzip'd KeY rule log per contract
 * ({@code <readable name>-<hash of the name>.proof.gz}) and {@code index.tsv}, one line per
 * contract: its name, its file, the dependency hash of the inputs it was searched on, its nodes,
 * the seconds its search took and the KeY version.
 *
 * <p>A certificate is never trusted: the worker replays its rule log onto the proof obligation it
 * builds itself from the current sources (see {@link ProofWorker}). The hash only tells the report
 * whether the certificate was made for exactly these inputs.
 */
final class Certificates {

    static final String INDEX = "index.tsv";
    private static final String HEADER = "# contract\tfile\tdependencyHash\tnodes\tsearchSeconds\tkeyVersion";

    /** One index line. */
    record Entry(String contract, String file, String hash, int nodes, double searchSeconds, String keyVersion) {

        String line() {
            return String.join("\t", contract, file, hash, Integer.toString(nodes),
                    String.format(Locale.ROOT, "%.1f", searchSeconds), keyVersion);
        }
    }

    private final Path dir;
    /** By contract name, sorted, so that a rewritten index differs only where a proof changed. */
    private final Map<String, Entry> entries;

    private Certificates(Path dir, Map<String, Entry> entries) {
        this.dir = dir;
        this.entries = entries;
    }

    /** The certificates in {@code dir}; none when it has no index. */
    static Certificates read(Path dir) throws IOException {
        Map<String, Entry> entries = new TreeMap<>();
        Path index = dir.resolve(INDEX);
        if (Files.exists(index)) {
            int n = 0;
            for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 6) {
                    throw new IllegalArgumentException(index + " line " + n + ": expected 6 tab-separated fields, got "
                            + f.length + ": " + line);
                }
                try {
                    entries.put(f[0], new Entry(f[0], f[1], f[2], Integer.parseInt(f[3]), Double.parseDouble(f[4]), f[5]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(index + " line " + n + ": nodes or seconds not a number: " + line);
                }
            }
        }
        return new Certificates(dir, entries);
    }

    Path dir() {
        return dir;
    }

    Entry entry(String contract) {
        return entries.get(contract);
    }

    Iterable<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The rule log stored for a contract (the text from KeY's {@code \proof} on), or null without one. */
    String log(String contract) throws IOException {
        Entry e = entries.get(contract);
        if (e == null) {
            return null;
        }
        Path file = dir.resolve(e.file());
        if (!Files.exists(file)) {
            throw new IOException(dir.resolve(INDEX) + " names " + e.file() + " for " + contract + ", but it is missing");
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The file name of a contract's certificate: readable, and unique by a hash of the full name. */
    static String fileName(String contract) {
        String method = contract.replaceAll("^[^:]*::", "").replaceAll("[^A-Za-z0-9.]+", "_");
        if (method.length() > 80) {
            method = method.substring(0, 80);
        }
        return method + "-" + sha256(contract).substring(0, 10) + ".proof.gz";
    }

    /** Writes a rule log as a certificate file into {@code dir} (gzip'd; no time stamp inside the gzip header). */
    static void writeLog(Path dir, String contract, String log) throws IOException {
        Files.createDirectories(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(log.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(dir.resolve(fileName(contract)), bytes.toByteArray());
    }

    /** Adds or replaces an entry and copies its file from {@code from} (unless it is this folder). */
    void put(Entry e, Path from) throws IOException {
        Files.createDirectories(dir);
        if (!from.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
            Files.copy(from.resolve(e.file()), dir.resolve(e.file()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Entry old = entries.put(e.contract(), e);
        if (old != null && !old.file().equals(e.file())) {
            Files.deleteIfExists(dir.resolve(old.file()));
        }
    }

    /** Removes the entries (and files) of contracts not in {@code keep}; returns their names. */
    List<String> retainOnly(java.util.Set<String> keep) throws IOException {
        List<String> gone = new ArrayList<>();
        for (Entry e : List.copyOf(entries.values())) {
            if (!keep.contains(e.contract())) {
                entries.remove(e.contract());
                Files.deleteIfExists(dir.resolve(e.file()));
                gone.add(e.contract());
            }
        }
        return gone;
    }

    void writeIndex() throws IOException {
        Files.createDirectories(dir);
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        for (Entry e : entries.values()) {
            s.append(e.line()).append('\n');
        }
        Files.writeString(dir.resolve(INDEX), s.toString(), StandardCharsets.UTF_8);
    }

    /**
     * The dependency hash of a run: the proved source files and stubs (path and content), KeY's
     * settings file, the integer semantics and the KeY version. A change to any of them marks every
     * certificate stale in the report; whether a proof still holds is decided by its replay.
     */
    static String dependencyHash(Path sources, List<String> files, Path stubs, Path keySettings, String intRules,
            String keyVersion) throws IOException {
        MessageDigest d = digest();
        List<Path> inputs = new ArrayList<>();
        for (String f : files) {
            inputs.add(sources.resolve(f));
        }
        if (stubs != null) {
            try (var walk = Files.walk(stubs)) {
                walk.filter(Files::isRegularFile).sorted().forEach(inputs::add);
            }
        }
        inputs.add(keySettings);
        for (Path p : inputs) {
            String name = (stubs != null && p.startsWith(stubs) ? "stubs/" + stubs.relativize(p)
                    : p.startsWith(sources) ? sources.relativize(p).toString() : p.getFileName().toString())
                    .replace('\\', '/');
            d.update((name + "\n").getBytes(StandardCharsets.UTF_8));
            d.update(Files.readAllBytes(p));
            d.update((byte) 0);
        }
        d.update(("intRules:" + intRules + "\nruntimeExceptions:ban\nKeY " + keyVersion).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d.digest()).substring(0, 16);
    }

    static String sha256(String s) {
        return HexFormat.of().formatHex(digest().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
