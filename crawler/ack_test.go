package crawler_test

import (
	"context"
	"testing"
	"time"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/crawler"
)

// TestAwaitAckKeepsLostPagesOwed plays a pipeline whose index loses some
// pages (it never acknowledges them) and is stopped half way: the next run
// fetches exactly the pages that were not acknowledged, and nothing else
// twice.
func TestAwaitAckKeepsLostPagesOwed(t *testing.T) {
	srv, log := serve(t, resumeBoard)
	cfg := fastConfig(t, srv.URL+"/")
	cfg.Politeness.Parallelism = 2
	cfg.AwaitAck = true
	cfg.AckWait = 300 * time.Millisecond

	c := newCrawler(t, cfg)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	out := make(chan scamhunt.Page)
	done := make(chan error)
	go func() { done <- c.Crawl(ctx, out) }()
	lost := map[string]bool{}
	n := 0
	var err error
loop:
	for {
		select {
		case p := <-out:
			n++
			if n%5 == 0 {
				lost[p.URL] = true // "the index failed": never acknowledged
			} else {
				c.Ack(p)
			}
			if n == resumeBoard.size()/2 {
				cancel()
			}
		case err = <-done:
			break loop
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(lost) == 0 {
		t.Fatal("no page was withheld")
	}
	c.Close()

	c2 := newCrawler(t, cfg)
	second := crawl(t, t.Context(), c2) // acknowledges every page
	if s := c2.Summary(); !s.Resumed || s.Stop != "done" {
		t.Errorf("second run: resumed=%v stop=%q, want a resumed crawl that finished", s.Resumed, s.Stop)
	}
	got := map[string]bool{}
	for _, p := range second {
		got[p.URL] = true
	}
	for u := range lost {
		if !got[u] {
			t.Errorf("%s was never acknowledged but the resumed crawl did not fetch it again", u)
		}
	}
	counts := log.counts()
	for _, p := range resumeBoard.paths() {
		want := 1
		if lost[srv.URL+p] {
			want = 2
		}
		if counts[p] != want {
			t.Errorf("%s fetched %d times, want %d", p, counts[p], want)
		}
	}
}

// crawlAwaitingAcks starts a crawl of resumeBoard whose pages count as
// done only once acknowledged; it ends on done.
func crawlAwaitingAcks(t *testing.T) (*crawler.Crawler, chan scamhunt.Page, chan error, *fetchLog) {
	t.Helper()
	srv, log := serve(t, resumeBoard)
	cfg := fastConfig(t, srv.URL+"/")
	cfg.AwaitAck = true
	c := newCrawler(t, cfg)
	out := make(chan scamhunt.Page)
	done := make(chan error, 1)
	go func() { done <- c.Crawl(t.Context(), out) }()
	return c, out, done, log
}

// TestLinksNotHeldByAck holds back the acknowledgement of the first page
// (its listings "wait for the index flush"): the pages it links to are
// fetched meanwhile, and the crawl ends only once it is acknowledged, with
// every page fetched once.
func TestLinksNotHeldByAck(t *testing.T) {
	c, out, done, log := crawlAwaitingAcks(t)

	first := <-out
	wait := time.NewTimer(time.Minute) // a hang detector, not a speed goal
	defer wait.Stop()
	n := 1
	for n < resumeBoard.size() {
		select {
		case p := <-out:
			n++
			c.Ack(p)
		case err := <-done:
			t.Fatalf("crawl ended (%v) with the first page unacknowledged", err)
		case <-wait.C:
			t.Fatalf("%d of %d pages fetched while the first waits for its acknowledgement: its links are held back", n, resumeBoard.size())
		}
	}
	select {
	case err := <-done:
		t.Fatalf("crawl ended (%v) before the first page was acknowledged", err)
	default:
	}
	c.Ack(first)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if s := c.Summary(); s.Stop != "done" {
		t.Errorf("stop %q, want done", s.Stop)
	}
	for p, k := range log.counts() {
		if k != 1 {
			t.Errorf("%s fetched %d times, want once", p, k)
		}
	}
}

// TestDrainedWhenOnlyAcksAreAwaited holds back every acknowledgement: once
// every page is fetched the crawler says it is drained (a pipeline then
// writes what it holds), it still does not end, and it ends once the pages
// are acknowledged.
func TestDrainedWhenOnlyAcksAreAwaited(t *testing.T) {
	c, out, done, _ := crawlAwaitingAcks(t)

	wait := time.NewTimer(time.Minute) // a hang detector, not a speed goal
	defer wait.Stop()
	var held []scamhunt.Page
	drained := false
	for !drained {
		select {
		case p := <-out:
			held = append(held, p)
		case <-c.Drained():
			drained = true
		case err := <-done:
			t.Fatalf("crawl ended (%v) with %d pages unacknowledged", err, len(held))
		case <-wait.C:
			t.Fatalf("not drained after %d of %d pages", len(held), resumeBoard.size())
		}
	}
	if len(held) == 0 {
		t.Fatal("drained before any page was sent")
	}
	// Drained may come while the last pages are still on their way to
	// out; they are held too, and Drained comes again.
	for len(held) < resumeBoard.size() {
		select {
		case p := <-out:
			held = append(held, p)
		case <-c.Drained():
		case <-wait.C:
			t.Fatalf("%d of %d pages fetched", len(held), resumeBoard.size())
		}
	}
	select {
	case <-c.Drained():
	case <-wait.C:
		t.Fatal("every page fetched and none acknowledged, but the crawler did not say it was drained")
	}
	select {
	case err := <-done:
		t.Fatalf("crawl ended (%v) before its pages were acknowledged", err)
	default:
	}
	for _, p := range held {
		c.Ack(p)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if s := c.Summary(); s.Stop != "done" {
		t.Errorf("stop %q, want done", s.Stop)
	}
}
