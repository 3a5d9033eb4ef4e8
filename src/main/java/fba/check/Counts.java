package fba.check;

import java.util.Map;
import java.util.TreeMap;

/** Requests sent per kind and reference responses per code ("ok" or the error code). */
final class Counts {

    final Map<String, Long> kinds = new java.util.HashMap<>();
    final Map<String, Long> codes = new java.util.HashMap<>();
    long requests;

    void count(Request r, String expected) {
        requests++;
        kinds.merge(r.kind(), 1L, Long::sum);
        if (expected != null) {
            String code = expected.startsWith("ok") ? "ok" : fba.protocol.VectorLine.errorCode(expected);
            codes.merge(code, 1L, Long::sum);
        }
    }
}
