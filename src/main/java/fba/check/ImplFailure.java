package fba.check;

import fba.check.drive.ImplProcess;
import fba.check.drive.Outcome;
import fba.check.drive.ResponseShape;
import fba.check.drive.SessionSource;
import fba.check.report.Verdict;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** The failure that ends a check with exit status 3, as printed and reported. */
final class ImplFailure {

    private ImplFailure() {
    }

    /**
     * Prints the failure that ends a check (exit 3: what the implementation did, what it owed,
     * what it sent last, its stderr's tail) and puts it in the report.
     */
    static int report(Outcome o, ImplProcess p, String context, int session, PrintStream out, PrintStream err,
            Map<String, Object> report) {
        String owed = o.request();
        String where = null;
        if (o.batch != null && o.index >= 0) {
            Object owner = o.batch.owner;
            int pos = o.batch.position[o.index];
            if (owner instanceof SessionSource.Generated) {
                where = "session " + ((SessionSource.Generated) owner).index + " request " + (pos + 1);
            } else if (owner instanceof VectorRun.VectorChunk c) {
                where = c.path + ":" + c.lineNumbers[o.index];
            }
        }
        out.println("FAILURE: the implementation " + o.problem + (context == null ? "" : " (" + context + ")"));
        err.println("fba check: the implementation " + o.problem + " (exit 3; details on stdout)");
        if (owed != null) {
            out.println("  owing a response to: " + owed + (where == null ? "" : " (" + where + ")"));
            if (o.received == 0 && o.cause != null) {
                out.println("  (it failed before answering anything, and fails a lone 'pages' too: it cannot be run)");
            }
        }
        if (o.actual != null) {
            out.println("  it printed: " + ResponseShape.printable(o.actual));
        }
        out.println("  last request sent: " + (p == null || p.lastSent() == null ? "(none)" : p.lastSent()));
        out.println("  responses received: " + o.received);
        String tail = p == null ? "" : p.stderrTail();
        if (!tail.isBlank()) {
            out.println("  its stderr ended with:");
            String[] lines = tail.split("\n");
            for (int i = Math.max(0, lines.length - 10); i < lines.length; i++) {
                out.println("    " + lines[i]);
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("problem", o.problem);
        if (session >= 0) {
            f.put("session", session);
        }
        f.put("owed_request", owed);
        f.put("where", where);
        f.put("printed", o.actual);
        f.put("last_request_sent", p == null ? null : p.lastSent());
        f.put("responses_received", o.received);
        f.put("stderr_tail", tail);
        report.put("failure", f);
        out.println("FAILED");
        return Verdict.IMPL_FAILED;
    }
}
