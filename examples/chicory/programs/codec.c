/* codec.c — a growable byte vector and a codec of nested lists, the way a runtime encodes and
 * decodes its values: each round builds a random tree of lists and integers (list children in
 * vectors that double), encodes it into a byte vector that doubles (malloc, copy, free), decodes
 * the bytes into a second tree, encodes that again and compares, then frees both trees.
 * Checksum: FNV over every encoding, and the count of rounds whose re-encoding matched. */
#include "rt.h"

typedef struct value {
    u32 is_list;
    u32 number;              /* when !is_list */
    u32 len, cap;            /* when is_list */
    struct value **items;
} value;

typedef struct {
    u8 *data;
    u32 len, cap;
} bytes;

static void push_byte(bytes *b, u8 x) {
    if (b->len == b->cap) {
        u32 cap = b->cap ? b->cap * 2 : 8;
        b->data = rt_grow(b->data, b->len, cap);
        b->cap = cap;
    }
    b->data[b->len++] = x;
}

/* SCALE's compact integers, single-, two- and four-byte modes (values below 2^30). */
static void push_compact(bytes *b, u32 v) {
    if (v < 64) {
        push_byte(b, (u8)(v << 2));
    } else if (v < 16384) {
        u32 x = (v << 2) | 1;
        push_byte(b, (u8)x);
        push_byte(b, (u8)(x >> 8));
    } else {
        u32 x = (v << 2) | 2;
        for (int i = 0; i < 4; i++) push_byte(b, (u8)(x >> (8 * i)));
    }
}

static u32 read_compact(const u8 *p, u32 *pos) {
    u32 mode = p[*pos] & 3;
    u32 x = 0;
    u32 n = mode == 0 ? 1 : mode == 1 ? 2 : 4;
    for (u32 i = 0; i < n; i++) x |= (u32)p[*pos + i] << (8 * i);
    *pos += n;
    return x >> 2;
}

static value *new_value(void) {
    value *v = rt_alloc(sizeof(value));
    v->is_list = 0;
    v->number = 0;
    v->len = v->cap = 0;
    v->items = 0;
    return v;
}

static void list_push(value *list, value *item) {
    if (list->len == list->cap) {
        u32 cap = list->cap ? list->cap * 2 : 2;
        list->items = rt_grow(list->items, list->len * sizeof(value *), cap * sizeof(value *));
        list->cap = cap;
    }
    list->items[list->len++] = item;
}

static value *random_value(u32 depth) {
    value *v = new_value();
    if (depth < 4 && rng() % 3 != 0) {
        v->is_list = 1;
        u32 n = rng() % (depth == 0 ? 12 : 7);
        for (u32 i = 0; i < n; i++) list_push(v, random_value(depth + 1));
    } else {
        u32 r = rng();
        v->number = r % 4 == 0 ? r >> 2 : r % 4 == 1 ? r % 16384 : r % 64;
    }
    return v;
}

static void encode(bytes *b, const value *v) {
    if (v->is_list) {
        push_byte(b, 1);
        push_compact(b, v->len);
        for (u32 i = 0; i < v->len; i++) encode(b, v->items[i]);
    } else {
        push_byte(b, 0);
        push_compact(b, v->number);
    }
}

static value *decode(const u8 *p, u32 *pos) {
    value *v = new_value();
    if (p[(*pos)++]) {
        v->is_list = 1;
        u32 n = read_compact(p, pos);
        for (u32 i = 0; i < n; i++) list_push(v, decode(p, pos));
    } else {
        v->number = read_compact(p, pos);
    }
    return v;
}

static void drop(value *v) {
    for (u32 i = 0; i < v->len; i++) drop(v->items[i]);
    if (v->items) rt_free(v->items);
    rt_free(v);
}

RT_EXPORT("run") u64 run(u32 n) {
    rng_seed(0xC0DEC);
    u64 h = FNV_START;
    u32 matched = 0;
    for (u32 round = 0; round < n; round++) {
        value *tree = random_value(0);
        bytes a = {0, 0, 0};
        encode(&a, tree);
        u32 pos = 0;
        value *copy = decode(a.data, &pos);
        drop(tree);
        bytes b = {0, 0, 0};
        encode(&b, copy);
        drop(copy);
        u32 same = pos == a.len && a.len == b.len;
        for (u32 i = 0; same && i < a.len; i++) same = a.data[i] == b.data[i];
        matched += same;
        h = fnv(h, b.data, b.len);
        rt_free(a.data);
        rt_free(b.data);
    }
    return mix(h, matched);
}
