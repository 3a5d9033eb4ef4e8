package fba.check.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Combines the JSON reports of the shards of one check ({@code fba check --shard I/N}) into the
 * verdict the unsharded run gives: the problem at the lowest session index wins (a problem in the
 * vectors, which shard 1 runs, or a shard that could not run at all, comes before every session),
 * and the exit status is that shard's.
 */
public final class ShardMerge {

    /** A shard report as read, with the name it was given by (a file name) for messages. */
    public record Shard(String name, Map<String, Object> report) {
    }

    /** The merged verdict: exit status, lines to print, and the merged report. */
    public record Result(int status, List<String> lines, Map<String, Object> report) {
    }

    /** Fields every shard of one check has alike: the same implementation, options and fba. */
    private static final String[] IDENTITY = {"seed", "profile", "impl", "sessions_requested", "ops_per_session",
        "timeout_ms", "max_causes", "fba_version", "fba_commit"};

    private ShardMerge() {
    }

    /** Merges; an IllegalArgumentException names the report and field when the shards do not fit together. */
    public static Result merge(List<Shard> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("no reports to merge");
        }
        Shard head = shards.get(0);
        int count = -1;
        Shard[] byIndex = null;
        for (Shard s : shards) {
            Map<String, Object> r = s.report;
            if (!"fba check".equals(r.get("tool"))) {
                throw new IllegalArgumentException(s.name + ": not a report of fba check (its \"tool\" is "
                        + describe(r.get("tool")) + ")");
            }
            if (!Objects.equals(number(r.get("report_format")), (long) Verdict.REPORT_FORMAT)) {
                throw new IllegalArgumentException(s.name + ": report format " + describe(r.get("report_format"))
                        + ", this fba merges format " + Verdict.REPORT_FORMAT);
            }
            for (String field : IDENTITY) {
                same(head, s, field, r.get(field), head.report.get(field));
            }
            Object mine = sub(r, "vectors").get("hash");
            Object theirs = sub(head.report, "vectors").get("hash");
            if ((mine == null) != (theirs == null)) {
                Shard none = mine == null ? s : head;
                Shard some = mine == null ? head : s;
                throw new IllegalArgumentException(none.name + " was run with --no-vectors, but " + some.name
                        + " with the vector set " + describe(mine == null ? theirs : mine)
                        + ": run every shard with the same vector options");
            }
            same(head, s, "vectors.hash", mine, theirs);
            Map<String, Object> shard = sub(r, "shard");
            Long index = number(shard.get("index"));
            Long n = number(shard.get("count"));
            if (index == null || n == null || n < 1 || index < 1 || index > n) {
                throw new IllegalArgumentException(s.name + ": no valid \"shard\" (index and count)");
            }
            if (count < 0) {
                count = n.intValue();
                byIndex = new Shard[count + 1];
            } else if (n != count) {
                throw new IllegalArgumentException(s.name + ": shard " + index + " of " + n + ", but " + head.name
                        + " is a shard of " + count);
            }
            if (byIndex[index.intValue()] != null) {
                throw new IllegalArgumentException(s.name + ": shard " + index + " of " + count + " again (also "
                        + byIndex[index.intValue()].name + ")");
            }
            byIndex[index.intValue()] = s;
        }
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            if (byIndex[i] == null) {
                missing.add(Integer.toString(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("shard" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " of " + count + " missing: give every shard's report");
        }
        List<String> lines = new ArrayList<>();
        Shard first = null;
        long firstAt = Long.MAX_VALUE;
        long requests = 0;
        long sessions = 0;
        Map<String, Object> kinds = new java.util.TreeMap<>();
        Map<String, Object> codes = new java.util.TreeMap<>();
        Map<String, Object> timings = new LinkedHashMap<>();
        Map<String, Map<String, Object>> causes = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Shard failed = null;
        for (int i = 1; i <= count; i++) {
            Shard s = byIndex[i];
            Map<String, Object> r = s.report;
            requests += orZero(number(r.get("requests")));
            sessions += orZero(number(r.get("sessions")));
            addAll(kinds, sub(r, "requests_per_kind"));
            addAll(codes, sub(r, "responses_per_code"));
            for (Map.Entry<String, Object> t : sub(r, "timings").entrySet()) {
                if (t.getKey().endsWith("_ms")) {
                    timings.merge(t.getKey(), orZero(number(t.getValue())), (a, b) -> (Long) a + (Long) b);
                }
            }
            for (Object o : r.get("divergences") instanceof List<?> l ? l : List.of()) {
                if (o instanceof Map<?, ?> m && m.get("signature") instanceof String sig) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> d = (Map<String, Object>) m;
                    counts.merge(sig, orZero(number(d.get("count"))), Long::sum);
                    Map<String, Object> known = causes.get(sig);
                    if (known == null || seenAt(d) < seenAt(known)) {
                        causes.put(sig, d);
                    }
                }
            }
            long at = problemAt(r);
            lines.add("shard " + i + " of " + count + " (" + s.name + "): " + r.get("result") + summary(r));
            if (at < firstAt) {
                firstAt = at;
                first = s;
            }
            if ((r.containsKey("failure") || r.containsKey("error")) && (failed == null || at < problemAt(failed.report))) {
                failed = s;
            }
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("tool", "fba check merge");
        merged.put("report_format", Verdict.REPORT_FORMAT);
        for (String field : new String[] {"fba_version", "fba_commit", "seed", "profile", "impl", "sessions_requested",
            "ops_per_session", "timeout_ms", "max_causes", "vectors"}) {
            merged.put(field, byIndex[1].report.get(field));
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(byIndex[i].name);
        }
        merged.put("shards", names);
        merged.put("requests", requests);
        merged.put("sessions", sessions);
        merged.put("requests_per_kind", kinds);
        merged.put("responses_per_code", codes);
        long generatedMs = orZero(number(timings.get("generated_ms")));
        timings.put("requests_per_second", generatedMs == 0 ? 0 : Math.round(requests * 1000.0 / generatedMs));
        merged.put("timings", timings);
        // The causes of all shards by signature, counts summed, each with its earliest occurrence.
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : causes.entrySet()) {
            Map<String, Object> d = new LinkedHashMap<>(e.getValue());
            d.put("count", counts.get(e.getKey()));
            list.add(d);
        }
        list.sort((a, b) -> {
            int c = Long.compare(orZero(number(b.get("count"))), orZero(number(a.get("count"))));
            return c != 0 ? c : Long.compare(seenAt(a), seenAt(b));
        });
        merged.put("divergences", list);
        int status = Verdict.PASS;
        lines.add("merged " + count + " shards: seed " + head.report.get("seed") + ", profile "
                + head.report.get("profile") + ", " + sessions + " sessions, " + requests + " requests, "
                + list.size() + " distinct cause" + (list.size() == 1 ? "" : "s"));
        for (Map<String, Object> d : list) {
            lines.add("  " + d.get("signature") + ": seen " + d.get("count") + " times, first at " + d.get("where")
                    + (d.get("shrunk_file") == null ? "" : "; shrunk trace " + d.get("shrunk_file")));
        }
        boolean oneCause = Long.valueOf(1).equals(number(head.report.get("max_causes")));
        Shard verdict = failed != null && !(oneCause && first != failed) ? failed : first;
        if (verdict == null) {
            merged.put("result", "pass");
            lines.add("PASS");
        } else {
            Map<String, Object> r = verdict.report;
            Long exit = number(r.get("exit_status"));
            status = exit == null || exit < 1 || exit > 3 ? Verdict.IMPL_FAILED : exit.intValue();
            merged.put("result", r.get("result"));
            merged.put("from_shard", verdict.name);
            Map<String, Object> earliest = null;
            for (Map<String, Object> d : list) {
                if (earliest == null || seenAt(d) < seenAt(earliest)) {
                    earliest = d;
                }
            }
            if (earliest != null) {
                merged.put("divergence", earliest);
            }
            for (String field : new String[] {"failure", "error"}) {
                if (r.containsKey(field)) {
                    merged.put(field, r.get(field));
                }
            }
            lines.add("first problem in " + verdict.name + ": " + r.get("result") + summary(r));
            Map<String, Object> d = sub(r, "divergence");
            if (d.get("shrunk_file") != null) {
                lines.add("  shrunk trace: " + d.get("shrunk_file") + " (written by the run of " + verdict.name + ")");
            }
            lines.add(status == Verdict.DIVERGED ? "DIVERGED" : "FAILED");
        }
        merged.put("exit_status", status);
        return new Result(status, lines, merged);
    }

    /** Where a cause was first seen, as one number: vector files (their order unknown here) before every session. */
    private static long seenAt(Map<String, Object> d) {
        Map<String, Object> f = sub(d, "first_seen");
        Long session = number(f.get("session"));
        Long request = number(f.get("request"));
        return session == null ? -1 : session * 100_000_000L + orZero(request);
    }

    private static void addAll(Map<String, Object> into, Map<String, Object> from) {
        for (Map.Entry<String, Object> e : from.entrySet()) {
            into.merge(e.getKey(), orZero(number(e.getValue())), (a, b) -> (Long) a + (Long) b);
        }
    }

    /** Where a report's problem lies: -1 before every session, the session index, or none (MAX_VALUE). */
    public static long problemAt(Map<String, Object> r) {
        Object result = r.get("result");
        if ("pass".equals(result)) {
            return Long.MAX_VALUE;
        }
        Map<String, Object> d = r.containsKey("divergence") ? sub(r, "divergence") : sub(r, "failure");
        Long session = number(d.get("session"));
        return session == null ? -1 : session;
    }

    private static String summary(Map<String, Object> r) {
        if (r.containsKey("divergence")) {
            Map<String, Object> d = sub(r, "divergence");
            return " at " + d.get("where") + ": " + d.get("request") + " (expected " + d.get("expected")
                    + ", actual " + d.get("actual") + ")";
        }
        if (r.containsKey("failure")) {
            Map<String, Object> f = sub(r, "failure");
            return ": the implementation " + f.get("problem") + (f.get("where") == null ? "" : " (" + f.get("where") + ")");
        }
        if (r.containsKey("error")) {
            return ": " + r.get("error");
        }
        return ", " + r.get("sessions") + " sessions, " + r.get("requests") + " requests";
    }

    private static void same(Shard head, Shard s, String field, Object mine, Object theirs) {
        if (!Objects.equals(mine, theirs)) {
            throw new IllegalArgumentException(s.name + ": " + field + " is " + describe(mine) + " but "
                    + describe(theirs) + " in " + head.name + ": these are not shards of one check");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sub(Map<String, Object> r, String field) {
        Object v = r.get(field);
        return v instanceof Map ? (Map<String, Object>) v : Map.of();
    }

    private static Long number(Object v) {
        return v instanceof Long l ? l : v instanceof Integer i ? Long.valueOf(i) : null;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static String describe(Object v) {
        return v instanceof String ? "'" + v + "'" : String.valueOf(v);
    }
}
