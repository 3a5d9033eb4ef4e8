package fba.check.report;

import fba.core.Profile;
import java.util.Set;

/**
 * A hint printed under a divergence that looks like a profile mismatch rather than a bug: the
 * three {@code *_wrap} codes exist only in the strict profile (spec/protocol.md), so an
 * implementation that answers otherwise where the strict reference refuses with one, or refuses
 * with one under {@code --profile substrate}, most likely runs in the other profile.
 */
public final class ProfileHint {

    /** The codes only the strict profile produces. */
    private static final Set<String> STRICT_ONLY = Set.of("heap_base_wrap", "bumper_wrap", "allocated_wrap");

    private ProfileHint() {
    }

    /** The hint for this divergence under {@code profile}, or null when nothing points to a mismatch. */
    public static String of(Profile profile, String expected, String actual) {
        boolean expectedStrict = strictCode(expected);
        boolean actualStrict = strictCode(actual);
        if (profile == Profile.STRICT && expectedStrict && !actualStrict) {
            return "hint: '" + code(expected) + "' exists only in the strict profile and the implementation did not"
                    + " refuse: is it running in substrate? Start it in strict too (e.g. --impl \"CMD --profile strict\")"
                    + " or check with --profile substrate";
        }
        if (profile != Profile.STRICT && actualStrict) {
            return "hint: the implementation answered '" + code(actual) + "', a code only the strict profile has,"
                    + " while the check runs --profile " + profile.wireName() + ": is it running in strict?"
                    + " Check it with --profile strict, or start it in " + profile.wireName();
        }
        return null;
    }

    private static boolean strictCode(String response) {
        return response != null && response.startsWith("err ") && STRICT_ONLY.contains(code(response));
    }

    private static String code(String response) {
        return fba.protocol.VectorLine.errorCode(response);
    }
}
