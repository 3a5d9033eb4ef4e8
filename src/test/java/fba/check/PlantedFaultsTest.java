package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.check.generate.Request;
import fba.check.report.Verdict;
import fba.check.shrink.Shrinker;
import fba.check.vectors.VectorSet;
import fba.protocol.VectorLine;
import fba.protocol.VectorReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 27: the C example built with several independent planted faults (examples/c/build.sh), one
 * of them an abort on a particular input. One default check (the bundled vectors, 1000 sessions of
 * 1000 requests, --max-causes 20) must list every fault as its own cause, each with a trace of at
 * most 6 requests that is 1-minimal: no single request can be deleted and no number lowered
 * (Shrinker.neighbours) while the implementation still shows the same signature.
 */
class PlantedFaultsTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void build() throws Exception {
        CExample.build();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "fba-c-two-faults; malloc ok/out_of_space|crash free",
        "fba-c-five-faults; malloc ok/out_of_space|crash free|free not_allocated/invalid_order|stats ok/ok:peak"
            + "|pages ok/ok:pages"})
    void givenPlantedFaults_whenCheckedOnceWithDefaults_thenEachIsItsOwnCauseWithAOneMinimalTraceOfAtMostSix(
            String binary, String signatures) throws IOException {
        String impl = "examples/c/build/" + binary;
        CheckRun r = CheckRun.of(impl, 1, 1000, 1000, null, tmp.resolve(binary), 10_000, c -> {
            try {
                c.vectors = VectorSet.bundled();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            c.shrinkMs = 120_000;
        });

        assertEquals(Verdict.DIVERGED, r.status, r.out);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> causes = (List<Map<String, Object>>) r.report.get("divergences");
        Set<String> seen = new TreeSet<>();
        long previous = Long.MAX_VALUE;
        for (Map<String, Object> d : causes) {
            seen.add((String) d.get("signature"));
            long count = ((Number) d.get("count")).longValue();
            assertTrue(count <= previous, "most frequent first: " + causes);
            previous = count;
            assertEquals(true, d.get("reproduced_alone"), r.out);
            int length = ((Number) d.get("shrunk_requests")).intValue();
            assertTrue(length >= 1 && length <= 6, d.get("signature") + " shrunk to " + length + ":\n" + r.out);
            assertOneMinimal(impl, Path.of((String) d.get("shrunk_file")), (String) d.get("signature"));
        }
        assertEquals(new TreeSet<>(List.of(signatures.split("\\|"))), seen, r.out);
        assertTrue(r.out.contains("CRASH in "), r.out);
        assertTrue(causes.contains(r.report.get("divergence")), "the top-level divergence is one of the causes");
    }

    /** The written trace shows its signature, and none of its neighbours does. */
    private static void assertOneMinimal(String impl, Path file, String signature) throws IOException {
        List<Request> trace = new ArrayList<>();
        try (VectorReader reader = new VectorReader(file, Files.newInputStream(file))) {
            VectorLine line;
            while ((line = reader.next()) != null) {
                if (line.request() != null) {
                    trace.add(Request.parse(trace.size(), line.request()));
                }
            }
        }
        Shrinker s = new Shrinker(impl, 10_000, fba.core.Profile.SUBSTRATE, 60_000, 10_000);
        assertTrue(s.shows(trace, signature), file + " must show " + signature);
        for (List<Request> n : Shrinker.neighbours(trace)) {
            assertFalse(s.shows(n, signature), file + " is not 1-minimal: " + n + " still shows " + signature);
        }
    }
}
