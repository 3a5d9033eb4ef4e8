//go:build fba_no_occupied_check

package allocator

// The deliberately divergent build (tag fba_no_occupied_check): free forgets the header's
// occupied bit and takes its low 32 bits as the order even when they are a free-list link, so a
// double free is not reported as not_allocated.
const checkOccupiedBit = false
