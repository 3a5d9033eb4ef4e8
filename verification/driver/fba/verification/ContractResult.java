package fba.verification;

/** One contract's outcome, as a worker reported it. */
final class ContractResult {

    final String name;
    final boolean proved;
    final int nodes;
    final double seconds;
    final int openGoals;
    /** The known-open list names this contract (it may stay open without failing the gate). */
    final boolean knownOpen;

    private ContractResult(String name, boolean proved, int nodes, double seconds, int openGoals, boolean knownOpen) {
        this.name = name;
        this.proved = proved;
        this.nodes = nodes;
        this.seconds = seconds;
        this.openGoals = openGoals;
        this.knownOpen = knownOpen;
    }

    static ContractResult parse(String tsv, KnownOpen known) {
        String[] f = tsv.split("\t");
        if (f.length != 5) {
            throw new IllegalArgumentException("malformed worker line: " + tsv);
        }
        return new ContractResult(f[0], f[1].equals("proved"), Integer.parseInt(f[2]),
                Double.parseDouble(f[3]), Integer.parseInt(f[4]), known.contains(f[0]));
    }

    /** Open and not excused by the known-open list. */
    boolean failsGate() {
        return !proved && !knownOpen;
    }
}
