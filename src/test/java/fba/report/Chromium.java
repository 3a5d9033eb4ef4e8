package fba.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: headless Chromium loads a page and hands back the DOM after its scripts ran
 * ({@code --dump-dom}), so a test sees what the page drew, not the HTML it was sent.
 *
 * <p>Without a browser the test is skipped with a message, unless the system property
 * {@code fba.browser.required} is true (the gate sets it): then a missing browser fails.
 */
final class Chromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private Chromium() {
    }

    /**
     * The DOM of {@code page} opened with URL fragment {@code fragment} (may be empty), without its
     * script elements: what remains is what the page drew.
     */
    static String dom(Path page, String fragment, Path scratch) throws IOException, InterruptedException {
        return dom(page, fragment, scratch, false);
    }

    /**
     * As {@link #dom(Path, String, Path)}; with {@code fileAccess}, a page may read other
     * {@code file:} pages (a test harness driving the page under test in an iframe).
     */
    static String dom(Path page, String fragment, Path scratch, boolean fileAccess) throws IOException, InterruptedException {
        String browser = find();
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        Path out = scratch.resolve("dom-" + System.nanoTime() + ".html");
        String url = page.toAbsolutePath().toUri() + (fragment.isEmpty() ? "" : "#" + fragment);
        List<String> cmd = new java.util.ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile));
        if (fileAccess) {
            cmd.add("--allow-file-access-from-files");
        }
        cmd.add("--dump-dom");
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(browser + " did not finish loading " + url + " within 120 s");
        }
        assertEquals(0, p.exitValue(), browser + " failed on " + url);
        return Files.readString(out, StandardCharsets.UTF_8).replaceAll("(?s)<script\\b.*?</script>", "");
    }

    private static String find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        String message = "no chromium on PATH (apt-get install chromium): the browser checks did not run";
        if (Boolean.getBoolean("fba.browser.required")) {
            fail(message + ", and -Dfba.browser.required=true demands them");
        }
        assumeTrue(false, message);
        return null;
    }
}
