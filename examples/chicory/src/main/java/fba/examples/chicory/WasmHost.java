package fba.examples.chicory;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import fba.core.CallContext;
import fba.core.HostAllocator;
import java.nio.file.Path;

/**
 * One Wasm module instantiated on Chicory with fba as its allocator: the module imports
 * {@code env.ext_allocator_malloc_version_1} and {@code env.ext_allocator_free_version_1} (see
 * {@link AllocatorImports}) and exports its heap base as the global {@code __heap_base} (what
 * wasm-ld writes with {@code --export=__heap_base}, and what sc-executor reads).
 */
public final class WasmHost {

    private final Instance instance;
    private final HostAllocator heap;
    private final int initialPages;

    private WasmHost(Instance instance, HostAllocator heap, int initialPages) {
        this.instance = instance;
        this.heap = heap;
        this.initialPages = initialPages;
    }

    /**
     * Parses and instantiates {@code wasm}, then creates the allocator over its memory.
     *
     * @throws IllegalArgumentException naming the file when it is not a module this host can run
     */
    public static WasmHost load(Path wasm, CallContext context, AllocatorImports imports) {
        WasmModule module;
        Instance instance;
        try {
            module = Parser.parse(wasm);
            instance = Instance.builder(module)
                    .withImportValues(ImportValues.builder().addFunction(imports.functions()).build())
                    .build();
        } catch (ChicoryException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(wasm + ": cannot instantiate: " + e.getMessage(), e);
        }
        if (instance.memory() == null) {
            throw new IllegalArgumentException(wasm + ": the module has no linear memory");
        }
        GlobalInstance base;
        try {
            base = instance.exports().global("__heap_base");
        } catch (ChicoryException e) {
            base = null;
        }
        if (base == null) {
            throw new IllegalArgumentException(wasm + ": the module exports no __heap_base global (link with --export=__heap_base)");
        }
        ChicoryMemory memory = new ChicoryMemory(instance.memory());
        int initial = memory.pages();
        HostAllocator heap = HostAllocator.create(memory, base.getValue() & 0xFFFFFFFFL, context);
        imports.bind(heap);
        return new WasmHost(instance, heap, initial);
    }

    /**
     * Calls the exported function {@code name} with {@code args}; returns its results.
     *
     * @throws IllegalArgumentException when the module has no such export
     */
    public long[] call(String name, long... args) {
        ExportFunction f;
        try {
            f = instance.export(name);
        } catch (ChicoryException e) {
            f = null;
        }
        if (f == null) {
            throw new IllegalArgumentException("the module exports no function " + name);
        }
        return f.apply(args);
    }

    /** The parameter count of the exported function {@code name}. */
    public int parameterCount(String name) {
        return instance.exportType(name).params().size();
    }

    public HostAllocator allocator() {
        return heap;
    }

    /** Pages of linear memory when the module was instantiated. */
    public int initialPages() {
        return initialPages;
    }
}
