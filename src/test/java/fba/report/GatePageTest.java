package fba.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate page's tables and charts, built by GateReport from a gate run's leftovers (the same
 * checks run on the DOM Chromium builds from it in GatePageBrowserTest).
 */
class GatePageTest {

    static final String MALLOC3 = "fba.core.FreeingBumpAllocator[fba.core.FreeingBumpAllocator::malloc(long)]"
            + ".JML normal_behavior operation contract.3";
    static final String FREE6 = "fba.core.FreeingBumpAllocator[fba.core.FreeingBumpAllocator::free(long)]"
            + ".JML normal_behavior operation contract.6";
    static final String UNNAMED = "fba.core.FreeingBumpAllocator[fba.core.FreeingBumpAllocator::orderOf(long)]"
            + ".JML normal_behavior operation contract.0";

    @TempDir
    Path project;

    /** A passed full gate run: one contract known open, PIT and check figures, a fuzz stage's own figures. */
    Path passedRun() throws IOException {
        Path ver = Files.createDirectories(project.resolve("verification"));
        Files.writeString(ver.resolve("contracts.tsv"), "# names\n" + MALLOC3 + "\tmalloc reuse\n" + FREE6 + "\tfree success\n");
        Files.writeString(ver.resolve("known-open.txt"), "# open\n" + MALLOC3 + " | popping the head; open at the timeout\n");
        Path target = project.resolve("target");
        Path g = target.resolve("gate");
        Files.createDirectories(g.resolve("logs"));
        Files.writeString(g.resolve("stages.tsv"), "# stage\tstatus\tseconds\tcommand\n" + "build\tpassed\t7\tmvn package\n"
                + "proofs\tpassed\t420\tmvn -Pproofs verify\n" + "mutation\tpassed\t360\tmvn -Pmutation verify\n"
                + "fuzz\tpassed\t30\t./fuzz\n" + "render\tpassed\t2\trender\n");
        Files.writeString(g.resolve("logs/model.log"), "deep model-based run: 120000 requests\ndeep model-based run: 120000 requests\n");
        Files.writeString(g.resolve("check.json"), "{\"result\": \"pass\", \"seed\": 1, \"requests\": 1000000, \"sessions\": 1000,"
                + " \"requests_per_kind\": {\"free\": 400000, \"malloc\": 600000},"
                + " \"responses_per_code\": {\"ok\": 999000, \"poisoned\": 990, \"too_large\": 10}}");
        Files.createDirectories(g.resolve("figures"));
        Files.writeString(g.resolve("figures/fuzz.json"), "{\"inputs\": 5000, \"crashes\": 0}");
        Files.createDirectories(target.resolve("verification"));
        Files.writeString(target.resolve("verification/report.json"), "{\"contracts\": ["
                + "{\"name\": \"" + FREE6 + "\", \"result\": \"proved\", \"how\": \"replayed\", \"knownOpen\": false, \"nodes\": 12000, \"seconds\": 41.5},"
                + "{\"name\": \"" + MALLOC3 + "\", \"result\": \"open\", \"how\": \"searched\", \"knownOpen\": true, \"nodes\": 30000, \"seconds\": 90.0},"
                + "{\"name\": \"" + UNNAMED + "\", \"result\": \"proved\", \"knownOpen\": false, \"nodes\": 300, \"seconds\": 1.2}]}");
        Files.createDirectories(target.resolve("pit-reports"));
        StringBuilder pit = new StringBuilder("<mutations>");
        for (int i = 0; i < 10; i++) {
            pit.append("<mutation status='").append(i < 9 ? "KILLED" : "SURVIVED").append("'><mutatedClass>fba.cli.A</mutatedClass></mutation>");
            pit.append("<mutation status='").append(i < 5 ? "KILLED" : "NO_COVERAGE").append("'><mutatedClass>fba.protocol.B</mutatedClass></mutation>");
        }
        Files.writeString(target.resolve("pit-reports/mutations.xml"), pit.append("</mutations>"));
        new GateReport(g).write();
        return g;
    }

    static String row(String html, String tableId, String cell) {
        int t = html.indexOf("<table id=\"" + tableId + "\"");
        assertTrue(t >= 0, "no table " + tableId);
        Matcher m = Pattern.compile("<tr[^>]*>(?:(?!</tr>).)*" + Pattern.quote(cell) + "(?:(?!</tr>).)*</tr>", Pattern.DOTALL)
                .matcher(html.substring(t, html.indexOf("</table>", t)));
        assertTrue(m.find(), "no row with " + cell + " in " + tableId);
        return m.group();
    }

    /** Everything the page must show, checked on {@code html} (the page as written, or as Chromium built it). */
    static void assertPageShowsTheRun(String html) {
        // the banner says what "passed" includes
        assertTrue(html.contains("<p id=\"banner\" class=\"passed\">passed — 1 contract known open</p>"), html);
        // contracts: readable names, the known-open one first with its reason, raw name when unnamed
        String reuse = row(html, "contracts", "malloc reuse");
        assertTrue(reuse.startsWith("<tr class=\"known-open\">"), reuse);
        assertTrue(reuse.contains("<td>known open</td><td>popping the head; open at the timeout</td><td>searched</td><td class=\"num\">30000</td>"
                + "<td class=\"num\">90.0</td>"), reuse);
        assertTrue(row(html, "contracts", "free success").contains("<td>proved</td><td></td><td>replayed</td><td class=\"num\">12000</td>"));
        // issue 26: how each contract was proved, and the totals (the third contract's report predates it)
        assertTrue(row(html, "contracts", "orderOf(long)").contains("<td>proved</td><td></td><td></td>"));
        assertTrue(html.contains("2 proved, 1 open; 1 replayed from their proof certificates, 1 searched.</p>"), html);
        // unnamed in contracts.tsv: a name made from KeY's, which stays in the cell's title
        assertTrue(row(html, "contracts", "orderOf(long)").contains("<td title=\"" + UNNAMED + "\">orderOf(long): contract 1</td>"),
                "unnamed: a readable name from KeY's\n" + row(html, "contracts", "orderOf(long)"));
        assertTrue(html.indexOf("malloc reuse") < html.indexOf("free success"), "open contracts come first");
        // PIT: a bar per package, its width the score, and a link to the survivors
        String cli = row(html, "mutation", "fba.cli");
        assertTrue(cli.contains("<span class=\"bar\" style=\"width:270.0px\"></span></span> 90.0 %"), cli);
        assertTrue(cli.contains("<a href=\"../pit-reports/fba.cli/index.html\">1 survived</a>"), cli);
        assertTrue(row(html, "mutation", "fba.protocol").contains("class=\"bar low\" style=\"width:150.0px\""));
        // the check's responses per code and requests per kind as bar charts
        assertTrue(html.contains("<g class=\"bar-row\" data-key=\"ok\" data-count=\"999000\">"), html);
        assertTrue(html.contains("<g class=\"bar-row\" data-key=\"too_large\" data-count=\"10\">"), html);
        assertTrue(html.contains("<g class=\"bar-row\" data-key=\"malloc\" data-count=\"600000\">"), html);
        // the model run's figures
        assertTrue(row(html, "model", "requests executed").contains("240000"));
        // the stages on a time line, each as wide as its share of 819 s
        assertTrue(html.contains("<h3>Time line (819 s)</h3>"), html);
        assertTrue(html.contains("data-stage=\"proofs\" x=\"18.5\" y=\"4\" width=\"512.8\""), html);
        // and a stage's own figures, generically
        assertTrue(row(html, "figures", "fuzz").contains("<th>inputs</th><td>5000</td>"), html);
    }

    @Test
    void thePageShowsTablesChartsAndWhatPassedIncludes() throws IOException {
        Path g = passedRun();
        assertPageShowsTheRun(Files.readString(g.resolve("index.html"), StandardCharsets.UTF_8));
        Map<?, ?> proofs = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(g.resolve("summary.json"))))
                .get("figures")).get("proofs");
        assertEquals("malloc reuse", ((Map<?, ?>) ((List<?>) proofs.get("contracts")).get(0)).get("label"));
    }

    @Test
    void theBannerNamesWhatDidNotRun() {
        List<Map<String, Object>> fast = List.of(Map.of("name", "build", "status", "passed"),
                Map.of("name", "check", "status", "failed"), Map.of("name", "render", "status", "skipped"));
        assertEquals("failed — stage render skipped; proofs and mutation not run (gate --fast)",
                Html.banner("failed", fast, Map.of()));
        assertEquals("passed", Html.banner("passed", List.of(Map.of("name", "proofs", "status", "passed")),
                Map.of("proofs", Map.of("available", true, "contracts", List.of(Map.of("result", "proved"))))));
        assertEquals("failed — 2 contracts open and not on the known-open list",
                Html.banner("failed", List.of(Map.of("name", "proofs", "status", "failed")), Map.of("proofs", Map.of(
                        "available", true, "contracts", List.of(Map.of("result", "open", "known_open", false),
                                Map.of("result", "open", "known_open", false))))));
    }

    @Test
    void anUnreadableStageFigureFileIsSaidSo() throws IOException {
        Path g = Files.createDirectories(project.resolve("target/gate/figures"));
        Files.writeString(g.resolve("../stages.tsv"), "fuzz\tpassed\t3\t./fuzz\n");
        Files.writeString(g.resolve("fuzz.json"), "{oops");
        new GateReport(g.getParent()).write();
        Map<?, ?> f = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(g.resolve("../summary.json")))).get("figures");
        assertTrue(String.valueOf(f.get("fuzz")).startsWith("unreadable figures/fuzz.json: "), String.valueOf(f.get("fuzz")));
    }
}
