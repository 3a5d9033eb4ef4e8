/* strsort.c — a sort of many short strings, the way a runtime sorts keys: n strings of 1..24
 * bytes, each in its own block, collected in a pointer vector that doubles, sorted by a merge
 * sort whose scratch arrays are allocated and freed per merge level; then duplicates are removed
 * (their blocks freed) and the rest freed. Checksum: the sorted strings in order and the count
 * of distinct ones. */
#include "rt.h"

typedef struct {
    u8 *bytes;
    u32 len;
} str;

static int cmp(const str *a, const str *b) {
    u32 n = a->len < b->len ? a->len : b->len;
    for (u32 i = 0; i < n; i++)
        if (a->bytes[i] != b->bytes[i]) return a->bytes[i] < b->bytes[i] ? -1 : 1;
    return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

/* Bottom-up merge sort: one scratch array per pass, freed after it. */
static str *merge_sort(str *v, u32 n) {
    for (u32 width = 1; width < n; width *= 2) {
        str *out = rt_alloc(n * sizeof(str));
        for (u32 lo = 0; lo < n; lo += 2 * width) {
            u32 mid = lo + width < n ? lo + width : n;
            u32 hi = lo + 2 * width < n ? lo + 2 * width : n;
            u32 i = lo, j = mid, k = lo;
            while (i < mid && j < hi) out[k++] = cmp(&v[j], &v[i]) < 0 ? v[j++] : v[i++];
            while (i < mid) out[k++] = v[i++];
            while (j < hi) out[k++] = v[j++];
        }
        rt_free(v);
        v = out;
    }
    return v;
}

RT_EXPORT("run") u64 run(u32 n) {
    rng_seed(0x5027);
    u64 h = FNV_START;
    u32 batch = 1000;
    u32 distinct = 0;
    for (u32 done = 0; done < n; done += batch) {
        u32 m = n - done < batch ? n - done : batch;
        str *v = 0;
        u32 len = 0, cap = 0;
        for (u32 i = 0; i < m; i++) {
            if (len == cap) {
                u32 c = cap ? cap * 2 : 4;
                v = rt_grow(v, len * sizeof(str), c * sizeof(str));
                cap = c;
            }
            str s;
            s.len = 1 + rng() % (rng() % 4 == 0 ? 24 : 4);
            s.bytes = rt_alloc(s.len);
            for (u32 j = 0; j < s.len; j++) s.bytes[j] = (u8)('a' + rng() % 6);
            v[len++] = s;
        }
        /* the sort's first scratch array replaces the vector: copy it to an exact-size block */
        str *exact = rt_grow(v, len * sizeof(str), (len ? len : 1) * sizeof(str));
        str *sorted = merge_sort(exact, len);
        for (u32 i = 0; i < len; i++) {
            if (i > 0 && cmp(&sorted[i - 1], &sorted[i]) == 0) {
                rt_free(sorted[i - 1].bytes);
                continue;
            }
            distinct++;
            if (i > 0) rt_free(sorted[i - 1].bytes);
            h = fnv(h, sorted[i].bytes, sorted[i].len);
            h = mix(h, sorted[i].len);
        }
        if (len) rt_free(sorted[len - 1].bytes);
        rt_free(sorted);
    }
    return mix(h, distinct);
}
