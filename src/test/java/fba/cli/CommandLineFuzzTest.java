package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fba.fuzz.FuzzFigures;
import fba.fuzz.StackTraces;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the command lines of every {@code fba} command, run in-process through
 * {@link Main#run} as the CLI tests do. Arguments are drawn from the commands' own words (option
 * names, {@code --name=value}, profiles), numbers at and past the options' bounds, arbitrary
 * strings, and files of a sandbox (a passing, a failing and a malformed vector file, a directory,
 * a missing file). Whatever the line: no exception escapes, the exit status is 0, 1, 2 or (check,
 * whose --impl is a program that does not exist) 3, nothing prints a stack trace, and exits 2 and 3
 * come with a message on stderr.
 *
 * <p>Safety: the fuzzer must not write into the project or start programs. Every value after an
 * option that names an output or a program ({@link #SANDBOXED}) is replaced by a sandbox path
 * (for {@code --impl}, a program that does not exist), free strings that name an existing file
 * are replaced by a sandbox file, and the working directory is listed before and after each input:
 * a command line that creates anything there fails the test (add its option to SANDBOXED).
 */
class CommandLineFuzzTest {

    private static final FuzzFigures FIGURES = new FuzzFigures("command-line", CommandLineFuzzTest.class);

    private static final String[] COMMANDS = {"serve", "replay", "run", "check", "vectors", "completion", "help", "--help", "-h",
        "--version", "-V", ""};
    private static final String[] WORDS = {"serve", "replay", "run", "check", "--help", "-h", "--profile",
        "substrate", "strict", "proposal", "--quiet", "--svg", "--html", "--mark", "merge", "export", "--jobs", "--shard",
        "--version", "--impl", "--seed", "--sessions", "--ops", "--vectors",
        "--no-vectors", "--timeout-ms", "--report", "--out", "--shrink-ms", "--threads", "-", "--", "--=", ""};
    private static final String[] NUMBERS = {"0", "1", "-1", "8", "64", "65536", "4294967295", "4294967296",
        "86400000", "86400001", "9223372036854775807", "9223372036854775808", "99999999999999999999", "1e3",
        " 5", "07", "0x10", "+3"};
    /** Options whose value is written to or run: always pointed into the sandbox. */
    private static final Set<String> SANDBOXED = Set.of("--svg", "--html", "--report", "--out", "--impl", "--vectors",
        "export");

    private static final Path SANDBOX;
    private static final String[] FILES;
    private static final Set<String> CWD_BEFORE;

    static {
        try {
            // under target/, which mvn clean removes: nothing left behind in the system temp folder
            SANDBOX = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "fba-cli-fuzz");
            Path good = Files.writeString(SANDBOX.resolve("good.vec"), "init 0 onchain 1 65536 => ok\nmalloc 1 => ok 8\n");
            Path bad = Files.writeString(SANDBOX.resolve("bad.vec"), "init 0 onchain 1 65536 => ok\nmalloc 1 => ok 16\n");
            Path malformed = Files.writeString(SANDBOX.resolve("malformed.vec"), "#! profile lax\nmalloc 1 =>\n");
            Path dir = Files.createDirectories(SANDBOX.resolve("dir"));
            Files.writeString(dir.resolve("one.vec"), "init 8 offchain 0 2 => ok\nstats => ok 0 0 0 0\n");
            FILES = new String[] {good.toString(), bad.toString(), malformed.toString(), dir.toString(),
                SANDBOX.resolve("missing.vec").toString(), SANDBOX.resolve("out").toString()};
            CWD_BEFORE = listing(Path.of(""));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest
    void everyCommandLineEndsInAStatusAndAMessage(FuzzedDataProvider data) throws IOException {
        FIGURES.count();
        List<String> args = new ArrayList<>();
        if (data.consumeBoolean()) {
            args.add(data.pickValue(COMMANDS));
        } else {
            args.add(free(data));
        }
        int n = data.consumeInt(0, 8);
        for (int i = 0; i < n; i++) {
            switch (data.consumeInt(0, 4)) {
                case 0 -> args.add(data.pickValue(WORDS));
                case 1 -> args.add(data.pickValue(WORDS) + "=" + (data.consumeBoolean() ? data.pickValue(NUMBERS) : free(data)));
                case 2 -> args.add(free(data));
                case 3 -> args.add(data.pickValue(FILES));
                default -> args.add(data.consumeBoolean() ? data.pickValue(NUMBERS) : Long.toString(data.consumeLong()));
            }
        }
        String[] argv = sandboxed(args);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream stdin = System.in;
        int status;
        try (PrintStream po = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream pe = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setIn(new ByteArrayInputStream("init 0 onchain 1 2\nmalloc 1\n".getBytes(StandardCharsets.US_ASCII)));
            status = Main.run(argv, po, pe);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("fba " + String.join(" ", argv) + " threw " + e, e);
        } finally {
            System.setIn(stdin);
        }
        Supplier<String> shown = () -> "fba " + Arrays.stream(argv).map(a -> "'" + a + "'").collect(Collectors.joining(" "));
        String o = out.toString(StandardCharsets.UTF_8);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(status >= 0 && status <= 3, () -> shown.get() + ": exit status " + status);
        for (String text : new String[] {o, e}) {
            assertFalse(StackTraces.in(text, argv), () -> shown.get() + " printed a stack trace:\n" + text);
        }
        if (status >= 2) {
            assertFalse(e.isBlank(), () -> shown.get() + ": exit " + status + " without a message on stderr");
        }
        assertEquals(CWD_BEFORE, listing(Path.of("")), () -> shown.get() + " created files in the working directory");
    }

    /** A fuzzer-chosen string that can be an argument: no NUL (argv cannot hold one), no '/' (no path outside). */
    private static String free(FuzzedDataProvider data) {
        String s = data.consumeString(24).replace('\0', '_').replace('/', '_');
        if (s.equals(".") || s.equals("..")) {
            return "_";
        }
        return exists(s) ? FILES[0] : s;
    }

    private static boolean exists(String name) {
        try {
            return !name.isEmpty() && Files.exists(Path.of(name));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The arguments with every output or program value pointed into the sandbox. */
    private static String[] sandboxed(List<String> args) {
        String[] a = args.toArray(new String[0]);
        String out = SANDBOX.resolve("out").toString();
        for (int i = 1; i < a.length; i++) {
            int eq = a[i].indexOf('=');
            String name = eq < 0 ? a[i] : a[i].substring(0, eq);
            if (!SANDBOXED.contains(name)) {
                continue;
            }
            String safe = name.equals("--impl") ? SANDBOX.resolve("no-such-impl").toString()
                    : name.equals("--vectors") ? FILES[3] : out + i + (name.equals("--svg") ? ".svg" : name.equals("--html") ? ".html" : "");
            if (eq >= 0) {
                a[i] = name + "=" + safe;
            } else if (i + 1 < a.length) {
                a[++i] = safe;
            }
        }
        return a;
    }

    private static Set<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(Path::toString).filter(p -> !p.equals(".cifuzz-corpus") && !p.equals("target"))
                    .collect(Collectors.toSet());
        }
    }

    @AfterAll
    static void writeFigures() throws IOException {
        FIGURES.write();
    }
}
