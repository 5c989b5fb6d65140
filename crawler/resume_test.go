package crawler_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/crawler"
)

var resumeBoard = boardSpec{Cities: 2, Cats: 3, Lists: 3, PerList: 15}

// onceEach checks that the server saw every board page exactly once and
// nothing else but robots.txt.
func onceEach(t *testing.T, spec boardSpec, log *fetchLog) {
	t.Helper()
	want := map[string]int{}
	for _, p := range spec.paths() {
		want[p] = 1
	}
	if diff := cmp.Diff(want, log.counts()); diff != "" {
		t.Errorf("fetches per path (-want +got):\n%s", diff)
	}
}

func TestResumeAfterBudget(t *testing.T) {
	srv, log := serve(t, resumeBoard)
	cfg := fastConfig(t, srv.URL+"/")
	cfg.Budget.MaxPages = resumeBoard.size() / 2

	c := newCrawler(t, cfg)
	first := crawl(t, t.Context(), c)
	s1 := c.Summary()
	if s1.Stop != "max_pages" || len(first) != cfg.Budget.MaxPages || s1.Resumed {
		t.Fatalf("first run: stop=%q pages=%d resumed=%v, want max_pages, %d, false", s1.Stop, len(first), s1.Resumed, cfg.Budget.MaxPages)
	}
	for _, err := range c.Removed(t.Context()) {
		if !errors.Is(err, crawler.ErrIncomplete) {
			t.Errorf("Removed during an unfinished crawl: err = %v, want ErrIncomplete", err)
		}
	}
	c.Close()

	cfg.Budget.MaxPages = 0
	c2 := newCrawler(t, cfg)
	second := crawl(t, t.Context(), c2)
	s2 := c2.Summary()
	if !s2.Resumed || s2.Generation != 1 || s2.Stop != "done" {
		t.Errorf("second run: resumed=%v generation=%d stop=%q, want true, 1, done", s2.Resumed, s2.Generation, s2.Stop)
	}
	if got := len(first) + len(second); got != resumeBoard.size() {
		t.Errorf("pages sent over both runs = %d, want %d", got, resumeBoard.size())
	}
	onceEach(t, resumeBoard, log)
	var removed []crawler.Removal
	for r, err := range c2.Removed(t.Context()) {
		if err != nil {
			t.Fatalf("Removed after a finished crawl: %v", err)
		}
		removed = append(removed, r)
	}
	if len(removed) != 0 {
		t.Errorf("Removed = %v, want none", removed)
	}
}

func TestResumeAfterCancel(t *testing.T) {
	srv, log := serve(t, resumeBoard)
	cfg := fastConfig(t, srv.URL+"/")
	cfg.Politeness.Parallelism = 4

	c := newCrawler(t, cfg)
	ctx, cancel := context.WithCancel(t.Context())
	out := make(chan scamhunt.Page)
	var first []string
	done := make(chan error)
	go func() { done <- c.Crawl(ctx, out) }()
	for running := true; running; {
		select {
		case p := <-out:
			first = append(first, p.URL)
			if len(first) == 100 {
				cancel() // like Ctrl-C: pages in flight still arrive
			}
		case err := <-done:
			if err != nil {
				t.Fatalf("Crawl: %v", err)
			}
			running = false
		}
	}
	cancel()
	if s := c.Summary(); s.Stop != "cancelled" || s.Fetched != len(first) {
		t.Fatalf("first run: stop=%q fetched=%d, pages received %d", s.Stop, s.Fetched, len(first))
	}
	c.Close()

	c2 := newCrawler(t, cfg)
	second := crawl(t, t.Context(), c2)
	var all []string
	all = append(all, first...)
	for _, p := range second {
		all = append(all, p.URL)
	}
	slices.Sort(all)
	if n := len(slices.Compact(all)); n != resumeBoard.size() || len(all) != n {
		t.Errorf("pages sent: %d distinct of %d, want each of %d once", n, len(all), resumeBoard.size())
	}
	onceEach(t, resumeBoard, log)
}
