package fba.check.generate;

import fba.core.Profile;
import fba.protocol.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: drives a generator against the reference until a fault kind applies to the state
 * it has reached, then runs exactly the requests that fault queued. Returns them with the
 * reference's responses.
 */
final class FaultRun {

    /** One request the fault queued and the reference's response to it (null: none owed). */
    record Line(String request, String response) {
    }

    private FaultRun() {
    }

    /**
     * The requests {@code fault} queued the first time it applied, in the first of seeds 1.. where
     * it applies within a session of {@code ops} requests; fails after 200 seeds.
     */
    static List<Line> of(Fault fault, Profile profile, int ops) {
        for (long seed = 1; seed <= 200; seed++) {
            Session ref = new Session(profile);
            SessionGenerator g = new SessionGenerator(seed, 1, ops, profile, ref, false);
            int emitted = 0;
            while (emitted < ops - 20) {
                boolean quiet = g.nextId() == emitted; // nothing queued ahead of the fault
                if (quiet && ref.memory() != null && (ref.allocator() == null || !ref.allocator().isPoisoned())
                        && emitted > 30 && fault.queue(g)) {
                    List<Line> out = new ArrayList<>();
                    while (emitted < g.nextId()) {
                        out.add(step(g, ref));
                        emitted++;
                    }
                    return out;
                }
                if (step(g, ref) == null) {
                    break;
                }
                emitted++;
            }
        }
        throw new AssertionError(fault.getClass().getSimpleName() + " never applied in 200 seeds");
    }

    private static Line step(SessionGenerator g, Session ref) {
        Request r = g.next();
        if (r == null) {
            return null;
        }
        String line = r.render(new long[0]);
        String expected = ref.execute(line);
        byte[] response = expected == null ? null : expected.getBytes(StandardCharsets.ISO_8859_1);
        g.observe(r, response, response == null ? -1 : 0, response == null ? -1 : response.length);
        return new Line(line, expected);
    }

    /** The verbs and error codes ("ok" for success, "-" for no response), e.g. "free:not_allocated". */
    static List<String> shape(List<Line> lines) {
        List<String> out = new ArrayList<>();
        for (Line l : lines) {
            String verb = l.request().split(" ")[0];
            String r = l.response();
            String code = r == null ? "-" : r.startsWith("ok") ? "ok" : r.split(" ")[1];
            out.add(verb + ":" + code);
        }
        return out;
    }
}
