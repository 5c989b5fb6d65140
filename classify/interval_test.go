package classify

import (
	"fmt"
	"testing"
)

// TestFlaggedInterval holds the interval beside each share flagged: the
// Wilson interval when the texts are independent, wider when whole pages
// are flagged or missed together, and the same on every run.
func TestFlaggedInterval(t *testing.T) {
	t.Parallel()
	near := func(got, want float64) bool { return got > want-0.002 && got < want+0.002 }
	// 32 of 40 texts, each from its own page: Wilson's 0.652-0.895, the
	// bootstrap a little wider at the top (the normal approximation's
	// 0.676-0.924)
	pages := map[string][2]int{}
	for i := range 40 {
		pages[fmt.Sprint("p", i)] = [2]int{1, min(1, max(0, 32-i))}
	}
	if lo, hi := flaggedInterval(32, 40, pages); !near(lo, 0.652) || hi < 0.895 || hi > 0.95 {
		t.Errorf("32/40 over 40 pages: %.3f-%.3f, want 0.652 and 0.895-0.95", lo, hi)
	}
	// 50 of 100 from ten pages of ten, five pages wholly flagged and five
	// wholly missed: the texts of a page are one draw, and the interval is
	// far wider than Wilson's 0.404-0.596 for 100 independent texts.
	pages = map[string][2]int{}
	for i := range 10 {
		pages[fmt.Sprint("p", i)] = [2]int{10, 10 * (i % 2)}
	}
	lo, hi := flaggedInterval(50, 100, pages)
	if lo > 0.25 || hi < 0.75 {
		t.Errorf("50/100 in five all-flagged and five all-missed pages: %.3f-%.3f, want at least 0.25-0.75", lo, hi)
	}
	for range 3 {
		if lo2, hi2 := flaggedInterval(50, 100, pages); lo2 != lo || hi2 != hi {
			t.Errorf("not deterministic: %.3f-%.3f then %.3f-%.3f", lo, hi, lo2, hi2)
		}
	}
	// one page: the bootstrap has nothing to resample, Wilson holds
	if lo, hi := flaggedInterval(3, 4, map[string][2]int{"p": {4, 3}}); !near(lo, 0.301) || !near(hi, 0.954) {
		t.Errorf("3/4 on one page: %.3f-%.3f, want 0.301-0.954", lo, hi)
	}
	// 1,000 pages of ten, half wholly flagged: the cluster-robust normal
	// interval, 0.5 ± 1.96·0.0158, three times Wilson's ± 0.0098
	pages = map[string][2]int{}
	for i := range 1000 {
		pages[fmt.Sprint("p", i)] = [2]int{10, 10 * (i % 2)}
	}
	if lo, hi := flaggedInterval(5000, 10000, pages); !near(lo, 0.469) || !near(hi, 0.531) {
		t.Errorf("5000/10000 in 1,000 pages: %.3f-%.3f, want 0.469-0.531", lo, hi)
	}
	// and 10,000 texts of no page (each its own group): Wilson's
	pages = map[string][2]int{}
	for i := range 10000 {
		pages[fmt.Sprint("id:", i)] = [2]int{1, i % 2}
	}
	if lo, hi := flaggedInterval(5000, 10000, pages); !near(lo, 0.490) || !near(hi, 0.510) {
		t.Errorf("5000/10000 single texts: %.3f-%.3f, want 0.490-0.510", lo, hi)
	}
	if lo, hi := flaggedInterval(0, 0, nil); lo != 0 || hi != 0 {
		t.Errorf("no texts: %.3f-%.3f, want 0-0", lo, hi)
	}
	if lo, hi := flaggedInterval(20, 20, map[string][2]int{"a": {10, 10}, "b": {10, 10}}); hi != 1 || lo < 0.8 || lo > 0.85 {
		t.Errorf("20/20 on two pages: %.3f-%.3f, want Wilson's 0.839-1", lo, hi)
	}
}
