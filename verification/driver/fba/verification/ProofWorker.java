package fba.verification;

import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.java.abstraction.KeYJavaType;
import de.uka.ilkd.key.logic.op.IObserverFunction;
import de.uka.ilkd.key.nparser.ProofReplayer;
import de.uka.ilkd.key.proof.Proof;
import de.uka.ilkd.key.proof.io.IntermediatePresentationProofFileParser;
import de.uka.ilkd.key.proof.io.IntermediateProofReplayer;
import de.uka.ilkd.key.proof.io.OutputStreamProofSaver;
import de.uka.ilkd.key.rule.OneStepSimplifier;
import de.uka.ilkd.key.settings.ChoiceSettings;
import de.uka.ilkd.key.settings.ProofSettings;
import de.uka.ilkd.key.speclang.Contract;
import de.uka.ilkd.key.strategy.StrategyProperties;
import de.uka.ilkd.key.util.KeYTypeUtil;
import de.uka.ilkd.key.util.MiscTools;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One KeY JVM: loads the sources once, then proves its share of the contracts and appends one TSV
 * line per contract. The workers of one run share the contracts out as they go: each takes the
 * next contract nobody has claimed yet, the ones with the largest budgets first, so that the long
 * proofs start early and the short ones fill the gaps (a fixed split left one worker idle for
 * minutes while the other still had two long proofs to do).
 *
 * <p>Proof certificates (issue 26): with {@code -Dfba.proofs.replay=DIR}, a contract that has a
 * certificate there is first <em>replayed</em>: the worker builds the proof obligation from the
 * current sources and the gate's taclet options, as for a search, and re-applies the stored rule
 * log to it step by step ({@link #replay}). Nothing else is read from the certificate (no KeY
 * header: no taclet options, sources, rules or contract), so a stale or forged certificate can only
 * fail to close, never prove anything. A contract whose replay does not close, or that has no
 * certificate, is searched as before; with {@code -Dfba.proofs.save=DIR} a closed search is saved
 * there as a new certificate. {@code -Dfba.proofs.budgetScale=X} multiplies the time budgets (for
 * refreshing certificates on a busy machine; the gate runs with 1).
 *
 * <p>Run by {@link ProofGate}; run it directly (with {@code --only}) to work on one contract.
 */
public final class ProofWorker {

    private ProofWorker() {
    }

    /** Arguments: sourceDir classpathDir|- settingsFile resultFile worker workers onlySubstring|-. */
    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: ProofWorker SOURCES STUBS|- SETTINGS RESULT WORKER WORKERS ONLY|-");
            System.exit(2);
        }
        File sources = new File(args[0]);
        List<File> classPath = args[1].equals("-") ? null : List.of(new File(args[1]));
        GateSettings settings = GateSettings.read(Path.of(args[2]));
        Path result = Path.of(args[3]);
        int worker = Integer.parseInt(args[4]);
        int workers = Integer.parseInt(args[5]);
        String only = args[6].equals("-") ? null : args[6];

        long loadStart = System.nanoTime();
        KeYEnvironment<?> env = load(sources, classPath, settings);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.err.printf("worker %d: KeY loaded in %.1f s%n", worker, loadSeconds);

        Certificates certificates = System.getProperty("fba.proofs.replay") == null ? null
                : Certificates.read(Path.of(System.getProperty("fba.proofs.replay")));
        Path save = System.getProperty("fba.proofs.save") == null ? null : Path.of(System.getProperty("fba.proofs.save"));
        String hash = System.getProperty("fba.proofs.hash", "-");
        double budgetScale = Double.parseDouble(System.getProperty("fba.proofs.budgetScale", "1"));

        List<Contract> contracts = contractsOf(env, settings.classes);
        contracts.sort(byBudgetThenName(settings, certificates));
        // Claims: a worker proves a contract only if it is the one to create its claim file.
        Path claims = result.toAbsolutePath().getParent().resolve("claims");
        if (workers > 1) {
            Files.createDirectories(claims);
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(result, StandardCharsets.UTF_8))) {
            out.printf("#load\t%.1f%n", loadSeconds);
            // Every contract KeY found (not only this worker's share, not only --only's): the gate
            // compares them with the expected list (issue 25), so a spec case that disappears fails it.
            for (Contract c : contracts) {
                out.println("#found\t" + c.getName() + "\t" + kind(c));
            }
            // The taclet options KeY activated for this environment, read back from it (not
            // echoed from the settings file): the gate checks the integer semantics against them.
            for (String choice : activated(env.getInitConfig())) {
                out.println("#applied\t" + choice);
            }
            out.flush();
            for (int i = 0; i < contracts.size(); i++) {
                Contract c = contracts.get(i);
                if (only != null && !matches(c.getName(), only)) {
                    continue;
                }
                if (workers > 1 && !claim(claims.resolve(i + ".claim"))) {
                    continue;
                }
                out.println(check(env, c, settings, certificates, save, hash, budgetScale));
                out.flush();
            }
        } finally {
            env.dispose();
        }
        System.exit(0);
    }

    /**
     * "interface" for a contract of an interface's method (no body: its proof obligation is vacuous,
     * the gate counts it apart), else "substantive".
     */
    static String kind(Contract c) {
        return c.getKJT().getJavaType() instanceof de.uka.ilkd.key.java.declaration.InterfaceDeclaration
                ? "interface" : "substantive";
    }

    /** The activated taclet options of a configuration, each {@code category:choice}, sorted. */
    static List<String> activated(de.uka.ilkd.key.proof.init.InitConfig config) {
        List<String> out = new ArrayList<>();
        for (var choice : config.getActivatedChoices()) {
            out.add(choice.name().toString());
        }
        out.sort(null);
        return out;
    }

    /** The integer semantics a proof was built with (its activated {@code intRules} option), or "?". */
    static String intRulesOf(Proof proof) {
        return activated(proof.getInitConfig()).stream().filter(c -> c.startsWith("intRules:")).findFirst().orElse("?");
    }

    /**
     * Contracts without a certificate first (they will be searched: the long searches start early,
     * while the other worker replays), then largest budget first, then by name: the same order in
     * every worker of a run.
     */
    static java.util.Comparator<Contract> byBudgetThenName(GateSettings settings, Certificates certificates) {
        return java.util.Comparator.<Contract, Boolean>comparing(
                        c -> certificates != null && certificates.entry(c.getName()) != null)
                .thenComparingLong(c -> -settings.timeoutFor(c.getName()))
                .thenComparing(Contract::getName);
    }

    /**
     * One contract: replayed from its certificate when there is one and it closes, searched
     * otherwise. Returns the worker's TSV line: name, proved|open, nodes, seconds, open goals,
     * replayed|searched, the certificate's state (none, current, stale-hash, replay-failed), the
     * file of a newly saved certificate or -, a note (why a replay failed) or -, the integer
     * semantics the proof was built with (read from it), and interface|substantive.
     */
    static String check(KeYEnvironment<?> env, Contract contract, GateSettings settings, Certificates certificates,
            Path save, String hash, double budgetScale) throws Exception {
        String name = contract.getName();
        String certificate = "none";
        String note = "-";
        if (certificates != null && certificates.entry(name) != null) {
            long start = System.nanoTime();
            Replay r;
            try {
                r = replay(env, contract, certificates.log(name), settings.maxStepsFor(name));
            } catch (Exception | StackOverflowError e) {
                // An unreadable or malformed certificate is a failed replay, not a failed worker.
                r = new Replay(false, 0, e.getClass().getSimpleName() + ": " + e.getMessage(), "?");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (r.closed()) {
                String state = certificates.entry(name).hash().equals(hash) ? "current" : "stale-hash";
                System.err.printf("  %-6s %8d nodes %7.1f s  %s (replayed)%n", "proved", r.nodes(), seconds, name);
                return line(name, "proved", r.nodes(), seconds, 0, "replayed", state, "-", "-", r.intRules(), kind(contract));
            }
            certificate = "replay-failed";
            note = r.why();
            System.err.printf("  replay did not close (%s) after %.1f s: %s; searching%n", note, seconds, name);
        }
        Searched s = prove(env, contract, settings, budgetScale, save);
        return line(name, s.proved() ? "proved" : "open", s.nodes(), s.seconds(), s.openGoals(), "searched",
                certificate, s.saved() == null ? "-" : s.saved(), note, s.intRules(), kind(contract));
    }

    private static String line(String name, String status, int nodes, double seconds, int openGoals, String how,
            String certificate, String saved, String note, String intRules, String kind) {
        return String.join("\t", name, status, Integer.toString(nodes), String.format(java.util.Locale.ROOT, "%.1f", seconds),
                Integer.toString(openGoals), how, certificate, saved, note.replaceAll("[\\t\\r\\n]+", " "), intRules, kind);
    }

    /** What a replay came to: closed, or why not. */
    record Replay(boolean closed, int nodes, String why, String intRules) {
    }

    /**
     * Re-applies a stored rule log to the obligation built from the current sources. Accepted only
     * when every recorded step applied (no parse or replay error) and the proof is closed: a
     * truncated log leaves goals open without any error. Bounded by steps, not by time: a log with
     * more rule applications than the contract's step limit is refused unread.
     */
    static Replay replay(KeYEnvironment<?> env, Contract contract, String log, int maxSteps) throws Exception {
        int at = proofSection(log);
        if (at < 0) {
            return new Replay(false, 0, "no \\proof section in the certificate", "?");
        }
        int steps = count(log, "(rule \"") + count(log, "(builtin \"");
        if (steps > maxSteps) {
            return new Replay(false, 0, steps + " recorded steps, more than the step limit " + maxSteps, "?");
        }
        Proof proof = env.createProof(contract.createProofObl(env.getInitConfig(), contract));
        String intRules = intRulesOf(proof);
        try {
            OneStepSimplifier.refreshOSS(proof);
            var parser = new IntermediatePresentationProofFileParser(proof);
            ProofReplayer.run(org.antlr.v4.runtime.CharStreams.fromString(log.substring(at)),
                    parser, 1, new File("certificate").toURI());
            var parsed = parser.getResult();
            var result = new IntermediateProofReplayer(null, proof, parsed).replay(null, null);
            List<Throwable> errors = new ArrayList<>(parsed.errors());
            errors.addAll(result.getErrors());
            int nodes = proof.getStatistics().nodes;
            if (!errors.isEmpty()) {
                Throwable first = errors.get(0);
                return new Replay(false, nodes, errors.size() + " replay error(s), first: " + first.getMessage(), intRules);
            }
            if (!proof.closed()) {
                return new Replay(false, nodes, proof.openGoals().size() + " goal(s) left open", intRules);
            }
            return new Replay(true, nodes, "-", intRules);
        } finally {
            proof.dispose();
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    /** What a search came to; {@code saved} is the new certificate's file name, or null. */
    record Searched(boolean proved, int nodes, double seconds, int openGoals, String saved, String intRules) {
    }

    /** Creates the claim file; false when another worker created it first. */
    static boolean claim(Path file) throws IOException {
        try {
            Files.createFile(file);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException taken) {
            return false;
        }
    }

    /**
     * Whether a contract name contains one of the {@code |}-separated substrings of {@code only}
     * (any name, when all of them start with {@code !}) and none of those written {@code !substring}.
     */
    static boolean matches(String name, String only) {
        boolean anyPositive = false;
        boolean positive = false;
        for (String part : only.split("\\|")) {
            if (part.startsWith("!")) {
                if (part.length() > 1 && name.contains(part.substring(1))) {
                    return false;
                }
            } else if (!part.isEmpty()) {
                anyPositive = true;
                positive |= name.contains(part);
            }
        }
        return positive || !anyPositive;
    }

    static KeYEnvironment<?> load(File sources, List<File> classPath, GateSettings settings) throws Exception {
        if (!ProofSettings.isChoiceSettingInitialised()) {
            // Taclet options can only be set once KeY has read its defaults; a first load does that.
            KeYEnvironment<?> first = KeYEnvironment.load(sources, classPath, null, null);
            first.dispose();
        }
        ChoiceSettings choices = ProofSettings.DEFAULT_SETTINGS.getChoiceSettings();
        Map<String, String> merged = new HashMap<>(MiscTools.getDefaultTacletOptions());
        merged.putAll(choices.getDefaultChoices());
        merged.put("intRules", "intRules:" + settings.intRules);
        merged.put("runtimeExceptions", "runtimeExceptions:ban");
        choices.setDefaultChoices(merged);
        return KeYEnvironment.load(sources, classPath, null, null);
    }

    static List<Contract> contractsOf(KeYEnvironment<?> env, List<String> classes) {
        List<Contract> found = new ArrayList<>();
        for (KeYJavaType type : env.getJavaInfo().getAllKeYJavaTypes()) {
            if (KeYTypeUtil.isLibraryClass(type) || !classes.contains(type.getFullName())) {
                continue;
            }
            for (IObserverFunction target : env.getSpecificationRepository().getContractTargets(type)) {
                for (Contract c : env.getSpecificationRepository().getContracts(type, target)) {
                    // KeY can list one contract under two targets; prove and report it once.
                    if (found.stream().noneMatch(f -> f.getName().equals(c.getName()))) {
                        found.add(c);
                    }
                }
            }
        }
        return found;
    }

    /** One auto-mode run with these strategy properties, step limit and time budget. */
    static void runAutoMode(KeYEnvironment<?> env, Proof proof, StrategyProperties sp, boolean chained,
            int maxSteps, long budgetMillis) {
        proof.getSettings().getStrategySettings().setMaxSteps(maxSteps);
        proof.getSettings().getStrategySettings().setTimeout(budgetMillis);
        proof.getSettings().getStrategySettings().setActiveStrategyProperties(sp);
        var strategy = proof.getServices().getProfile().getDefaultStrategyFactory().create(proof, sp);
        proof.setActiveStrategy(chained
                ? new WithoutRuleSets(strategy, java.util.Set.of("partialInvAxiom")) : strategy);
        env.getProofControl().startAndWaitForAutoMode(proof);
    }

    static Searched prove(KeYEnvironment<?> env, Contract contract, GateSettings settings, double budgetScale,
            Path save) throws Exception {
        long start = System.nanoTime();
        Proof proof = env.createProof(contract.createProofObl(env.getInitConfig(), contract));
        try {
            boolean chained = settings.classAxiomsOffFor(contract.getName());
            StrategyProperties sp = proof.getServices().getProfile().getDefaultStrategyFactory()
                    .getSettingsDefinition().getDefaultPropertiesFactory().createDefaultStrategyProperties();
            sp.setProperty(StrategyProperties.METHOD_OPTIONS_KEY, StrategyProperties.METHOD_CONTRACT);
            sp.setProperty(StrategyProperties.LOOP_OPTIONS_KEY, StrategyProperties.LOOP_INVARIANT);
            sp.setProperty(StrategyProperties.DEP_OPTIONS_KEY, StrategyProperties.DEP_ON);
            sp.setProperty(StrategyProperties.QUERY_OPTIONS_KEY, StrategyProperties.QUERY_ON);
            sp.setProperty(StrategyProperties.NON_LIN_ARITH_OPTIONS_KEY, StrategyProperties.NON_LIN_ARITH_DEF_OPS);
            // Unfold class invariants only once symbolic execution is done: a method that leaves
            // the heap alone then closes its invariant obligation syntactically, unexpanded.
            // A contract that only chains its callees' contracts gets no class axioms at all.
            sp.setProperty(StrategyProperties.CLASS_AXIOM_OPTIONS_KEY, chained
                    ? StrategyProperties.CLASS_AXIOM_OFF : StrategyProperties.CLASS_AXIOM_DELAYED);
            // Split conjunctions as soon as they appear: with delayed splitting, an overflow check
            // (a conjunction next to the remaining program) was left unsplit and the proof stalled.
            sp.setProperty(StrategyProperties.SPLITTING_OPTIONS_KEY, StrategyProperties.SPLITTING_NORMAL);
            int maxSteps = settings.maxStepsFor(contract.getName());
            long budgetMillis = Math.round(settings.timeoutFor(contract.getName()) * 1000L * budgetScale);
            if (settings.twoPhaseFor(contract.getName())) {
                // Phase 1: instantiate quantifiers only where the instance needs no case split,
                // until no rule applies. The default strategy instantiates the invariant's clauses
                // with every term in sight, each instance a split, and sequents grow until the
                // budget is gone; without splits the proof closes all but a few goals, and those
                // few are left small and specific (a frame instance, one invariant instance).
                sp.setProperty(StrategyProperties.QUANTIFIERS_OPTIONS_KEY, StrategyProperties.QUANTIFIERS_NON_SPLITTING);
                runAutoMode(env, proof, sp, chained, maxSteps, budgetMillis);
            }
            // The gate's strategy (phase 2 of a two-phase contract, for the rest of its budget).
            sp.setProperty(StrategyProperties.QUANTIFIERS_OPTIONS_KEY,
                    StrategyProperties.QUANTIFIERS_NON_SPLITTING_WITH_PROGS);
            long leftMillis = budgetMillis - (System.nanoTime() - start) / 1_000_000L;
            int leftSteps = maxSteps - proof.countNodes();
            if (!proof.closed() && leftMillis > 0 && leftSteps > 0) {
                runAutoMode(env, proof, sp, chained, leftSteps, leftMillis);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String status = proof.closed() ? "proved" : "open";
            int nodes = proof.getStatistics().nodes;
            int openGoals = proof.openGoals().size();
            if (System.getenv("FBA_PROOF_GOALS") != null && !proof.closed()) {
                // While working on a contract: print what KeY could not close.
                for (var goal : proof.openGoals()) {
                    System.err.println("---- open goal of " + contract.getName() + "\n" + goal.sequent());
                }
            }
            System.err.printf("  %-6s %8d nodes %7.1f s  %s (searched)%n", status, nodes, seconds, contract.getName());
            String saved = null;
            if (proof.closed() && save != null) {
                Certificates.writeLog(save, contract.getName(), ruleLog(proof));
                saved = Certificates.fileName(contract.getName());
            }
            return new Searched(proof.closed(), nodes, seconds, openGoals, saved, intRulesOf(proof));
        } finally {
            proof.dispose();
        }
    }

    /**
     * A closed proof's rule log: KeY's proof file from its {@code \proof} section on. The header
     * before it (taclet options, source paths of this build's scratch copy) is left out: the
     * replay takes none of it.
     */
    static String ruleLog(Proof proof) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new OutputStreamProofSaver(proof, de.uka.ilkd.key.util.KeYConstants.INTERNAL_VERSION).save(bytes);
        String text = bytes.toString(StandardCharsets.UTF_8);
        int brace = proofSection(text);
        if (brace < 0) {
            throw new IOException("KeY's proof file of " + proof.name() + " has no \\proof section");
        }
        return text.substring(text.lastIndexOf("\\proof", brace));
    }

    private static final java.util.regex.Pattern PROOF_SECTION =
            java.util.regex.Pattern.compile("^\\\\proof\\s*(?=\\{)", java.util.regex.Pattern.MULTILINE);

    /** Where the rule log's opening brace is: just after a line's {@code \proof} keyword (not {@code \proofObligation}); -1 when none. */
    static int proofSection(String text) {
        var m = PROOF_SECTION.matcher(text);
        return m.find() ? m.end() : -1;
    }
}
