package fba.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

/**
 * The actions of the proposal profile's stateful test, each a protocol request sent to the
 * implementation and to {@link ProposalModel}: allocation at every list boundary, frees of live,
 * stale and invalid pointers, forged headers and list links, memory growth and truncation, peeks
 * and stats, re-inits with heap bases at 0 (the lost block), unaligned, and near 4 GiB.
 */
final class ProposalActions {

    private static final long U32_MAX = 0xFFFFFFFFL;
    private static final long MARK = 0xFFFF_FFFF_FFFF_FF00L;

    private ProposalActions() {
    }

    static Arbitrary<ActionChain<ProposalRun>> chains(int maxActions) {
        return ActionChain.startWith(ProposalRun::new)
                .withAction(2, new Init())
                .withAction(12, new Malloc())
                .withAction(9, new FreeLive())
                .withAction(2, new FreeInvalid())
                .withAction(1, new ForgeHeader())
                .withAction(1, new CorruptLink())
                .withAction(1, new PokeAnywhere())
                .withAction(2, new Peek())
                .withAction(1, new Grow())
                .withAction(1, new Truncate())
                .withAction(2, new Stats())
                .withMaxTransformations(maxActions);
    }

    /** Runs a chain, checking the invariants after every step, and counts its requests into {@code requests}. */
    static void run(ActionChain<ProposalRun> chain, AtomicLong requests) {
        chain.withInvariant("model agrees with implementation", ProposalRun::checkInvariants).run();
        requests.addAndGet(chain.transformations().size());
    }

    private static Transformer<ProposalRun> request(String line, java.util.function.Function<ProposalModel, String> answer) {
        return Transformer.mutate(line, run -> run.request(line, answer));
    }

    private abstract static class WhenReady implements Action.Dependent<ProposalRun> {
        @Override
        public boolean precondition(ProposalRun run) {
            return run.ready();
        }
    }

    /** init: heap base 0 (the header at address 0), small and unaligned, large, and at the 4 GiB edge. */
    static final class Init implements Action.Independent<ProposalRun> {
        @Override
        public Arbitrary<Transformer<ProposalRun>> transformer() {
            Arbitrary<Transformer<ProposalRun>> small = Combinators.combine(
                    Arbitraries.frequencyOf(
                            Tuple.of(4, Arbitraries.just(0L)),
                            Tuple.of(4, Arbitraries.longs().between(1, 64)),
                            Tuple.of(1, Arbitraries.longs().between(0, 200_000)),
                            Tuple.of(1, Arbitraries.longs().between(U32_MAX - 40, U32_MAX))),
                    Arbitraries.of("onchain", "offchain"),
                    Arbitraries.integers().between(0, 4),
                    Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.integers().between(0, 8)),
                            Tuple.of(1, Arbitraries.of(300, 65536))))
                    .as((base, ctx, initial, extra) -> {
                        int max = Math.min(65536, initial + extra);
                        String line = "init " + base + " " + ctx + " " + initial + " " + max;
                        return Transformer.mutate(line, run -> run.init(base, ctx, initial, max));
                    });
            // A 4 GiB memory whose last one or two blocks of list k end exactly at 2^32.
            Arbitrary<Transformer<ProposalRun>> edge = Combinators.combine(Arbitraries.integers().between(0, 21),
                    Arbitraries.integers().between(1, 2), Arbitraries.of("onchain", "offchain"))
                    .as((k, blocks, ctx) -> {
                        long base = (1L << 32) - blocks * ((8L << k) + 8);
                        String line = "init " + base + " " + ctx + " 65536 65536";
                        return Transformer.mutate(line, run -> run.init(base, ctx, 65536, 65536));
                    });
            // Enough memory for the 16 MiB list.
            Arbitrary<Transformer<ProposalRun>> big = Arbitraries.longs().between(0, 16).map(base -> {
                String line = "init " + base + " onchain 300 300";
                return Transformer.mutate(line, run -> run.init(base, "onchain", 300, 300));
            });
            return Arbitraries.frequencyOf(Tuple.of(8, small), Tuple.of(1, edge), Tuple.of(1, big));
        }
    }

    /** malloc at every list boundary (2^k - 1, 2^k, 2^k + 1), 16 MiB and beyond, and the largest block that fits. */
    static final class Malloc implements Action.Dependent<ProposalRun> {
        @Override
        public Arbitrary<Transformer<ProposalRun>> transformer(ProposalRun run) {
            Arbitrary<Long> boundary = Combinators.combine(Arbitraries.integers().between(0, 22),
                    Arbitraries.of(-1L, 0L, 1L)).as((k, d) -> Math.max(0, (8L << k) + d));
            long fits = 0;
            if (run.ready()) {
                long room = run.model.size() - run.model.bumper - 8;
                while (fits * 2 <= room && fits < ProposalModel.LARGEST) {
                    fits = fits == 0 ? 8 : fits * 2;
                }
            }
            Arbitrary<Long> size = Arbitraries.frequencyOf(
                    Tuple.of(10, Arbitraries.longs().between(0, 300)),
                    Tuple.of(4, boundary),
                    Tuple.of(1, Arbitraries.of(fits, fits + 1)),
                    Tuple.of(1, Arbitraries.of(ProposalModel.LARGEST, ProposalModel.LARGEST + 1, U32_MAX)));
            return size.map(s -> request("malloc " + s, m -> m.malloc(s)));
        }
    }

    static final class FreeLive extends WhenReady {
        @Override
        public boolean precondition(ProposalRun run) {
            return run.ready() && !run.model.live.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<ProposalRun>> transformer(ProposalRun run) {
            return Arbitraries.of(new ArrayList<>(run.model.live.keySet()))
                    .map(ptr -> Transformer.mutate("free " + ptr, r -> {
                        r.stalePointers.add(ptr);
                        r.request("free " + ptr, m -> m.free(ptr));
                    }));
        }
    }

    /** free below 8, at and past the end of memory, mid-block, stale (double free), any u32. */
    static final class FreeInvalid extends WhenReady {
        @Override
        public Arbitrary<Transformer<ProposalRun>> transformer(ProposalRun run) {
            long size = run.model.size();
            List<Arbitrary<Long>> choices = new ArrayList<>();
            choices.add(Arbitraries.longs().between(0, 8));
            choices.add(Arbitraries.longs().between(0, U32_MAX));
            choices.add(Arbitraries.of(size, size + 1, size + 8, U32_MAX).map(p -> Math.min(p, U32_MAX)));
            if (!run.model.live.isEmpty()) {
                choices.add(Combinators.combine(Arbitraries.of(new ArrayList<>(run.model.live.keySet())),
                        Arbitraries.of(1L, 4L, 8L, 16L)).as((p, d) -> Math.min(U32_MAX, p + d)));
            }
            if (!run.stalePointers.isEmpty()) {
                choices.add(Arbitraries.of(new ArrayList<>(run.stalePointers)));
            }
            return Arbitraries.oneOf(choices).map(ptr -> request("free " + ptr, m -> m.free(ptr)));
        }
    }

    /** Writes a header (any list index, 22 and beyond, or one 0xFF byte cleared) at a live header, inside a block, or at the bump pointer. */
    static final class ForgeHeader extends WhenReady {
        @Override
        public boolean precondition(ProposalRun run) {
            return run.ready() && run.model.size() >= 16;
        }

        @Override
        public Arbitrary<Transformer<ProposalRun>> transformer(ProposalRun run) {
            ProposalModel m = run.model;
            List<Long> places = new ArrayList<>();
            for (long ptr : m.live.keySet()) {
                places.add(ptr - 8);
                places.add(ptr + 8);
            }
            places.add(m.bumper);
            places.add(m.size() - 8);
            places.removeIf(a -> !m.eightBytesInside(a));
            if (places.isEmpty()) {
                places.add(0L);
            }
            Arbitrary<Long> value = Arbitraries.frequencyOf(
                    Tuple.of(4, Arbitraries.longs().between(0, 21).map(i -> MARK | i)),
                    Tuple.of(1, Arbitraries.of(MARK | 22, MARK | 23, MARK | 255)),
                    Tuple.of(1, Arbitraries.longs().between(22, 255).map(i -> MARK | i)),
                    Tuple.of(1, Combinators.combine(Arbitraries.integers().between(1, 7), Arbitraries.longs().between(0, 21))
                            .as((b, i) -> (MARK | i) & ~(0xFFL << (8 * b)))));
            return Combinators.combine(Arbitraries.of(places), value).as((addr, v) -> {
                String line = "poke " + addr + " " + Long.toUnsignedString(v);
                return Transformer.mutate(line, r -> {
                    r.stalePointers.add(Math.min(U32_MAX, addr + 8));
                    r.request(line, x -> x.poke(addr, v));
                });
            });
        }
    }

    /** Rewrites the link in a list's head: 0, a live header, another head, the end of memory, beyond it, unaligned. */
    static final class CorruptLink extends WhenReady {
        @Override
        public boolean precondition(ProposalRun run) {
            return run.ready() && !heads(run.model).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<ProposalRun>> transformer(ProposalRun run) {
            ProposalModel m = run.model;
            List<Long> heads = heads(m);
            List<Long> targets = new ArrayList<>(heads);
            for (long ptr : m.live.keySet()) {
                targets.add(ptr - 8);
                targets.add(ptr - 5);
            }
            long size = m.size();
            targets.add(0L);
            targets.add(size - 8);
            targets.add(size - 7);
            targets.add(size);
            targets.add(1L << 40);
            targets.add(-1L);
            Arbitrary<Long> link = Arbitraries.oneOf(Arbitraries.of(targets), Arbitraries.longs().between(0, U32_MAX));
            return Combinators.combine(Arbitraries.of(heads), link).as((addr, l) -> {
                String line = "poke " + addr + " " + Long.toUnsignedString(l);
                return request(line, x -> x.poke(addr, l));
            });
        }
    }

    private static List<Long> heads(ProposalModel m) {
        List<Long> heads = new ArrayList<>();
        for (long h : m.heads) {
            if (h != 0 && m.eightBytesInside(h)) {
                heads.add(h);
            }
        }
        return heads;
    }

    private static Arbitrary<Long> address(ProposalModel m) {
        long size = m.size();
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, Math.min(U32_MAX, size + 16)),
                Arbitraries.longs().between(Math.min(m.heapBase, U32_MAX), Math.min(U32_MAX, m.heapBase + 256)),
                Arbitraries.of(Math.max(0, size - 8), Math.max(0, size - 7), Math.min(U32_MAX, size), U32_MAX));
    }

    static final class PokeAnywhere extends WhenReady {
        @Override
        public Arbitrary<Transformer<ProposalRun>> transformer(ProposalRun run) {
            return Combinators.combine(address(run.model), Arbitraries.longs()).as((a, v) -> {
                String line = "poke " + a + " " + Long.toUnsignedString(v);
                return request(line, x -> x.poke(a, v));
            });
        }
    }

    static final class Peek extends WhenReady {
        @Override
        public Arbitrary<Transformer<ProposalRun>> transformer(ProposalRun run) {
            List<Arbitrary<Long>> choices = new ArrayList<>();
            choices.add(address(run.model));
            if (!run.model.live.isEmpty()) {
                choices.add(Arbitraries.of(new ArrayList<>(run.model.live.keySet())).map(p -> p - 8));
            }
            if (!heads(run.model).isEmpty()) {
                choices.add(Arbitraries.of(heads(run.model)));
            }
            return Arbitraries.oneOf(choices).map(a -> request("peek " + a, x -> x.peek(a)));
        }
    }

    static final class Grow extends WhenReady {
        @Override
        public Arbitrary<Transformer<ProposalRun>> transformer(ProposalRun run) {
            long room = run.model.maxPages - run.model.pages;
            return Arbitraries.oneOf(Arbitraries.longs().between(0, 3), Arbitraries.of(room, room + 1))
                    .map(d -> request("grow " + d, x -> x.grow(d)));
        }
    }

    static final class Truncate extends WhenReady {
        @Override
        public Arbitrary<Transformer<ProposalRun>> transformer(ProposalRun run) {
            int pages = run.model.pages;
            return Arbitraries.oneOf(Arbitraries.longs().between(0, pages), Arbitraries.just((long) pages + 1))
                    .map(p -> request("truncate " + p, x -> x.truncate(p)));
        }
    }

    /** stats and pages; before the first init they must answer not_initialized. */
    static final class Stats implements Action.Dependent<ProposalRun> {
        @Override
        public Arbitrary<Transformer<ProposalRun>> transformer(ProposalRun run) {
            return Arbitraries.of(request("stats", ProposalModel::stats), request("pages", ProposalModel::pagesResponse));
        }
    }
}
