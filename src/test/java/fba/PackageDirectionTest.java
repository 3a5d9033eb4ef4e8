package fba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The product's floors, lowest first: a class may use its own package and the floors below it,
 * never one above (issue 30; the order is the one the package-info files state). Read from the
 * sources, imports and fully qualified names alike, comments and string literals left out.
 */
class PackageDirectionTest {

    /** The floors of src/main/java, lowest first; every package there must be on one. */
    static final List<String> FLOORS = List.of(
            "fba.core",
            "fba.protocol",
            "fba.report",
            "fba.check.vectors",
            "fba.check.generate",
            "fba.check.drive",
            "fba.check.report",
            "fba.check.shrink",
            "fba.check",
            "fba.cli");

    /** A use of an fba class: the package is everything before the first capitalised segment. */
    private static final Pattern USE = Pattern.compile("\\bfba((?:\\.[a-z][a-z0-9_]*)+)\\.[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    @Test
    void givenTheMainSources_whenTheirUsesOfOtherPackagesAreRead_thenNoneRunsUpAFloor() throws IOException {
        List<String> problems = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(Path.of("src/main/java"))) {
            for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".java"))::iterator) {
                problems.addAll(violations(p.toString(), Files.readString(p)));
                files++;
            }
        }
        assertTrue(files > 50, "read only " + files + " files: is the working directory the project?");
        assertEquals(List.of(), problems);
    }

    @Test
    void givenAnArrowRunningBack_whenScanned_thenItIsNamedWithTheFile() {
        String generator = "package fba.check.generate;\n\nimport fba.core.Profile;\nimport fba.check.drive.Batch;\n"
                + "class G { Object o = fba.cli.Main.class; // fba.check.Checker in a comment is no use\n"
                + " String s = \"fba.check.Checker\"; }\n";
        assertEquals(List.of("G.java (fba.check.generate) uses fba.check.drive, a floor above it",
                "G.java (fba.check.generate) uses fba.cli, a floor above it"), violations("G.java", generator));
        assertEquals(List.of("P.java (fba.protocol) uses fba.report, a floor above it"),
                violations("P.java", "package fba.protocol;\nimport static fba.report.Json.write;\n"));
        assertEquals(List.of("X.java: package fba.check.extra is on no floor of PackageDirectionTest.FLOORS"),
                violations("X.java", "package fba.check.extra;\nimport fba.core.Memory;\n"));
        assertEquals(List.of(), violations("C.java", "package fba.cli;\nimport fba.check.shrink.Shrinker;\n"
                + "import fba.core.Memory;\nclass C { fba.check.Checker c; }\n"));
    }

    static List<String> violations(String file, String source) {
        Matcher pm = PACKAGE.matcher(source);
        if (!pm.find()) {
            return List.of(file + ": no package declaration");
        }
        String own = pm.group(1);
        int floor = FLOORS.indexOf(own);
        if (floor < 0) {
            return List.of(file + ": package " + own + " is on no floor of PackageDirectionTest.FLOORS");
        }
        List<String> out = new ArrayList<>();
        Matcher m = USE.matcher(code(source));
        while (m.find()) {
            String used = "fba" + m.group(1);
            int at = FLOORS.indexOf(used);
            String problem = at < 0 ? file + " (" + own + ") uses " + used + ", which is on no floor"
                    : at > floor ? file + " (" + own + ") uses " + used + ", a floor above it" : null;
            if (problem != null && !out.contains(problem)) {
                out.add(problem);
            }
        }
        return out;
    }

    /** The source without comments and string or character literals. */
    private static String code(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"")
                .replaceAll("'(?:\\\\.|[^'\\\\\\n])'", "''")
                .replaceAll("//[^\\n]*", " ");
    }
}
