#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS 5 /* init and its four arguments */

typedef struct token {
    const char *p;
    size_t n;
} token;

typedef struct request {
    const char *line;
    size_t len;
    token tok[MAX_TOKENS];
    size_t count;
} request;

fba_session *session_new(int strict) {
    fba_session *s = calloc(1, sizeof *s);
    if (s == NULL) {
        fputs("fba-c: out of host memory\n", stderr);
        exit(3);
    }
    s->strict = strict;
    return s;
}

static void bad_request_start(fba_out *o) { out_str(o, "err bad_request "); }

static void bad_request(fba_out *o, const char *what, const request *r) {
    bad_request_start(o);
    out_str(o, what);
    out_str(o, " in ");
    out_quoted(o, r->line, r->len);
    out_str(o, "\n");
}

/* Splits on single spaces. Returns 0, or writes a bad_request response and returns -1. */
static int tokenize(request *r, fba_out *o) {
    size_t start = 0;
    r->count = 0;
    for (size_t i = 0; i <= r->len; i++) {
        if (i < r->len && r->line[i] != ' ') continue;
        if (i == start) {
            bad_request(o, "empty token (tokens are separated by exactly one space)", r);
            return -1;
        }
        if (r->count == MAX_TOKENS) {
            bad_request(o, "too many tokens", r);
            return -1;
        }
        r->tok[r->count].p = r->line + start;
        r->tok[r->count].n = i - start;
        r->count++;
        start = i + 1;
    }
    return 0;
}

static int token_is(const token *t, const char *word) {
    size_t n = strlen(word);
    return t->n == n && memcmp(t->p, word, n) == 0;
}

/* Parses argument `index` as an unsigned decimal in [0, max]. Returns 0, or responds and -1. */
static int parse_number(const request *r, size_t index, const char *name, uint64_t max,
                        uint64_t *value, fba_out *o) {
    const token *t = &r->tok[index];
    uint64_t v = 0;
    int too_big = 0;
    for (size_t i = 0; i < t->n; i++) {
        unsigned char c = (unsigned char)t->p[i];
        if (c < '0' || c > '9') {
            bad_request_start(o);
            out_str(o, name);
            out_str(o, " ");
            out_quoted(o, t->p, t->n);
            out_str(o, " is not an unsigned decimal number in ");
            out_quoted(o, r->line, r->len);
            out_str(o, "\n");
            return -1;
        }
        uint64_t d = (uint64_t)(c - '0');
        if (v > (UINT64_MAX - d) / 10u) too_big = 1; /* keep scanning: a later non-digit wins */
        else v = v * 10u + d;
    }
    if (too_big || v > max) {
        bad_request_start(o);
        out_str(o, name);
        out_str(o, " ");
        out_quoted(o, t->p, t->n);
        out_str(o, " is out of range 0..");
        out_u64(o, max);
        out_str(o, "\n");
        return -1;
    }
    *value = v;
    return 0;
}

static int expect_args(const request *r, size_t args, const char *usage, fba_out *o) {
    if (r->count == args + 1) return 0;
    bad_request_start(o);
    out_str(o, "expected \"");
    out_str(o, usage);
    out_str(o, "\", got ");
    out_quoted(o, r->line, r->len);
    out_str(o, "\n");
    return -1;
}

static void ok(fba_out *o) { out_str(o, "ok\n"); }

static void ok_value(fba_out *o, uint64_t v) {
    out_str(o, "ok ");
    out_u64(o, v);
    out_str(o, "\n");
}

/* "err <code> <request>: <message>"; the request is short here, it parsed */
static void error(fba_out *o, fba_err e, const request *r, const char *message) {
    out_str(o, "err ");
    out_str(o, fba_err_name(e));
    out_str(o, " ");
    out_bytes(o, r->line, r->len < 200 ? r->len : 200);
    out_str(o, ": ");
    out_str(o, message);
    out_str(o, "\n");
}

static int require_session(const fba_session *s, const request *r, fba_out *o) {
    if (s->active) return 0;
    error(o, FBA_NOT_INITIALIZED, r, "no session: send init first");
    return -1;
}

static void do_init(fba_session *s, const request *r, fba_out *o) {
    uint64_t base, initial, max;
    int offchain;
    if (expect_args(r, 4, "init <heap_base> <context> <initial_pages> <max_pages>", o)) return;
    if (parse_number(r, 1, "heap_base", UINT32_MAX, &base, o)) return;
    if (token_is(&r->tok[2], "onchain")) {
        offchain = 0;
    } else if (token_is(&r->tok[2], "offchain")) {
        offchain = 1;
    } else {
        bad_request_start(o);
        out_str(o, "context ");
        out_quoted(o, r->tok[2].p, r->tok[2].n);
        out_str(o, " is neither onchain nor offchain\n");
        return;
    }
    if (parse_number(r, 3, "initial_pages", FBA_MAX_PAGES, &initial, o)) return;
    if (parse_number(r, 4, "max_pages", FBA_MAX_PAGES, &max, o)) return;
    if (initial > max) {
        bad_request_start(o);
        out_str(o, "initial_pages ");
        out_u64(o, initial);
        out_str(o, " is above max_pages ");
        out_u64(o, max);
        out_str(o, "\n");
        return;
    }
    mem_reset(&s->mem, (uint32_t)initial, (uint32_t)max);
    fba_err e = fba_init(&s->alloc, &s->mem, (uint32_t)base, offchain, s->strict);
    s->active = e == FBA_OK;
    if (e != FBA_OK) error(o, e, r, s->alloc.message);
    else ok(o);
}

static void do_malloc(fba_session *s, const request *r, fba_out *o) {
    uint64_t size;
    uint32_t ptr;
    if (expect_args(r, 1, "malloc <size>", o)) return;
    if (parse_number(r, 1, "size", UINT32_MAX, &size, o)) return;
    if (require_session(s, r, o)) return;
    fba_err e = fba_malloc(&s->alloc, (uint32_t)size, &ptr);
    if (e != FBA_OK) error(o, e, r, s->alloc.message);
    else ok_value(o, ptr);
}

static void do_free(fba_session *s, const request *r, fba_out *o) {
    uint64_t ptr;
    if (expect_args(r, 1, "free <ptr>", o)) return;
    if (parse_number(r, 1, "ptr", UINT32_MAX, &ptr, o)) return;
    if (require_session(s, r, o)) return;
    fba_err e = fba_free(&s->alloc, (uint32_t)ptr);
    if (e != FBA_OK) error(o, e, r, s->alloc.message);
    else ok(o);
}

static void do_grow(fba_session *s, const request *r, fba_out *o) {
    uint64_t pages;
    if (expect_args(r, 1, "grow <pages>", o)) return;
    if (parse_number(r, 1, "pages", UINT32_MAX, &pages, o)) return;
    if (require_session(s, r, o)) return;
    if (s->mem.pages + pages > s->mem.max_pages) {
        char message[120];
        snprintf(message, sizeof message, "%llu + %llu pages is above max_pages %llu",
                 (unsigned long long)s->mem.pages, (unsigned long long)pages,
                 (unsigned long long)s->mem.max_pages);
        error(o, FBA_OUT_OF_SPACE, r, message);
        return;
    }
    mem_grow(&s->mem, (uint32_t)pages);
    ok(o);
}

static void do_truncate(fba_session *s, const request *r, fba_out *o) {
    uint64_t pages;
    if (expect_args(r, 1, "truncate <pages>", o)) return;
    if (parse_number(r, 1, "pages", UINT32_MAX, &pages, o)) return;
    if (require_session(s, r, o)) return;
    if (pages > s->mem.pages) {
        bad_request_start(o);
        out_str(o, "truncate to ");
        out_u64(o, pages);
        out_str(o, " pages is above the current ");
        out_u64(o, s->mem.pages);
        out_str(o, "\n");
        return;
    }
    mem_truncate(&s->mem, (uint32_t)pages);
    ok(o);
}

static int in_bounds(const fba_session *s, const request *r, uint64_t addr, fba_out *o) {
    if (addr + 8u <= mem_size(&s->mem)) return 1;
    char message[120];
    snprintf(message, sizeof message, "8 bytes at %llu lie outside memory of %llu bytes",
             (unsigned long long)addr, (unsigned long long)mem_size(&s->mem));
    error(o, FBA_OUT_OF_BOUNDS, r, message);
    return 0;
}

static void do_poke(fba_session *s, const request *r, fba_out *o) {
    uint64_t addr, value;
    if (expect_args(r, 2, "poke <addr> <u64>", o)) return;
    if (parse_number(r, 1, "addr", UINT32_MAX, &addr, o)) return;
    if (parse_number(r, 2, "value", UINT64_MAX, &value, o)) return;
    if (require_session(s, r, o)) return;
    if (!in_bounds(s, r, addr, o)) return;
    mem_write64(&s->mem, (uint32_t)addr, value);
    ok(o);
}

static void do_peek(fba_session *s, const request *r, fba_out *o) {
    uint64_t addr;
    if (expect_args(r, 1, "peek <addr>", o)) return;
    if (parse_number(r, 1, "addr", UINT32_MAX, &addr, o)) return;
    if (require_session(s, r, o)) return;
    if (!in_bounds(s, r, addr, o)) return;
    ok_value(o, mem_read64(&s->mem, (uint32_t)addr));
}

static void do_stats(fba_session *s, const request *r, fba_out *o) {
    if (expect_args(r, 0, "stats", o)) return;
    if (require_session(s, r, o)) return;
    const fba_allocator *a = &s->alloc;
    out_str(o, "ok ");
    out_u64(o, a->bytes_allocated);
    out_str(o, " ");
#ifdef FBA_PEAK_IS_CURRENT
    out_u64(o, a->bytes_allocated); /* planted fault: stats forget the peak */
#else
    out_u64(o, a->bytes_allocated_peak);
#endif
    out_str(o, " ");
    out_u128(o, a->sum_high, a->sum_low);
    out_str(o, " ");
    out_u64(o, a->address_space_used);
    out_str(o, "\n");
}

static void do_pages(fba_session *s, const request *r, fba_out *o) {
    if (expect_args(r, 0, "pages", o)) return;
    if (require_session(s, r, o)) return;
#ifdef FBA_PAGES_OFF_BY_ONE
    /* planted fault: one page too few once memory holds two or more */
    ok_value(o, s->mem.pages >= 2 ? s->mem.pages - 1 : s->mem.pages);
#else
    ok_value(o, s->mem.pages);
#endif
}

void session_execute(fba_session *s, const char *line, size_t len, fba_out *o) {
    if (len > 0 && line[len - 1] == '\r') len--;
    if (len == 0 || line[0] == '#') return;
    out_reserve_response(o);
    request r;
    r.line = line;
    r.len = len;
    if (tokenize(&r, o)) return;
    const token *cmd = &r.tok[0];
    if (token_is(cmd, "malloc")) do_malloc(s, &r, o);
    else if (token_is(cmd, "free")) do_free(s, &r, o);
    else if (token_is(cmd, "peek")) do_peek(s, &r, o);
    else if (token_is(cmd, "poke")) do_poke(s, &r, o);
    else if (token_is(cmd, "stats")) do_stats(s, &r, o);
    else if (token_is(cmd, "pages")) do_pages(s, &r, o);
    else if (token_is(cmd, "grow")) do_grow(s, &r, o);
    else if (token_is(cmd, "truncate")) do_truncate(s, &r, o);
    else if (token_is(cmd, "init")) do_init(s, &r, o);
    else {
        bad_request_start(o);
        out_str(o, "unknown command ");
        out_quoted(o, cmd->p, cmd->n);
        out_str(o, "\n");
    }
}
