package fba.check.vectors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Build step (pom.xml, phase process-classes): writes the index of the vectors bundled under
 * {@code CLASSES/fba/vectors/} and {@code CLASSES/fba/build.properties} (version, commit, vector
 * set hash). The commit is {@code git rev-parse HEAD} of the project, with {@code -dirty} when
 * tracked files differ from it, and {@code unknown} when the sources are not a git checkout.
 *
 * <p>Usage: {@code java -cp CLASSES fba.check.vectors.VectorIndex CLASSES VERSION PROJECT_DIR}
 */
public final class VectorIndex {

    public static final String BUILD_PROPERTIES = "fba/build.properties";

    private VectorIndex() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: VectorIndex CLASSES VERSION PROJECT_DIR");
            System.exit(2);
        }
        Path classes = Path.of(args[0]);
        // silent on success, so `mvn -q package` prints nothing; `fba --version` shows the hash
        write(classes, args[1], commit(Path.of(args[2])));
    }

    /** The properties written at build time; empty when the classes were built another way. */
    public static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = VectorIndex.class.getClassLoader().getResourceAsStream(BUILD_PROPERTIES)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unreadable: every field reads 'unknown'
        }
        return p;
    }

    /** Writes the index and the build properties; returns the set's hash. */
    public static String write(Path classes, String version, String commit) throws IOException {
        Path dir = classes.resolve(VectorSet.RESOURCE_DIR);
        Files.createDirectories(dir);
        List<String> names;
        // Subdirectories hold families of vectors (spec/vectors/wasm/); a name is the file's path
        // below dir with '/', as VectorSet.directory names it.
        try (Stream<Path> s = Files.walk(dir)) {
            names = s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith(".vec")).sorted().collect(Collectors.toList());
        }
        if (names.isEmpty()) {
            throw new IOException(dir + " holds no *.vec files: the vectors were not copied into the build");
        }
        Files.writeString(classes.resolve(VectorSet.INDEX), String.join("\n", names) + "\n", StandardCharsets.UTF_8);
        String hash = VectorSet.directory(dir).hash();
        Files.writeString(classes.resolve(BUILD_PROPERTIES),
                "version=" + version + "\ncommit=" + commit + "\nvectors=" + hash + "\n", StandardCharsets.UTF_8);
        return hash;
    }

    /** The project's commit, or {@code unknown} when git or the repository is not there. */
    public static String commit(Path project) {
        String head = git(project, "rev-parse", "HEAD");
        if (head == null || !head.matches("[0-9a-f]{40}")) {
            return "unknown";
        }
        String changes = git(project, "status", "--porcelain", "--untracked-files=no");
        return changes == null || changes.isEmpty() ? head : head + "-dirty";
    }

    private static String git(Path project, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = project.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
