package fba.model;

import fba.core.Profile;
import java.util.ArrayList;
import java.util.List;

/**
 * A disagreement between model and implementation, carrying the requests that led to it.
 *
 * <p>jqwik shrinks the action chain, but it regenerates dependent actions as it goes and so often
 * leaves inert requests behind. The message is therefore computed lazily — only for the error
 * jqwik finally reports — by replaying the requests and dropping every one whose removal keeps
 * the run failing, until none can go. The result is printed as a vector file.
 */
final class ChainFailure extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient Profile profile;
    private final String what;
    private final transient List<String> requests;
    private String message;

    ChainFailure(Profile profile, String what, List<String> requests) {
        super(what);
        this.profile = profile;
        this.what = what;
        this.requests = requests;
    }

    @Override
    public synchronized String getMessage() {
        if (message == null) {
            message = explain();
        }
        return message;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": " + getMessage();
    }

    private String explain() {
        List<String> minimal = minimize(profile, requests);
        ModelRun run = new ModelRun(profile);
        String failure = replay(run, minimal);
        if (failure != null && failure.startsWith(ModelRun.INVARIANT)) {
            // The responses agreed; make the difference visible on the wire for the vector.
            String seen = observe(run, run.observations());
            failure = seen == null ? failure + " (not visible through peek/stats/pages)" : seen;
        }
        return what + "\n--- shrunk to " + minimal.size() + " requests (from " + requests.size()
                + "); the vector below ends at " + (failure == null ? "?" : failure) + "\n"
                + "--- regression vector (expectations are the model's; paste into spec/vectors) ---\n" + run.vector();
    }

    /** Greedy one-request-at-a-time reduction to a chain from which no single request can be dropped. */
    static List<String> minimize(Profile profile, List<String> requests) {
        List<String> current = new ArrayList<>(requests);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = current.size() - 1; i >= 0; i--) {
                List<String> candidate = new ArrayList<>(current);
                candidate.remove(i);
                if (replay(new ModelRun(profile), candidate) != null) {
                    current = candidate;
                    changed = true;
                }
            }
        }
        return current;
    }

    /** Replays the requests with invariants after each; the first disagreement, or null if none. */
    private static String replay(ModelRun run, List<String> requests) {
        try {
            for (String r : requests) {
                run.replay(r);
                run.checkInvariants();
            }
            return null;
        } catch (ChainFailure f) {
            return f.what;
        }
    }

    /** Sends observing requests (no invariants): the first response that differs, or null. */
    private static String observe(ModelRun run, List<String> requests) {
        try {
            for (String r : requests) {
                run.replay(r);
            }
            return null;
        } catch (ChainFailure f) {
            return f.what;
        }
    }
}
