package fba.check;

import fba.check.drive.CheckConfig;
import fba.check.drive.ImplState;
import fba.check.drive.ResponseShape;
import fba.check.generate.Request;
import fba.check.shrink.Shrinker;
import fba.core.Profile;
import fba.protocol.VectorLine;
import fba.report.HeapTimeline;
import fba.report.TraceExplorer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One cause's shrunk trace: shrinking, the vector file and explorer page written, what is printed. */
final class ShrunkTrace {

    private final CheckConfig cfg;
    private final PrintStream out;

    ShrunkTrace(CheckConfig cfg, PrintStream out) {
        this.cfg = cfg;
        this.out = out;
    }

    /**
     * Shrinks {@code trace} to a 1-minimal one showing {@code signature}, writes it as a vector file
     * with its explorer page, prints it, and adds what it found to the cause's report entry {@code d}.
     */
    Map<String, Object> shrinkAndReport(List<Request> trace, String signature, Map<String, Object> d,
            String name) throws IOException {
        out.println("shrinking " + trace.size() + " requests (the implementation restarts for every attempt;"
                + " budget " + cfg.shrinkMs / 1000 + " s) ...");
        out.flush();
        Shrinker shrinker = new Shrinker(cfg.command, cfg.timeoutMs, cfg.profile, cfg.shrinkMs, cfg.shrinkAttempts);
        Shrinker.Result r = shrinker.shrink(trace, signature);
        d.put("shrink_ms", r.millis);
        d.put("shrink_attempts", r.attempts);
        d.put("reproduced_alone", r.reproduced);
        Files.createDirectories(cfg.outDir);
        Path file = cfg.outDir.resolve("divergence-" + name + ".vec");
        StringBuilder text = new StringBuilder();
        text.append("# fba check: ").append(r.reproduced ? "shrunk divergence" : "divergence (did not reproduce alone)")
                .append(" [").append(signature).append("], seed ").append(cfg.seed).append(", ")
                .append(d.get("where")).append('\n');
        text.append("# implementation: ").append(cfg.command.replace('\n', ' ')).append('\n');
        text.append("# expectations are the reference's; the implementation's answer follows the divergent line\n");
        if (cfg.profile != Profile.SUBSTRATE) {
            // unpinned files hold in substrate and strict; a strict or proposal trace must say so
            text.append("#! profile ").append(cfg.profile.wireName()).append('\n');
        }
        List<Map<String, Object>> shrunk = new ArrayList<>();
        if (r.reproduced) {
            out.println("shrunk to " + r.script.size() + " requests in " + r.attempts + " attempts ("
                    + r.millis + " ms" + (r.budgetExhausted ? ", budget exhausted: may not be minimal" : "") + "): "
                    + file);
        } else {
            out.println("the cause did not show in a fresh process replaying this trace alone"
                    + " (it may depend on earlier sessions); writing the unshrunk trace: " + file);
        }
        int n = r.script.size();
        String failed = (String) d.get("problem");
        if (!r.reproduced) {
            // The trace ends at the request that diverged in the full run: show that run's answer.
            r.index = n - 1;
            r.actual = (String) d.get("actual");
        }
        for (int i = 0; i < n; i++) {
            if (n > 40 && i == 5) {
                out.println("  ... (" + (n - 25) + " lines not shown; the file has them all)");
            }
            boolean shown = n <= 40 || i < 5 || i >= n - 20;
            String line = r.script.lines[i];
            String exp = codeOnly(r.script.expected[i]);
            String text1 = exp == null ? line : line + " => " + exp;
            text.append(text1).append('\n');
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("request", line);
            entry.put("expected", exp);
            if (i == r.index) {
                String answer = r.actual != null ? ResponseShape.printable(r.actual)
                        : "(none: " + (failed != null ? failed : "it failed") + ")";
                entry.put("actual", r.actual);
                text.append("#   implementation answered: ").append(answer).append('\n');
                out.println("  " + text1 + "    <-- implementation: " + answer);
            } else if (shown) {
                out.println("  " + text1);
            }
            shrunk.add(entry);
        }
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        Path page = cfg.outDir.resolve("divergence-" + name + ".html");
        List<HeapTimeline.Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String answer = i != r.index ? null : r.actual != null ? ResponseShape.printable(r.actual) : "(no answer)";
            steps.add(new HeapTimeline.Step(r.script.lines[i], answer));
        }
        Files.writeString(page, TraceExplorer.page(file.getFileName().toString(), cfg.profile, steps, origin(file, r)),
                StandardCharsets.UTF_8);
        // the page opens at the divergent request by itself; the fragment says which it is
        out.println("explorer (both answers, the heap at every step): " + page + "#step=" + (r.index + 1));
        d.put("shrunk_file", file.toString());
        d.put("shrunk_requests", n);
        d.put("shrunk_length", n);
        d.put("shrunk_trace", shrunk);
        d.put("explorer", page.toString());
        return d;
    }

    /**
     * What the explorer page names: the implementation, the seed, the commands that reproduce the
     * divergence (the shrunk trace alone, and the run that found it), and the implementation's own
     * state after the divergent request (ImplState).
     */
    private TraceExplorer.Origin origin(Path file, Shrinker.Result r) {
        String impl = "fba check --impl '" + cfg.command.replace('\n', ' ') + "'"
                + (cfg.profile == Profile.SUBSTRATE ? "" : " --profile " + cfg.profile.wireName());
        Map<String, String> reproduce = new LinkedHashMap<>();
        reproduce.put("check the implementation on this trace", impl + " --vectors " + file + " --sessions 0");
        reproduce.put("the run that found it", impl + " --seed " + cfg.seed + " --sessions " + cfg.sessions
                + " --ops " + cfg.ops);
        return new TraceExplorer.Origin(cfg.command, String.valueOf(cfg.seed), reproduce,
                ImplState.probe(cfg.command, cfg.timeoutMs, cfg.profile, r.script.lines, r.index));
    }

    /** An error response reduced to {@code err <code>}: vector files compare codes only. */
    private static String codeOnly(String response) {
        return response != null && response.startsWith("err ") ? "err " + VectorLine.errorCode(response) : response;
    }

    /**
     * A short name for the implementation in file names: its program's name and 8 hex digits of
     * the command's SHA-256, so checks of different implementations into one --out never share a
     * file name.
     */
    static String implTag(String command) {
        String first = command.trim().split("\\s+")[0];
        String base = first.substring(first.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(command.getBytes(StandardCharsets.UTF_8));
            return base + "-" + java.util.HexFormat.of().formatHex(h, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
