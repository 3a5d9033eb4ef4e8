/* tree.c — a tree built and torn down, the way a runtime builds a trie of nodes with payloads:
 * an unbalanced binary search tree of random keys, each node with its own payload block of
 * 1..24 bytes; half the keys deleted again (a deleted node with two children takes its
 * successor's key and payload), the survivors' payloads replaced by larger ones, and the whole
 * tree freed, round after round. Checksum: an in-order walk of key and payload bytes before
 * each teardown, and the counts of hits and misses. */
#include "rt.h"

typedef struct node {
    struct node *left, *right;
    u32 key;
    u32 len;
    u8 *payload;
} node;

static u8 *make_payload(u32 key, u32 len) {
    u8 *p = rt_alloc(len);
    for (u32 i = 0; i < len; i++) p[i] = (u8)(key * 31 + i);
    return p;
}

static node *insert(node *t, u32 key, u32 *added) {
    node **link = &t;
    while (*link) {
        if (key == (*link)->key) return t;
        link = key < (*link)->key ? &(*link)->left : &(*link)->right;
    }
    node *n = rt_alloc(sizeof(node));
    n->left = n->right = 0;
    n->key = key;
    n->len = 1 + key % 24;
    n->payload = make_payload(key, n->len);
    *link = n;
    ++*added;
    return t;
}

static node *remove_key(node *t, u32 key, u32 *removed) {
    node **link = &t;
    while (*link && (*link)->key != key) link = key < (*link)->key ? &(*link)->left : &(*link)->right;
    node *n = *link;
    if (!n) return t;
    ++*removed;
    if (n->left && n->right) {
        node **s = &n->right;
        while ((*s)->left) s = &(*s)->left;
        node *succ = *s;
        rt_free(n->payload);
        n->key = succ->key;
        n->len = succ->len;
        n->payload = succ->payload;
        *s = succ->right;
        rt_free(succ);
    } else {
        *link = n->left ? n->left : n->right;
        rt_free(n->payload);
        rt_free(n);
    }
    return t;
}

static void regrow(node *t) {
    for (; t; t = t->right) {
        regrow(t->left);
        u32 len = t->len + 1 + t->key % 16;
        u8 *p = rt_alloc(len);
        for (u32 i = 0; i < len; i++) p[i] = i < t->len ? t->payload[i] : (u8)(t->key ^ i);
        rt_free(t->payload);
        t->payload = p;
        t->len = len;
    }
}

static u64 walk(const node *t, u64 h) {
    for (; t; t = t->right) {
        h = walk(t->left, h);
        h = mix(h, t->key);
        h = fnv(h, t->payload, t->len);
    }
    return h;
}

static void teardown(node *t) {
    while (t) {
        teardown(t->left);
        node *r = t->right;
        rt_free(t->payload);
        rt_free(t);
        t = r;
    }
}

RT_EXPORT("run") u64 run(u32 n) {
    rng_seed(0x7EE);
    u64 h = FNV_START;
    u32 added = 0, removed = 0;
    u32 per_round = 2000;
    for (u32 done = 0; done < n; done += per_round) {
        node *t = 0;
        u32 m = n - done < per_round ? n - done : per_round;
        for (u32 i = 0; i < m; i++) t = insert(t, rng() % 100000, &added);
        for (u32 i = 0; i < m; i++) t = remove_key(t, rng() % 100000, &removed);
        regrow(t);
        h = walk(t, h);
        teardown(t);
    }
    return mix(mix(h, added), removed);
}
