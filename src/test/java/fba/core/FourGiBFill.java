package fba.core;

import java.util.ArrayList;
import java.util.List;

/** Block orders whose blocks (with headers) add up to exactly the bytes from a base to 4 GiB. */
final class FourGiBFill {

    private FourGiBFill() {
    }

    /** Largest orders first; every remainder stays a sum of at least one block (>= 16) or 0. */
    static List<Integer> orders(long base, int maxOrder) {
        List<Integer> ks = new ArrayList<>();
        long rem = (1L << 32) - base;
        int k = maxOrder;
        while (rem > 0) {
            long block = (8L << k) + 8;
            if (block <= rem && (rem - block == 0 || rem - block >= 16)) {
                ks.add(k);
                rem -= block;
            } else {
                k--;
                if (k < 0) {
                    throw new IllegalStateException("no decomposition of " + rem);
                }
            }
        }
        return ks;
    }
}
