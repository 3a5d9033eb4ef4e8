#!/usr/bin/env python3
"""Writes a seeded random request stream for differential runs (C build vs the Java reference).

The stream is steered by the answers of a live implementation (default: the C build), so frees
and pokes target real pointers and headers; the finished file is then replayed through both
implementations by diff_java.sh. usage: random_trace.py SEED SESSIONS OPS [IMPL_COMMAND...]
"""
import random
import subprocess
import sys

U32 = 2**32


def sizes(rng, max_size):
    k = rng.randrange(0, 32)
    p = 1 << k
    return rng.choice([0, 1, 7, 8, 9, p, p - 1, p + 1, max_size, max_size + 1,
                       rng.randrange(0, 4096), rng.randrange(0, U32), U32 - 1])


def init_line(rng):
    context = rng.choice(["onchain", "offchain"])
    max_pages = rng.choice([0, 1, 2, 3, 5, 16, 16, 100, 100, 65535, 65536, 65536, 65536,
                            rng.randrange(0, 65537)])
    initial = rng.choice([0, 1, max_pages, rng.randrange(0, max_pages + 1)])
    initial = min(initial, max_pages)
    # heap bases that end fresh blocks exactly at 4 GiB, wrap on alignment, or are ordinary
    needs = sum((8 << rng.randrange(0, 29)) + 8 for _ in range(rng.randrange(1, 3)))
    base = rng.choice([0, 1, 7, 8, 13, 1024, 65536 + 3, rng.randrange(0, 1 << 20),
                       rng.randrange(0, U32), U32 - 1, U32 - 7, U32 - 8, U32 - 9,
                       (U32 - needs) % U32, U32 - 16, U32 - 24])
    return "init %d %s %d %d" % (base, context, initial, max_pages), context


def junk(rng):
    return rng.choice([
        "malloc", "malloc 1 2", "free -1", "malloc 4294967296", "grow x", "poke 1",
        "peek 18446744073709551616", "init 0 onchain 2 1", "init 0 nochain 1 1",
        "init 0 onchain 1 65537", "stats 0", "pages 1", "MALLOC 1", "malloc +1", "malloc 0x10",
        "malloc 00000000000000000000000000000000000016", "truncate 4294967296", "hello",
        "malloc  1", " free 8", "free 8 ", "poke 0 18446744073709551616",
        "".join(chr(rng.randrange(33, 127)) for _ in range(rng.randrange(1, 20)))])


class Peer:
    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  universal_newlines=True, bufsize=1)

    def ask(self, line):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()
        if line.rstrip("\r") == "" or line.startswith("#"):
            return ""  # the protocol gives these lines no response
        return self.p.stdout.readline().rstrip("\n")

    def close(self):
        self.p.stdin.close()
        self.p.wait()


def session(rng, peer, out, ops):
    line, context = init_line(rng)
    max_size = 1 << (31 if context == "offchain" else 25)
    reply = peer.ask(line)
    out.append(line)
    live, freed, headers = [], [], []
    poisoned = False
    for _ in range(ops):
        pages_now = int(peer.ask("pages").split()[1]) if reply.startswith("ok") else 0
        size_now = pages_now * 65536
        r = rng.random()
        # a poisoned session teaches little more: usually start over
        if poisoned and rng.random() < 0.3:
            r = 1.0
        if r < 0.40:
            line = "malloc %d" % (sizes(rng, max_size) if rng.random() < 0.3
                                  else rng.choice([0, 1, 8, 9, 16, 17, 100, 512, 4096, 65536]))
        elif r < 0.65:
            pool = live if rng.random() < 0.9 else rng.choice([freed, headers])
            ptr = rng.choice(pool) if pool else rng.randrange(0, 64)
            if rng.random() < 0.02:
                ptr = rng.choice([0, 7, 8, size_now, size_now + 8, U32 - 1, rng.randrange(0, U32)])
            line = "free %d" % ptr
            if ptr in live:
                live.remove(ptr)
                freed.append(ptr)
        elif r < 0.68:
            target = rng.choice(live + freed + headers) - 8 if (live or freed) else rng.randrange(0, 64)
            target = max(target, 0)
            if rng.random() < 0.1:
                target = rng.choice([size_now - 8, size_now - 7, size_now, U32 - 8, rng.randrange(0, U32)])
            order = rng.choice([0, 1, 5, 22, 23, 28, 29, 30, U32 - 1])
            link = rng.choice([0xFFFFFFFF, 0, 8, 16, size_now, size_now - 8] + [p - 8 for p in live[:3] + freed[:3]])
            value = rng.choice([U32 + order, link, link | (rng.randrange(0, U32) << 33),
                                (U32 + order) | (rng.randrange(0, U32) << 33),
                                rng.randrange(0, 2**64)])
            line = "poke %d %d" % (target % U32, value)
        elif r < 0.78:
            base = rng.choice(live + freed) - 8 if (live or freed) else 0
            line = "peek %d" % rng.choice([max(base, 0), rng.randrange(0, size_now + 16), size_now - 8])
        elif r < 0.83:
            line = "grow %d" % rng.choice([0, 1, 2, 100, 65536, rng.randrange(0, 70000)])
        elif r < 0.87:
            line = "truncate %d" % rng.choice([pages_now, max(pages_now - 1, 0), 0, pages_now + 1,
                                               rng.randrange(0, pages_now + 1)])
        elif r < 0.93:
            line = rng.choice(["stats", "pages"])
        elif r < 0.97:
            line = junk(rng)
        else:
            line, context = init_line(rng)
            max_size = 1 << (31 if context == "offchain" else 25)
            live, freed = [], []
        reply = peer.ask(line)
        out.append(line)
        parts = reply.split() or ["none"]
        if line.startswith("init ") and parts[0] == "ok":
            poisoned = False
        elif parts[0] == "err" and parts[1] not in ("bad_request", "not_initialized") and (
                line.startswith("malloc ") or line.startswith("free ")):
            poisoned = True
        if line.startswith("malloc ") and len(parts) == 2 and parts[0] == "ok":
            live.append(int(parts[1]))
            headers.append(int(parts[1]))
            del headers[:-50]


def main():
    seed, sessions, ops = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    cmd = sys.argv[4:] or ["examples/c/build/fba-c"]
    rng = random.Random(seed)
    peer = Peer(cmd)
    out = ["# random_trace.py seed %d sessions %d ops %d" % (seed, sessions, ops)]
    for _ in range(sessions):
        session(rng, peer, out, ops)
    peer.close()
    print("\n".join(out))


if __name__ == "__main__":
    main()
