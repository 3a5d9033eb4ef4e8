/* The protocol's error codes (spec/protocol.md, "Error codes"). */
#ifndef FBA_ERRORS_H
#define FBA_ERRORS_H

typedef enum fba_err {
    FBA_OK = 0,
    FBA_TOO_LARGE,
    FBA_OUT_OF_SPACE,
    FBA_MEMORY_SHRANK,
    FBA_POISONED,
    FBA_INVALID_POINTER,
    FBA_OUT_OF_BOUNDS,
    FBA_NOT_ALLOCATED,
    FBA_INVALID_ORDER,
    FBA_INVALID_FREE_LIST,
    FBA_STATS_UNDERFLOW,
    FBA_HEAP_BASE_WRAP,
    FBA_BUMPER_WRAP,
    FBA_ALLOCATED_WRAP,
    FBA_BAD_REQUEST,
    FBA_NOT_INITIALIZED
} fba_err;

/* Wire name of a code, e.g. "too_large". */
const char *fba_err_name(fba_err e);

#endif
