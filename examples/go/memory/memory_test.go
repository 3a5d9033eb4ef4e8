package memory

import "testing"

func TestAnUnalignedU64StraddlesTwoWordsAndLeavesItsNeighboursAlone(t *testing.T) {
	// given a page whose first 24 bytes are all 0x11
	mem := NewSparse(1, 1)
	for _, addr := range []uint32{0, 8, 16} {
		mem.WriteUint64Le(addr, 0x1111111111111111)
	}
	// when a u64 is written at address 5
	mem.WriteUint64Le(5, 0x8877665544332211)
	// then it reads back whole, and the bytes either side are untouched
	for _, c := range []struct {
		addr uint32
		want uint64
	}{{5, 0x8877665544332211}, {0, 0x3322111111111111}, {8, 0x1111118877665544}, {16, 0x1111111111111111}} {
		if got, ok := mem.ReadUint64Le(c.addr); !ok || got != c.want {
			t.Errorf("ReadUint64Le(%d) = %#x, %v; want %#x", c.addr, got, ok, c.want)
		}
	}
}

func TestTheLastEightBytesAreInsideAndOneMoreIsOutside(t *testing.T) {
	// given one page
	mem := NewSparse(1, 2)
	// when / then
	if !mem.WriteUint64Le(65528, ^uint64(0)) {
		t.Fatal("write at 65528 refused")
	}
	if got, ok := mem.ReadUint64Le(65528); !ok || got != ^uint64(0) {
		t.Errorf("ReadUint64Le(65528) = %#x, %v", got, ok)
	}
	if _, ok := mem.ReadUint64Le(65529); ok {
		t.Error("read at 65529 accepted")
	}
	if mem.WriteUint64Le(65529, 1) {
		t.Error("write at 65529 accepted")
	}
	if _, ok := mem.ReadUint64Le(0xFFFFFFFF); ok {
		t.Error("read at 2^32-1 accepted")
	}
}

func TestTruncatedBytesReadAsZeroWhenMemoryGrowsBack(t *testing.T) {
	// given two pages with a word on each
	mem := NewSparse(2, 2)
	mem.WriteUint64Le(8, 7)
	mem.WriteUint64Le(65536, 9)
	// when memory shrinks to one page and grows back
	mem.Truncate(1)
	if _, ok := mem.Grow(1); !ok {
		t.Fatal("grow back refused")
	}
	// then the second page is zero again, the first kept its word
	if got, _ := mem.ReadUint64Le(65536); got != 0 {
		t.Errorf("second page reads %d after truncate and grow", got)
	}
	if got, _ := mem.ReadUint64Le(8); got != 7 {
		t.Errorf("first page reads %d, want 7", got)
	}
}

func TestGrowthPastMaxPagesFailsAndChangesNothing(t *testing.T) {
	// given memory at 3 of 4 pages
	mem := NewSparse(3, 4)
	// when it is asked for 2 more, then for 1
	_, tooMuch := mem.Grow(2)
	previous, enough := mem.Grow(1)
	// then the first fails without effect and the second succeeds
	if tooMuch || !enough || previous != 3 || mem.Pages() != 4 || Size(mem) != 4*65536 {
		t.Errorf("grow(2) ok=%v, grow(1) ok=%v from %d, now %d pages", tooMuch, enough, previous, mem.Pages())
	}
}

func TestAFull4GiBMemoryReadsItsLastWord(t *testing.T) {
	// given the largest memory
	mem := NewSparse(MaxWasmPages, MaxWasmPages)
	// when its last word is written
	mem.WriteUint64Le(0xFFFFFFFF-7, 42)
	// then it reads back and the size is 2^32
	if got, ok := mem.ReadUint64Le(0xFFFFFFFF - 7); !ok || got != 42 || Size(mem) != 1<<32 {
		t.Errorf("last word %d, %v; size %d", got, ok, Size(mem))
	}
}
