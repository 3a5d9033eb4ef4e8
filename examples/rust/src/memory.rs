//! The runtime's linear memory, as the allocator sees it (the `Memory` trait) and as this adapter
//! stores it (`SparseMemory`).
//!
//! sc-allocator's `FreeingBumpHeapAllocator::allocate`/`deallocate` take `&mut impl Memory`, a
//! trait with `pages`, `max_pages`, `grow` and slice access (`with_access`, `with_access_mut`);
//! the allocator itself only ever reads and writes one little-endian u64 header through that
//! slice. A memory of up to 4 GiB cannot be handed out as one slice without materialising it, so
//! this trait keeps sc-allocator's page calls and replaces the slice access by the two header
//! accesses the allocator makes. A host wiring its own memory implements these five methods on
//! top of its `with_access`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A Wasm page.
pub const PAGE_SIZE: u32 = 65536;
/// 4 GiB of 32-bit address space.
pub const MAX_WASM_PAGES: u32 = 65536;

pub trait Memory {
    /// The little-endian u64 at `addr` (any alignment), or `None` if `addr + 8` is past the end.
    fn read_le_u64(&self, addr: u32) -> Option<u64>;
    /// Writes `value` little-endian at `addr`; `Err` if `addr + 8` is past the end.
    fn write_le_u64(&mut self, addr: u32, value: u64) -> Result<(), ()>;
    /// Current size in pages.
    fn pages(&self) -> u32;
    /// The most pages this memory may grow to; `None` means the Wasm limit of 65536.
    fn max_pages(&self) -> Option<u32>;
    /// Grows by `additional` zeroed pages; `Err` (and no change) if that passes the limit.
    fn grow(&mut self, additional: u32) -> Result<(), ()>;
    /// Current size in bytes (up to 2^32, hence u64).
    fn size(&self) -> u64 {
        u64::from(self.pages()) * u64::from(PAGE_SIZE)
    }
}

/// Word indices are small integers written mostly in ascending runs: a multiplicative hash is
/// enough and much cheaper than the default SipHash.
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Up to 4 GiB that costs only what has been written: a map from 8-byte word index (address / 8)
/// to the word's value. Words never written, or written back to zero, are absent and read as 0.
/// An unaligned u64 straddles two words.
pub struct SparseMemory {
    words: HashMap<u32, u64, BuildHasherDefault<WordHasher>>,
    pages: u32,
    max_pages: u32,
}

impl SparseMemory {
    /// Fresh zeroed memory of `pages`, growable to `max_pages` (both at most 65536).
    pub fn new(pages: u32, max_pages: u32) -> Self {
        SparseMemory { words: HashMap::default(), pages, max_pages }
    }

    /// Fault injection (protocol `truncate`): shrink to `pages`; the bytes beyond are dropped, so
    /// they read as zero if memory grows again. The caller has checked `pages <= self.pages()`.
    pub fn truncate(&mut self, pages: u32) {
        let size = u64::from(pages) * u64::from(PAGE_SIZE);
        self.words.retain(|&word, _| u64::from(word) * 8 < size);
        self.pages = pages;
    }

    fn word(&self, index: u32) -> u64 {
        self.words.get(&index).copied().unwrap_or(0)
    }

    fn set_word(&mut self, index: u32, value: u64) {
        if value == 0 {
            self.words.remove(&index);
        } else {
            self.words.insert(index, value);
        }
    }

    fn in_bounds(&self, addr: u32) -> bool {
        u64::from(addr) + 8 <= self.size()
    }
}

impl Memory for SparseMemory {
    fn read_le_u64(&self, addr: u32) -> Option<u64> {
        if !self.in_bounds(addr) {
            return None;
        }
        let index = addr >> 3;
        let shift = (addr & 7) * 8;
        if shift == 0 {
            return Some(self.word(index));
        }
        // addr + 8 <= size and size is a multiple of 8, so word index + 1 lies inside memory.
        Some((self.word(index) >> shift) | (self.word(index + 1) << (64 - shift)))
    }

    fn write_le_u64(&mut self, addr: u32, value: u64) -> Result<(), ()> {
        if !self.in_bounds(addr) {
            return Err(());
        }
        let index = addr >> 3;
        let shift = (addr & 7) * 8;
        if shift == 0 {
            self.set_word(index, value);
            return Ok(());
        }
        let low_keep = (1u64 << shift) - 1; // bytes of the first word below addr
        let low = (self.word(index) & low_keep) | (value << shift);
        let high = (self.word(index + 1) & !low_keep) | (value >> (64 - shift));
        self.set_word(index, low);
        self.set_word(index + 1, high);
        Ok(())
    }

    fn pages(&self) -> u32 {
        self.pages
    }

    fn max_pages(&self) -> Option<u32> {
        Some(self.max_pages)
    }

    fn grow(&mut self, additional: u32) -> Result<(), ()> {
        if u64::from(self.pages) + u64::from(additional) > u64::from(self.max_pages) {
            return Err(());
        }
        self.pages += additional;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unaligned_u64_straddles_two_words_and_leaves_its_neighbours_alone() {
        // given a page whose first 24 bytes are all 0x11
        let mut mem = SparseMemory::new(1, 1);
        for addr in [0, 8, 16] {
            mem.write_le_u64(addr, 0x1111_1111_1111_1111).unwrap();
        }
        // when a u64 is written at address 5
        mem.write_le_u64(5, 0x8877_6655_4433_2211).unwrap();
        // then it reads back whole, and the bytes either side are untouched
        assert_eq!(mem.read_le_u64(5), Some(0x8877_6655_4433_2211));
        assert_eq!(mem.read_le_u64(0), Some(0x3322_1111_1111_1111));
        assert_eq!(mem.read_le_u64(8), Some(0x1111_1188_7766_5544));
        assert_eq!(mem.read_le_u64(16), Some(0x1111_1111_1111_1111));
    }

    #[test]
    fn the_last_eight_bytes_are_inside_and_one_more_is_outside() {
        // given one page
        let mut mem = SparseMemory::new(1, 2);
        // when / then
        assert!(mem.write_le_u64(65528, u64::MAX).is_ok());
        assert_eq!(mem.read_le_u64(65528), Some(u64::MAX));
        assert_eq!(mem.read_le_u64(65529), None);
        assert!(mem.write_le_u64(65529, 1).is_err());
        assert_eq!(mem.read_le_u64(u32::MAX), None);
    }

    #[test]
    fn truncated_bytes_read_as_zero_when_memory_grows_back() {
        // given two pages with a word on each
        let mut mem = SparseMemory::new(2, 2);
        mem.write_le_u64(8, 7).unwrap();
        mem.write_le_u64(65536, 9).unwrap();
        // when memory shrinks to one page and grows back
        mem.truncate(1);
        mem.grow(1).unwrap();
        // then the second page is zero again, the first kept its word
        assert_eq!(mem.read_le_u64(65536), Some(0));
        assert_eq!(mem.read_le_u64(8), Some(7));
    }

    #[test]
    fn growth_past_max_pages_fails_and_changes_nothing() {
        // given memory at 3 of 4 pages
        let mut mem = SparseMemory::new(3, 4);
        // when it is asked for 2 more, then for 1
        let too_much = mem.grow(2);
        let enough = mem.grow(1);
        // then the first fails without effect and the second succeeds
        assert!(too_much.is_err());
        assert!(enough.is_ok());
        assert_eq!(mem.pages(), 4);
        assert_eq!(mem.size(), 4 * 65536);
    }

    #[test]
    fn a_full_4_gib_memory_reads_its_last_word() {
        // given the largest memory
        let mut mem = SparseMemory::new(MAX_WASM_PAGES, MAX_WASM_PAGES);
        // when its last word is written
        mem.write_le_u64(u32::MAX - 7, 42).unwrap();
        // then it reads back and the size is 2^32
        assert_eq!(mem.read_le_u64(u32::MAX - 7), Some(42));
        assert_eq!(mem.size(), 1 << 32);
    }
}
