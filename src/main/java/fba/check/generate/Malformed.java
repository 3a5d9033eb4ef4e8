package fba.check.generate;

/**
 * Lines the protocol answers with {@code err bad_request} while the session carries on unharmed:
 * unknown commands, wrong arity, numbers out of range or not unsigned decimal, spacing other than
 * one space between tokens, and inits the protocol refuses; plus a few lines that look odd but are
 * well-formed (numbers with leading zeros).
 */
public final class Malformed {

    private static final String[] FIXED = {
        "malloc", "malloc 1 2", "malloc x", "malloc -1", "malloc +8", "malloc 4294967296",
        "malloc 18446744073709551616", "malloc 0x10", "malloc  8", "malloc 8 ", " malloc 8", "MALLOC 8",
        "free", "free 8 8", "free -8", "free 4294967304",
        "frobnicate 3", "stats 1", "pages 2", "stats ", "grow", "grow 4294967296", "truncate",
        "truncate 4294967296", "poke 8", "poke 8 18446744073709551616", "poke 4294967296 0", "poke 8 -1",
        "peek", "peek 8 8", "peek 4294967296", "init", "init 0", "init 0 onchain 1",
        "init 0 onchain 1 1 1",
    };

    /** Well-formed after all: the protocol allows leading zeros. */
    private static final String[] LEADING_ZEROS = {"malloc 0008", "malloc 00", "peek 000", "grow 00", "peek 0016"};

    private Malformed() {
    }

    public static Request pick(Rng rng, int id, long pages) {
        int r = rng.below(FIXED.length + 4);
        if (r < FIXED.length) {
            return Request.raw(id, FIXED[r]);
        }
        if (r == FIXED.length + 3) {
            return Request.raw(id, LEADING_ZEROS[rng.below(LEADING_ZEROS.length)]);
        }
        if (r == FIXED.length) {
            // A shrink to more pages than memory has is refused as malformed.
            return Request.of(id, "truncate", pages + rng.range(1, 70000));
        }
        return badInit(rng, id);
    }

    /** An init refused as malformed; the current session must survive it. */
    public static Request badInit(Rng rng, int id) {
        switch (rng.below(5)) {
            case 0:
                return Request.init(id, 0, "onchain", rng.range(2, 100), 1);
            case 1:
                return Request.init(id, 0, rng.percent(50) ? "sidechain" : "ONCHAIN", 1, 1);
            case 2:
                return Request.raw(id, "init 4294967296 onchain 1 1");
            case 3:
                return Request.init(id, 0, "offchain", 1, 65537);
            default:
                return Request.init(id, 0, "onchain", 65537, 65537);
        }
    }
}
