package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fba.core.Profile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every conformance vector in spec/vectors as a test: one dynamic test per file and
 * profile. A file pinned by a pragma runs in that profile only; any other file must hold in both.
 */
class VectorsTest {

    private static final Path VECTORS = Path.of("spec", "vectors");

    @TestFactory
    List<DynamicTest> everyVectorFilePasses() throws IOException {
        List<Path> files = VectorFile.collect(List.of(VECTORS));
        assertTrue(files.size() >= 50, "expected the bundled vectors, found " + files.size() + " files in " + VECTORS);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            VectorFile v = VectorFile.read(file);
            Profile[] profiles = v.profile() != null ? new Profile[] {v.profile()} : Profile.values();
            for (Profile p : profiles) {
                tests.add(DynamicTest.dynamicTest(file.getFileName() + " [" + p.wireName() + "]", () -> replay(v, p)));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyVectorFileSaysWhatItPinsAndChecksSomething() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : VectorFile.collect(List.of(VECTORS))) {
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                VectorFile v = VectorFile.read(file);
                List<VectorLine> lines = v.lines();
                int first = v.profile() != null ? 1 : 0;
                assertTrue(lines.size() > first && lines.get(first).request() == null,
                    file + " must open with a comment saying which rule it pins");
                assertTrue(lines.stream().anyMatch(l -> l.expected() != null), file + " has no expectation");
                assertTrue(lines.stream().allMatch(l -> l.request() == null || l.expected() != null),
                    file + ": every request in a conformance vector states its expected response");
            }));
        }
        return tests;
    }

    private static void replay(VectorFile v, Profile profile) {
        Session session = new Session(profile);
        StringBuilder out = new StringBuilder();
        for (VectorLine line : v.lines()) {
            if (line.request() == null) {
                continue;
            }
            out.setLength(0);
            boolean answered = session.execute(line.request(), out);
            String actual = answered ? out.toString() : "(no response)";
            if (line.expected() != null && !VectorLine.matches(line.expected(), actual)) {
                fail(v.path() + ":" + line.number() + ": " + line.request() + "\n  expected: " + line.expected()
                    + "\n  actual:   " + actual);
            }
        }
    }
}
