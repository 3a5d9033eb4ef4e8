#define _POSIX_C_SOURCE 200809L
#include "wire_out.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void out_open(fba_out *o, int fd, size_t cap) {
    o->buf = malloc(cap);
    if (o->buf == NULL) {
        fputs("fba-c: out of host memory\n", stderr);
        exit(3);
    }
    o->len = 0;
    o->cap = cap;
    o->fd = fd;
}

void out_flush(fba_out *o) {
    size_t done = 0;
    while (done < o->len) {
        ssize_t n = write(o->fd, o->buf + done, o->len - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            exit(0); /* the peer stopped reading: nobody is left to answer */
        }
        done += (size_t)n;
    }
    o->len = 0;
}

void out_reserve_response(fba_out *o) {
    if (o->cap - o->len < FBA_MAX_RESPONSE) out_flush(o);
}

void out_bytes(fba_out *o, const char *p, size_t n) {
    memcpy(o->buf + o->len, p, n);
    o->len += n;
}

void out_str(fba_out *o, const char *s) { out_bytes(o, s, strlen(s)); }

void out_u64(fba_out *o, uint64_t v) {
    char tmp[20];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0);
    out_bytes(o, tmp + i, sizeof tmp - i);
}

void out_u128(fba_out *o, uint64_t high, uint64_t low) {
    if (high == 0) {
        out_u64(o, low);
        return;
    }
    /* long division by 10 over four 32-bit limbs, most significant first */
    uint32_t limb[4] = {(uint32_t)(high >> 32), (uint32_t)high, (uint32_t)(low >> 32),
                        (uint32_t)low};
    char tmp[40];
    size_t i = sizeof tmp;
    for (;;) {
        uint64_t rem = 0;
        int zero = 1;
        for (int j = 0; j < 4; j++) {
            uint64_t cur = (rem << 32) | limb[j];
            limb[j] = (uint32_t)(cur / 10u);
            rem = cur % 10u;
            if (limb[j] != 0) zero = 0;
        }
        tmp[--i] = (char)('0' + rem);
        if (zero) break;
    }
    out_bytes(o, tmp + i, sizeof tmp - i);
}

void out_quoted(fba_out *o, const char *p, size_t n) {
    static const char hex[] = "0123456789abcdef";
    size_t shown = n > 40 ? 40 : n;
    out_bytes(o, "\"", 1);
    for (size_t i = 0; i < shown; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            out_bytes(o, (const char *)&c, 1);
        } else {
            char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
            out_bytes(o, esc, 4);
        }
    }
    out_bytes(o, "\"", 1);
    if (shown < n) {
        out_str(o, "... (");
        out_u64(o, n);
        out_str(o, " bytes)");
    }
}
