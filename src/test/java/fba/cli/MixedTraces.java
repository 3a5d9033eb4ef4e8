package fba.cli;

import java.util.Random;

/** Traces for the byte-path equivalence tests of replay and serve. */
final class MixedTraces {

    private MixedTraces() {
    }

    /** A trace mixing real pointers, malformed requests, every verb, arrows, comments and line ends. */
    static String trace(Random rnd) {
        String[] odd = {
            "malloc", "malloc ", "malloc  8", "malloc 8 ", "malloc -1", "malloc 4294967296", "malloc 4294967295",
            "malloc 0004294967295", "malloc 00000000000000000000000000016", "malloc 8x", "malloc x", "Malloc 8",
            "mallocx 8", "malloc\t8", "free", "free ", "free 0", "free 7", "free 8 8", "free 99999999999", "free +8",
            "stats", "stats ", "pages", "pages 1", "peek 0", "peek 4294967295", "poke 16 18446744073709551615",
            "poke 16 18446744073709551616", "grow 1", "grow 70000", "truncate 0", "truncate 99999", "#comment",
            "", " ", " malloc 8", "malloc 8 => ok 8", "free 8 => err not_allocated", " => ok", "malloc 16 =>",
            "malloc 9 =>  x => y", "init 0 onchain 1 65536", "init 7 offchain 2 3", "init 4294967295 onchain 0 65536",
            "init 1 sideways 1 1", "malloc é", "frée 8", "# ünïcode comment", "malloc 33554432", "malloc 33554433",
            "malloc 2147483648",
        };
        String[] ends = {"\n", "\n", "\n", "\r\n", "\r"};
        StringBuilder t = new StringBuilder("init 0 onchain 1 65536\n");
        for (int i = 0; i < 3000; i++) {
            int kind = rnd.nextInt(10);
            if (kind < 4) {
                t.append("malloc ").append(1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 70000 : 200));
            } else if (kind < 7) {
                // likely-valid pointers: 8 + 8k land on headers often enough to exercise both answers
                t.append("free ").append(8 + 8L * rnd.nextInt(4000));
            } else {
                t.append(odd[rnd.nextInt(odd.length)]);
            }
            t.append(ends[rnd.nextInt(ends.length)]);
        }
        if (rnd.nextBoolean()) {
            t.append("malloc 8"); // last line without terminator
        }
        return t.toString();
    }
}
