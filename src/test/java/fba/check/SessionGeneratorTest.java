package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.check.generate.Counts;
import fba.check.generate.Request;
import fba.check.generate.SessionGenerator;
import fba.core.ErrorCode;
import fba.core.Profile;
import fba.protocol.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator, driven against the reference alone (no implementation process). */
class SessionGeneratorTest {

    /** Generates {@code sessions} sessions as the checker does; returns the lines and counts. */
    private static List<String> generate(long seed, int sessions, int ops, Profile profile, Counts counts) {
        Session ref = new Session(profile);
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            SessionGenerator gen = new SessionGenerator(seed, s, ops, profile, ref, s == 0);
            Request r;
            while ((r = gen.next()) != null) {
                String line = r.render(new long[0]);
                String expected = ref.execute(line);
                byte[] response = expected == null ? null : expected.getBytes(StandardCharsets.ISO_8859_1);
                int from = response == null ? -1 : 0;
                int to = response == null ? -1 : response.length;
                gen.observe(r, response, from, to);
                counts.count(r, response, from, to);
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void givenTheSameSeed_whenGeneratedTwice_thenTheRequestsAreIdentical_andAnotherSeedDiffers() {
        List<String> a = generate(42, 20, 300, Profile.SUBSTRATE, new Counts());
        List<String> b = generate(42, 20, 300, Profile.SUBSTRATE, new Counts());
        List<String> c = generate(43, 20, 300, Profile.SUBSTRATE, new Counts());

        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(6000, a.size());
    }

    @Test
    void givenManySessions_whenGenerated_thenEveryRequestKindAndEverySubstrateErrorCodeOccurs() {
        Counts counts = new Counts();
        generate(7, 400, 1000, Profile.SUBSTRATE, counts);

        for (String kind : List.of("init", "malloc", "free", "grow", "truncate", "poke", "peek", "stats", "pages",
                "raw", "comment")) {
            assertTrue(counts.kinds().getOrDefault(kind, 0L) > 0, "no " + kind + " in " + counts.kinds());
        }
        for (ErrorCode code : ErrorCode.values()) {
            boolean strictOnly = code == ErrorCode.HEAP_BASE_WRAP || code == ErrorCode.BUMPER_WRAP
                    || code == ErrorCode.ALLOCATED_WRAP;
            if (!strictOnly) {
                assertTrue(counts.codes().getOrDefault(code.wireName(), 0L) > 0,
                        "no " + code.wireName() + " in " + counts.codes());
            }
        }
    }

    @Test
    void givenTheStrictProfile_whenGenerated_thenItsWrapRefusalsOccur() {
        Counts counts = new Counts();
        generate(7, 400, 1000, Profile.STRICT, counts);

        for (String code : List.of("heap_base_wrap", "bumper_wrap", "allocated_wrap")) {
            assertTrue(counts.codes().getOrDefault(code, 0L) > 0, "no " + code + " in " + counts.codes());
        }
    }

    @Test
    void givenTheProposalProfile_whenGenerated_thenEveryProposalErrorOccursAndMostRequestsSucceed() {
        Counts counts = new Counts();
        generate(7, 200, 1000, Profile.PROPOSAL, counts);

        for (String code : List.of("too_large", "out_of_space", "out_of_bounds", "not_allocated", "invalid_order",
                "bad_request", "not_initialized")) {
            assertTrue(counts.codes().getOrDefault(code, 0L) > 0, "no " + code + " in " + counts.codes());
        }
        for (String code : List.of("poisoned", "memory_shrank", "invalid_pointer", "invalid_free_list",
                "stats_underflow")) {
            assertEquals(0L, counts.codes().getOrDefault(code, 0L), code + " is not a proposal error: " + counts.codes());
        }
        long ok = counts.codes().get("ok");
        assertTrue(ok > 0.8 * counts.requests, "ok " + ok + " of " + counts.requests);
    }

    @Test
    void givenGeneratedSessions_whenCounted_thenMostRequestsSucceedAndFewHitAPoisonedAllocator() {
        Counts counts = new Counts();
        generate(9, 200, 1000, Profile.SUBSTRATE, counts);

        long ok = counts.codes().get("ok");
        long poisoned = counts.codes().getOrDefault("poisoned", 0L);
        assertTrue(ok > 0.85 * counts.requests, "ok " + ok + " of " + counts.requests);
        assertTrue(poisoned < 0.03 * counts.requests, "poisoned " + poisoned + " of " + counts.requests);
    }
}
