package main

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt/crawler"
)

// TestCrawlBudget: a crawl without a profile (an unknown, maybe endless
// board) gets the generic page and time budget; --max-pages and --max-time
// override any budget.
func TestCrawlBudget(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    crawlFlags
		want crawler.Budget
	}{
		{"generic", crawlFlags{start: []string{"https://board.example/"}},
			crawler.Budget{MaxPages: crawler.GenericMaxPages, MaxTime: crawler.GenericMaxTime}},
		{"generic with flags", crawlFlags{start: []string{"https://board.example/"}, maxPages: 50, maxTime: 5 * time.Minute},
			crawler.Budget{MaxPages: 50, MaxTime: crawler.Duration(5 * time.Minute)}},
		{"profile", crawlFlags{prof: profileFlags{site: "demo"}, start: []string{"http://127.0.0.1:8079/"}},
			crawler.Budget{MaxDepth: 8, MaxPages: 50000}},
		{"profile with --max-time", crawlFlags{prof: profileFlags{site: "demo"}, start: []string{"http://127.0.0.1:8079/"}, maxTime: time.Hour},
			crawler.Budget{MaxDepth: 8, MaxPages: 50000, MaxTime: crawler.Duration(time.Hour)}},
	} {
		p, err := tc.f.profile()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if d := cmp.Diff(tc.want, p.Crawl.Budget); d != "" {
			t.Errorf("%s: budget (-want +got):\n%s", tc.name, d)
		}
	}
	if _, err := (&crawlFlags{start: []string{"https://board.example/"}, maxTime: -time.Second}).profile(); err == nil {
		t.Error("a negative --max-time was accepted")
	}
}
