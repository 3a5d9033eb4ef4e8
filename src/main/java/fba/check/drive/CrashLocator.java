package fba.check.drive;

import fba.check.generate.Request;
import fba.core.Profile;
import java.io.IOException;
import java.util.List;

/**
 * Finds the request an implementation crashed on. Requests are pipelined and an adapter buffers
 * its answers, so when it dies, the first unanswered request may lie well before the one that
 * killed it. Replaying prefixes of the trace in fresh processes (a binary search, about log2 of
 * its length) finds the shortest prefix that still crashes; its last request is the culprit.
 */
public final class CrashLocator {

    /**
     * The crashing request's index in the trace, the outcome of the shortest crashing prefix, and
     * the first divergence before the crash in that prefix (null when none): the replay goes on
     * past a divergence, so that one does not hide the crash.
     */
    public record Located(int index, Outcome outcome, Outcome divergence) {
    }

    private CrashLocator() {
    }

    /** Where {@code requests} crash the implementation (outcome cause {@code cause}), or null if they do not. */
    public static Located locate(String command, long timeoutMs, Profile profile, List<Request> requests, String cause)
            throws IOException {
        Outcome[] divergence = new Outcome[1];
        Outcome whole = replay(command, timeoutMs, profile, requests, divergence);
        if (!cause.equals(whole.cause)) {
            return null;
        }
        int lo = 0;
        int hi = requests.size();
        Outcome at = whole;
        // invariant: the prefix of hi requests crashes, the prefix of lo does not
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            Outcome[] d = new Outcome[1];
            Outcome o = replay(command, timeoutMs, profile, requests.subList(0, mid), d);
            if (cause.equals(o.cause)) {
                hi = mid;
                at = o;
                divergence[0] = d[0];
            } else {
                lo = mid;
            }
        }
        return new Located(hi - 1, at, divergence[0]);
    }

    private static Outcome replay(String command, long timeoutMs, Profile profile, List<Request> requests,
            Outcome[] divergence) throws IOException {
        Script s = Script.of(requests, profile);
        ImplProcess p = ImplProcess.start(command, timeoutMs);
        p.continueAfterDivergence(d -> divergence[0] = d);
        p.send(Batch.of(s, s));
        return p.finish();
    }
}
