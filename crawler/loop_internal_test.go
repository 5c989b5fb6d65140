package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/scamhunt/scamhunt"
)

// lateCommitFrontier answers the loop's first empty next while a fetch is
// in flight only once that fetch's completion has been committed: the
// order a busy machine can produce when the loop is descheduled between
// asking the frontier and checking for work in flight.
type lateCommitFrontier struct {
	frontier
	c      *Crawler
	raced  atomic.Bool
	waited atomic.Bool
}

func (f *lateCommitFrontier) next(ctx context.Context, n int) ([]lease, error) {
	ls, err := f.frontier.next(ctx, n)
	if err != nil || len(ls) > 0 || f.raced.Load() {
		return ls, err
	}
	f.c.mu.Lock()
	r := f.c.cur
	f.c.mu.Unlock()
	r.mu.Lock()
	inflight := r.inflight > 0
	r.mu.Unlock()
	if !inflight {
		return ls, err
	}
	f.raced.Store(true)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		r.mu.Lock()
		settled := r.inflight == 0 && r.pending == 0 && r.commitCount > 0
		r.mu.Unlock()
		if settled {
			f.waited.Store(true)
			break
		}
		time.Sleep(time.Millisecond)
	}
	return ls, err
}

// TestLoopSeesLinksCommittedAfterEmptyNext: the last page in flight ends,
// and its links are committed, between the loop finding the frontier empty
// and the loop checking for work in flight. The crawl must not end there
// with those links queued and unfetched.
func TestLoopSeesLinksCommittedAfterEmptyNext(t *testing.T) {
	var links []string
	for i := 1; i <= 5; i++ {
		links = append(links, fmt.Sprintf(`<a href="/%d.html">%d</a>`, i, i))
	}
	var served atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch {
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
		case r.URL.Path == "/":
			time.Sleep(100 * time.Millisecond) // the loop asks the frontier meanwhile
			fmt.Fprintf(w, "<html><body>%s</body></html>", strings.Join(links, " "))
		default:
			served.Add(1)
			fmt.Fprint(w, "<html><body>listing</body></html>")
		}
	}))
	defer srv.Close()
	c, err := New(Config{
		Site: "race", Start: []string{srv.URL + "/"}, DataDir: t.TempDir(),
		Politeness: Politeness{Parallelism: 1, Delay: Off}, Timeout: Duration(5 * time.Second),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	f := &lateCommitFrontier{frontier: c.front, c: c}
	c.front = f
	out := make(chan scamhunt.Page, 16)
	go func() {
		for range out {
		}
	}()
	err = c.Crawl(t.Context(), out)
	close(out)
	if err != nil {
		t.Fatalf("Crawl: %v", err)
	}
	if !f.waited.Load() {
		t.Fatal("the race was not staged: no empty next while the start page was in flight")
	}
	s := c.Summary()
	if n := served.Load(); n != 5 || s.Stop != "done" {
		t.Errorf("served %d of the 5 linked pages, stop %q; want all 5 and done", n, s.Stop)
	}
}
