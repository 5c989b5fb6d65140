package crawler

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"sync/atomic"
	"time"

	"github.com/scamhunt/scamhunt"
)

// Crawler crawls one site profile into Pages. Create it with New, call
// Crawl (once at a time), then Close.
type Crawler struct {
	s       *settings
	front   frontier
	running atomic.Bool

	mu    sync.Mutex
	tally *tally // of the current or last Crawl
	cur   *run   // the Crawl in progress, for Ack

	drained chan struct{} // see Drained
}

var (
	_ scamhunt.Crawler = (*Crawler)(nil)
	_ scamhunt.Drainer = (*Crawler)(nil)
)

// New checks cfg and opens the frontier: an embedded bbolt file under
// DataDir, or Redis when cfg.Frontier is a redis:// URL.
func New(cfg Config) (*Crawler, error) {
	s, err := cfg.resolve()
	if err != nil {
		return nil, err
	}
	c := &Crawler{s: s, tally: &tally{}, drained: make(chan struct{}, 1)}
	if s.Frontier == "" {
		c.front, err = openBolt(s.DataDir, s.Site)
	} else {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		c.front, err = openRedis(ctx, s)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Close closes the frontier store.
func (c *Crawler) Close() error { return c.front.close() }

// Drained receives whenever the crawl in progress has nothing in flight and
// nothing it can fetch, and waits only for pages it sent to be
// acknowledged (see scamhunt.Drainer).
func (c *Crawler) Drained() <-chan struct{} { return c.drained }

// Summary is what the current (or last) Crawl did so far.
func (c *Crawler) Summary() Summary {
	c.mu.Lock()
	t := c.tally
	c.mu.Unlock()
	return t.snapshot()
}

// Removed walks the pages that an earlier crawl fetched and the last
// finished crawl did not find, so the caller can mark their listings
// removed: "gone" when the page answered 404 or 410, "unreached" when no
// link led to it any more. Only pages matching Patterns.Detail count (every
// page when the profile has no Detail pattern), and only pages that were
// once fetched successfully. While a crawl is unfinished (interrupted, or
// stopped by a budget) it yields ErrIncomplete and nothing else: a page
// not reached yet is not gone.
func (c *Crawler) Removed(ctx context.Context) iter.Seq2[Removal, error] {
	return c.front.removed(ctx)
}

// Crawl fetches pages and sends them on out until nothing is left, a budget
// is spent or ctx is cancelled. On cancellation it stops handing out URLs,
// lets the fetches in flight finish and sends their pages, then returns
// nil; a later Crawl continues where this one stopped. When the previous
// crawl finished, Crawl starts a recrawl: every URL is due again, fetched
// with If-None-Match / If-Modified-Since, and unchanged pages are sent with
// Unchanged set and no Body. Errors are returned only when the crawl cannot
// go on (the frontier store fails); bad pages are counted in Summary.
func (c *Crawler) Crawl(ctx context.Context, out chan<- scamhunt.Page) error {
	if !c.running.CompareAndSwap(false, true) {
		return errors.New("crawl: already running")
	}
	defer c.running.Store(false)
	t := &tally{start: time.Now()}
	t.s.Site, t.s.Worker = c.s.Site, c.s.Worker
	t.s.MaxPages, t.s.MaxTime = c.s.Budget.MaxPages, c.s.maxTime
	c.mu.Lock()
	c.tally = t
	c.mu.Unlock()

	starts := make([]entry, 0, len(c.s.Start))
	for _, raw := range c.s.Start {
		u, err := Canonical(raw, c.s.DropParams)
		if err != nil {
			return fmt.Errorf("crawl: start %q: %w", raw, err)
		}
		starts = append(starts, entry{URL: u})
	}
	gen, resumed, err := c.front.begin(ctx, starts)
	if err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	t.do(func(s *Summary) { s.Generation, s.Resumed = gen, resumed })
	c.s.Log.Info("crawl_start", "site", c.s.Site, "worker", c.s.Worker, "generation", gen, "resumed", resumed)

	r, err := newRun(ctx, c, t, gen, out)
	if err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	c.mu.Lock()
	c.cur = r
	c.mu.Unlock()
	stopProgress := r.progress()
	stop, runErr := r.loop(ctx)
	r.shutdown()
	stopProgress()
	c.mu.Lock()
	c.cur = nil
	c.mu.Unlock()

	if runErr == nil && stop == "done" {
		if err := c.front.finish(context.WithoutCancel(ctx)); err != nil {
			runErr = fmt.Errorf("crawl: %w", err)
		}
	}
	if runErr != nil {
		stop = "error"
	}
	t.do(func(s *Summary) {
		s.Stop = stop
		s.Elapsed = time.Since(t.start)
	})
	sum := t.snapshot()
	c.s.Log.Info("crawl_done", "site", c.s.Site, "stop", stop, "fetched", sum.Fetched, "unchanged", sum.Unchanged,
		"failed", sum.Failed, "elapsed", sum.Elapsed.String())
	return runErr
}

// progress calls OnProgress at most every 500ms until the returned func is
// called.
func (r *run) progress() func() {
	if r.s.OnProgress == nil {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		// A timer restarted after each call, not a ticker: a late tick must
		// not bring the next call closer than 500ms.
		tm := time.NewTimer(500 * time.Millisecond)
		defer tm.Stop()
		for {
			select {
			case <-done:
				return
			case <-tm.C:
				r.s.OnProgress(r.tally.snapshot())
				tm.Reset(500 * time.Millisecond)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// loop hands URLs to Colly until the crawl is over and says why it ended.
func (r *run) loop(ctx context.Context) (string, error) {
	if r.s.maxTime > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, r.s.maxTime)
		defer cancel()
	}
	var buf []lease
	defer func() { r.unhold(buf...) }() // prefetched, never dispatched
	var idleSince time.Time
	landed := 0 // commits landed when the frontier was last asked
	for {
		if err := r.fatalErr(); err != nil {
			return "error", err
		}
		if err := ctx.Err(); err != nil {
			if errors.Is(err, context.DeadlineExceeded) && r.s.maxTime > 0 {
				return "max_time", nil
			}
			return "cancelled", nil
		}
		r.unparkFree()
		l, ok := r.popReady()
		if !ok && len(buf) == 0 && !r.parkedFull() {
			var err error
			landed = r.landed()
			if buf, err = r.front.next(ctx, r.batch); err != nil {
				if ctx.Err() != nil {
					continue
				}
				return "error", err
			}
			r.starved.Store(len(buf) < r.batch)
			r.hold(buf...)
		}
		if !ok && len(buf) > 0 {
			l, buf, ok = buf[0], buf[1:], true
		}
		if !ok {
			if busy, acks := r.busy(); busy {
				if acks {
					r.notifyDrained()
				}
				idleSince = time.Time{}
				r.waitWake(ctx, 200*time.Millisecond)
				continue
			}
			if !r.shared {
				// A commit that landed after the frontier was asked may
				// have queued links (the last page's fetch ended in
				// between): ask again before calling the crawl over.
				if r.landed() != landed {
					continue
				}
				return r.doneReason(), nil
			}
			idle, err := r.front.idle(ctx)
			if err != nil {
				return "error", err
			}
			if !idle {
				// Other workers hold URLs: wait for new work or a reclaim.
				idleSince = time.Time{}
				r.waitWake(ctx, 200*time.Millisecond)
				continue
			}
			if idleSince.IsZero() {
				idleSince = time.Now()
			}
			if time.Since(idleSince) >= r.s.Grace {
				return "done", nil
			}
			r.waitWake(ctx, 100*time.Millisecond)
			continue
		}
		idleSince = time.Time{}
		if r.s.Budget.MaxPages > 0 && r.dispatched >= r.s.Budget.MaxPages {
			r.unhold(l)
			return "max_pages", nil
		}
		switch err := r.dispatch(ctx, l); {
		case errors.Is(err, errHostBudget):
			// Shared frontier: leave this host's URLs to other workers.
			return "max_pages_per_host", nil
		case errors.Is(err, errStopped):
			r.unhold(l)
		case err != nil:
			return "error", err
		}
	}
}

// doneReason is why a crawl with nothing left to hand out ended: URLs
// were left queued for a later run (a budget per host, robots.txt
// unavailable), or it is done.
func (r *run) doneReason() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.leftover != "" {
		return r.leftover
	}
	return "done"
}

func (r *run) waitWake(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-r.wake:
	case <-t.C:
	}
}

func (r *run) signal() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}
