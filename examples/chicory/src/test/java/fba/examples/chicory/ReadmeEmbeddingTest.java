package fba.examples.chicory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import fba.core.CallContext;
import fba.core.HostAllocator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's embedding example ("Embed fba in a JVM host"), as written there, compiles and runs. */
class ReadmeEmbeddingTest {

    @Test
    void theReadmesExampleRunsAProgram() {
        Path programs = Path.of(System.getProperty("programs", "programs/build"));
        // --- README begins ---
        HostAllocator[] heap = new HostAllocator[1]; // created once the instance's memory exists
        HostFunction malloc = new HostFunction("env", "ext_allocator_malloc_version_1",
                FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
                (inst, args) -> new long[] {(int) heap[0].malloc(args[0] & 0xFFFFFFFFL)});
        HostFunction free = new HostFunction("env", "ext_allocator_free_version_1",
                FunctionType.of(List.of(ValType.I32), List.of()),
                (inst, args) -> { heap[0].free(args[0] & 0xFFFFFFFFL); return null; });
        Instance instance = Instance.builder(Parser.parse(programs.resolve("tree.wasm")))
                .withImportValues(ImportValues.builder().addFunction(malloc, free).build()).build();
        long heapBase = instance.exports().global("__heap_base").getValue();
        heap[0] = HostAllocator.create(new ChicoryMemory(instance.memory()), heapBase, CallContext.ONCHAIN);
        long checksum = instance.export("run").apply(1000)[0];
        // --- README ends ---
        assertTrue(checksum != 0);
        assertTrue(heap[0].stats().bytesAllocatedPeak() > 0);
        assertTrue(heap[0].stats().bytesAllocated() == 0, "the tree program frees all it allocates");
    }
}
