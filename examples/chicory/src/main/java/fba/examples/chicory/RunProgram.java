package fba.examples.chicory;

import fba.core.AllocatorException;
import fba.core.CallContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's command line: runs a Wasm program's entry point with fba as its allocator, prints
 * its checksum and, on request, records the allocator calls as vector files.
 *
 * <pre>
 * java -jar fba-chicory-host.jar PROGRAM.wasm [N] [--entry NAME] [--context onchain|offchain]
 *     [--trace FILE] [--prefix CALLS FILE] [--timing] [--warmup RUNS]
 * </pre>
 *
 * Prints {@code checksum <u64>} on stdout (the entry point's i64 result, unsigned) and the call
 * count on stderr; {@code --timing} adds the time spent inside the allocator per call, and
 * {@code --warmup RUNS} first runs the program RUNS times on fresh instances (unrecorded, untimed,
 * each checksum must match) so that the figures are the JIT-compiled host's. Exit status: 0 done,
 * 1 the program trapped (an allocator error names its request and code), 2 bad usage or a module
 * it cannot run.
 */
public final class RunProgram {

    private RunProgram() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (UsageError e) {
            System.err.println("fba-chicory-host: " + e.getMessage());
            System.err.println("usage: fba-chicory-host PROGRAM.wasm [N] [--entry NAME] [--context onchain|offchain]"
                    + " [--trace FILE] [--prefix CALLS FILE] [--timing] [--warmup RUNS]");
            System.exit(2);
        }
    }

    static int run(String[] args) {
        Path wasm = null;
        long n = -1;
        String entry = "run";
        CallContext context = CallContext.ONCHAIN;
        Path trace = null;
        Path prefix = null;
        long prefixCalls = 0;
        boolean timing = false;
        long warmup = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--entry":
                    entry = value(args, ++i, a);
                    break;
                case "--context":
                    String c = value(args, ++i, a);
                    context = CallContext.ofWireName(c);
                    if (context == null) {
                        throw new UsageError("--context " + c + ": expected onchain or offchain");
                    }
                    break;
                case "--trace":
                    trace = Path.of(value(args, ++i, a));
                    break;
                case "--prefix":
                    prefixCalls = number(value(args, ++i, a), "--prefix CALLS");
                    prefix = Path.of(value(args, ++i, a));
                    break;
                case "--warmup":
                    warmup = number(value(args, ++i, a), "--warmup RUNS");
                    break;
                case "--timing":
                    timing = true;
                    break;
                default:
                    if (a.startsWith("--")) {
                        throw new UsageError("unknown option " + a);
                    } else if (wasm == null) {
                        wasm = Path.of(a);
                    } else if (n < 0) {
                        n = number(a, "N");
                    } else {
                        throw new UsageError("unexpected argument " + a);
                    }
            }
        }
        if (wasm == null) {
            throw new UsageError("no PROGRAM.wasm given");
        }
        if (!Files.isRegularFile(wasm)) {
            throw new UsageError(wasm + ": no such file");
        }
        String warmChecksum = null;
        for (long w = 0; w < warmup; w++) {
            String c = warmupRun(wasm, context, entry, n);
            if (warmChecksum != null && !warmChecksum.equals(c)) {
                System.err.println("fba-chicory-host: warm-up runs disagree: checksums " + warmChecksum + " and " + c);
                return 1;
            }
            warmChecksum = c;
        }
        AllocatorImports imports = new AllocatorImports(timing);
        WasmHost host;
        try {
            host = WasmHost.load(wasm, context, imports);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        String what = wasm.getFileName() + " " + entry + (n >= 0 ? "(" + n + ")" : "()") + ", " + context.wireName();
        List<Path> outputs = new ArrayList<>();
        if (trace != null) {
            imports.record(recorder(trace, host, context, what, "every allocator call"), Long.MAX_VALUE);
            outputs.add(trace);
        }
        if (prefix != null) {
            imports.record(recorder(prefix, host, context, what, "its first " + prefixCalls + " allocator calls"),
                    prefixCalls);
            outputs.add(prefix);
        }
        int params;
        try {
            params = host.parameterCount(entry);
        } catch (RuntimeException e) {
            throw new UsageError(wasm + ": the module exports no function " + entry);
        }
        if (params > 1 || (params == 1) != (n >= 0)) {
            throw new UsageError(entry + " takes " + params + " arguments; give N exactly when it takes one");
        }
        long t0 = System.nanoTime();
        long[] result;
        try {
            result = params == 1 ? host.call(entry, n) : host.call(entry);
        } catch (AllocatorException e) {
            imports.finish();
            System.err.println("fba-chicory-host: trap in " + what + ": " + e.getMessage());
            System.err.println("allocator calls: " + imports.calls());
            return 1;
        } catch (RuntimeException e) {
            imports.finish();
            System.err.println("fba-chicory-host: trap in " + what + ": " + e);
            System.err.println("allocator calls: " + imports.calls());
            return 1;
        }
        long wall = System.nanoTime() - t0;
        imports.finish();
        String checksum = result == null || result.length == 0 ? "none" : Long.toUnsignedString(result[0]);
        if (warmChecksum != null && !warmChecksum.equals(checksum)) {
            System.err.println("fba-chicory-host: the warm-up runs' checksum " + warmChecksum + " differs from " + checksum);
            return 1;
        }
        System.out.println("checksum " + checksum);
        System.err.println("allocator calls: " + imports.calls() + ", run " + wall / 1_000_000 + " ms"
                + (timing ? String.format(", inside the allocator %.1f ns per call (%.1f %% of the run)",
                        (double) imports.nanosInside() / Math.max(1, imports.calls()),
                        100.0 * imports.nanosInside() / wall) : ""));
        for (Path p : outputs) {
            System.err.println("trace: " + p);
        }
        return 0;
    }

    /** One unrecorded run on a fresh instance; returns its checksum (a trap propagates). */
    private static String warmupRun(Path wasm, CallContext context, String entry, long n) {
        WasmHost host;
        try {
            host = WasmHost.load(wasm, context, new AllocatorImports(false));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        long[] r = n >= 0 ? host.call(entry, n) : host.call(entry);
        return r == null || r.length == 0 ? "none" : Long.toUnsignedString(r[0]);
    }

    private static TraceRecorder recorder(Path file, WasmHost host, CallContext context, String what, String scope) {
        TraceRecorder r;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            r = new TraceRecorder(Files.newBufferedWriter(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UsageError(file + ": cannot write: " + e.getMessage());
        }
        r.comment("Recorded by the Chicory host (examples/chicory): " + what + ", " + scope + ",\n"
                + "with the responses fba's allocator gave inside the engine; ./fba run replays them.");
        r.init(host.allocator().heapBase(), context.wireName(), host.initialPages(), host.allocator().memory().maxPages());
        return r;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageError(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String s, String what) {
        try {
            long v = Long.parseLong(s);
            if (v < 0 || v > 0xFFFFFFFFL) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageError(what + " " + s + ": expected an unsigned 32-bit number");
        }
    }

    /** A command line or module the host cannot run: exit status 2. */
    static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }
}
