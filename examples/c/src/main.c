/* fba-c: the freeing-bump allocator speaking the fba line protocol on stdin/stdout.
 * Usage: fba-c [--profile substrate|strict]   (or FBA_PROFILE=strict in the environment) */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "session.h"
#include "wire_out.h"

#define IO_BUFFER (1u << 20)
/* A valid request is short, but leading zeros make any length legal; past this we give up. */
#define MAX_LINE (64u << 20)

static int profile_is_strict(const char *name, int *strict) {
    if (strcmp(name, "substrate") == 0) *strict = 0;
    else if (strcmp(name, "strict") == 0) *strict = 1;
    else return -1;
    return 0;
}

static void usage(FILE *f) {
    fputs("usage: fba-c [--profile substrate|strict]\n"
          "Reads fba protocol requests (spec/protocol.md) on stdin, one response per line on\n"
          "stdout. The profile may also come from FBA_PROFILE; the flag wins.\n",
          f);
}

static int parse_args(int argc, char **argv, int *strict) {
    const char *env = getenv("FBA_PROFILE");
    *strict = 0;
    if (env != NULL && env[0] != '\0' && profile_is_strict(env, strict)) {
        fprintf(stderr, "fba-c: FBA_PROFILE=%s is neither substrate nor strict\n", env);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
        const char *value = NULL;
        if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) value = argv[++i];
        else if (strncmp(argv[i], "--profile=", 10) == 0) value = argv[i] + 10;
        if (value == NULL || profile_is_strict(value, strict)) {
            fprintf(stderr, "fba-c: unexpected argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    return -1;
}

/* True if a read on stdin would not block, i.e. the peer has already sent more. */
static int input_waiting(void) {
    struct pollfd p = {.fd = 0, .events = POLLIN, .revents = 0};
    return poll(&p, 1, 0) > 0;
}

typedef struct input {
    char *buf;
    size_t cap;
    size_t start; /* first unconsumed byte */
    size_t end;   /* one past the last byte read */
    int eof;
    int discarding; /* inside an over-long line, skipping to its end */
} input;

/* Reads more bytes, flushing pending answers first if the read would block. */
static void fill(input *in, fba_out *out) {
    if (in->start > 0) {
        memmove(in->buf, in->buf + in->start, in->end - in->start);
        in->end -= in->start;
        in->start = 0;
    }
    if (in->end == in->cap) {
        char *bigger = in->cap < MAX_LINE ? realloc(in->buf, in->cap * 2) : NULL;
        if (bigger != NULL) {
            in->buf = bigger;
            in->cap *= 2;
        } else {
            /* answer now, then drop the rest of the line */
            out_reserve_response(out);
            out_str(out, "err bad_request line longer than ");
            out_u64(out, in->cap);
            out_str(out, " bytes\n");
            in->end = 0;
            in->discarding = 1;
        }
    }
    if (out->len > 0 && !input_waiting()) out_flush(out);
    for (;;) {
        ssize_t n = read(0, in->buf + in->end, in->cap - in->end);
        if (n > 0) {
            in->end += (size_t)n;
            return;
        }
        if (n == 0) {
            in->eof = 1;
            return;
        }
        if (errno != EINTR) {
            in->eof = 1;
            return;
        }
    }
}

int main(int argc, char **argv) {
    int strict;
    int rc = parse_args(argc, argv, &strict);
    if (rc >= 0) return rc;
    signal(SIGPIPE, SIG_IGN); /* a closed stdout shows up as a write error instead */

    fba_session *session = session_new(strict);
    fba_out out;
    out_open(&out, 1, IO_BUFFER);
    input in = {.buf = malloc(IO_BUFFER), .cap = IO_BUFFER, .start = 0, .end = 0, .eof = 0,
                .discarding = 0};
    if (in.buf == NULL) {
        fputs("fba-c: out of host memory\n", stderr);
        return 3;
    }
    for (;;) {
        char *line = in.buf + in.start;
        char *nl = memchr(line, '\n', in.end - in.start);
        if (nl != NULL) {
            if (!in.discarding) session_execute(session, line, (size_t)(nl - line), &out);
            in.discarding = 0;
            in.start = (size_t)(nl - in.buf) + 1;
            continue;
        }
        if (in.eof) {
            /* a last line without '\n' still counts */
            if (!in.discarding && in.end > in.start) {
                session_execute(session, line, in.end - in.start, &out);
            }
            break;
        }
        if (in.discarding) in.start = in.end; /* nothing before the newline matters */
        fill(&in, &out);
    }
    out_flush(&out);
    return 0;
}
