package fba.report;

import java.util.List;
import java.util.Map;

/** The gate's single self-contained HTML page (inline CSS, inline SVG, no external resources). */
final class Html {

    private Html() {
    }

    static String page(String overall, List<Map<String, Object>> stages, Map<String, Object> figures,
            Map<String, Object> trace) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>fba gate: ").append(esc(overall)).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1000px;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left;vertical-align:top}#figures td{overflow-wrap:anywhere}")
                .append(".passed{background:#dfd}.failed{background:#fdd}.skipped{background:#eee;color:#777}")
                .append("pre{background:#f6f6f6;padding:1em;overflow:auto}h1 span{padding:0 .4em}")
                .append("</style></head><body>\n");
        b.append("<h1>fba verification gate: <span class=\"").append(cls(overall)).append("\" id=\"overall\">")
                .append(esc(overall)).append("</span></h1>\n");
        b.append("<h2>Stages</h2>\n<table id=\"status\"><thead><tr><th>stage</th><th>status</th><th>seconds</th>")
                .append("<th>command</th><th>log</th></tr></thead><tbody>\n");
        for (Map<String, Object> s : stages) {
            String st = String.valueOf(s.get("status"));
            b.append("<tr class=\"").append(cls(st)).append("\"><td>").append(esc(String.valueOf(s.get("name"))))
                    .append("</td><td>").append(esc(st)).append("</td><td>").append(s.get("seconds"))
                    .append("</td><td><code>").append(esc(String.valueOf(s.get("command"))))
                    .append("</code></td><td><a href=\"").append(esc(String.valueOf(s.get("log"))))
                    .append("\">log</a></td></tr>\n");
        }
        if (stages.isEmpty()) {
            b.append("<tr><td colspan=\"5\">no stage has run</td></tr>\n");
        }
        b.append("</tbody></table>\n");

        b.append("<h2>Figures</h2>\n<table id=\"figures\"><tbody>\n");
        for (Map.Entry<String, Object> e : figures.entrySet()) {
            b.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(describe(e.getValue()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        b.append("<p>Reports: <a href=\"../pit-reports/index.html\">mutation testing (PIT)</a> · ")
                .append("<a href=\"../verification/report.md\">static proofs (KeY)</a> · ")
                .append("<a href=\"summary.json\">summary.json</a></p>\n");

        if (trace != null) {
            b.append("<h2 id=\"trace\">Minimal failing trace</h2>\n<p>Last request: <code>")
                    .append(esc(String.valueOf(trace.get("last_request")))).append("</code>; the reference answers <code>")
                    .append(esc(String.valueOf(trace.get("reference_response")))).append("</code>.</p>\n<pre>")
                    .append(esc(String.valueOf(trace.get("text")))).append("</pre>\n");
            Object svg = trace.get("svg");
            if (svg != null) {
                b.append("<h3>Heap after the trace</h3>\n<div id=\"heap\">").append(svg).append("</div>\n");
            }
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    private static String describe(Object v) {
        if (v instanceof Map<?, ?> m) {
            if (Boolean.FALSE.equals(m.get("available"))) {
                return "<em>not produced by this run</em>";
            }
            StringBuilder b = new StringBuilder();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getKey().equals("available")) {
                    continue;
                }
                if (b.length() > 0) {
                    b.append("; ");
                }
                b.append(esc(String.valueOf(e.getKey()))).append(": ").append(describe(e.getValue()));
            }
            return b.toString();
        }
        return esc(String.valueOf(v));
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
