/* Executes protocol request lines (spec/protocol.md) against one allocator session. */
#ifndef FBA_SESSION_H
#define FBA_SESSION_H

#include <stddef.h>

#include "allocator.h"
#include "sparse_memory.h"
#include "wire_out.h"

typedef struct fba_session {
    fba_memory mem;
    fba_allocator alloc;
    int active; /* an init succeeded and no strict init was refused since */
    int strict; /* profile of every session started here */
} fba_session;

/* A zeroed, inactive session; exits if the host has no memory for it. */
fba_session *session_new(int strict);

/* Executes one line (without its '\n') and appends its response, if it has one, to out. */
void session_execute(fba_session *s, const char *line, size_t len, fba_out *out);

#endif
