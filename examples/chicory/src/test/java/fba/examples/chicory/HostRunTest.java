package fba.examples.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import fba.core.AllocatorException;
import fba.core.CallContext;
import fba.core.ErrorCode;
import fba.core.HostAllocator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host runs the example programs with fba as their allocator and records what it did. */
class HostRunTest {

    private static final Path PROGRAMS = Path.of(System.getProperty("programs", "programs/build"));

    @TempDir
    Path tmp;

    private static String nativeChecksum(String program, int n) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PROGRAMS.resolve(program + "-native").toString(), Integer.toString(n))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void everyProgramsChecksumEqualsItsNativeBuildsOnASmallRun() throws Exception {
        for (String program : List.of("codec", "hashmap", "tree", "strsort")) {
            AllocatorImports imports = new AllocatorImports(false);
            WasmHost host = WasmHost.load(PROGRAMS.resolve(program + ".wasm"), CallContext.ONCHAIN, imports);
            long[] r = host.call("run", 300);
            assertEquals(nativeChecksum(program, 300), Long.toUnsignedString(r[0]), program);
            assertTrue(imports.calls() > 300, program + ": " + imports.calls() + " allocator calls");
            assertTrue(host.allocator().heapBase() > 0, "the module's __heap_base");
            assertTrue(host.allocator().stats().bytesAllocatedPeak() > 0);
        }
    }

    @Test
    void theRecordedTraceOpensWithTheInstancesMemoryAndEndsWithStats() throws IOException {
        Path trace = tmp.resolve("t.vec");
        Path prefix = tmp.resolve("p.vec");
        assertEquals(0, RunProgram.run(new String[] {PROGRAMS.resolve("tree.wasm").toString(), "100",
            "--trace", trace.toString(), "--prefix", "10", prefix.toString()}));
        List<String> lines = Files.readAllLines(trace);
        assertTrue(lines.get(0).startsWith("# Recorded by the Chicory host"), lines.get(0));
        String init = lines.stream().filter(l -> l.startsWith("init ")).findFirst().orElseThrow();
        assertTrue(init.matches("init [0-9]+ onchain [0-9]+ 1024 => ok"), init);
        assertTrue(lines.get(lines.size() - 2).matches("stats => ok 0 [0-9]+ [0-9]+ [0-9]+"),
                "the tree is torn down: nothing allocated at the end: " + lines.get(lines.size() - 2));
        assertTrue(lines.get(lines.size() - 1).matches("pages => ok [0-9]+"));
        List<String> head = Files.readAllLines(prefix);
        assertEquals(10, head.stream().filter(l -> l.startsWith("malloc ") || l.startsWith("free ")).count());
        // the prefix is the trace's first calls, then the stats at that point
        for (int i = 0; i < head.size() - 2; i++) {
            assertEquals(lines.get(i).replace("every allocator call", "its first 10 allocator calls"), head.get(i));
        }
        assertTrue(head.get(head.size() - 2).startsWith("stats => ok "));
    }

    @Test
    void anAllocatorErrorTrapsTheCallAndIsRecorded() throws IOException {
        AllocatorImports imports = new AllocatorImports(false);
        StringWriter out = new StringWriter();
        HostFunction[] f = recorded(imports, new ByteArrayMemory(new MemoryLimits(1, 1)), 1024, out);
        assertEquals("env", f[0].module());
        assertEquals("ext_allocator_malloc_version_1", f[0].name());
        assertEquals("ext_allocator_free_version_1", f[1].name());
        long ptr = f[0].handle().apply(null, 16)[0];
        assertEquals(1032, ptr);
        AllocatorException e = assertThrows(AllocatorException.class, () -> f[1].handle().apply(null, 4));
        assertEquals(ErrorCode.INVALID_POINTER, e.code());
        // the next call: the allocator is poisoned, and says so
        assertEquals(ErrorCode.POISONED, assertThrows(AllocatorException.class,
                () -> f[0].handle().apply(null, 8)).code());
        imports.finish();
        assertEquals("init 1024 onchain 1 1 => ok\nmalloc 16 => ok 1032\nfree 4 => err invalid_pointer\n"
                + "malloc 8 => err poisoned\nstats => ok 24 24 24 24\npages => ok 1\n", out.toString());
    }

    @Test
    void growthByTheRuntimeItselfIsRecordedAsGrow() {
        AllocatorImports imports = new AllocatorImports(false);
        StringWriter out = new StringWriter();
        ByteArrayMemory engine = new ByteArrayMemory(new MemoryLimits(1, 4));
        HostFunction[] f = recorded(imports, engine, 0, out);
        engine.grow(2);
        f[0].handle().apply(null, 8);
        f[0].handle().apply(null, 100_000);
        imports.finish();
        assertEquals("init 0 onchain 1 4 => ok\ngrow 2 => ok\nmalloc 8 => ok 8\nmalloc 100000 => ok 24\n"
                + "stats => ok 131096 131096 131096 131096\npages => ok 3\n", out.toString());
    }

    /** The host functions over a fresh allocator on {@code engine}, every call recorded into {@code out}. */
    private static HostFunction[] recorded(AllocatorImports imports, ByteArrayMemory engine, long heapBase, StringWriter out) {
        ChicoryMemory memory = new ChicoryMemory(engine);
        imports.bind(HostAllocator.create(memory, heapBase, CallContext.ONCHAIN));
        TraceRecorder r = new TraceRecorder(out);
        r.init(heapBase, "onchain", memory.pages(), memory.maxPages());
        imports.record(r, Long.MAX_VALUE);
        return imports.functions();
    }

    @Test
    void badCommandLinesAndModulesAreNamed() throws IOException {
        assertEquals("no PROGRAM.wasm given", usage());
        assertEquals("nope.wasm: no such file", usage("nope.wasm"));
        Path junk = Files.writeString(tmp.resolve("junk.wasm"), "not wasm");
        assertTrue(usage(junk.toString()).startsWith(junk + ": cannot instantiate"), usage(junk.toString()));
        String tree = PROGRAMS.resolve("tree.wasm").toString();
        assertEquals("run takes 1 arguments; give N exactly when it takes one", usage(tree));
        assertEquals("N x: expected an unsigned 32-bit number", usage(tree, "x"));
        assertEquals("--context moon: expected onchain or offchain", usage(tree, "--context", "moon"));
        assertEquals(tree + ": the module exports no function main", usage(tree, "1", "--entry", "main"));
        assertEquals("unknown option --fast", usage(tree, "--fast"));
    }

    private static String usage(String... args) {
        return assertThrows(RunProgram.UsageError.class, () -> RunProgram.run(args)).getMessage();
    }
}
