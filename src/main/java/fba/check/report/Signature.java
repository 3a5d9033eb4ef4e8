package fba.check.report;

import fba.check.drive.Outcome;
import java.util.Set;

/**
 * The cause of a divergence, in words that do not depend on addresses, sizes or seeds, so that one
 * fault met in many sessions is one cause (spec/check.md, "Causes"). For a wrong answer:
 * {@code KIND EXPECTED/ACTUAL}, the request kind and both response codes ({@code ok} or the error
 * code), and when both are {@code ok}, which field differs ({@code malloc ok/ok:pointer},
 * {@code stats ok/ok:peak}, {@code peek ok/ok:word}). For an implementation that died, hung or
 * printed a non-protocol line while it owed the answer to a request: {@code crash KIND},
 * {@code hang KIND}, {@code garbage KIND}.
 */
public final class Signature {

    /** The protocol's request words; any other line (malformed, unusual) is of kind {@code raw}. */
    private static final Set<String> VERBS = Set.of("init", "malloc", "free", "grow", "truncate", "poke", "peek",
            "stats", "pages");
    /** The four numbers of a stats answer, in order (protocol.md). */
    private static final String[] STATS = {"allocated", "peak", "sum", "address_space_used"};

    private Signature() {
    }

    /** The kind of a request line: its verb, or {@code raw} for a line that does not start with one. */
    public static String kind(String line) {
        if (line == null) {
            return "end";
        }
        int end = line.indexOf(' ');
        String word = end < 0 ? line : line.substring(0, end);
        return VERBS.contains(word) ? word : "raw";
    }

    /** The signature of a well-formed answer {@code actual} where {@code expected} was owed. */
    public static String of(String line, String expected, String actual) {
        String kind = kind(line);
        String want = code(expected);
        String got = code(actual);
        String s = kind + " " + want + "/" + got;
        if (!want.equals(got) || !want.equals("ok")) {
            return s;
        }
        String[] e = expected.split(" ");
        String[] a = actual.split(" ");
        if (e.length != a.length) {
            return s + ":shape";
        }
        if (e.length == 5) {
            for (int i = 1; i < 5; i++) {
                if (!e[i].equals(a[i])) {
                    return s + ":" + STATS[i - 1];
                }
            }
        }
        return s + ":" + switch (kind) {
            case "malloc" -> "pointer";
            case "peek" -> "word";
            case "pages", "grow" -> "pages";
            default -> "value";
        };
    }

    /**
     * The signature of an outcome: a divergence's, a failure's while a request was owed, or null for
     * a failure tied to no request (such as a non-zero exit status after the input was closed).
     */
    public static String of(Outcome o) {
        if (o.kind == Outcome.Kind.DIVERGENCE) {
            return of(o.request(), o.expected(), o.actual);
        }
        if (o.kind == Outcome.Kind.FAILURE && o.cause != null && o.request() != null) {
            return o.cause + " " + kind(o.request());
        }
        return null;
    }

    /** {@code ok} or the error code of a response. */
    private static String code(String response) {
        if (response.startsWith("err ")) {
            return fba.protocol.VectorLine.errorCode(response);
        }
        return "ok";
    }
}
