package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.check.report.ProfileHint;
import fba.check.report.Verdict;
import fba.core.Profile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A divergence that comes from running the implementation in the other profile says so (issue 28). */
class ProfileHintTest {

    @TempDir
    Path tmp;

    @Test
    void givenAStrictRefusalAnsweredOtherwise_thenTheHintAsksWhetherTheImplementationRunsInSubstrate() {
        String hint = ProfileHint.of(Profile.STRICT, "err heap_base_wrap", "ok");
        assertTrue(hint.startsWith("hint: 'heap_base_wrap' exists only in the strict profile"), hint);
        assertTrue(hint.contains("--profile strict"), hint);
    }

    @Test
    void givenAStrictCodeFromTheImplementationUnderSubstrate_thenTheHintAsksWhetherItRunsInStrict() {
        String hint = ProfileHint.of(Profile.SUBSTRATE, "ok 8", "err bumper_wrap the bump would end at 4 GiB");
        assertTrue(hint.startsWith("hint: the implementation answered 'bumper_wrap', a code only the strict profile"
                + " has, while the check runs --profile substrate"), hint);
    }

    @Test
    void givenAnOrdinaryDivergence_thenNoHint() {
        assertNull(ProfileHint.of(Profile.STRICT, "ok 8", "ok 16"));
        assertNull(ProfileHint.of(Profile.STRICT, "err heap_base_wrap", "err heap_base_wrap"));
        assertNull(ProfileHint.of(Profile.SUBSTRATE, "err not_allocated", "err stats_underflow"));
        assertNull(ProfileHint.of(Profile.SUBSTRATE, "ok", null));
    }

    @Test
    void givenTheReferenceInSubstrate_whenCheckedWithProfileStrict_thenTheDivergenceCarriesTheHint() {
        // the adapter runs substrate, the check strict: the strict-pinned vectors expect a *_wrap refusal
        // the first cause is enough here (each further one would be shrunk, a JVM per attempt)
        CheckRun r = CheckRun.of(CheckRun.java("fba.cli.Main serve"), Profile.STRICT, 5, 0, 100, Path.of("spec", "vectors"),
                tmp, 20_000, c -> c.maxCauses = 1);
        assertEquals(Verdict.DIVERGED, r.status, r.out);
        assertTrue(r.out.contains("  hint: '") && r.out.contains("' exists only in the strict profile"), r.out);
    }
}
