package fba.check.generate;

import fba.check.generate.SessionGenerator.Kind;
import fba.core.FreeingBumpAllocator;

/**
 * The body of a phase: valid traffic drawn against the reference's state (allocations sized
 * across every order, reuse of freed orders, frees in LIFO and random order, header and payload
 * peeks, payload pokes, stats, growth) with a few malformed lines and comments among it.
 */
final class BodyTraffic {

    private static final long U32 = 0xFFFFFFFFL;

    private final SessionGenerator g;

    BodyTraffic(SessionGenerator g) {
        this.g = g;
    }

    /** The next request of a phase's body, as request {@code id}. */
    Request next(int id) {
        int w = g.rng().below(1000);
        if (g.kind() == Kind.FILL) {
            w = w < 650 ? 0 : w - 300;
        }
        if (w < 330) {
            return mallocRequest(id, false);
        }
        if (w < 420) {
            return mallocRequest(id, true);
        }
        if (w < 690) {
            return freeRequest(id);
        }
        if (w < 750) {
            return peekRequest(id);
        }
        if (w < 790) {
            return pokePayload(id);
        }
        if (w < 840) {
            return Request.of(id, "stats");
        }
        if (w < 870) {
            return Request.of(id, "pages");
        }
        if (w < 900) {
            return growRequest(id);
        }
        if (w < 920) {
            return Malformed.pick(g.rng(), id, g.memoryPages());
        }
        if (w < 925) {
            return Request.raw(id, g.rng().percent(70) ? "# comment: no response is owed" : "");
        }
        if (w < 935) {
            return Request.of(id, "truncate", g.memoryPages());
        }
        return mallocRequest(id, false);
    }

    private Request mallocRequest(int id, boolean reuse) {
        int order;
        if (reuse && !g.freed().isEmpty()) {
            order = g.freed().get(g.rng().below(g.freed().size())).order;
        } else if (g.rng().percent(10)) {
            return Request.of(id, "malloc", boundarySize());
        } else {
            int r = g.rng().below(100);
            int top = g.maxOrder();
            if (g.kind() == Kind.BIG && g.rng().percent(30)) {
                order = (int) g.rng().range(15, top);
            } else if (g.kind() == Kind.FILL) {
                order = (int) g.rng().range(4, Math.min(top, 18));
            } else if (g.kind() == Kind.TOP) {
                order = g.rng().below(4);
            } else {
                order = r < 65 ? g.rng().below(6) : r < 90 ? (int) g.rng().range(6, 12) : (int) g.rng().range(13, top);
            }
        }
        if (g.kind() != Kind.FILL) {
            while (order > 0 && !g.fits(order)) {
                order--;
            }
            if (!g.fits(order) && !g.live().isEmpty()) {
                return freeRequest(id);
            }
        }
        return Request.of(id, "malloc", g.sizeOfOrder(order));
    }

    /** 0, 2^k, 2^k+1 and 2^k-1 for a k the context accepts, and the context's maximum. */
    private long boundarySize() {
        long max = g.maxAllocation();
        int k = g.rng().below(g.maxOrder() + 4);
        long v = g.rng().pick(0, 1L << k, (1L << k) + 1, (1L << k) - 1, max, max - 1);
        v = Math.min(v, max);
        int order = FreeingBumpAllocator.orderOf(v);
        if (g.kind() != Kind.FILL && !g.fits(order)) {
            return 8;
        }
        return v;
    }

    private Request freeRequest(int id) {
        if (g.live().isEmpty()) {
            return mallocRequest(id, g.freed().isEmpty() ? false : true);
        }
        Block b = g.rng().percent(50) ? g.live().get(g.live().size() - 1) : g.live().get(g.rng().below(g.live().size()));
        return Request.of(id, "free", b.ptr).tie(0, b.id, 0, b.ptr);
    }

    private Request peekRequest(int id) {
        long size = g.memorySize();
        int r = g.rng().below(100);
        if (r < 35 && !g.live().isEmpty()) {
            Block b = g.live().get(g.rng().below(g.live().size()));
            return Request.of(id, "peek", b.ptr - 8).tie(0, b.id, -8, b.ptr - 8);
        }
        if (r < 60 && !g.freed().isEmpty()) {
            Block b = g.freed().get(g.rng().below(g.freed().size()));
            return Request.of(id, "peek", b.ptr - 8).tie(0, b.id, -8, b.ptr - 8);
        }
        if (r < 72 && !g.live().isEmpty()) {
            Block b = g.live().get(g.rng().below(g.live().size()));
            long off = 8 * g.rng().range(0, Math.max(0, ((8L << b.order) - 8) / 8));
            return Request.of(id, "peek", b.ptr + off).tie(0, b.id, off, b.ptr + off);
        }
        if (r < 82 && size >= 8) {
            return Request.of(id, "peek", g.rng().range(0, (size - 8) / 8) * 8);
        }
        if (r < 88 && size >= 8) {
            return Request.of(id, "peek", size - 8);
        }
        if (r < 94) {
            return Request.of(id, "peek", Math.min(U32, size - 7 + g.rng().range(0, 8)));
        }
        return Request.of(id, "peek", size >= 16 ? g.rng().range(0, size - 8) : g.rng().range(0, U32));
    }

    private Request pokePayload(int id) {
        if (g.live().isEmpty()) {
            return peekRequest(id);
        }
        Block b = g.live().get(g.rng().below(g.live().size()));
        long off = 8 * g.rng().range(0, Math.max(0, ((8L << b.order) - 8) / 8));
        long value = g.rng().percent(30) ? g.rng().nextLong() : g.rng().percent(50) ? g.occupiedHeader(g.rng().below(40)) : g.rng().range(0, U32);
        return Request.of(id, "poke", b.ptr + off, value).tie(0, b.id, off, b.ptr + off);
    }

    private Request growRequest(int id) {
        long pages = g.memoryPages();
        switch (g.rng().below(12)) {
            case 0:
                return Request.of(id, "grow", Math.max(0, g.maxPages() - pages));
            case 2:
                return Request.of(id, "grow", g.maxPages() - pages + 1);
            case 3:
                return Request.of(id, "grow", g.rng().pick(U32, 65537, 1L << 31));
            default:
                return Request.of(id, "grow", g.rng().range(0, 2));
        }
    }

    /** A request sent before any init (each answered not_initialized or bad_request). */
    Request cheap(int id) {
        switch (g.rng().below(5)) {
            case 0:
                return Request.of(id, "malloc", g.rng().range(0, 64));
            case 1:
                return Request.of(id, "free", 8 * g.rng().range(1, 8));
            case 2:
                return Request.of(id, "stats");
            case 3:
                return Request.of(id, "pages");
            default:
                return Request.of(id, "peek", 8 * g.rng().range(0, 8));
        }
    }
}
