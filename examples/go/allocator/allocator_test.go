package allocator

import "testing"

func TestTheOrderIsTheSmallestPowerOfTwoBlockThatHoldsTheSize(t *testing.T) {
	// given sizes on either side of order boundaries; then their orders
	for _, c := range []struct{ size, order uint32 }{
		{0, 0}, {1, 0}, {8, 0}, {9, 1}, {16, 1}, {17, 2}, {1 << 25, 22}, {1<<25 + 1, 23}, {1 << 31, 28},
	} {
		if got := orderOf(c.size); got != c.order {
			t.Errorf("orderOf(%d) = %d, want %d", c.size, got, c.order)
		}
	}
}

func TestGrowthDoublesStaysUnderTheMaximumAndCoversTheNeed(t *testing.T) {
	for _, c := range []struct{ current, max, required, want uint32 }{
		{3, 100, 4, 6}, {3, 5, 4, 5}, {0, 100, 2, 2}, {3, 100, 9, 9},
	} {
		if got := nextPages(c.current, c.max, c.required); got != c.want {
			t.Errorf("nextPages(%d, %d, %d) = %d, want %d", c.current, c.max, c.required, got, c.want)
		}
	}
}
