package fba.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The gate's single self-contained HTML page (inline CSS, inline SVG, no script, no external
 * resources): a banner saying what the status includes, the stages as a table and on a time line,
 * the contracts, PIT's score per package, the check's responses per code, the model run's figures,
 * every other figure in a generic table, and the failing trace when there is one.
 */
final class Html {

    /** Figures with a section of their own; any other figure goes to the generic table. */
    private static final Set<String> OWN_SECTION = Set.of("proofs", "mutation", "check", "model");

    private Html() {
    }

    static String page(String overall, List<Map<String, Object>> stages, Map<String, Object> figures,
            Map<String, Object> trace) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>fba gate: ").append(esc(overall)).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}")
                .append("table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;padding:3px 9px;text-align:left;vertical-align:top}")
                .append("td.num{text-align:right;font-variant-numeric:tabular-nums}.generic td{overflow-wrap:anywhere}")
                .append(".passed,.proved{background:#dfd}.failed,.open{background:#fdd}.known-open{background:#ffe9c4}.skipped{background:#eee;color:#777}")
                .append("#banner{font-size:1.1em;padding:.4em .8em;display:inline-block}")
                .append(".bar{display:inline-block;height:.9em;background:#5a5;vertical-align:middle}.bar.low{background:#c55}")
                .append(".track{display:inline-block;width:300px;background:#eee;vertical-align:middle}")
                .append("rect.passed{fill:#7c7}rect.failed{fill:#e66}rect.skipped{fill:#ccc}")
                .append("svg text{font-size:11px}pre{background:#f6f6f6;padding:1em;overflow:auto}h1 span{padding:0 .4em}")
                .append("</style></head><body>\n");
        b.append("<h1>fba verification gate: <span class=\"").append(cls(overall)).append("\" id=\"overall\">")
                .append(esc(overall)).append("</span></h1>\n");
        b.append("<p id=\"banner\" class=\"").append(cls(overall)).append("\">").append(esc(banner(overall, stages, figures)))
                .append("</p>\n");
        stages(b, stages);
        timeline(b, stages);
        contracts(b, figures.get("proofs"));
        mutation(b, figures.get("mutation"));
        check(b, figures.get("check"));
        model(b, figures.get("model"));
        b.append("<h2>Other figures</h2>\n<table id=\"figures\" class=\"generic\"><tbody>\n");
        for (Map.Entry<String, Object> e : figures.entrySet()) {
            if (!OWN_SECTION.contains(e.getKey())) {
                b.append("<tr data-figure=\"").append(esc(e.getKey())).append("\"><th>").append(esc(e.getKey()))
                        .append("</th><td>").append(generic(e.getValue())).append("</td></tr>\n");
            }
        }
        b.append("</tbody></table>\n");
        b.append("<p>Reports: <a href=\"../pit-reports/index.html\">mutation testing (PIT)</a> · ")
                .append("<a href=\"../verification/report.md\">static proofs (KeY)</a> · ")
                .append("<a href=\"summary.json\">summary.json</a></p>\n");
        trace(b, trace);
        b.append("</body></html>\n");
        return b.toString();
    }

    /** What the status includes: open contracts, stages that did not run, what the fast gate leaves out. */
    static String banner(String overall, List<Map<String, Object>> stages, Map<String, Object> figures) {
        List<String> notes = new ArrayList<>();
        if (figures.get("proofs") instanceof Map<?, ?> p && Boolean.TRUE.equals(p.get("available"))) {
            long known = 0;
            long unknown = 0;
            if (p.get("contracts") instanceof List<?> cs) {
                for (Object c : cs) {
                    if (c instanceof Map<?, ?> cm && !"proved".equals(cm.get("result"))) {
                        if (Boolean.TRUE.equals(cm.get("known_open"))) {
                            known++;
                        } else {
                            unknown++;
                        }
                    }
                }
            }
            if (known > 0) {
                notes.add(known + (known == 1 ? " contract" : " contracts") + " known open");
            }
            if (unknown > 0) {
                notes.add(unknown + (unknown == 1 ? " contract" : " contracts") + " open and not on the known-open list");
            }
        }
        List<String> names = new ArrayList<>();
        for (Map<String, Object> s : stages) {
            names.add(String.valueOf(s.get("name")));
            if ("skipped".equals(s.get("status"))) {
                notes.add("stage " + s.get("name") + " skipped");
            }
        }
        if (!stages.isEmpty() && !names.contains("proofs") && !names.contains("mutation")) {
            notes.add("proofs and mutation not run (gate --fast)");
        }
        return notes.isEmpty() ? overall : overall + " — " + String.join("; ", notes);
    }

    private static void stages(StringBuilder b, List<Map<String, Object>> stages) {
        b.append("<h2>Stages</h2>\n<table id=\"status\"><thead><tr><th>stage</th><th>status</th><th>seconds</th>")
                .append("<th>command</th><th>log</th></tr></thead><tbody>\n");
        for (Map<String, Object> s : stages) {
            String st = String.valueOf(s.get("status"));
            b.append("<tr class=\"").append(cls(st)).append("\"><td>").append(esc(String.valueOf(s.get("name"))))
                    .append("</td><td>").append(esc(st)).append("</td><td class=\"num\">").append(s.get("seconds"))
                    .append("</td><td><code>").append(esc(String.valueOf(s.get("command"))))
                    .append("</code></td><td><a href=\"").append(esc(String.valueOf(s.get("log"))))
                    .append("\">log</a></td></tr>\n");
        }
        if (stages.isEmpty()) {
            b.append("<tr><td colspan=\"5\">no stage has run</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    /** The stages one after another on a time axis, each as wide as it took (at least a sliver). */
    private static void timeline(StringBuilder b, List<Map<String, Object>> stages) {
        long total = 0;
        for (Map<String, Object> s : stages) {
            total += Math.max(0, seconds(s));
        }
        if (stages.isEmpty()) {
            return;
        }
        int width = 1000;
        b.append("<h3>Time line (").append(total).append(" s)</h3>\n<svg id=\"timeline\" width=\"").append(width + 80)
                .append("\" height=\"54\">");
        double x = 10;
        int row = 0;
        for (Map<String, Object> s : stages) {
            long sec = Math.max(0, seconds(s));
            double w = total == 0 ? 0 : (double) width * sec / total;
            String name = String.valueOf(s.get("name"));
            b.append("<rect class=\"").append(cls(String.valueOf(s.get("status")))).append("\" data-stage=\"")
                    .append(esc(name)).append("\" x=\"").append(fmt(x)).append("\" y=\"4\" width=\"").append(fmt(Math.max(w, 2)))
                    .append("\" height=\"22\" stroke=\"#888\"><title>").append(esc(name)).append(": ").append(sec)
                    .append(" s, ").append(esc(String.valueOf(s.get("status")))).append("</title></rect>");
            if (w >= 30) { // a short stage keeps its name in the tooltip and the table
                b.append("<text x=\"").append(fmt(x + 2)).append("\" y=\"").append(40 + 12 * (row++ % 2)).append("\">")
                        .append(esc(name)).append(' ').append(sec).append(" s</text>");
            }
            x += Math.max(w, 2);
        }
        b.append("</svg>\n");
    }

    private static void contracts(StringBuilder b, Object proofs) {
        b.append("<h2>Contracts (KeY)</h2>\n");
        if (!(proofs instanceof Map<?, ?> p) || !Boolean.TRUE.equals(p.get("available"))) {
            b.append("<p id=\"contracts-missing\"><em>no proof report from this run</em></p>\n");
            return;
        }
        b.append("<p>").append(p.get("proved")).append(" proved, ").append(p.get("open")).append(" open");
        if (p.get("replayed") instanceof Number replayed && p.get("searched") instanceof Number searched
                && replayed.longValue() + searched.longValue() > 0) {
            // issue 26: replayed from a saved proof certificate, or searched by KeY's auto mode
            b.append("; ").append(replayed).append(" replayed from their proof certificates, ").append(searched)
                    .append(" searched");
        }
        b.append(".</p>\n")
                .append("<table id=\"contracts\"><thead><tr><th>contract</th><th>result</th><th>why open</th>")
                .append("<th>how</th><th>nodes</th><th>seconds</th></tr></thead><tbody>\n");
        if (p.get("contracts") instanceof List<?> cs) {
            for (Object o : cs) {
                if (!(o instanceof Map<?, ?> c)) {
                    continue;
                }
                boolean proved = "proved".equals(c.get("result"));
                boolean known = Boolean.TRUE.equals(c.get("known_open"));
                String result = proved ? "proved" : known ? "known open" : "open";
                b.append("<tr class=\"").append(proved ? "proved" : known ? "known-open" : "open")
                        .append("\"><td title=\"").append(esc(String.valueOf(c.get("name")))).append("\">")
                        .append(esc(String.valueOf(c.get("label")))).append("</td><td>").append(result)
                        .append("</td><td>").append(c.get("reason") == null ? "" : esc(String.valueOf(c.get("reason"))))
                        .append("</td><td>").append(c.get("how") == null ? "" : esc(String.valueOf(c.get("how"))))
                        .append("</td><td class=\"num\">").append(c.get("nodes") == null ? "" : c.get("nodes"))
                        .append("</td><td class=\"num\">").append(c.get("seconds") == null ? "" : c.get("seconds"))
                        .append("</td></tr>\n");
            }
        }
        b.append("</tbody></table>\n");
    }

    private static void mutation(StringBuilder b, Object mutation) {
        b.append("<h2>Mutation score (PIT)</h2>\n");
        if (!(mutation instanceof Map<?, ?> m) || !Boolean.TRUE.equals(m.get("available"))
                || !(m.get("packages") instanceof Map<?, ?> pkgs)) {
            b.append("<p id=\"mutation-missing\"><em>no PIT report from this run</em></p>\n");
            return;
        }
        b.append("<table id=\"mutation\"><thead><tr><th>package</th><th>score</th><th>killed / mutants</th>")
                .append("<th>survivors</th></tr></thead><tbody>\n");
        for (Map.Entry<?, ?> e : pkgs.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> p)) {
                continue;
            }
            String pkg = String.valueOf(e.getKey());
            double score = number(p.get("score_percent"));
            long survivors = (long) number(p.get("mutants")) - (long) number(p.get("killed"));
            b.append("<tr data-package=\"").append(esc(pkg)).append("\"><td>").append(esc(pkg))
                    .append("</td><td><span class=\"track\"><span class=\"bar").append(score < 90 ? " low" : "")
                    .append("\" style=\"width:").append(fmt(3 * score)).append("px\"></span></span> ")
                    .append(String.format(Locale.ROOT, "%.1f %%", score)).append("</td><td class=\"num\">")
                    .append(p.get("killed")).append(" / ").append(p.get("mutants")).append("</td><td><a href=\"../pit-reports/")
                    .append(esc(pkg)).append("/index.html\">").append(survivors).append(" survived</a></td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static void check(StringBuilder b, Object check) {
        b.append("<h2>Differential check</h2>\n");
        if (!(check instanceof Map<?, ?> c) || !Boolean.TRUE.equals(c.get("available"))) {
            b.append("<p id=\"check-missing\"><em>no check report from this run</em></p>\n");
            return;
        }
        b.append("<p id=\"check-summary\">result <b>").append(esc(String.valueOf(c.get("result")))).append("</b>, ")
                .append(c.get("requests")).append(" requests");
        if (c.get("sessions") != null) {
            b.append(" in ").append(c.get("sessions")).append(" sessions");
        }
        b.append(", seed ").append(esc(String.valueOf(c.get("seed")))).append(".</p>\n");
        if (c.get("responses_per_code") instanceof Map<?, ?> codes && !codes.isEmpty()) {
            b.append("<h3>Reference responses per code (bar length on a log scale)</h3>\n");
            bars(b, "codes", codes);
        }
        if (c.get("requests_per_kind") instanceof Map<?, ?> kinds && !kinds.isEmpty()) {
            b.append("<h3>Requests per kind (log scale)</h3>\n");
            bars(b, "kinds", kinds);
        }
        Map<String, Object> rest = new java.util.LinkedHashMap<>();
        for (Map.Entry<?, ?> e : c.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!Set.of("available", "responses_per_code", "requests_per_kind").contains(k)) {
                rest.put(k, e.getValue());
            }
        }
        b.append("<table class=\"generic\" id=\"check\"><tbody>").append(rows(rest)).append("</tbody></table>\n");
    }

    /** A horizontal bar chart of counts, bar lengths on a log scale so rare codes stay visible. */
    private static void bars(StringBuilder b, String id, Map<?, ?> counts) {
        double max = 1;
        for (Object v : counts.values()) {
            max = Math.max(max, number(v));
        }
        int rowH = 18;
        int labelW = 150;
        b.append("<svg id=\"").append(id).append("\" width=\"").append(labelW + 500).append("\" height=\"")
                .append(rowH * counts.size() + 4).append("\">");
        int y = 2;
        for (Map.Entry<?, ?> e : counts.entrySet()) {
            double n = number(e.getValue());
            double w = n <= 0 ? 0 : 2 + 380 * Math.log10(1 + n) / Math.log10(1 + max);
            String key = esc(String.valueOf(e.getKey()));
            b.append("<g class=\"bar-row\" data-key=\"").append(key).append("\" data-count=\"").append((long) n)
                    .append("\"><text x=\"0\" y=\"").append(y + 12).append("\">").append(key).append("</text><rect x=\"")
                    .append(labelW).append("\" y=\"").append(y).append("\" width=\"").append(fmt(w)).append("\" height=\"")
                    .append(rowH - 4).append("\" fill=\"").append(key.equals("ok") ? "#5a5" : "#c84").append("\"/><text x=\"")
                    .append(fmt(labelW + w + 4)).append("\" y=\"").append(y + 12).append("\">").append((long) n)
                    .append("</text></g>");
            y += rowH;
        }
        b.append("</svg>\n");
    }

    private static void model(StringBuilder b, Object model) {
        b.append("<h2>Model-based run</h2>\n");
        if (!(model instanceof Map<?, ?> m) || !Boolean.TRUE.equals(m.get("available"))) {
            b.append("<p id=\"model-missing\"><em>no model run in this gate</em></p>\n");
            return;
        }
        b.append("<table id=\"model\" class=\"generic\"><tbody>");
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!"available".equals(e.getKey())) {
                b.append("<tr><th>").append(esc(String.valueOf(e.getKey()).replace('_', ' '))).append("</th><td class=\"num\">")
                        .append(generic(e.getValue())).append("</td></tr>");
            }
        }
        b.append("</tbody></table>\n");
    }

    private static void trace(StringBuilder b, Map<String, Object> trace) {
        if (trace == null) {
            return;
        }
        b.append("<h2 id=\"trace\">Minimal failing trace</h2>\n<p>Last request: <code>")
                .append(esc(String.valueOf(trace.get("last_request")))).append("</code>; the reference answers <code>")
                .append(esc(String.valueOf(trace.get("reference_response")))).append("</code>.");
        if (trace.get("explorer") != null) {
            b.append(" Step through it, with the heap at every request: <a id=\"explorer-link\" href=\"")
                    .append(esc(String.valueOf(trace.get("explorer")))).append("\">trace explorer</a>.");
        }
        b.append("</p>\n<pre>").append(esc(String.valueOf(trace.get("text")))).append("</pre>\n");
        Object svg = trace.get("svg");
        if (svg != null) {
            b.append("<h3>Heap after the trace</h3>\n<div id=\"heap\">").append(svg).append("</div>\n");
        } else if (trace.get("no_svg") != null) {
            b.append("<p id=\"no-heap\">").append(esc(String.valueOf(trace.get("no_svg")))).append("</p>\n");
        }
    }

    /** Any figure: a map becomes a nested table, a list a comma list, anything else its text. */
    private static String generic(Object v) {
        if (v instanceof Map<?, ?> m) {
            if (Boolean.FALSE.equals(m.get("available"))) {
                return "<em>not produced by this run</em>";
            }
            return "<table class=\"generic\"><tbody>" + rows(m) + "</tbody></table>";
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                parts.add(generic(o));
            }
            return String.join(", ", parts);
        }
        return esc(String.valueOf(v));
    }

    private static String rows(Map<?, ?> m) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!"available".equals(e.getKey())) {
                b.append("<tr><th>").append(esc(String.valueOf(e.getKey()))).append("</th><td>").append(generic(e.getValue()))
                        .append("</td></tr>");
            }
        }
        return b.toString();
    }

    private static long seconds(Map<String, Object> s) {
        return s.get("seconds") instanceof Number n ? n.longValue() : 0;
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static String cls(String status) {
        return switch (status) {
            case "passed" -> "passed";
            case "failed" -> "failed";
            default -> "skipped";
        };
    }

    static String esc(String s) {
        return HeapSvg.escape(s);
    }
}
