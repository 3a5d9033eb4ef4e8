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
    /** "replayed" (its certificate's rule log closed the proof) or "searched" (auto mode ran). */
    final String how;
    /** The certificate's state: none, current, stale-hash (replayed all the same), replay-failed. */
    final String certificate;
    /** The file name of the certificate saved from this run's search, or null. */
    final String saved;
    /** Why the replay failed, or null. */
    final String note;
    /** The integer semantics KeY built this contract's proof with, read from the proof ({@code intRules:…}). */
    final String intRules;
    /** A contract of an interface method (vacuous: no body) rather than a substantive one. */
    final boolean isInterface;

    private ContractResult(String[] f, boolean knownOpen) {
        this.name = f[0];
        this.proved = f[1].equals("proved");
        this.nodes = Integer.parseInt(f[2]);
        this.seconds = Double.parseDouble(f[3]);
        this.openGoals = Integer.parseInt(f[4]);
        this.knownOpen = knownOpen;
        this.how = f[5];
        this.certificate = f[6];
        this.saved = f[7].equals("-") ? null : f[7];
        this.note = f[8].equals("-") ? null : f[8];
        this.intRules = f[9];
        this.isInterface = f[10].equals("interface");
    }

    static ContractResult parse(String tsv, KnownOpen known) {
        String[] f = tsv.split("\t");
        if (f.length != 11 || !(f[5].equals("replayed") || f[5].equals("searched"))
                || !(f[10].equals("interface") || f[10].equals("substantive"))) {
            throw new IllegalArgumentException("malformed worker line: " + tsv);
        }
        return new ContractResult(f, known.contains(f[0]));
    }

    /** Open and not excused by the known-open list. */
    boolean failsGate() {
        return !proved && !knownOpen;
    }

    /** Proved by a search although a certificate could have saved it (none, or one that failed). */
    boolean searchedAndProved() {
        return proved && how.equals("searched");
    }
}
