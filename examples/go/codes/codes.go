// Package codes holds the protocol's error codes (spec/protocol.md, "Error codes") and the error
// an allocator call returns.
package codes

// Code is one of the protocol's error codes; String gives its wire form.
type Code int

const (
	TooLarge Code = iota
	OutOfSpace
	MemoryShrank
	Poisoned
	InvalidPointer
	OutOfBounds
	NotAllocated
	InvalidOrder
	InvalidFreeList
	StatsUnderflow
	HeapBaseWrap
	BumperWrap
	AllocatedWrap
	BadRequest
	NotInitialized
)

var names = [...]string{
	TooLarge:        "too_large",
	OutOfSpace:      "out_of_space",
	MemoryShrank:    "memory_shrank",
	Poisoned:        "poisoned",
	InvalidPointer:  "invalid_pointer",
	OutOfBounds:     "out_of_bounds",
	NotAllocated:    "not_allocated",
	InvalidOrder:    "invalid_order",
	InvalidFreeList: "invalid_free_list",
	StatsUnderflow:  "stats_underflow",
	HeapBaseWrap:    "heap_base_wrap",
	BumperWrap:      "bumper_wrap",
	AllocatedWrap:   "allocated_wrap",
	BadRequest:      "bad_request",
	NotInitialized:  "not_initialized",
}

func (c Code) String() string { return names[c] }

// Error is what a failing call returns: the code the checker compares and a message for the
// person reading a diverging trace.
type Error struct {
	Code    Code
	Message string
}

func (e *Error) Error() string { return e.Code.String() + ": " + e.Message }
