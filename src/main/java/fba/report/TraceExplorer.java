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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** The checker's header comments of a shrunk trace (see fba.check.Checker). */
    private static final String IMPLEMENTATION = "# implementation: ";
    private static final String CHECK_HEADER = "# fba check: ";

    /**
     * A parsed trace file: its requests, each with the implementation's answer when one is
     * recorded, and, for a trace the checker wrote, the implementation and seed it names (else null).
     */
    public record Trace(List<HeapTimeline.Step> steps, Profile pinnedProfile, String implementation, String seed) {
    }

    /**
     * Where a page's trace comes from, shown at its top: the implementation (null: none), the seed
     * of the run that found it (null: none), the commands that reproduce it (what each does, then
     * the command line), and the
     * implementation's own state at the divergent request ({@code impl_state}, see
     * fba.check.drive.ImplState; null: not asked).
     */
    public record Origin(String implementation, String seed, Map<String, String> reproduce,
            Map<String, Object> implState) {

        /** A page of a trace file alone: nothing known beyond the file. */
        public static Origin none() {
            return new Origin(null, null, Map.of(), null);
        }
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
        String implementation = null;
        String seed = null;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.startsWith(IMPLEMENTATION)) {
                implementation = line.substring(IMPLEMENTATION.length()).strip();
            } else if (line.startsWith(CHECK_HEADER)) {
                Matcher m = Pattern.compile(", seed (-?\\d+),").matcher(line);
                seed = m.find() ? m.group(1) : seed;
            } else if (line.startsWith(IMPL_ANSWER) && !steps.isEmpty()) {
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
        return new Trace(steps, pinned, implementation, seed);
    }

    /** The explorer page for {@code steps} replayed in {@code profile}, titled {@code title}, of a trace alone. */
    public static String page(String title, Profile profile, List<HeapTimeline.Step> steps) {
        return page(title, profile, steps, Origin.none());
    }

    /**
     * The explorer page for {@code steps} replayed in {@code profile}, titled {@code title}, naming
     * its {@code origin}. It opens at the divergent request (the first whose implementation's
     * answer is recorded) unless the URL names one ({@code #step=N}).
     */
    public static String page(String title, Profile profile, List<HeapTimeline.Step> steps, Origin origin) {
        String data = HeapTimeline.record(profile, steps);
        int divergent = 0;
        for (int i = 0; i < steps.size() && divergent == 0; i++) {
            divergent = steps.get(i).implAnswer() != null ? i + 1 : 0;
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("title", title);
        meta.put("profile", profile.wireName());
        meta.put("divergence", divergent > 0);
        meta.put("divergent_step", divergent);
        meta.put("implementation", origin.implementation());
        meta.put("seed", origin.seed());
        meta.put("reproduce", origin.reproduce());
        meta.put("impl_state", origin.implState());
        String esc = Html.esc(title);
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>fba trace: " + esc
                + "</title>\n<style>\n" + resource("explorer.css") + "</style></head>\n<body>\n"
                + resource("explorer.html").replace("{{TITLE}}", esc)
                // "</" cannot end the script element early once escaped.
                + "<script type=\"application/json\" id=\"meta\">" + Json.write(meta).replace("</", "<\\/")
                + "</script>\n<script type=\"application/json\" id=\"steps\">" + data.replace("</", "<\\/")
                + "</script>\n<script>\n" + resource("explorer.js") + "</script>\n</body></html>\n";
    }

    /**
     * Writes the explorer page of {@code trace} (read from {@code file}) replayed in {@code profile}
     * to {@code out}: it names the implementation and seed the trace records, and how to replay it.
     */
    public static void write(Path file, Trace trace, Profile profile, Path out) throws IOException {
        Map<String, String> reproduce = new LinkedHashMap<>();
        String profileOption = profile == Profile.SUBSTRATE ? "" : " --profile " + profile.wireName();
        if (trace.implementation() != null) {
            reproduce.put("check the implementation on this trace", "fba check --impl '" + trace.implementation() + "'"
                    + profileOption + " --vectors " + file + " --sessions 0");
        }
        reproduce.put("the reference's answers", "fba replay" + profileOption + " " + file);
        Origin origin = new Origin(trace.implementation(), trace.seed(), reproduce, null);
        Files.writeString(out, page(file.getFileName().toString(), profile, trace.steps(), origin), StandardCharsets.UTF_8);
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
