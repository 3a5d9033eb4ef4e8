//! The freeing-bump allocator of spec/allocator.md, in the shape of sc-allocator's
//! `FreeingBumpHeapAllocator`: created with a heap base and a call context, then `allocate` and
//! `deallocate` each take the memory they work on.
//!
//! This is the file a host team replaces: keep the four public items `Context`, `Profile`,
//! `Stats` and `FreeingBump` (with `new`, `allocate`, `deallocate`, `stats`) and put the host's
//! own allocator behind them; the protocol loop (protocol.rs) only calls those.

use crate::codes::{AllocError, Code};
use crate::memory::{Memory, MAX_WASM_PAGES, PAGE_SIZE};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Onchain,
    Offchain,
}

/// `Substrate` mirrors sc-allocator's release build, u32 wraps included; `Strict` refuses where
/// it would wrap (allocator.md section 8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    Substrate,
    Strict,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    pub bytes_allocated: u32,
    pub bytes_allocated_peak: u32,
    pub bytes_allocated_sum: u128,
    pub address_space_used: u32,
}

const HEADER_SIZE: u32 = 8;
const NIL: u32 = u32::MAX;
const OCCUPIED: u64 = 1 << 32;
const MAX_ORDERS: usize = 29;

pub struct FreeingBump {
    profile: Profile,
    heap_base: u32,
    bumper: u32,
    /// Head of each order's free list (a header address, or NIL); only `orders` are used.
    heads: [u32; MAX_ORDERS],
    orders: u32,
    max_allocation: u32,
    poisoned: bool,
    last_observed_size: u64,
    stats: Stats,
}

type Outcome<T> = Result<T, AllocError>;

fn fail<T>(code: Code, message: String) -> Outcome<T> {
    Err(AllocError::new(code, message))
}

impl FreeingBump {
    /// A fresh allocator whose heap starts at `heap_base` rounded up to 8 (wrapping to 0 near
    /// 2^32 in the substrate profile, refused with `heap_base_wrap` in the strict one).
    pub fn new(heap_base: u32, context: Context, profile: Profile) -> Outcome<Self> {
        if profile == Profile::Strict && heap_base > u32::MAX - 7 {
            return fail(
                Code::HeapBaseWrap,
                format!("aligning heap_base {} to 8 would pass 2^32 - 1", heap_base),
            );
        }
        let aligned = heap_base.wrapping_add(7) / 8 * 8;
        let (orders, max_allocation) = match context {
            Context::Onchain => (23, 1 << 25),
            Context::Offchain => (29, 1 << 31),
        };
        Ok(FreeingBump {
            profile,
            heap_base: aligned,
            bumper: aligned,
            heads: [NIL; MAX_ORDERS],
            orders,
            max_allocation,
            poisoned: false,
            last_observed_size: 0,
            stats: Stats::default(),
        })
    }

    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Allocates `size` bytes and returns the address just after the block's header.
    pub fn allocate(&mut self, mem: &mut impl Memory, size: u32) -> Outcome<u32> {
        if self.poisoned {
            return fail(Code::Poisoned, "an earlier error poisoned the allocator".to_string());
        }
        let result = self.allocate_unpoisoned(mem, size);
        self.poisoned = result.is_err();
        result
    }

    /// Returns the block whose payload starts at `ptr` to its order's free list.
    pub fn deallocate(&mut self, mem: &mut impl Memory, ptr: u32) -> Outcome<()> {
        if self.poisoned {
            return fail(Code::Poisoned, "an earlier error poisoned the allocator".to_string());
        }
        let result = self.deallocate_unpoisoned(mem, ptr);
        self.poisoned = result.is_err();
        result
    }

    /// Memory may only grow between calls; the size seen at the start of each call is kept
    /// (not the size after this allocator's own growth: allocator.md section 7).
    fn observe_size(&mut self, mem: &impl Memory) -> Outcome<u64> {
        let size = mem.size();
        if size < self.last_observed_size {
            return fail(
                Code::MemoryShrank,
                format!("memory is {} bytes, it was {} at the previous call", size, self.last_observed_size),
            );
        }
        self.last_observed_size = size;
        Ok(size)
    }

    fn allocate_unpoisoned(&mut self, mem: &mut impl Memory, size: u32) -> Outcome<u32> {
        self.observe_size(mem)?;
        if size > self.max_allocation {
            return fail(
                Code::TooLarge,
                format!("size {} is above the largest allocation {}", size, self.max_allocation),
            );
        }
        let order = order_of(size);
        let need = (8u32 << order) + HEADER_SIZE;
        let head = self.heads[order as usize];
        let header = if head != NIL {
            self.pop(mem, order, head, need)?
        } else {
            self.bump(mem, need)?
        };
        // Either branch made sure the header lies inside memory.
        mem.write_le_u64(header, OCCUPIED | u64::from(order))
            .expect("the header of a block just carved lies inside memory");
        let stats = &mut self.stats;
        stats.bytes_allocated = stats.bytes_allocated.wrapping_add(need);
        stats.bytes_allocated_sum += u128::from(need);
        stats.bytes_allocated_peak = stats.bytes_allocated_peak.max(stats.bytes_allocated);
        stats.address_space_used = self.bumper.wrapping_sub(self.heap_base);
        Ok(header + HEADER_SIZE)
    }

    /// Takes the head of `order`'s free list, checking it first (allocator.md 4.1 step 5).
    fn pop(&mut self, mem: &impl Memory, order: u32, head: u32, need: u32) -> Outcome<u32> {
        if u64::from(head) + u64::from(need) > mem.size() {
            return fail(
                Code::InvalidFreeList,
                format!("free list {} starts at {}, whose block ends past memory of {} bytes", order, head, mem.size()),
            );
        }
        let raw = mem.read_le_u64(head).expect("checked above: the header lies inside memory");
        if raw & OCCUPIED != 0 {
            let stored = raw as u32;
            if stored >= self.orders {
                return fail(
                    Code::InvalidOrder,
                    format!("free list {} starts at {}, an occupied header of order {}", order, head, stored),
                );
            }
            return fail(
                Code::InvalidFreeList,
                format!("free list {} starts at {}, an occupied header", order, head),
            );
        }
        self.refuse_allocated_wrap(need)?;
        self.heads[order as usize] = raw as u32;
        Ok(head)
    }

    /// Carves a fresh block at the bumper, growing memory if it does not fit (allocator.md 6).
    fn bump(&mut self, mem: &mut impl Memory, need: u32) -> Outcome<u32> {
        let required = u64::from(self.bumper) + u64::from(need);
        if required > mem.size() {
            let required_pages = (required + u64::from(PAGE_SIZE) - 1) / u64::from(PAGE_SIZE);
            let current = mem.pages();
            let max = mem.max_pages().unwrap_or(MAX_WASM_PAGES);
            if current >= max {
                return fail(
                    Code::OutOfSpace,
                    format!("{} bytes at {} do not fit and memory is at its maximum of {} pages", need, self.bumper, max),
                );
            }
            if required_pages > u64::from(max) {
                return fail(
                    Code::OutOfSpace,
                    format!("{} bytes at {} need {} pages, above the maximum of {}", need, self.bumper, required_pages, max),
                );
            }
            self.refuse_wraps(required, need)?;
            // required_pages <= max <= 65536 here, so it fits in u32.
            let next = next_pages(current, max, required_pages as u32);
            if mem.grow(next - current).is_err() {
                return fail(
                    Code::OutOfSpace,
                    format!("growing memory from {} to {} pages failed", current, next),
                );
            }
        } else {
            self.refuse_wraps(required, need)?;
        }
        let header = self.bumper;
        self.bumper = self.bumper.wrapping_add(need); // anomaly A2 in the substrate profile
        Ok(header)
    }

    fn refuse_wraps(&self, required: u64, need: u32) -> Outcome<()> {
        if self.profile == Profile::Strict && required == 1 << 32 {
            return fail(
                Code::BumperWrap,
                format!("a block of {} bytes at {} would end at 4 GiB and wrap the bumper", need, self.bumper),
            );
        }
        self.refuse_allocated_wrap(need)
    }

    fn refuse_allocated_wrap(&self, need: u32) -> Outcome<()> {
        if self.profile == Profile::Strict
            && u64::from(self.stats.bytes_allocated) + u64::from(need) > u64::from(u32::MAX)
        {
            return fail(
                Code::AllocatedWrap,
                format!("{} allocated bytes plus {} would pass 2^32 - 1", self.stats.bytes_allocated, need),
            );
        }
        Ok(())
    }

    fn deallocate_unpoisoned(&mut self, mem: &mut impl Memory, ptr: u32) -> Outcome<()> {
        let size = self.observe_size(mem)?;
        if ptr < HEADER_SIZE {
            return fail(Code::InvalidPointer, format!("pointer {} is below 8", ptr));
        }
        let header = ptr - HEADER_SIZE;
        let raw = match mem.read_le_u64(header) {
            Some(raw) => raw,
            None => {
                return fail(
                    Code::OutOfBounds,
                    format!("the header at {} lies outside memory of {} bytes", header, size),
                )
            }
        };
        if raw & OCCUPIED == 0 {
            return fail(
                Code::NotAllocated,
                format!("the header at {} is free (double free or foreign pointer)", header),
            );
        }
        let order = raw as u32;
        if order >= self.orders {
            return fail(
                Code::InvalidOrder,
                format!("the header at {} holds order {}, the context has {}", header, order, self.orders),
            );
        }
        let head = &mut self.heads[order as usize];
        mem.write_le_u64(header, u64::from(*head))
            .expect("read above: the header lies inside memory");
        *head = header;
        let need = (8u32 << order) + HEADER_SIZE;
        // The block is already on its list when this fails: that is what sc-allocator does.
        if self.stats.bytes_allocated < need {
            return fail(
                Code::StatsUnderflow,
                format!("freeing {} bytes at {} but only {} are allocated", need, header, self.stats.bytes_allocated),
            );
        }
        self.stats.bytes_allocated -= need;
        Ok(())
    }
}

/// The smallest k with 8 * 2^k >= max(size, 8); size is at most 2^31 here.
fn order_of(size: u32) -> u32 {
    size.max(8).next_power_of_two().trailing_zeros() - 3
}

/// Growth policy: at least double, never past the maximum, never less than needed.
#[cfg(not(feature = "grow-exact"))]
fn next_pages(current: u32, max: u32, required: u32) -> u32 {
    (current * 2).min(max).max(required)
}

/// The deliberately divergent build: grows to exactly what the block needs.
#[cfg(feature = "grow-exact")]
fn next_pages(_current: u32, _max: u32, required: u32) -> u32 {
    required
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_is_the_smallest_power_of_two_block_that_holds_the_size() {
        // given sizes on either side of order boundaries; then their orders
        let cases = [(0, 0), (1, 0), (8, 0), (9, 1), (16, 1), (17, 2), (1 << 25, 22), ((1 << 25) + 1, 23), (1 << 31, 28)];
        for (size, order) in cases {
            assert_eq!(order_of(size), order, "size {}", size);
        }
    }

    #[cfg(not(feature = "grow-exact"))]
    #[test]
    fn growth_doubles_stays_under_the_maximum_and_covers_the_need() {
        assert_eq!(next_pages(3, 100, 4), 6);
        assert_eq!(next_pages(3, 5, 4), 5);
        assert_eq!(next_pages(0, 100, 2), 2);
        assert_eq!(next_pages(3, 100, 9), 9);
    }
}
