package fba.verification;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static proof gate: copies the configured sources into the output folder, starts worker JVMs
 * that prove every contract in KeY's auto mode, merges their results into {@code report.md} and
 * {@code report.json}, and exits 1 when a contract stays open that is not on the known-open list.
 *
 * <p>Proof certificates (issue 26), by {@code --mode}:
 * <ul>
 * <li>{@code gate} (the default): every contract with a certificate in the settings' {@code proofs}
 * folder is replayed first; one without, or whose replay does not close, is searched with the
 * gate's budgets, and a closed search is saved to {@code OUT/searched/} (certificates and index).
 * <li>{@code refresh}: every contract (or those of {@code --only}) is searched, with the budgets
 * times {@code --budget-scale}, and each closed proof replaces its certificate in the
 * {@code proofs} folder. A refresh of all contracts also drops the certificates of contracts that
 * no longer exist. A contract that stays open keeps its old certificate (the gate will try it and
 * search).
 * <li>{@code adopt}: no KeY; takes the certificates the last gate run saved in {@code OUT/searched/}
 * into the {@code proofs} folder.
 * </ul>
 *
 * <pre>
 * ProofGate --root DIR --settings FILE --known-open FILE --out DIR [--jobs N] [--only SUBSTRING]
 *           [--mode gate|refresh|adopt] [--budget-scale X]
 * </pre>
 */
public final class ProofGate {

    private ProofGate() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** Runs the gate and returns its exit status: 0 passed, 1 contract open or run failed, 2 usage. */
    public static int run(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0 || !opts.keySet().containsAll(List.of("--root", "--settings", "--known-open", "--out"))) {
            System.err.println("usage: ProofGate --root DIR --settings FILE --known-open FILE --out DIR [--jobs N] [--only S]");
            return 2;
        }
        Path root = Path.of(opts.get("--root")).toAbsolutePath().normalize();
        Path settingsFile = root.resolve(opts.get("--settings"));
        Path knownOpenFile = root.resolve(opts.get("--known-open"));
        Path out = root.resolve(opts.get("--out"));
        int jobs = Integer.parseInt(opts.getOrDefault("--jobs", "2"));
        String only = opts.getOrDefault("--only", "-");
        GateSettings settings = GateSettings.read(settingsFile);
        KnownOpen knownOpen = KnownOpen.read(knownOpenFile);
        String mode = opts.getOrDefault("--mode", "gate");
        double budgetScale = Double.parseDouble(opts.getOrDefault("--budget-scale", "1"));
        if (!List.of("gate", "refresh", "adopt").contains(mode) || !(budgetScale > 0)) {
            System.err.println("ProofGate: --mode must be gate, refresh or adopt, --budget-scale a positive number");
            return 2;
        }
        Path proofs = settings.proofs.isEmpty() ? null : root.resolve(settings.proofs);
        if (!mode.equals("gate") && proofs == null) {
            System.err.println("ProofGate: " + settingsFile + " names no 'proofs' folder to " + mode + " into");
            return 2;
        }
        Path searched = out.resolve("searched");
        if (mode.equals("adopt")) {
            return adopt(searched, proofs);
        }

        // --merge-only re-reads the part files of the last run (to re-judge them after editing
        // known-open.txt, say) without starting KeY.
        boolean mergeOnly = Boolean.parseBoolean(opts.getOrDefault("--merge-only", "false"));
        if (mergeOnly) {
            List<Path> parts = new ArrayList<>();
            for (int w = 0; w < jobs; w++) {
                parts.add(out.resolve("part-" + w + ".tsv"));
            }
            Path wallFile = out.resolve("wall-seconds.txt");
            double wall = Files.exists(wallFile) ? Double.parseDouble(Files.readString(wallFile).trim()) : 0;
            int status = judge(root, settings, knownOpen, out, parts, jobs, false, wall, mode.equals("refresh"));
            if (mode.equals("refresh")) {
                // A refresh that was stopped (or whose merge failed): take the proofs it did close.
                refresh(staged(results(parts, knownOpen), out.resolve("refresh"),
                        dependencyHash(root, settings, out.resolve("src"))), out.resolve("refresh"), proofs, null);
            }
            return status;
        }
        Path sources = out.resolve("src");
        deleteTree(sources);
        for (String f : settings.files) {
            Path target = sources.resolve(f);
            Files.createDirectories(target.getParent());
            Files.copy(root.resolve(settings.sourceRoot).resolve(f), target, StandardCopyOption.REPLACE_EXISTING);
        }
        String stubs = settings.stubs.isEmpty() ? "-" : root.resolve(settings.stubs).toString();
        String hash = dependencyHash(root, settings, sources);
        // Where this run's closed searches are saved: a staging folder merged into the proofs
        // folder afterwards (refresh), or target/ for the developer to adopt (gate).
        Path save = mode.equals("refresh") ? out.resolve("refresh") : searched;
        deleteTree(save);

        // The workers share the contracts out through claim files here; a stale claim would
        // leave its contract unproved, so every run starts with none.
        deleteTree(out.resolve("claims"));
        long start = System.nanoTime();
        List<Process> workers = new ArrayList<>();
        List<Path> parts = new ArrayList<>();
        for (int w = 0; w < jobs; w++) {
            Path part = out.resolve("part-" + w + ".tsv");
            Files.deleteIfExists(part);
            parts.add(part);
            // A fresh KeY home per worker: KeY rewrites its settings file there, and nothing from an
            // earlier run or another worker may leak into this one.
            Path home = out.resolve("key-home-" + w);
            deleteTree(home);
            Files.createDirectories(home.resolve(".key"));
            // The checked-in KeY settings carry the taclet options (integer semantics, ...), so a
            // worker needs one KeY load instead of two; the worker re-applies gate.properties anyway.
            Path keySettings = root.resolve(settings.keySettings);
            Files.copy(keySettings, home.resolve(".key").resolve("proof-settings.json"));
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + opts.getOrDefault("--xmx", "1200m"), "-Xss8m",
                    "-Duser.home=" + home, "-Djava.awt.headless=true",
                    "-Dfba.proofs.save=" + save, "-Dfba.proofs.hash=" + hash,
                    "-Dfba.proofs.budgetScale=" + budgetScale));
            if (mode.equals("gate") && proofs != null) {
                cmd.add("-Dfba.proofs.replay=" + proofs);
            }
            cmd.addAll(List.of(
                    "-cp", System.getProperty("java.class.path"), ProofWorker.class.getName(),
                    sources.toString(), stubs, settingsFile.toString(), part.toString(),
                    Integer.toString(w), Integer.toString(jobs), only));
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            workers.add(pb.start());
        }
        boolean workerFailed = false;
        for (int w = 0; w < jobs; w++) {
            int rc = workers.get(w).waitFor();
            if (rc != 0) {
                System.err.println("worker " + w + " failed with exit status " + rc);
                workerFailed = true;
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        Files.writeString(out.resolve("wall-seconds.txt"), String.format(java.util.Locale.ROOT, "%.1f%n", wall));
        int status = judge(root, settings, knownOpen, out, parts, jobs, workerFailed, wall, mode.equals("refresh"));
        List<ContractResult> results = results(parts, knownOpen);
        Certificates fresh = staged(results, save, hash);
        if (mode.equals("refresh")) {
            boolean all = only.equals("-") && !workerFailed && results.stream().allMatch(r -> r.proved);
            refresh(fresh, save, proofs, all ? results : null);
        }
        return status;
    }

    private static String dependencyHash(Path root, GateSettings settings, Path sources) throws IOException {
        return Certificates.dependencyHash(sources, settings.files,
                settings.stubs.isEmpty() ? null : root.resolve(settings.stubs), root.resolve(settings.keySettings),
                settings.intRules, keyVersion());
    }

    /** Writes the index of the certificates a run saved in {@code save} (one line per closed search). */
    private static Certificates staged(List<ContractResult> results, Path save, String hash) throws IOException {
        Certificates fresh = Certificates.read(save);
        for (ContractResult r : results) {
            if (r.saved != null) {
                fresh.put(new Certificates.Entry(r.name, r.saved, hash, r.nodes, r.seconds, keyVersion()), save);
            }
        }
        fresh.writeIndex();
        return fresh;
    }

    /** KeY's version, as recorded in every certificate's index line and in the dependency hash. */
    static String keyVersion() {
        return de.uka.ilkd.key.util.KeYConstants.VERSION;
    }

    /**
     * Merges a refresh's certificates into the proofs folder; with {@code all} (a complete refresh
     * of every contract, all proved) the certificates of contracts no longer found are dropped.
     */
    private static void refresh(Certificates fresh, Path staged, Path proofs, List<ContractResult> all)
            throws IOException {
        Certificates kept = Certificates.read(proofs);
        int n = 0;
        for (Certificates.Entry e : fresh.entries()) {
            kept.put(e, staged);
            n++;
        }
        if (all != null) {
            java.util.Set<String> names = new java.util.HashSet<>();
            all.forEach(r -> names.add(r.name));
            for (String gone : kept.retainOnly(names)) {
                System.err.println("refresh: dropped the certificate of " + gone + " (no such contract any more)");
            }
        }
        kept.writeIndex();
        System.err.println("refresh: " + n + " certificate(s) written to " + proofs
                + " — review `git diff --stat " + proofs.getFileName() + "` and commit them");
    }

    /** {@code --mode adopt}: the certificates the last gate run saved, into the proofs folder. */
    private static int adopt(Path searched, Path proofs) throws IOException {
        Certificates fresh = Certificates.read(searched);
        if (!fresh.entries().iterator().hasNext()) {
            System.err.println("adopt: no certificates in " + searched + " (the last gate run searched nothing, "
                    + "or its searches did not close)");
            return 1;
        }
        refresh(fresh, searched, proofs, null);
        return 0;
    }

    private static List<ContractResult> results(List<Path> parts, KnownOpen knownOpen) throws IOException {
        List<ContractResult> results = new ArrayList<>();
        for (Path part : parts) {
            if (Files.exists(part)) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    if (!line.startsWith("#") && !line.isBlank()) {
                        results.add(ContractResult.parse(line, knownOpen));
                    }
                }
            }
        }
        return results;
    }

    private static int judge(Path root, GateSettings settings, KnownOpen knownOpen, Path out, List<Path> parts, int jobs,
            boolean workerFailed, double wall, boolean refresh) throws IOException {

        double load = 0;
        // What the workers read back from KeY: every contract found (with its kind) and the
        // activated taclet options.
        Map<String, String> found = new java.util.TreeMap<>();
        Map<String, String> applied = new java.util.TreeMap<>();
        for (Path part : parts) {
            if (!Files.exists(part)) {
                workerFailed = true; // a worker that never wrote its file proved nothing
                continue;
            }
            for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (line.startsWith("#load\t")) {
                    load = Math.max(load, Double.parseDouble(line.substring(6)));
                } else if (line.startsWith("#found\t") && f.length == 3) {
                    found.put(f[1], f[2]);
                } else if (line.startsWith("#applied\t") && f.length == 2) {
                    int colon = f[1].indexOf(':');
                    String category = colon < 0 ? f[1] : f[1].substring(0, colon);
                    String before = applied.putIfAbsent(category, f[1]);
                    if (before != null && !before.equals(f[1])) {
                        applied.put(category, before + " / " + f[1]); // workers disagree: never equal to the setting
                    }
                }
            }
        }
        ExpectedContracts expected = ExpectedContracts.read(root.resolve(settings.expected));
        List<ContractResult> results = results(parts, knownOpen);
        results.sort((a, b) -> a.name.compareTo(b.name));
        Report report = new Report(settings, results, wall, load, jobs, workerFailed, knownOpen, refresh)
                .withChecks(expected.missing(found.keySet()), expected.unexpected(found.keySet()), applied, found);
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.md"), report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("report.json"), report.json(), StandardCharsets.UTF_8);
        System.err.print(report.summary());
        return report.passed() ? 0 : 1;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.delete(all.get(i));
        }
    }
}
