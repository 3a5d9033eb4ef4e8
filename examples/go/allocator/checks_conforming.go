//go:build !fba_no_occupied_check

package allocator

// checkOccupiedBit: free refuses a header whose occupied bit (bit 32) is clear.
const checkOccupiedBit = true
