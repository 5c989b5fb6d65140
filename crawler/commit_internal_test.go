package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"testing"
	"testing/iotest"
	"time"
)

// countingFrontier records the batches of completions committed.
type countingFrontier struct {
	frontier
	mu      sync.Mutex
	batches []int
	done    chan int // each batch's size, as it is committed
}

func (f *countingFrontier) complete(_ context.Context, cs []completion) (map[string]int, error) {
	f.mu.Lock()
	f.batches = append(f.batches, len(cs))
	f.mu.Unlock()
	f.done <- len(cs)
	return map[string]int{"": len(cs)}, nil
}

// committer starts a commit loop that gathers for gather, over a frontier
// that counts its commits.
func committer(gather time.Duration, starved bool) (*run, *countingFrontier) {
	f := &countingFrontier{done: make(chan int, 1024)}
	r := &run{Crawler: &Crawler{front: f}, tally: &tally{}, held: map[string]lease{}, wake: make(chan struct{}, 1),
		gather: gather, commits: make(chan completion, 1024), committed: make(chan struct{})}
	r.starved.Store(starved)
	go r.commitLoop()
	return r, f
}

func completions(n int) []completion {
	cs := make([]completion, n)
	for i := range cs {
		cs[i] = completion{l: lease{id: fmt.Sprint(i)}}
	}
	return cs
}

// TestCommitLoopGathers: while the loop has URLs to fetch, completions
// wait for company (one commit for many pages); a loop short of URLs gets
// each at once; nothing is lost when the run ends mid-gathering.
func TestCommitLoopGathers(t *testing.T) {
	t.Run("gathers while the loop has work", func(t *testing.T) {
		r, f := committer(time.Hour, false)
		for _, c := range completions(3) {
			r.commits <- c
		}
		select {
		case n := <-f.done:
			t.Fatalf("committed a batch of %d while gathering", n)
		case <-time.After(50 * time.Millisecond):
		}
		for _, c := range completions(97) {
			r.commits <- c
		}
		close(r.commits)
		<-r.committed
		total := 0
		for _, n := range f.batches {
			total += n
		}
		if total != 100 || len(f.batches) > 2 {
			t.Errorf("batches %v: want the 100 completions in one or two commits", f.batches)
		}
		if got := r.tally.snapshot().Queued; got != 100 {
			t.Errorf("queued %d, want 100", got)
		}
	})
	t.Run("at once when the loop is starved", func(t *testing.T) {
		r, f := committer(time.Hour, true)
		r.commits <- completions(1)[0]
		select {
		case n := <-f.done:
			if n != 1 {
				t.Errorf("batch of %d, want 1", n)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("a starved loop's completion waited to be gathered")
		}
		close(r.commits)
		<-r.committed
	})
}

// TestReadLimited reads bodies whatever length the server announced: none,
// the right one, too little or too much; past the limit it cuts and says
// so, and a read error is returned with what came before it.
func TestReadLimited(t *testing.T) {
	page := bytes.Repeat([]byte("<p>周末发传单日结</p>"), 3000) // 78 KB
	for _, c := range []struct {
		name        string
		body        []byte
		limit, size int64
		want        int
		cut         bool
	}{
		{"no length announced", page, 1 << 20, -1, len(page), false},
		{"the right length", page, 1 << 20, int64(len(page)), len(page), false},
		{"less announced than sent", page, 1 << 20, 100, len(page), false},
		{"more announced than sent", page[:500], 1 << 20, 1 << 30, 500, false},
		{"empty", nil, 1 << 20, 0, 0, false},
		{"cut at the limit", page, 10000, int64(len(page)), 10000, true},
		{"exactly the limit", page[:10000], 10000, -1, 10000, false},
	} {
		got, cut, err := readLimited(bytes.NewReader(c.body), c.limit, c.size)
		if err != nil || len(got) != c.want || cut != c.cut || !bytes.Equal(got, c.body[:c.want]) {
			t.Errorf("%s: %d bytes, cut %v, err %v; want %d bytes of the body, cut %v", c.name, len(got), cut, err, c.want, c.cut)
		}
	}
	broken := io.MultiReader(bytes.NewReader(page[:7000]), iotest.ErrReader(errors.New("connection reset")))
	got, _, err := readLimited(broken, 1<<20, -1)
	if err == nil || len(got) != 7000 {
		t.Errorf("a body broken after 7000 bytes: %d bytes, err %v; want the 7000 and the error", len(got), err)
	}
}
