package web

import (
	"sync"
	"time"
)

// maxClients bounds the limiter's memory. Past it, idle clients are dropped
// first and then arbitrary ones; a dropped client merely gets a full bucket.
const maxClients = 10000

// limiter is a token bucket per client: burst tokens, refilled at perMinute
// tokens a minute. A bucket idle long enough to be full again is the same as
// no bucket, so it is forgotten.
type limiter struct {
	mu        sync.Mutex
	perSecond float64
	burst     float64
	idle      time.Duration // time for an empty bucket to fill
	now       func() time.Time
	clients   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(perMinute int, now func() time.Time) *limiter {
	return &limiter{
		perSecond: float64(perMinute) / 60,
		burst:     float64(perMinute),
		idle:      time.Minute,
		now:       now,
		clients:   map[string]*bucket{},
		lastSweep: now(),
	}
}

// allow takes a token from key's bucket. When none is left it says how long
// until one is.
func (l *limiter) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.clients[key]
	if !ok {
		l.makeRoom(now)
		b = &bucket{tokens: l.burst, last: now}
		l.clients[key] = b
	}
	if el := now.Sub(b.last); el > 0 {
		b.tokens = min(l.burst, b.tokens+el.Seconds()*l.perSecond)
	}
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	need := (1 - b.tokens) / l.perSecond
	return false, time.Duration(need * float64(time.Second))
}

// makeRoom sweeps idle buckets once a minute, or at once when the table is
// full; if every client is active it drops one at random (map order).
func (l *limiter) makeRoom(now time.Time) {
	if len(l.clients) < maxClients && now.Sub(l.lastSweep) < l.idle {
		return
	}
	l.lastSweep = now
	for k, b := range l.clients {
		if now.Sub(b.last) >= l.idle {
			delete(l.clients, k)
		}
	}
	for k := range l.clients {
		if len(l.clients) < maxClients {
			break
		}
		delete(l.clients, k)
	}
}
