package fba.report;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate page in a real browser: Chromium re-serialises it, and the page's checks must hold on that DOM. */
class GatePageBrowserTest {

    @TempDir
    Path project;

    @Test
    void theTablesAndChartsAreInTheDomChromiumBuilt() throws Exception {
        GatePageTest run = new GatePageTest();
        run.project = project;
        Path g = run.passedRun();
        GatePageTest.assertPageShowsTheRun(Chromium.dom(g.resolve("index.html"), "", project));
    }
}
