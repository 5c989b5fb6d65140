package crawler

import (
	"context"
	"fmt"
	"sync"
	"testing"
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
