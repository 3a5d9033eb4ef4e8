#include "errors.h"

const char *fba_err_name(fba_err e) {
    switch (e) {
    case FBA_OK: return "ok";
    case FBA_TOO_LARGE: return "too_large";
    case FBA_OUT_OF_SPACE: return "out_of_space";
    case FBA_MEMORY_SHRANK: return "memory_shrank";
    case FBA_POISONED: return "poisoned";
    case FBA_INVALID_POINTER: return "invalid_pointer";
    case FBA_OUT_OF_BOUNDS: return "out_of_bounds";
    case FBA_NOT_ALLOCATED: return "not_allocated";
    case FBA_INVALID_ORDER: return "invalid_order";
    case FBA_INVALID_FREE_LIST: return "invalid_free_list";
    case FBA_STATS_UNDERFLOW: return "stats_underflow";
    case FBA_HEAP_BASE_WRAP: return "heap_base_wrap";
    case FBA_BUMPER_WRAP: return "bumper_wrap";
    case FBA_ALLOCATED_WRAP: return "allocated_wrap";
    case FBA_BAD_REQUEST: return "bad_request";
    case FBA_NOT_INITIALIZED: return "not_initialized";
    }
    return "internal_error";
}
