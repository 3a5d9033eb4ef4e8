package fba.verification;

import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.java.abstraction.KeYJavaType;
import de.uka.ilkd.key.logic.op.IObserverFunction;
import de.uka.ilkd.key.proof.Proof;
import de.uka.ilkd.key.settings.ChoiceSettings;
import de.uka.ilkd.key.settings.ProofSettings;
import de.uka.ilkd.key.speclang.Contract;
import de.uka.ilkd.key.strategy.StrategyProperties;
import de.uka.ilkd.key.util.KeYTypeUtil;
import de.uka.ilkd.key.util.MiscTools;

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

        List<Contract> contracts = contractsOf(env, settings.classes);
        contracts.sort(byBudgetThenName(settings));
        // Claims: a worker proves a contract only if it is the one to create its claim file.
        Path claims = result.toAbsolutePath().getParent().resolve("claims");
        if (workers > 1) {
            Files.createDirectories(claims);
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(result, StandardCharsets.UTF_8))) {
            out.printf("#load\t%.1f%n", loadSeconds);
            out.flush();
            for (int i = 0; i < contracts.size(); i++) {
                Contract c = contracts.get(i);
                if (only != null && !matches(c.getName(), only)) {
                    continue;
                }
                if (workers > 1 && !claim(claims.resolve(i + ".claim"))) {
                    continue;
                }
                out.println(prove(env, c, settings));
                out.flush();
            }
        } finally {
            env.dispose();
        }
        System.exit(0);
    }

    /** Largest budget first, then by name: the same order in every worker of a run. */
    static java.util.Comparator<Contract> byBudgetThenName(GateSettings settings) {
        return java.util.Comparator.<Contract>comparingLong(c -> -settings.timeoutFor(c.getName()))
                .thenComparing(Contract::getName);
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

    /** Whether a contract name contains one of the {@code |}-separated substrings of {@code only}. */
    static boolean matches(String name, String only) {
        for (String part : only.split("\\|")) {
            if (!part.isEmpty() && name.contains(part)) {
                return true;
            }
        }
        return false;
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

    static String prove(KeYEnvironment<?> env, Contract contract, GateSettings settings) throws Exception {
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
            long budgetMillis = settings.timeoutFor(contract.getName()) * 1000L;
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
            System.err.printf("  %-6s %8d nodes %7.1f s  %s%n", status, nodes, seconds, contract.getName());
            return String.join("\t", contract.getName(), status, Integer.toString(nodes),
                    String.format("%.1f", seconds), Integer.toString(openGoals));
        } finally {
            proof.dispose();
        }
    }
}
