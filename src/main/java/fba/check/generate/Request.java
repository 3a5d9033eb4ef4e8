package fba.check.generate;

/**
 * One request of a generated or replayed trace, kept symbolic so that shrinking can delete other
 * requests without breaking it: a numeric argument may be tied to the pointer that an earlier
 * {@code malloc} returned (plus an offset), and is re-resolved against the reference every time the
 * trace is replayed. When the referenced malloc is gone or failed, the argument falls back to the
 * value it had when the trace was generated.
 */
public final class Request {

    public static final long U32 = 0xFFFFFFFFL;
    /** No reference: the argument is the literal value. */
    public static final int LITERAL = -1;

    /** Position of the request in the trace it was generated in; results are recorded under it. */
    public final int id;
    /** The command word, or null for a line sent verbatim ({@link #raw}). */
    public final String verb;
    /** A verbatim line (malformed requests, comments, vector lines that are not plain numbers). */
    public final String raw;
    /** Per argument: a non-numeric word (e.g. the init context), or null for a number. */
    private final String[] words;
    private final long[] values;
    private final int[] refs;
    private final long[] deltas;
    /** Per argument: the number is a u64 (poke's value), not a u32. */
    private final boolean[] wide;

    private Request(int id, String verb, String raw, String[] words, long[] values, int[] refs, long[] deltas,
            boolean[] wide) {
        this.id = id;
        this.verb = verb;
        this.raw = raw;
        this.words = words;
        this.values = values;
        this.refs = refs;
        this.deltas = deltas;
        this.wide = wide;
    }

    /** A line sent exactly as given. */
    public static Request raw(int id, String line) {
        return new Request(id, null, line, new String[0], new long[0], new int[0], new long[0], new boolean[0]);
    }

    /** A request with literal numeric arguments. */
    public static Request of(int id, String verb, long... args) {
        int n = args.length;
        int[] refs = new int[n];
        java.util.Arrays.fill(refs, LITERAL);
        boolean[] wide = new boolean[n];
        if (verb.equals("poke") && n == 2) {
            wide[1] = true;
        }
        return new Request(id, verb, null, new String[n], args.clone(), refs, new long[n], wide);
    }

    public static Request init(int id, long heapBase, String context, long initialPages, long maxPages) {
        Request r = of(id, "init", heapBase, 0, initialPages, maxPages);
        r.words[1] = context;
        return r;
    }

    /**
     * Ties argument {@code arg} to the pointer returned by request {@code ref} plus {@code delta};
     * {@code fallback} is its value should that pointer be unknown.
     */
    public Request tie(int arg, int ref, long delta, long fallback) {
        refs[arg] = ref;
        deltas[arg] = delta;
        values[arg] = fallback;
        return this;
    }

    /**
     * Parses a trace line into a request whose canonical decimal arguments can later be simplified;
     * anything else is kept verbatim.
     */
    public static Request parse(int id, String line) {
        if (line.isEmpty() || line.charAt(0) == '#') {
            return raw(id, line);
        }
        String[] tokens = line.split(" ", -1);
        int n = tokens.length - 1;
        String[] words = new String[n];
        long[] values = new long[n];
        boolean[] wide = new boolean[n];
        for (int i = 0; i < n; i++) {
            String t = tokens[i + 1];
            if (!isCanonicalNumber(t)) {
                if (t.isEmpty()) {
                    return raw(id, line);
                }
                words[i] = t;
                continue;
            }
            try {
                values[i] = Long.parseUnsignedLong(t);
            } catch (NumberFormatException e) {
                words[i] = t;
                continue;
            }
            wide[i] = Long.compareUnsigned(values[i], U32) > 0 || (tokens[0].equals("poke") && i == 1);
        }
        if (tokens[0].isEmpty()) {
            return raw(id, line);
        }
        int[] refs = new int[n];
        java.util.Arrays.fill(refs, LITERAL);
        return new Request(id, tokens[0], null, words, values, refs, new long[n], wide);
    }

    private static boolean isCanonicalNumber(String t) {
        if (t.isEmpty() || (t.length() > 1 && t.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The request kind for counting: the verb, "comment", or "raw" (a line sent verbatim: malformed or unusual). */
    public String kind() {
        if (verb != null) {
            return verb;
        }
        return raw.isEmpty() || raw.charAt(0) == '#' ? "comment" : "raw";
    }

    /** Whether the implementation owes a response to this line. */
    public boolean answered() {
        return raw == null || !(raw.isEmpty() || raw.charAt(0) == '#');
    }

    public int arity() {
        return values.length;
    }

    /** The literal value of numeric argument {@code arg} (what it was when generated). */
    public long value(int arg) {
        return values[arg];
    }

    public boolean isSimplifiable(int arg) {
        return words[arg] == null && refs[arg] == LITERAL;
    }

    /** The non-numeric word at {@code arg}, or null for a number. */
    public String word(int arg) {
        return words[arg];
    }

    /** A copy with the word at {@code arg} replaced. */
    public Request withWord(int arg, String word) {
        String[] w = words.clone();
        w[arg] = word;
        return new Request(id, verb, raw, w, values.clone(), refs.clone(), deltas.clone(), wide.clone());
    }

    /** A copy with numeric argument {@code arg} replaced by the literal {@code v}. */
    public Request withValue(int arg, long v) {
        String[] w = words.clone();
        long[] vs = values.clone();
        int[] rs = refs.clone();
        long[] ds = deltas.clone();
        vs[arg] = v;
        rs[arg] = LITERAL;
        ds[arg] = 0;
        return new Request(id, verb, raw, w, vs, rs, ds, wide.clone());
    }

    /**
     * The protocol line, resolving tied arguments from {@code results} (indexed by request id,
     * {@code -1} for unknown).
     */
    public String render(long[] results) {
        if (raw != null) {
            return raw;
        }
        StringBuilder sb = new StringBuilder(24).append(verb);
        for (int i = 0; i < values.length; i++) {
            sb.append(' ');
            if (words[i] != null) {
                sb.append(words[i]);
            } else {
                sb.append(Long.toUnsignedString(resolve(i, results)));
            }
        }
        return sb.toString();
    }

    /**
     * Appends the protocol line as {@link #render} spells it with no results known (every argument
     * its literal value, as generated requests are frozen), in ASCII, with no terminator.
     */
    public void renderTo(Bytes out) {
        if (raw != null) {
            out.ascii(raw);
            return;
        }
        out.ascii(verb);
        for (int i = 0; i < values.length; i++) {
            out.write(' ');
            if (words[i] != null) {
                out.ascii(words[i]);
            } else {
                out.unsigned(values[i]);
            }
        }
    }

    /** Fixes every tied argument to what it resolves to now (used while generating). */
    public void freeze(long[] results) {
        for (int i = 0; i < values.length; i++) {
            if (refs[i] != LITERAL) {
                values[i] = resolve(i, results);
            }
        }
    }

    private long resolve(int i, long[] results) {
        int r = refs[i];
        if (r == LITERAL || r >= results.length || results[r] < 0) {
            return values[i];
        }
        long v = results[r] + deltas[i];
        if (!wide[i] && (v < 0 || v > U32)) {
            return values[i];
        }
        return v;
    }

    @Override
    public String toString() {
        return render(new long[0]);
    }
}
