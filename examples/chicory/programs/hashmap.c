/* hashmap.c — a hash map from string keys to counters, the way a runtime keeps storage
 * overlays: chained buckets whose table doubles (rehash into a fresh table, old one freed) when
 * the load passes 3/4, keys copied into their own blocks, entries inserted, bumped and removed
 * at random, and every few thousand operations the whole map dropped and started again.
 * Checksum: every lookup's answer and the final contents, in bucket order (which depends on the
 * hashes of the keys only, never on addresses). */
#include "rt.h"

typedef struct entry {
    struct entry *next;
    u64 hash;
    u32 count;
    u32 key_len;
    u8 *key;
} entry;

typedef struct {
    entry **buckets;
    u32 nbuckets;
    u32 size;
} map;

static u64 hash_key(const u8 *k, u32 n) { return fnv(FNV_START, k, n); }

static void map_init(map *m) {
    m->nbuckets = 8;
    m->size = 0;
    m->buckets = rt_alloc(m->nbuckets * sizeof(entry *));
    for (u32 i = 0; i < m->nbuckets; i++) m->buckets[i] = 0;
}

static void rehash(map *m) {
    u32 nb = m->nbuckets * 2;
    entry **fresh = rt_alloc(nb * sizeof(entry *));
    for (u32 i = 0; i < nb; i++) fresh[i] = 0;
    /* walk each old chain from its head, pushing onto the new chains: the order within a new
     * chain is then a function of the keys alone */
    for (u32 i = 0; i < m->nbuckets; i++) {
        entry *e = m->buckets[i];
        while (e) {
            entry *next = e->next;
            u32 j = (u32)(e->hash % nb);
            e->next = fresh[j];
            fresh[j] = e;
            e = next;
        }
    }
    rt_free(m->buckets);
    m->buckets = fresh;
    m->nbuckets = nb;
}

static int same_key(const entry *e, const u8 *k, u32 n, u64 h) {
    if (e->hash != h || e->key_len != n) return 0;
    for (u32 i = 0; i < n; i++)
        if (e->key[i] != k[i]) return 0;
    return 1;
}

/* Adds 1 to the key's counter (inserting it at 1); returns the new count. */
static u32 bump(map *m, const u8 *k, u32 n) {
    u64 h = hash_key(k, n);
    u32 b = (u32)(h % m->nbuckets);
    for (entry *e = m->buckets[b]; e; e = e->next)
        if (same_key(e, k, n, h)) return ++e->count;
    entry *e = rt_alloc(sizeof(entry));
    e->key = rt_alloc(n);
    for (u32 i = 0; i < n; i++) e->key[i] = k[i];
    e->key_len = n;
    e->hash = h;
    e->count = 1;
    e->next = m->buckets[b];
    m->buckets[b] = e;
    if (++m->size * 4 > m->nbuckets * 3) rehash(m);
    return 1;
}

/* Removes the key; returns its count, or 0 if it was absent. */
static u32 take(map *m, const u8 *k, u32 n) {
    u64 h = hash_key(k, n);
    entry **link = &m->buckets[(u32)(h % m->nbuckets)];
    for (entry *e = *link; e; link = &e->next, e = *link) {
        if (same_key(e, k, n, h)) {
            u32 c = e->count;
            *link = e->next;
            rt_free(e->key);
            rt_free(e);
            m->size--;
            return c;
        }
    }
    return 0;
}

static u64 map_drop(map *m, u64 h) {
    for (u32 i = 0; i < m->nbuckets; i++) {
        entry *e = m->buckets[i];
        while (e) {
            entry *next = e->next;
            h = fnv(h, e->key, e->key_len);
            h = mix(h, e->count);
            rt_free(e->key);
            rt_free(e);
            e = next;
        }
    }
    rt_free(m->buckets);
    return mix(h, m->size);
}

/* A key like a storage key: a prefix, then 1..40 bytes from a small alphabet (so short keys repeat). */
static u32 random_key(u8 *k) {
    static const char prefix[] = "System:Account:";
    u32 n = 0;
    if (rng() % 2) {
        for (; prefix[n]; n++) k[n] = (u8)prefix[n];
    }
    u32 tail = 1 + rng() % (rng() % 8 == 0 ? 40 : 5);
    for (u32 i = 0; i < tail; i++) k[n++] = (u8)('a' + rng() % 12);
    return n;
}

RT_EXPORT("run") u64 run(u32 n) {
    rng_seed(0x4A54);
    u64 h = FNV_START;
    u8 key[64];
    map m;
    map_init(&m);
    for (u32 op = 0; op < n; op++) {
        u32 len = random_key(key);
        if (rng() % 4 == 0) {
            h = mix(h, take(&m, key, len));
        } else {
            h = mix(h, bump(&m, key, len));
        }
        if (op % 20000 == 19999) {
            h = map_drop(&m, h);
            map_init(&m);
        }
    }
    return map_drop(&m, h);
}
