// Package allocator is the freeing-bump allocator of spec/allocator.md, in the shape of
// sc-allocator's FreeingBumpHeapAllocator: created with a heap base and a call context, then
// Allocate and Deallocate each take the memory they work on.
//
// This is the package a host team replaces: keep Context, Profile, Stats, New and the methods
// Allocate, Deallocate and Stats, and put the host's own allocator behind them; the protocol
// package only calls those. (checks_*.go hold the build-tag switch of the divergent variant.)
package allocator

import (
	"fmt"
	"math/bits"

	"fbago/codes"
	"fbago/memory"
)

type Context int

const (
	Onchain Context = iota
	Offchain
)

// Profile Substrate mirrors sc-allocator's release build, u32 wraps included; Strict refuses
// where it would wrap (allocator.md section 8).
type Profile int

const (
	Substrate Profile = iota
	Strict
)

type Stats struct {
	BytesAllocated     uint32
	BytesAllocatedPeak uint32
	// BytesAllocatedSum never wraps (u128 in sc-allocator): Hi*2^64 + Lo.
	BytesAllocatedSumHi, BytesAllocatedSumLo uint64
	AddressSpaceUsed                         uint32
}

const (
	headerSize = 8
	nilLink    = 0xFFFFFFFF
	occupied   = uint64(1) << 32
	maxOrders  = 29
)

type FreeingBump struct {
	profile          Profile
	heapBase, bumper uint32
	// heads holds the first header of each order's free list, or nilLink; `orders` are used.
	heads            [maxOrders]uint32
	orders           uint32
	maxAllocation    uint32
	poisoned         bool
	lastObservedSize uint64
	stats            Stats
}

func fail(code codes.Code, format string, args ...interface{}) *codes.Error {
	return &codes.Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// New is a fresh allocator whose heap starts at heapBase rounded up to 8 (wrapping to 0 near
// 2^32 in the substrate profile, refused with heap_base_wrap in the strict one).
func New(heapBase uint32, context Context, profile Profile) (*FreeingBump, *codes.Error) {
	if profile == Strict && heapBase > 0xFFFFFFFF-7 {
		return nil, fail(codes.HeapBaseWrap, "aligning heap_base %d to 8 would pass 2^32 - 1", heapBase)
	}
	aligned := (heapBase + 7) / 8 * 8 // uint32: wraps like sc-allocator (anomaly A1)
	a := &FreeingBump{profile: profile, heapBase: aligned, bumper: aligned}
	if context == Onchain {
		a.orders, a.maxAllocation = 23, 1<<25
	} else {
		a.orders, a.maxAllocation = 29, 1<<31
	}
	for i := range a.heads {
		a.heads[i] = nilLink
	}
	return a, nil
}

func (a *FreeingBump) Stats() Stats { return a.stats }

// Allocate allocates size bytes and returns the address just after the block's header.
func (a *FreeingBump) Allocate(mem memory.Memory, size uint32) (uint32, *codes.Error) {
	if a.poisoned {
		return 0, fail(codes.Poisoned, "an earlier error poisoned the allocator")
	}
	ptr, err := a.allocate(mem, size)
	a.poisoned = err != nil
	return ptr, err
}

// Deallocate returns the block whose payload starts at ptr to its order's free list.
func (a *FreeingBump) Deallocate(mem memory.Memory, ptr uint32) *codes.Error {
	if a.poisoned {
		return fail(codes.Poisoned, "an earlier error poisoned the allocator")
	}
	err := a.deallocate(mem, ptr)
	a.poisoned = err != nil
	return err
}

// observeSize: memory may only grow between calls; the size seen at the start of each call is
// kept, not the size after this allocator's own growth (allocator.md section 7).
func (a *FreeingBump) observeSize(mem memory.Memory) (uint64, *codes.Error) {
	size := memory.Size(mem)
	if size < a.lastObservedSize {
		return 0, fail(codes.MemoryShrank, "memory is %d bytes, it was %d at the previous call", size, a.lastObservedSize)
	}
	a.lastObservedSize = size
	return size, nil
}

// orderOf is the smallest k with 8 * 2^k >= max(size, 8); size is at most 2^31 here.
func orderOf(size uint32) uint32 {
	if size < 8 {
		size = 8
	}
	return uint32(bits.Len32(size-1)) - 3
}

func (a *FreeingBump) allocate(mem memory.Memory, size uint32) (uint32, *codes.Error) {
	if _, err := a.observeSize(mem); err != nil {
		return 0, err
	}
	if size > a.maxAllocation {
		return 0, fail(codes.TooLarge, "size %d is above the largest allocation %d", size, a.maxAllocation)
	}
	order := orderOf(size)
	need := uint32(8)<<order + headerSize
	var header uint32
	var err *codes.Error
	if head := a.heads[order]; head != nilLink {
		header, err = a.pop(mem, order, head, need)
	} else {
		header, err = a.bump(mem, need)
	}
	if err != nil {
		return 0, err
	}
	// Either branch made sure the header lies inside memory.
	if !mem.WriteUint64Le(header, occupied|uint64(order)) {
		panic(fmt.Sprintf("the header at %d of a block just carved lies outside memory", header))
	}
	s := &a.stats
	s.BytesAllocated += need // uint32: wraps like sc-allocator (anomaly A3)
	lo := s.BytesAllocatedSumLo + uint64(need)
	if lo < s.BytesAllocatedSumLo {
		s.BytesAllocatedSumHi++
	}
	s.BytesAllocatedSumLo = lo
	if s.BytesAllocated > s.BytesAllocatedPeak {
		s.BytesAllocatedPeak = s.BytesAllocated
	}
	s.AddressSpaceUsed = a.bumper - a.heapBase // uint32: wraps (anomaly A4)
	return header + headerSize, nil
}

// pop takes the head of order's free list, checking it first (allocator.md 4.1 step 5).
func (a *FreeingBump) pop(mem memory.Memory, order, head, need uint32) (uint32, *codes.Error) {
	if uint64(head)+uint64(need) > memory.Size(mem) {
		return 0, fail(codes.InvalidFreeList, "free list %d starts at %d, whose block ends past memory of %d bytes",
			order, head, memory.Size(mem))
	}
	raw, _ := mem.ReadUint64Le(head) // inside memory: checked above
	if raw&occupied != 0 {
		if stored := uint32(raw); stored >= a.orders {
			return 0, fail(codes.InvalidOrder, "free list %d starts at %d, an occupied header of order %d", order, head, stored)
		}
		return 0, fail(codes.InvalidFreeList, "free list %d starts at %d, an occupied header", order, head)
	}
	if err := a.refuseAllocatedWrap(need); err != nil {
		return 0, err
	}
	a.heads[order] = uint32(raw)
	return head, nil
}

// bump carves a fresh block at the bumper, growing memory if it does not fit (allocator.md 6).
func (a *FreeingBump) bump(mem memory.Memory, need uint32) (uint32, *codes.Error) {
	required := uint64(a.bumper) + uint64(need)
	if required > memory.Size(mem) {
		requiredPages := (required + memory.PageSize - 1) / memory.PageSize
		current := mem.Pages()
		max, limited := mem.MaxPages()
		if !limited {
			max = memory.MaxWasmPages
		}
		if current >= max {
			return 0, fail(codes.OutOfSpace, "%d bytes at %d do not fit and memory is at its maximum of %d pages",
				need, a.bumper, max)
		}
		if requiredPages > uint64(max) {
			return 0, fail(codes.OutOfSpace, "%d bytes at %d need %d pages, above the maximum of %d",
				need, a.bumper, requiredPages, max)
		}
		if err := a.refuseWraps(required, need); err != nil {
			return 0, err
		}
		next := nextPages(current, max, uint32(requiredPages)) // requiredPages <= max <= 65536
		if _, ok := mem.Grow(next - current); !ok {
			return 0, fail(codes.OutOfSpace, "growing memory from %d to %d pages failed", current, next)
		}
	} else if err := a.refuseWraps(required, need); err != nil {
		return 0, err
	}
	header := a.bumper
	a.bumper += need // uint32: wraps to 0 at 4 GiB in the substrate profile (anomaly A2)
	return header, nil
}

// nextPages is the growth policy: at least double, never past the maximum, never less than
// needed.
func nextPages(current, max, required uint32) uint32 {
	next := current * 2
	if next > max {
		next = max
	}
	if next < required {
		next = required
	}
	return next
}

func (a *FreeingBump) refuseWraps(required uint64, need uint32) *codes.Error {
	if a.profile == Strict && required == 1<<32 {
		return fail(codes.BumperWrap, "a block of %d bytes at %d would end at 4 GiB and wrap the bumper", need, a.bumper)
	}
	return a.refuseAllocatedWrap(need)
}

func (a *FreeingBump) refuseAllocatedWrap(need uint32) *codes.Error {
	if a.profile == Strict && uint64(a.stats.BytesAllocated)+uint64(need) > 0xFFFFFFFF {
		return fail(codes.AllocatedWrap, "%d allocated bytes plus %d would pass 2^32 - 1", a.stats.BytesAllocated, need)
	}
	return nil
}

func (a *FreeingBump) deallocate(mem memory.Memory, ptr uint32) *codes.Error {
	size, err := a.observeSize(mem)
	if err != nil {
		return err
	}
	if ptr < headerSize {
		return fail(codes.InvalidPointer, "pointer %d is below 8", ptr)
	}
	header := ptr - headerSize
	raw, ok := mem.ReadUint64Le(header)
	if !ok {
		return fail(codes.OutOfBounds, "the header at %d lies outside memory of %d bytes", header, size)
	}
	if checkOccupiedBit && raw&occupied == 0 {
		return fail(codes.NotAllocated, "the header at %d is free (double free or foreign pointer)", header)
	}
	order := uint32(raw)
	if order >= a.orders {
		return fail(codes.InvalidOrder, "the header at %d holds order %d, the context has %d", header, order, a.orders)
	}
	mem.WriteUint64Le(header, uint64(a.heads[order])) // inside memory: read above
	a.heads[order] = header
	need := uint32(8)<<order + headerSize
	// The block is already on its list when this fails: that is what sc-allocator does.
	if a.stats.BytesAllocated < need {
		return fail(codes.StatsUnderflow, "freeing %d bytes at %d but only %d are allocated", need, header, a.stats.BytesAllocated)
	}
	a.stats.BytesAllocated -= need
	return nil
}
