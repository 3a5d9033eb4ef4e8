package fba.check.generate;

import fba.core.Memory;
import fba.core.Profile;

/** Where a phase puts its heap: the bases that exercise alignment, page edges and the 4 GiB end. */
final class HeapBases {

    private static final long U32 = 0xFFFFFFFFL;
    private static final long PAGE = Memory.PAGE_SIZE;

    private HeapBases() {
    }

    /** A heap base for a normal phase: small, 8-aligned, near page edges, or a few fixed ones. */
    static long normal(Rng rng) {
        switch (rng.below(6)) {
            case 0:
                return rng.range(0, 4096);
            case 1:
                return 8 * rng.range(0, 1 << 17);
            case 2:
                return PAGE * rng.range(1, 16) + rng.pick(-8, -1, 0, 1, 7, 8);
            case 3:
                return rng.range(0, 1 << 24);
            case 4:
                return rng.pick(0, 8, 1 << 20, 1_114_112, 2_097_160);
            default:
                return rng.range(0, 64);
        }
    }

    /** A heap base near 2^32, where the bump and the heap base wrap in u32 (refused in the strict profile). */
    static long top(Rng rng, Profile profile) {
        long top = 1L << 32;
        switch (rng.below(6)) {
            case 0:
                return top - rng.pick(16, 24, 32, 40, 8 + 16, 8 + 64);
            case 1:
                return top - (8 + (8L << rng.below(10)));
            case 2:
                return top - PAGE * rng.range(1, 8) + rng.pick(0, 8, -8);
            case 3:
                return profile == Profile.STRICT && rng.percent(50) ? rng.range(0xFFFFFFF9L, U32) : top - 8 * rng.range(2, 40);
            case 4:
                return rng.range(0xFFFFFFF0L, U32);
            default:
                return top - rng.range(9, 200_000);
        }
    }
}
