package fba.check.report;

/**
 * A check's exit statuses and the version of its JSON report: what one check says and what
 * {@code fba check merge} reads back from the reports of its shards.
 */
public final class Verdict {

    public static final int PASS = 0;
    public static final int DIVERGED = 1;
    /** Bad usage or input: what the user gave cannot be used (the same status as a bad command line). */
    public static final int BAD_INPUT = 2;
    /** The implementation could not be run at all, or failed outside any request (ended badly after its input). */
    public static final int IMPL_FAILED = 3;
    /**
     * Version of the JSON report's fields (spec/check.md); 2 added the set, jobs, shard and version,
     * 3 the causes ({@code divergences}, {@code max_causes}) and exit status 3.
     */
    public static final int REPORT_FORMAT = 3;

    private Verdict() {
    }
}
