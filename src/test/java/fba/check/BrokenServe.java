package fba.check;

import fba.core.FreeingBumpAllocator;
import fba.core.SparseMemory;
import fba.protocol.Session;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

/**
 * Test-only implementations for {@code fba check} to catch: the reference served over the protocol
 * with one deliberate fault. Each allocator fault reproduces a real divergence by adjusting the
 * reference's private state through reflection around the request:
 * <ul>
 *   <li>{@code fifo}: free lists reuse the oldest freed block instead of the newest;</li>
 *   <li>{@code nogrow}: malloc never grows memory (smoldot's behaviour) and fails out of space;</li>
 *   <li>{@code zero}: 0 is the empty-list marker (the seed proposal), so a block whose header sits
 *       at address 0 is lost when freed and list ends are written as 0.</li>
 * </ul>
 * Process faults take the number N of responses given first: {@code crash N}, {@code hang N},
 * {@code garbage N} (a non-protocol line), {@code eof N} (closes stdout, keeps running); and at the
 * end of input {@code exit1} exits with status 1, {@code extra} prints one response nobody asked for.
 * {@code wrong FILE} answers {@code err bad_request} to exactly the request lines listed in FILE, so
 * a test can place divergences in chosen sessions.
 */
public final class BrokenServe {

    private static final long NIL = FreeingBumpAllocator.NIL;

    private BrokenServe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        java.util.Set<String> wrong = mode.equals("wrong")
                ? new java.util.HashSet<>(java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[1])))
                : java.util.Set.of();
        long after = args.length > 1 && wrong.isEmpty() ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        Session session = new Session(fba.core.Profile.SUBSTRATE);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        long answered = 0;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            if (answered == after) {
                out.flush();
                switch (mode) {
                    case "crash":
                        Runtime.getRuntime().halt(3);
                        break;
                    case "hang":
                        Thread.sleep(Long.MAX_VALUE);
                        break;
                    case "garbage":
                        out.println("hello from a broken implementation");
                        out.flush();
                        answered++;
                        continue;
                    case "eof":
                        out.close();
                        while (in.readLine() != null) {
                            // keep consuming input with the output closed
                        }
                        return;
                    default:
                        break;
                }
            }
            sb.setLength(0);
            String response = null;
            if (line.startsWith("malloc ")) {
                response = beforeMalloc(mode, session, line);
            }
            if (wrong.contains(line)) {
                response = "err bad_request wrong on purpose";
            }
            if (response == null) {
                session.execute(line, sb);
                response = sb.toString();
                if (mode.equals("zero")) {
                    zeroAsEmpty(session, line, response);
                }
            }
            out.println(response);
            answered++;
            if (!in.ready()) {
                out.flush();
            }
        }
        if (mode.equals("extra")) {
            out.println("ok");
        }
        out.flush();
        if (mode.equals("exit1")) {
            System.exit(1);
        }
    }

    private static String beforeMalloc(String mode, Session s, String line) throws Exception {
        FreeingBumpAllocator a = s.allocator();
        if (a == null || a.isPoisoned()) {
            return null;
        }
        long size;
        try {
            size = Long.parseLong(line.substring(7));
        } catch (NumberFormatException e) {
            return null;
        }
        if (size > a.maxAllocation()) {
            return null;
        }
        int order = FreeingBumpAllocator.orderOf(size);
        long[] heads = (long[]) field("heads").get(a);
        SparseMemory m = s.memory();
        if (mode.equals("fifo") && heads[order] != NIL) {
            // Rotate the list so its oldest block (the tail) comes first.
            long pred = -1;
            long cur = heads[order];
            for (int steps = 0; steps < 100_000; steps++) {
                if (cur + 8 > m.size() || (m.readU64(cur) & FreeingBumpAllocator.OCCUPIED) != 0) {
                    return null;
                }
                long next = m.readU64(cur) & NIL;
                if (next == NIL) {
                    break;
                }
                pred = cur;
                cur = next;
            }
            if (pred >= 0) {
                m.writeU64(pred, NIL);
                m.writeU64(cur, heads[order]);
                heads[order] = cur;
            }
            return null;
        }
        if (mode.equals("nogrow") && heads[order] == NIL && a.bumper() + (8L << order) + 8 > m.size()) {
            field("poisoned").setBoolean(a, true);
            return "err out_of_space memory is never grown";
        }
        return null;
    }

    private static void zeroAsEmpty(Session s, String line, String response) throws Exception {
        FreeingBumpAllocator a = s.allocator();
        if (a == null) {
            return;
        }
        if (line.startsWith("free ") && response.equals("ok")) {
            long header = Long.parseLong(line.substring(5)) - 8;
            if (s.memory().readU64(header) == NIL) {
                s.memory().writeU64(header, 0); // the end of a list is written as 0
            }
        }
        long[] heads = (long[]) field("heads").get(a);
        for (int k = 0; k < heads.length; k++) {
            if (heads[k] == 0) {
                heads[k] = NIL; // a list whose head is at address 0 reads as empty
            }
        }
    }

    private static Field field(String name) throws NoSuchFieldException {
        Field f = FreeingBumpAllocator.class.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
