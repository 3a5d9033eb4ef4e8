package fba.protocol;

import fba.core.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A vector file: requests with expected responses, plus an optional pragma
 * {@code #! profile substrate|strict|proposal} that pins the profile the expectations were written
 * for. A file without it holds in both sc-allocator profiles, substrate and strict.
 */
public final class VectorFile {

    /** File name ending of vector files found in a directory. */
    public static final String EXTENSION = ".vec";

    private final Path path;
    private final List<VectorLine> lines;
    private final Profile profile;

    private VectorFile(Path path, List<VectorLine> lines, Profile profile) {
        this.path = path;
        this.lines = lines;
        this.profile = profile;
    }

    /** Reads and parses a file; problems are reported as {@link VectorFormatException}s naming file and line. */
    public static VectorFile read(Path path) throws IOException {
        return parse(path, Files.readAllBytes(path));
    }

    /**
     * Parses the bytes of a vector file; {@code path} names it in messages and {@link #path()} (for
     * a file bundled in the jar it is a display name, not a file on disk).
     */
    public static VectorFile parse(Path path, byte[] bytes) throws VectorFormatException {
        try {
            // The whole text is checked first, so a file that is not UTF-8 is reported as such
            // whatever else is wrong in it.
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new VectorFormatException(path + ": not valid UTF-8 text");
        }
        List<VectorLine> lines = new ArrayList<>();
        try (VectorReader reader = new VectorReader(path, new java.io.ByteArrayInputStream(bytes))) {
            VectorLine line;
            while ((line = reader.next()) != null) {
                lines.add(line);
            }
            return new VectorFile(path, lines, reader.profile());
        } catch (VectorFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes in memory cannot fail", e);
        }
    }

    /** Vector files named on the command line: files as given, directories searched for {@code *.vec}. */
    public static List<Path> collect(List<Path> args) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path arg : args) {
            if (Files.isDirectory(arg)) {
                try (Stream<Path> walk = Files.walk(arg)) {
                    walk.filter(p -> p.toString().endsWith(EXTENSION) && Files.isRegularFile(p))
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(arg)) {
                files.add(arg);
            } else if (Files.exists(arg)) {
                // /dev/null, a pipe, a socket: nothing a vector set can name and read again
                throw new VectorFormatException(arg + ": not a regular file or a directory (a vector file is a"
                        + " *" + EXTENSION + " file, or give a directory of them)");
            } else {
                throw new VectorFormatException(arg + ": no such file or directory");
            }
        }
        return files;
    }

    public Path path() {
        return path;
    }

    public List<VectorLine> lines() {
        return lines;
    }

    /** The profile pinned by the file's pragma, or null when its expectations hold in substrate and strict. */
    public Profile profile() {
        return profile;
    }

    /** Whether the file's expectations hold in {@code p}: its pinned profile, or substrate and strict if none. */
    public boolean holdsIn(Profile p) {
        return profile != null ? profile == p : p != Profile.PROPOSAL;
    }

    /** Thrown for a file that cannot be used as a vector file; the message names file and line. */
    public static final class VectorFormatException extends IOException {
        private static final long serialVersionUID = 1L;

        public VectorFormatException(String message) {
            super(message);
        }
    }
}
