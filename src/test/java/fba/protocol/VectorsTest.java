package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * profile. A file pinned by a pragma runs in that profile only; any other file must hold in both
 * sc-allocator profiles, substrate and strict. The side-by-side files {@code proposal_vs_*} come
 * in pairs that send the same requests under the proposal and the substrate profile.
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
            for (Profile p : Profile.values()) {
                if (!v.holdsIn(p)) {
                    continue;
                }
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

    @TestFactory
    List<DynamicTest> sideBySidePairsSendTheSameRequestsAndDiffer() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : VectorFile.collect(List.of(VECTORS))) {
            String name = file.getFileName().toString();
            if (!name.startsWith("proposal_vs_") || name.endsWith("_substrate.vec")) {
                continue;
            }
            Path other = file.resolveSibling(name.replace(".vec", "_substrate.vec"));
            tests.add(DynamicTest.dynamicTest(name, () -> {
                // given the proposal side and its substrate twin
                VectorFile proposal = VectorFile.read(file);
                VectorFile substrate = VectorFile.read(other);
                // then they are pinned to their profiles, send the same requests, and expect different answers somewhere
                assertEquals(Profile.PROPOSAL, proposal.profile(), name + " must pin the proposal profile");
                assertEquals(Profile.SUBSTRATE, substrate.profile(), other + " must pin the substrate profile");
                assertEquals(requests(proposal), requests(substrate), name + " and its twin must send the same requests");
                assertNotEquals(expectations(proposal), expectations(substrate), name + " shows no difference");
            }));
        }
        assertTrue(tests.size() >= 5, "expected the side-by-side pairs, found " + tests.size());
        return tests;
    }

    private static List<String> requests(VectorFile v) {
        List<String> r = new ArrayList<>();
        v.lines().stream().filter(l -> l.request() != null).forEach(l -> r.add(l.request()));
        return r;
    }

    private static List<String> expectations(VectorFile v) {
        List<String> r = new ArrayList<>();
        v.lines().stream().filter(l -> l.request() != null).forEach(l -> r.add(l.expected()));
        return r;
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
