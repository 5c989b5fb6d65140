package crawler

import (
	"context"
	"sync"
	"time"
)

// memGate is the per-host clock of one process: the time each host may
// next be asked for a page.
type memGate struct {
	mu   sync.Mutex
	next map[string]time.Time // one entry per allowed host
}

func newMemGate() *memGate { return &memGate{next: map[string]time.Time{}} }

func (g *memGate) wait(ctx context.Context, host string, interval time.Duration) error {
	for {
		g.mu.Lock()
		now := time.Now()
		n := g.next[host]
		if !now.Before(n) {
			g.next[host] = now.Add(interval)
			g.mu.Unlock()
			return nil
		}
		g.mu.Unlock()
		if err := sleep(ctx, n.Sub(now)); err != nil {
			return err
		}
	}
}

func (g *memGate) push(_ context.Context, host string, until time.Time) error {
	g.mu.Lock()
	if until.After(g.next[host]) {
		g.next[host] = until
	}
	g.mu.Unlock()
	return nil
}

// sleep waits d or until ctx is done, which it reports as errStopped.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return errStopped
	case <-t.C:
		return nil
	}
}

// hostPolicy is the adaptive part of politeness: per host, the
// Crawl-delay robots.txt asked for and an extra delay that grows when the
// host says it is overloaded (429, 503, timeouts). Errors only ever slow a
// host down; the extra delay shrinks again after a run of clean responses.
type hostPolicy struct {
	mu    sync.Mutex
	hosts map[string]*hostState
	base  time.Duration // configured delay enforced by the gate (shared frontier)
	limit time.Duration // cap of the extra delay
}

type hostState struct {
	crawlDelay time.Duration
	extra      time.Duration
	streak     int
	deferred   time.Duration // a Retry-After over the cap: left for a later crawl
}

// okStreak clean responses halve a host's extra delay.
const okStreak = 20

func newHostPolicy(base, limit time.Duration) *hostPolicy {
	return &hostPolicy{hosts: map[string]*hostState{}, base: base, limit: limit}
}

func (p *hostPolicy) state(host string) *hostState {
	h := p.hosts[host]
	if h == nil {
		h = &hostState{}
		p.hosts[host] = h
	}
	return h
}

// interval is the minimum time between the starts of two requests to host.
func (p *hostPolicy) interval(host string) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	h := p.state(host)
	return max(p.base, h.crawlDelay, h.extra)
}

func (p *hostPolicy) setCrawlDelay(host string, d time.Duration) {
	p.mu.Lock()
	p.state(host).crawlDelay = d
	p.mu.Unlock()
}

// slowDown doubles host's extra delay (at least a second).
func (p *hostPolicy) slowDown(host string) {
	p.mu.Lock()
	h := p.state(host)
	h.extra = min(max(2*h.extra, time.Second), p.limit)
	h.streak = 0
	p.mu.Unlock()
}

// failed notes an error that is no sign of overload: no speed-up follows.
func (p *hostPolicy) failed(host string) {
	p.mu.Lock()
	p.state(host).streak = 0
	p.mu.Unlock()
}

func (p *hostPolicy) ok(host string) {
	p.mu.Lock()
	h := p.state(host)
	if h.extra > 0 {
		if h.streak++; h.streak >= okStreak {
			h.extra /= 2
			h.streak = 0
			if h.extra < 50*time.Millisecond {
				h.extra = 0
			}
		}
	}
	p.mu.Unlock()
}

// deferHost leaves host alone for the rest of the crawl: it asked to wait
// longer than Retry.MaxRetryAfter. It reports whether this is news.
func (p *hostPolicy) deferHost(host string, asked time.Duration) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	h := p.state(host)
	first := h.deferred == 0
	h.deferred = max(h.deferred, asked)
	return first
}

// isDeferred says whether host was left for a later crawl.
func (p *hostPolicy) isDeferred(host string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	h := p.hosts[host]
	return h != nil && h.deferred > 0
}
