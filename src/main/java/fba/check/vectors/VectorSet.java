package fba.check.vectors;

import fba.protocol.VectorFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A set of vector files with a name and a content hash: a directory on disk, or the set bundled in
 * the jar (resources under {@code fba/vectors/}, listed by the {@code INDEX} that
 * {@link VectorIndex} writes at build time, since a jar's directories cannot be listed portably).
 *
 * <p>The hash ({@code sha256:} and 64 hex digits) covers each file's name relative to the set and
 * its bytes, in name order (spec/check.md, "Vector sets"), so a directory exported from the jar has
 * the jar's hash, and any edit, added or removed file changes it.
 */
public final class VectorSet {

    /** Where the bundled vectors live on the class path. */
    public static final String RESOURCE_DIR = "fba/vectors/";
    public static final String INDEX = RESOURCE_DIR + "INDEX";
    /** The name of the bundled set in output and reports. */
    public static final String BUNDLED = "bundled";

    private final String label;
    private final List<String> names;
    /** The bytes of each file for the bundled set; null for files on disk, which are read when used. */
    private final List<byte[]> contents;
    /** Where each file is: the file on disk, or the display name of a bundled file. */
    private final List<Path> displayPaths;
    private final String hash;
    private final boolean bundled;

    private VectorSet(String label, boolean bundled, List<String> names, List<byte[]> contents,
            List<Path> displayPaths, String hash) {
        this.label = label;
        this.bundled = bundled;
        this.names = names;
        this.contents = contents;
        this.displayPaths = displayPaths;
        this.hash = hash;
    }

    /** The {@code *.vec} files under {@code dir} (or the one file {@code dir} names). */
    public static VectorSet directory(Path dir) throws IOException {
        return of(List.of(dir));
    }

    /**
     * Files as given and the {@code *.vec} files under directories, named relative to the
     * directory they were found in (a file given itself: by its file name).
     */
    public static VectorSet of(List<Path> args) throws IOException {
        List<String> names = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Path arg : args) {
            labels.add(arg.toString());
            for (Path f : VectorFile.collect(List.of(arg))) {
                names.add(Files.isDirectory(arg) ? arg.relativize(f).toString().replace('\\', '/')
                        : f.getFileName().toString());
                files.add(f);
            }
        }
        // Files on disk are hashed as streams and read again when run: a vector file may hold
        // millions of requests, and the set must not keep it in memory (issue 16).
        MessageDigest d = sha256();
        byte[] chunk = new byte[1 << 16];
        for (int i = 0; i < files.size(); i++) {
            d.update((names.get(i) + "\n" + Files.size(files.get(i)) + "\n").getBytes(StandardCharsets.UTF_8));
            try (InputStream in = Files.newInputStream(files.get(i))) {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    d.update(chunk, 0, n);
                }
            }
        }
        return new VectorSet(String.join(" ", labels), false, names, null, files, hex(d));
    }

    /** The set bundled in the jar; an IOException when the jar has none (a build without resources). */
    public static VectorSet bundled() throws IOException {
        ClassLoader loader = VectorSet.class.getClassLoader();
        byte[] index = resource(loader, INDEX);
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (String name : new String(index, StandardCharsets.UTF_8).split("\n")) {
            if (name.isBlank()) {
                continue;
            }
            names.add(name);
            contents.add(resource(loader, RESOURCE_DIR + name));
            paths.add(Path.of("(" + BUNDLED + ")", name));
        }
        return new VectorSet(BUNDLED, true, names, contents, paths, hash(names, contents));
    }

    private static byte[] resource(ClassLoader loader, String name) throws IOException {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the bundled vectors are incomplete: resource " + name
                        + " is missing from the jar (rebuild it with mvn -B package)");
            }
            return in.readAllBytes();
        }
    }

    /** File {@code i}, parsed; a problem names the file and line (the other files are still usable). */
    public VectorFile file(int i) throws IOException {
        return VectorFile.parse(displayPaths.get(i), bytes(i));
    }

    /** Where file {@code i} is: its path on disk, or a display name for a bundled file. */
    public Path path(int i) {
        return displayPaths.get(i);
    }

    /** The bytes of file {@code i} as a stream (read from disk again for a directory's files). */
    public InputStream open(int i) throws IOException {
        return contents != null ? new ByteArrayInputStream(contents.get(i)) : Files.newInputStream(displayPaths.get(i));
    }

    private byte[] bytes(int i) throws IOException {
        return contents != null ? contents.get(i) : Files.readAllBytes(displayPaths.get(i));
    }

    /** Writes the files into {@code dir} (created if need be) under their names; returns how many. */
    public int export(Path dir) throws IOException {
        for (int i = 0; i < names.size(); i++) {
            Path target = dir.resolve(names.get(i));
            Path parent = target.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(target, bytes(i));
        }
        return names.size();
    }

    /** {@code bundled}, or the directory as given. */
    public String label() {
        return label;
    }

    public boolean isBundled() {
        return bundled;
    }

    public int size() {
        return names.size();
    }

    public List<String> names() {
        return List.copyOf(names);
    }

    public String hash() {
        return hash;
    }

    /** The set's hash over names and contents, in the order given (both constructors sort by name). */
    public static String hash(List<String> names, List<byte[]> contents) {
        MessageDigest d = sha256();
        for (int i = 0; i < names.size(); i++) {
            d.update((names.get(i) + "\n" + contents.get(i).length + "\n").getBytes(StandardCharsets.UTF_8));
            d.update(contents.get(i));
        }
        return hex(d);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String hex(MessageDigest d) {
        return "sha256:" + HexFormat.of().formatHex(d.digest());
    }
}
