package fba.check.drive;

import fba.check.generate.Request;
import fba.core.Profile;
import fba.protocol.Session;
import java.util.List;

/**
 * Concrete protocol lines for a list of requests together with the reference's response to each,
 * computed in a fresh reference session (the implementation runs in a fresh process likewise).
 */
public final class Script {

    /** The lines to send. */
    public final String[] lines;
    /** The reference's response per line, or null where no response is owed (comments, blanks). */
    public final String[] expected;

    public Script(String[] lines, String[] expected) {
        this.lines = lines;
        this.expected = expected;
    }

    public int size() {
        return lines.length;
    }

    public static Script of(List<Request> requests, Profile profile) {
        int maxId = 0;
        for (Request r : requests) {
            maxId = Math.max(maxId, r.id);
        }
        long[] results = new long[maxId + 1];
        java.util.Arrays.fill(results, -1);
        Session session = new Session(profile);
        String[] lines = new String[requests.size()];
        String[] expected = new String[requests.size()];
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < lines.length; i++) {
            Request r = requests.get(i);
            String line = r.render(results);
            lines[i] = line;
            sb.setLength(0);
            if (session.execute(line, sb)) {
                expected[i] = sb.toString();
                if ("malloc".equals(r.verb) && expected[i].startsWith("ok ")) {
                    results[r.id] = Long.parseLong(expected[i], 3, expected[i].length(), 10);
                }
            }
        }
        return new Script(lines, expected);
    }
}
