package fba.report;

import fba.core.Profile;
import fba.protocol.VectorLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The trace explorer: one self-contained HTML page (inline CSS, JS and data, no network) that
 * steps through a trace with a slider and the arrow keys, showing per request the reference's
 * response (and the implementation's answer, for a divergence) and the heap after it.
 *
 * <p>The heap is not stored per step: {@link HeapTimeline} records what each request changed and
 * the page's script rebuilds a step's heap from those diffs, drawing only the blocks around the one
 * the request touched.
 */
public final class TraceExplorer {

    /** The comment the checker writes after a divergent line (see fba.check.Checker). */
    static final String IMPL_ANSWER = "#   implementation answered: ";
    private static final String PROFILE_PRAGMA = "#! profile ";

    /** A parsed trace file: its requests, each with the implementation's answer when one is recorded. */
    public record Trace(List<HeapTimeline.Step> steps, Profile pinnedProfile) {
    }

    private TraceExplorer() {
    }

    /**
     * Reads a trace or vector file: request lines (an expectation after {@code " => "} is dropped:
     * the page shows the reference's own response), comments skipped except the checker's
     * {@code "#   implementation answered: X"}, which is attached to the request before it, and
     * {@code "#! profile P"}.
     */
    public static Trace read(Path file) throws IOException {
        List<HeapTimeline.Step> steps = new ArrayList<>();
        Profile pinned = null;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.startsWith(IMPL_ANSWER) && !steps.isEmpty()) {
                HeapTimeline.Step last = steps.remove(steps.size() - 1);
                steps.add(new HeapTimeline.Step(last.request(), line.substring(IMPL_ANSWER.length()).strip()));
            } else if (line.startsWith(PROFILE_PRAGMA)) {
                pinned = Profile.ofWireName(line.substring(PROFILE_PRAGMA.length()).strip());
                if (pinned == null) {
                    throw new IOException("line " + (n + 1) + ": unknown profile in '" + line + "'");
                }
            } else if (!line.isEmpty() && line.charAt(0) != '#') {
                int arrow = line.indexOf(VectorLine.ARROW);
                steps.add(new HeapTimeline.Step(arrow >= 0 ? line.substring(0, arrow) : line, null));
            }
        }
        return new Trace(steps, pinned);
    }

    /** The explorer page for {@code steps} replayed in {@code profile}, titled {@code title}. */
    public static String page(String title, Profile profile, List<HeapTimeline.Step> steps) {
        String data = HeapTimeline.record(profile, steps);
        StringBuilder meta = new StringBuilder("{\"title\":");
        Json.quote(meta, title);
        meta.append(",\"profile\":");
        Json.quote(meta, profile.wireName());
        meta.append(",\"divergence\":").append(steps.stream().anyMatch(s -> s.implAnswer() != null)).append('}');
        String esc = Html.esc(title);
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>fba trace: " + esc
                + "</title>\n<style>\n" + resource("explorer.css") + "</style></head>\n<body>\n"
                + resource("explorer.html").replace("{{TITLE}}", esc)
                // "</" cannot end the script element early once escaped.
                + "<script type=\"application/json\" id=\"meta\">" + meta.toString().replace("</", "<\\/")
                + "</script>\n<script type=\"application/json\" id=\"steps\">" + data.replace("</", "<\\/")
                + "</script>\n<script>\n" + resource("explorer.js") + "</script>\n</body></html>\n";
    }

    /** Writes the explorer page of {@code trace} (read from {@code file}) replayed in {@code profile} to {@code out}. */
    public static void write(Path file, Trace trace, Profile profile, Path out) throws IOException {
        Files.writeString(out, page(file.getFileName().toString(), profile, trace.steps()), StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = TraceExplorer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the explorer's " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
