package fba.check.generate;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Requests sent per kind and reference responses per code ("ok" or the error code). */
public final class Counts {

    private final Map<String, long[]> kinds = new HashMap<>();
    private final Map<String, long[]> codes = new HashMap<>();
    private long ok;
    public long requests;
    // The counters of the last kinds counted, by the kind String's identity (kinds are a few
    // constants): saves a map lookup per generated request.
    private final String[] cachedKind = new String[16];
    private final long[][] cachedCounter = new long[16][];

    /**
     * Counts a request whose expected response is {@code response[from .. to)} (ASCII), or none when
     * {@code from} is -1. A String is made only for an error's code.
     */
    public void count(Request r, byte[] response, int from, int to) {
        requests++;
        kindCounter(r.kind())[0]++;
        if (from < 0) {
            return;
        }
        if (to - from >= 2 && response[from] == 'o' && response[from + 1] == 'k') {
            ok++;
        } else {
            String text = new String(response, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
            codes.computeIfAbsent(fba.protocol.VectorLine.errorCode(text), k -> new long[1])[0]++;
        }
    }

    private long[] kindCounter(String kind) {
        int slot = kind.hashCode() & 15;
        if (cachedKind[slot] != kind) {
            cachedCounter[slot] = kinds.computeIfAbsent(kind, k -> new long[1]);
            cachedKind[slot] = kind;
        }
        return cachedCounter[slot];
    }

    /** Adds another tally to this one. */
    public void add(Counts other) {
        requests += other.requests;
        ok += other.ok;
        for (Map.Entry<String, long[]> e : other.kinds.entrySet()) {
            kinds.computeIfAbsent(e.getKey(), k -> new long[1])[0] += e.getValue()[0];
        }
        for (Map.Entry<String, long[]> e : other.codes.entrySet()) {
            codes.computeIfAbsent(e.getKey(), k -> new long[1])[0] += e.getValue()[0];
        }
    }

    /** Requests per kind, sorted by kind. */
    public Map<String, Long> kinds() {
        return sorted(kinds, 0);
    }

    /** Responses per code, sorted; successes count under "ok". */
    public Map<String, Long> codes() {
        return sorted(codes, ok);
    }

    public long of(Map<String, Long> m, String key) {
        return m.getOrDefault(key, 0L);
    }

    private static Map<String, Long> sorted(Map<String, long[]> m, long ok) {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, long[]> e : m.entrySet()) {
            out.put(e.getKey(), e.getValue()[0]);
        }
        if (ok > 0) {
            out.put("ok", ok);
        }
        return out;
    }
}
