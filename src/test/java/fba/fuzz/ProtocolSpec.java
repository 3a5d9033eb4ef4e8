package fba.fuzz;

import java.math.BigInteger;
import java.util.Map;
import java.util.Set;

/**
 * spec/protocol.md as an oracle for fuzz tests, written from the spec rather than from
 * {@code fba.protocol}: which requests are well-formed, which responses a request may get, and
 * whether a line is a protocol response at all. It knows nothing of allocator state, so it
 * checks shape and the error codes a request may produce, never values.
 */
public final class ProtocolSpec {

    private static final BigInteger U32 = BigInteger.valueOf(0xFFFFFFFFL);
    private static final BigInteger U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger PAGES = BigInteger.valueOf(65536);

    /** The protocol's error codes (spec/protocol.md, "Error codes"). */
    public static final Set<String> CODES = Set.of("too_large", "out_of_space", "memory_shrank", "poisoned",
            "invalid_pointer", "out_of_bounds", "not_allocated", "invalid_order", "invalid_free_list",
            "stats_underflow", "heap_base_wrap", "bumper_wrap", "allocated_wrap", "bad_request", "not_initialized");

    /** Codes only the strict profile produces. */
    private static final Set<String> STRICT_ONLY = Set.of("heap_base_wrap", "bumper_wrap", "allocated_wrap");

    /** Error codes each well-formed request may answer, besides not_initialized (all but init). */
    private static final Map<String, Set<String>> ERRORS = Map.of(
            "init", Set.of("heap_base_wrap"),
            "malloc", Set.of("too_large", "out_of_space", "memory_shrank", "poisoned", "invalid_order",
                    "invalid_free_list", "bumper_wrap", "allocated_wrap"),
            "free", Set.of("memory_shrank", "poisoned", "invalid_pointer", "out_of_bounds", "not_allocated",
                    "invalid_order", "stats_underflow"),
            "grow", Set.of("out_of_space"),
            // truncate above the current pages is a bad request, which only the session can tell.
            "truncate", Set.of("bad_request"),
            "poke", Set.of("out_of_bounds"),
            "peek", Set.of("out_of_bounds"),
            "stats", Set.of(),
            "pages", Set.of());

    /** How many numbers follow {@code ok} in each request's success response. */
    private static final Map<String, Integer> OK_VALUES = Map.of(
            "init", 0, "malloc", 1, "free", 0, "grow", 0, "truncate", 0, "poke", 0, "peek", 1, "stats", 4, "pages", 1);

    private ProtocolSpec() {
    }

    /** Whether a line gets no response: empty, or a comment. */
    public static boolean silent(String request) {
        return request.isEmpty() || request.charAt(0) == '#';
    }

    /** Whether {@code request} is well-formed: a known verb, single spaces, its arguments in range. */
    public static boolean wellFormed(String request) {
        String[] t = request.split(" ", -1);
        switch (t[0]) {
            case "init":
                return t.length == 5 && number(t[1], U32) && (t[2].equals("onchain") || t[2].equals("offchain"))
                        && number(t[3], PAGES) && number(t[4], PAGES)
                        && new BigInteger(t[3]).compareTo(new BigInteger(t[4])) <= 0;
            case "malloc":
            case "free":
            case "grow":
            case "truncate":
            case "peek":
                return t.length == 2 && number(t[1], U32);
            case "poke":
                return t.length == 3 && number(t[1], U32) && number(t[2], U64);
            case "stats":
            case "pages":
                return t.length == 1;
            default:
                return false;
        }
    }

    private static boolean number(String s, BigInteger max) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return new BigInteger(s).compareTo(max) <= 0;
    }

    /**
     * Why {@code response} is not an answer spec/protocol.md allows to {@code request} in
     * {@code profile} ("substrate" or "strict"), or null when it is. fba's own messages are also
     * held to printable ASCII, since they echo input only through an escaping clip.
     */
    public static String violation(String request, String response, String profile) {
        for (int i = 0; i < response.length(); i++) {
            char c = response.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "response holds the non-printable character \\u" + String.format("%04x", (int) c);
            }
        }
        String verb = request.split(" ", -1)[0];
        boolean ok = wellFormed(request);
        if (response.equals("ok") || response.startsWith("ok ")) {
            if (!ok) {
                return "a malformed request was answered ok";
            }
            String[] v = response.split(" ", -1);
            if (v.length - 1 != OK_VALUES.get(verb)) {
                return verb + " answers ok with " + OK_VALUES.get(verb) + " values, got " + (v.length - 1);
            }
            for (int i = 1; i < v.length; i++) {
                if (!number(v[i], verb.equals("stats") && i == 3 ? BigInteger.ONE.shiftLeft(128) : U64)) {
                    return "value '" + v[i] + "' is not an unsigned decimal number";
                }
            }
            return null;
        }
        String code = errorCode(response);
        if (code == null) {
            return "neither ok nor err <code>";
        }
        if (!ok) {
            return code.equals("bad_request") ? null : "a malformed request answered " + code + ", not bad_request";
        }
        if (code.equals("not_initialized") && !verb.equals("init")) {
            return null;
        }
        if (!ERRORS.get(verb).contains(code)) {
            return verb + " cannot answer " + code;
        }
        if (profile.equals("substrate") && STRICT_ONLY.contains(code)) {
            return code + " exists only in the strict profile";
        }
        return null;
    }

    /** The code of an {@code err CODE[ message]} line when CODE is a protocol code, else null. */
    public static String errorCode(String line) {
        if (!line.startsWith("err ")) {
            return null;
        }
        int end = line.indexOf(' ', 4);
        String code = end < 0 ? line.substring(4) : line.substring(4, end);
        return CODES.contains(code) ? code : null;
    }

    /**
     * Whether {@code line} has a protocol response's shape: {@code ok}, {@code ok N} or
     * {@code ok N N N N} with N unsigned decimal, or {@code err CODE} optionally followed by a
     * space and a message.
     */
    public static boolean isResponse(String line) {
        if (line.equals("ok")) {
            return true;
        }
        if (line.startsWith("ok ")) {
            String[] v = line.substring(3).split(" ", -1);
            if (v.length != 1 && v.length != 4) {
                return false;
            }
            for (String n : v) {
                if (n.isEmpty() || !n.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return false;
                }
            }
            return true;
        }
        return errorCode(line) != null;
    }
}
