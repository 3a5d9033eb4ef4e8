// Package memory is the runtime's linear memory as the allocator sees it (the Memory interface)
// and as this adapter stores it (Sparse).
package memory

// PageSize is a Wasm page; MaxWasmPages pages make the 4 GiB of 32-bit address space.
const (
	PageSize     = 65536
	MaxWasmPages = 65536
)

// Memory is what the allocator needs from the runtime. The names follow the Go Wasm runtimes
// (wazero's api.Memory: ReadUint64Le, WriteUint64Le, Grow), which a Go host such as Gossamer
// hands its allocator; the size is in pages because 4 GiB in bytes does not fit a uint32.
type Memory interface {
	// ReadUint64Le reads the little-endian u64 at offset (any alignment); false if offset+8 is
	// past the end.
	ReadUint64Le(offset uint32) (uint64, bool)
	// WriteUint64Le writes v little-endian at offset; false (and no change) if offset+8 is past
	// the end.
	WriteUint64Le(offset uint32, v uint64) bool
	// Pages is the current size in pages.
	Pages() uint32
	// MaxPages is the most pages the memory may grow to; false means the Wasm limit of 65536.
	MaxPages() (uint32, bool)
	// Grow adds deltaPages zeroed pages and returns the previous page count; false (and no
	// change) if that passes the limit.
	Grow(deltaPages uint32) (uint32, bool)
}

// Size is the memory size in bytes (up to 2^32, hence uint64).
func Size(m Memory) uint64 { return uint64(m.Pages()) * PageSize }

// Sparse is up to 4 GiB that costs only what has been written: a map from 8-byte word index
// (address / 8) to the word. Words never written, or written back to zero, are absent and read
// as 0. An unaligned u64 straddles two words.
type Sparse struct {
	words    map[uint32]uint64
	pages    uint32
	maxPages uint32
}

// NewSparse is fresh zeroed memory of pages, growable to maxPages (both at most 65536).
func NewSparse(pages, maxPages uint32) *Sparse {
	return &Sparse{words: make(map[uint32]uint64), pages: pages, maxPages: maxPages}
}

// Truncate is fault injection (protocol truncate): shrink to pages, which the caller has checked
// is at most Pages(). The bytes beyond are dropped, so they read as zero if memory grows again.
func (s *Sparse) Truncate(pages uint32) {
	size := uint64(pages) * PageSize
	for word := range s.words {
		if uint64(word)*8 >= size {
			delete(s.words, word)
		}
	}
	s.pages = pages
}

func (s *Sparse) setWord(index uint32, v uint64) {
	if v == 0 {
		delete(s.words, index)
	} else {
		s.words[index] = v
	}
}

func (s *Sparse) inBounds(offset uint32) bool {
	return uint64(offset)+8 <= uint64(s.pages)*PageSize
}

func (s *Sparse) ReadUint64Le(offset uint32) (uint64, bool) {
	if !s.inBounds(offset) {
		return 0, false
	}
	index, shift := offset>>3, (offset&7)*8
	if shift == 0 {
		return s.words[index], true
	}
	// offset+8 <= size and size is a multiple of 8, so word index+1 lies inside memory.
	return s.words[index]>>shift | s.words[index+1]<<(64-shift), true
}

func (s *Sparse) WriteUint64Le(offset uint32, v uint64) bool {
	if !s.inBounds(offset) {
		return false
	}
	index, shift := offset>>3, (offset&7)*8
	if shift == 0 {
		s.setWord(index, v)
		return true
	}
	lowKeep := uint64(1)<<shift - 1 // bytes of the first word below offset
	s.setWord(index, s.words[index]&lowKeep|v<<shift)
	s.setWord(index+1, s.words[index+1]&^lowKeep|v>>(64-shift))
	return true
}

func (s *Sparse) Pages() uint32 { return s.pages }

func (s *Sparse) MaxPages() (uint32, bool) { return s.maxPages, true }

func (s *Sparse) Grow(deltaPages uint32) (uint32, bool) {
	previous := s.pages
	if uint64(previous)+uint64(deltaPages) > uint64(s.maxPages) {
		return previous, false
	}
	s.pages += deltaPages
	return previous, true
}
