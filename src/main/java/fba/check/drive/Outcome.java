package fba.check.drive;

/** How one run of the implementation ended. */
public final class Outcome {

    public enum Kind {
        /** Every response matched. */
        PASS,
        /** A well-formed response differed from the expected one. */
        DIVERGENCE,
        /** The implementation crashed, hung, closed its output or broke the protocol. */
        FAILURE
    }

    public final Kind kind;
    /** The batch holding the divergent or unanswered request (null when not tied to one). */
    public final Batch batch;
    /** Index within {@link #batch}. */
    public final int index;
    /** The implementation's line at the divergence, or the offending non-protocol line. */
    public final String actual;
    /** For failures: what went wrong, in words. */
    public final String problem;
    /** Responses received before the run ended. */
    public final long received;
    /**
     * For failures while a request was owed: {@code crash} (the process died or closed its output),
     * {@code hang} (the watchdog fired) or {@code garbage} (a non-protocol line); null otherwise.
     */
    public final String cause;

    private Outcome(Kind kind, Batch batch, int index, String actual, String problem, long received) {
        this(kind, batch, index, actual, problem, received, null);
    }

    private Outcome(Kind kind, Batch batch, int index, String actual, String problem, long received, String cause) {
        this.kind = kind;
        this.batch = batch;
        this.index = index;
        this.actual = actual;
        this.problem = problem;
        this.received = received;
        this.cause = batch == null || index < 0 ? null : cause;
    }

    public static Outcome pass(long received) {
        return new Outcome(Kind.PASS, null, -1, null, null, received);
    }

    public static Outcome divergence(Batch batch, int index, String actual, long received) {
        return new Outcome(Kind.DIVERGENCE, batch, index, actual, null, received);
    }

    public static Outcome failure(String problem, Batch batch, int index, String actual, long received) {
        return new Outcome(Kind.FAILURE, batch, index, actual, problem, received);
    }

    /** A failure of kind {@code cause} (crash, hang, garbage) while the answer to a request was owed. */
    public static Outcome failure(String cause, String problem, Batch batch, int index, String actual, long received) {
        return new Outcome(Kind.FAILURE, batch, index, actual, problem, received, cause);
    }

    /** The request the outcome is about, or null. */
    public String request() {
        return batch == null || index < 0 ? null : batch.line(index);
    }

    public String expected() {
        return batch == null || index < 0 ? null : batch.expected(index);
    }
}
