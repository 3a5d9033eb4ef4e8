/* Buffered protocol output: responses accumulate and go out in large writes. */
#ifndef FBA_WIRE_OUT_H
#define FBA_WIRE_OUT_H

#include <stddef.h>
#include <stdint.h>

/* Every response is shorter than this, so one check per response keeps the buffer safe. */
#define FBA_MAX_RESPONSE 1024u

typedef struct fba_out {
    char *buf;
    size_t len;
    size_t cap;
    int fd;
} fba_out;

void out_open(fba_out *o, int fd, size_t cap);
/* Writes everything buffered; exits quietly if the peer closed its end. */
void out_flush(fba_out *o);
/* Makes room for one more response. */
void out_reserve_response(fba_out *o);

void out_bytes(fba_out *o, const char *p, size_t n);
void out_str(fba_out *o, const char *s);
void out_u64(fba_out *o, uint64_t v);
/* the 128-bit number high * 2^64 + low */
void out_u128(fba_out *o, uint64_t high, uint64_t low);
/* an input token for an error message: at most 40 bytes, unprintable bytes as \xNN */
void out_quoted(fba_out *o, const char *p, size_t n);

#endif
