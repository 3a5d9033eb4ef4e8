package fba.model;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.Transformer;

/**
 * The actions of the stateful test. Each one is a protocol request (its description is the request
 * line) that {@link ModelRun} sends to the implementation and to the model.
 */
final class ModelActions {

    private static final long U32_MAX = 0xFFFFFFFFL;

    private ModelActions() {
    }

    static List<Action<ModelRun>> all() {
        List<Action<ModelRun>> actions = new ArrayList<>();
        actions.add(new Init());
        actions.add(new ReinitWhenStuck());
        actions.add(new Malloc());
        actions.add(new CallWhilePoisoned());
        actions.add(new FreeLive());
        actions.add(new FreeInvalid());
        actions.add(new ForgeOccupiedHeader());
        actions.add(new CorruptFreeHeader());
        actions.add(new CorruptLiveHeader());
        actions.add(new PokeAnywhere());
        actions.add(new Peek());
        actions.add(new Grow());
        actions.add(new Truncate());
        actions.add(new Stats());
        return actions;
    }

    /** Relative weights: allocation traffic dominates, faults are rarer so chains live a while. */
    static int weight(Action<ModelRun> action) {
        if (action instanceof Malloc) {
            return 12;
        }
        if (action instanceof FreeLive) {
            return 9;
        }
        if (action instanceof Init) {
            return 1;
        }
        if (action instanceof ReinitWhenStuck) {
            return 6;
        }
        if (action instanceof Stats || action instanceof Peek || action instanceof Grow) {
            return 2;
        }
        return 1;
    }

    static Transformer<ModelRun> request(String line, java.util.function.Function<AllocatorModel, String> answer) {
        return Transformer.mutate(line, run -> run.request(line, answer));
    }

    // ---- init ----

    /** init with heap bases that hit alignment, address 0, and the 4 GiB edges. */
    static class Init implements Action.Independent<ModelRun> {
        @Override
        public Arbitrary<Transformer<ModelRun>> transformer() {
            return Arbitraries.frequencyOf(Tuple(4, anyInit()), Tuple(1, fourGiBEdgeInit()));
        }

        /**
         * A heap whose first one or two fresh blocks of some order end exactly at 4 GiB (the
         * bump-pointer wrap), in a memory that may grow to 65536 pages.
         */
        private static Arbitrary<Transformer<ModelRun>> fourGiBEdgeInit() {
            return Combinators.combine(Arbitraries.integers().between(0, 28), Arbitraries.integers().between(1, 2),
                    Arbitraries.of("onchain", "offchain"), Arbitraries.of(0, 1, 65535, 65536))
                    .as((k, blocks, ctx, initial) -> {
                        long base = Math.max(0, AllocatorModel.TWO32 - blocks * ((8L << k) + 8));
                        String line = "init " + base + " " + ctx + " " + initial + " 65536";
                        return Transformer.mutate(line, run -> run.init(base, ctx, initial, 65536));
                    });
        }

        private static Arbitrary<Transformer<ModelRun>> anyInit() {
            Arbitrary<Long> heapBase = Arbitraries.frequencyOf(
                    Tuple(6, Arbitraries.longs().between(0, 64)),
                    Tuple(2, Arbitraries.longs().between(0, 200_000)),
                    Tuple(2, Arbitraries.longs().between(U32_MAX - 40, U32_MAX)),
                    Tuple(1, Arbitraries.of(AllocatorModel.TWO32 - 16, AllocatorModel.TWO32 - 24,
                            AllocatorModel.TWO32 - 65536 - 8, AllocatorModel.TWO32 - (1L << 25) - 8,
                            AllocatorModel.TWO32 - (1L << 31) - 8)));
            Arbitrary<String> context = Arbitraries.of("onchain", "offchain");
            Arbitrary<Integer> maxPages = Arbitraries.frequencyOf(
                    Tuple(5, Arbitraries.integers().between(1, 8)),
                    Tuple(3, Arbitraries.just(65536)),
                    Tuple(1, Arbitraries.integers().between(0, 65536)));
            return Combinators.combine(heapBase, context, maxPages, Arbitraries.integers().between(0, 4),
                    Arbitraries.integers().between(0, 9)).as((rawBase, ctx, max, initialSmall, choice) -> {
                        long base = Math.min(rawBase, U32_MAX);
                        int initial = choice == 0 ? max : Math.min(initialSmall, max);
                        String line = "init " + base + " " + ctx + " " + initial + " " + max;
                        return Transformer.mutate(line, run -> run.init(base, ctx, initial, max));
                    });
        }

        @Override
        public boolean precondition(ModelRun run) {
            return true;
        }
    }

    /** A fresh session once the current one is poisoned or was refused, so chains stay useful. */
    static final class ReinitWhenStuck extends Init {
        @Override
        public boolean precondition(ModelRun run) {
            return run.started && (!run.ready() || run.model.poisoned);
        }
    }

    private static <T> net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends T>> Tuple(int weight,
            Arbitrary<? extends T> a) {
        return net.jqwik.api.Tuple.of(weight, a);
    }

    private abstract static class AfterInit implements Action.Dependent<ModelRun> {
        @Override
        public boolean precondition(ModelRun run) {
            return run.started;
        }
    }

    // ---- malloc ----

    /** malloc of sizes at every order boundary (2^k, 2^k + 1, 2^k - 1), 0, max, max + 1, u32 max. */
    static final class Malloc extends AfterInit {
        @Override
        public boolean precondition(ModelRun run) {
            return run.started && !(run.ready() && run.model.poisoned);
        }

        @Override
        public Arbitrary<Transformer<ModelRun>> transformer(ModelRun run) {
            int orders = run.ready() ? run.model.orders : 23;
            long max = 1L << (orders + 2);
            Arbitrary<Long> boundary = Combinators.combine(Arbitraries.integers().between(0, orders - 1),
                    Arbitraries.of(-1L, 0L, 1L)).as((k, d) -> Math.max(0, (8L << k) + d));
            // The size whose fresh block would end exactly at 4 GiB: the bump-pointer wrap (A2).
            long toEdge = run.ready() ? AllocatorModel.TWO32 - run.model.bumper - 8 : 8;
            Arbitrary<Long> edge = Arbitraries.of(Math.max(0, Math.min(toEdge, U32_MAX)));
            Arbitrary<Long> size = Arbitraries.frequencyOf(
                    Tuple(10, Arbitraries.longs().between(0, 300)),
                    Tuple(4, boundary),
                    Tuple(1, edge),
                    Tuple(1, Arbitraries.of(0L, max, max + 1, U32_MAX, max - 1, max / 2 + 1)));
            return size.map(s -> request("malloc " + s, m -> m.malloc(s)));
        }
    }

    /** malloc or free on a poisoned allocator: must fail with poisoned and change nothing. */
    static final class CallWhilePoisoned implements Action.Dependent<ModelRun> {
        @Override
        public boolean precondition(ModelRun run) {
            return run.ready() && run.model.poisoned;
        }

        @Override
        public Arbitrary<Transformer<ModelRun>> transformer(ModelRun run) {
            List<Long> ptrs = new ArrayList<>(run.model.live.keySet());
            ptrs.add(8L);
            return Arbitraries.oneOf(
                    Arbitraries.longs().between(0, 64).map(s -> request("malloc " + s, m -> m.malloc(s))),
                    Arbitraries.of(ptrs).map(p -> request("free " + p, m -> m.free(p))));
        }
    }

    // ---- free ----

    /** free of a block the model holds live. */
    static final class FreeLive implements Action.Dependent<ModelRun> {
        @Override
        public boolean precondition(ModelRun run) {
            return run.ready() && !run.model.poisoned && !run.model.live.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<ModelRun>> transformer(ModelRun run) {
            return Arbitraries.of(new ArrayList<>(run.model.live.keySet()))
                    .map(ptr -> Transformer.mutate("free " + ptr, r -> {
                        r.stalePointers.add(ptr);
                        r.request("free " + ptr, m -> m.free(ptr));
                    }));
        }
    }

    /** Invalid frees: ptr below 8, mid-block, beyond memory, double free, forged pointers, any u32. */
    static final class FreeInvalid extends AfterInit {
        @Override
        public Arbitrary<Transformer<ModelRun>> transformer(ModelRun run) {
            List<Arbitrary<Long>> choices = new ArrayList<>();
            choices.add(Arbitraries.longs().between(0, 7));
            choices.add(Arbitraries.longs().between(0, U32_MAX));
            if (run.ready()) {
                long size = run.model.size();
                choices.add(Arbitraries.of(size, size + 8, size + 1, size + 7, U32_MAX).map(p -> Math.min(p, U32_MAX)));
                if (!run.model.live.isEmpty()) {
                    choices.add(Combinators.combine(Arbitraries.of(new ArrayList<>(run.model.live.keySet())),
                            Arbitraries.of(4L, 8L, 16L, 24L)).as((p, d) -> Math.min(U32_MAX, p + d)));
                }
            }
            if (!run.stalePointers.isEmpty()) {
                choices.add(Arbitraries.of(new ArrayList<>(run.stalePointers)));
            }
            return Arbitraries.oneOf(choices).map(ptr -> request("free " + ptr, m -> m.free(ptr)));
        }
    }

    // ---- corruption by poke ----

    /** Writes an occupied header (valid or invalid order) at a free header, inside a block, or past the bump pointer. */
    static final class ForgeOccupiedHeader implements Action.Dependent<ModelRun> {
        @Override
        public boolean precondition(ModelRun run) {
            return run.ready() && run.model.size() >= 16;
        }

        @Override
        public Arbitrary<Transformer<ModelRun>> transformer(ModelRun run) {
            AllocatorModel m = run.model;
            List<Long> places = new ArrayList<>(freeHeaders(m));
            for (long ptr : m.live.keySet()) {
                if (ptr + 16 <= m.size()) {
                    places.add(ptr + 8); // inside a live block (its second word)
                }
            }
            if (m.bumper + 16 <= m.size()) {
                places.add(m.bumper);
            }
            places.add(m.size() - 8);
            Arbitrary<Long> order = Arbitraries.frequencyOf(
                    Tuple(4, Arbitraries.longs().between(0, m.orders - 1)),
                    Tuple(1, Arbitraries.of((long) m.orders, (long) m.orders + 1, AllocatorModel.NIL)));
            return Combinators.combine(Arbitraries.of(places), order).as((addr, o) -> {
                long value = AllocatorModel.OCCUPIED | o;
                String line = "poke " + addr + " " + Long.toUnsignedString(value);
                return Transformer.mutate(line, r -> {
                    r.stalePointers.add(Math.min(U32_MAX, addr + 8));
                    r.request(line, x -> x.poke(addr, value));
                });
            });
        }
    }

    /** Rewrites the link of a free header: nil, a cycle, another list, a live header, beyond memory. */
    static final class CorruptFreeHeader implements Action.Dependent<ModelRun> {
        @Override
        public boolean precondition(ModelRun run) {
            return run.ready() && !freeHeaders(run.model).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<ModelRun>> transformer(ModelRun run) {
            AllocatorModel m = run.model;
            List<Long> free = freeHeaders(m);
            List<Long> targets = new ArrayList<>(free);
            for (long ptr : m.live.keySet()) {
                targets.add(ptr - 8);
            }
            targets.add(AllocatorModel.NIL);
            targets.add(Math.min(m.size(), U32_MAX));
            targets.add(m.size() - 8);
            targets.add(0L);
            Arbitrary<Long> link = Arbitraries.oneOf(Arbitraries.of(targets), Arbitraries.longs().between(0, U32_MAX));
            Arbitrary<Long> highBits = Arbitraries.of(0L, 0xFFFF_FFFE_0000_0000L);
            return Combinators.combine(Arbitraries.of(free), link, highBits).as((addr, l, high) -> {
                long value = high | l;
                String line = "poke " + addr + " " + Long.toUnsignedString(value);
                return request(line, x -> x.poke(addr, value));
            });
        }
    }

    /** Rewrites a live block's header: free with a link, another order, an invalid order. */
    static final class CorruptLiveHeader implements Action.Dependent<ModelRun> {
        @Override
        public boolean precondition(ModelRun run) {
            return run.ready() && !run.model.live.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<ModelRun>> transformer(ModelRun run) {
            AllocatorModel m = run.model;
            Arbitrary<Long> value = Arbitraries.oneOf(
                    Arbitraries.longs().between(0, m.orders + 1).map(o -> AllocatorModel.OCCUPIED | o),
                    Arbitraries.longs().between(0, U32_MAX),
                    Arbitraries.of(AllocatorModel.NIL, 0xFFFF_FFFF_FFFF_FFFFL, 0L));
            return Combinators.combine(Arbitraries.of(new ArrayList<>(m.live.keySet())), value).as((ptr, v) -> {
                String line = "poke " + (ptr - 8) + " " + Long.toUnsignedString(v);
                return request(line, x -> x.poke(ptr - 8, v));
            });
        }
    }

    /** poke anywhere, aligned or not, inside or just outside memory. */
    static final class PokeAnywhere extends AfterInit {
        @Override
        public Arbitrary<Transformer<ModelRun>> transformer(ModelRun run) {
            Arbitrary<Long> addr = address(run);
            Arbitrary<Long> value = Arbitraries.longs();
            return Combinators.combine(addr, value).as((a, v) -> {
                String line = "poke " + a + " " + Long.toUnsignedString(v);
                return request(line, x -> x.poke(a, v));
            });
        }
    }

    static final class Peek extends AfterInit {
        @Override
        public Arbitrary<Transformer<ModelRun>> transformer(ModelRun run) {
            List<Arbitrary<Long>> choices = new ArrayList<>();
            choices.add(address(run));
            if (run.ready() && !run.model.live.isEmpty()) {
                choices.add(Arbitraries.of(new ArrayList<>(run.model.live.keySet())).map(p -> p - 8));
            }
            if (run.ready() && !freeHeaders(run.model).isEmpty()) {
                choices.add(Arbitraries.of(freeHeaders(run.model)));
            }
            return Arbitraries.oneOf(choices).map(a -> request("peek " + a, x -> x.peek(a)));
        }
    }

    private static Arbitrary<Long> address(ModelRun run) {
        long size = run.ready() ? run.model.size() : 65536;
        long heapBase = run.ready() ? run.model.heapBase : 0;
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, Math.min(U32_MAX, size + 16)),
                Arbitraries.longs().between(heapBase, Math.min(U32_MAX, heapBase + 256)),
                Arbitraries.of(Math.max(0, size - 8), Math.max(0, size - 7), Math.min(U32_MAX, size), U32_MAX - 7,
                        U32_MAX));
    }

    private static List<Long> freeHeaders(AllocatorModel m) {
        List<Long> headers = new ArrayList<>();
        for (Deque<Long> stack : m.freeLists) {
            headers.addAll(stack);
        }
        return headers;
    }

    // ---- memory ----

    /** grow by a few pages, up to the limit, or past it. */
    static final class Grow extends AfterInit {
        @Override
        public Arbitrary<Transformer<ModelRun>> transformer(ModelRun run) {
            long room = run.ready() ? run.model.maxPages - run.model.pages : 0;
            return Arbitraries.oneOf(Arbitraries.longs().between(0, 3), Arbitraries.of(room, room + 1, U32_MAX))
                    .map(d -> request("grow " + d, x -> x.grow(d)));
        }
    }

    /** truncate to fewer pages (the fault sc-allocator only partly detects), or to too many. */
    static final class Truncate extends AfterInit {
        @Override
        public Arbitrary<Transformer<ModelRun>> transformer(ModelRun run) {
            int pages = run.ready() ? run.model.pages : 0;
            return Arbitraries.oneOf(Arbitraries.longs().between(0, pages), Arbitraries.just((long) pages + 1))
                    .map(p -> request("truncate " + p, x -> x.truncate(p)));
        }
    }

    /** stats and pages: the observable counters. */
    static final class Stats extends AfterInit {
        @Override
        public Arbitrary<Transformer<ModelRun>> transformer(ModelRun run) {
            return Arbitraries.of(
                    request("stats", AllocatorModel::stats),
                    request("pages", AllocatorModel::pagesResponse));
        }
    }
}
