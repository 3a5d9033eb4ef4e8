package fba.check;

import fba.core.Profile;
import java.io.IOException;
import java.util.List;

/**
 * Finds the request an implementation crashed on. Requests are pipelined and an adapter buffers
 * its answers, so when it dies, the first unanswered request may lie well before the one that
 * killed it. Replaying prefixes of the trace in fresh processes (a binary search, about log2 of
 * its length) finds the shortest prefix that still crashes; its last request is the culprit.
 */
final class CrashLocator {

    /** The crashing request's index in the trace and the outcome of the shortest crashing prefix. */
    record Located(int index, Outcome outcome) {
    }

    private CrashLocator() {
    }

    /** Where {@code requests} crash the implementation (outcome cause {@code cause}), or null if they do not. */
    static Located locate(String command, long timeoutMs, Profile profile, List<Request> requests, String cause)
            throws IOException {
        Outcome whole = replay(command, timeoutMs, profile, requests);
        if (!cause.equals(whole.cause)) {
            return null;
        }
        int lo = 0;
        int hi = requests.size();
        Outcome at = whole;
        // invariant: the prefix of hi requests crashes, the prefix of lo does not
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            Outcome o = replay(command, timeoutMs, profile, requests.subList(0, mid));
            if (cause.equals(o.cause)) {
                hi = mid;
                at = o;
            } else {
                lo = mid;
            }
        }
        return new Located(hi - 1, at);
    }

    private static Outcome replay(String command, long timeoutMs, Profile profile, List<Request> requests)
            throws IOException {
        Script s = Script.of(requests, profile);
        ImplProcess p = ImplProcess.start(command, timeoutMs);
        p.send(Batch.of(s, s));
        return p.finish();
    }
}
