package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"strings"
	"time"
)

// The frontier holds what a crawl has to do and what it has done: the queue
// of URLs, the set of URLs seen in this crawl, and per URL the validators
// and hash of its last fetch. Two implementations: bolt (embedded, one
// process) and redis (shared by several processes). Both keep the seen set
// out of Go memory so a crawl of millions of URLs stays small.
//
// A frontier counts crawls in generations. Crawl resumes the current one if
// it was interrupted and starts the next one (a recrawl: every URL is due
// again, with conditional GET) if the last one finished.
type frontier interface {
	// begin resumes or starts a generation and queues the start URLs.
	begin(ctx context.Context, starts []entry) (gen int, resumed bool, err error)
	// next hands out up to n URLs to fetch; none means none right now.
	next(ctx context.Context, n int) ([]lease, error)
	// complete records what fetching each lease found, queues its links
	// (entries with a skip reason are only marked seen) and releases the
	// lease; an early completion only queues its links (those of a page
	// that is not complete yet: its listings are on their way to the
	// index). It reports how many links were new, per skip reason (""
	// for queued).
	complete(ctx context.Context, cs []completion) (map[string]int, error)
	// isDone says whether u was already fetched in this generation.
	isDone(ctx context.Context, u string) (bool, error)
	// lookup returns what the last fetch of u stored, and its outlinks.
	lookup(ctx context.Context, u string) (urlMeta, []string, bool, error)
	// keep renews the leases of URLs this worker still holds.
	keep(ctx context.Context, ls []lease) error
	// idle says whether no URL is queued or held by any worker.
	idle(ctx context.Context) (bool, error)
	// finish marks the generation complete.
	finish(ctx context.Context) error
	// removed walks pages an earlier crawl fetched that the finished
	// generation did not find.
	removed(ctx context.Context) iter.Seq2[Removal, error]
	// gate is the per-host clock that spaces requests.
	gate() gate
	close() error
}

// entry is a URL waiting to be fetched.
type entry struct {
	URL   string `json:"u"`
	Depth int    `json:"d,omitempty"`
	Tries int    `json:"t,omitempty"`
	// Growth counts the links in a row that each led below the page they
	// were on (trap.go's path_growth rule).
	Growth int    `json:"g,omitempty"`
	Skip   string `json:"-"` // set: record as seen, never fetch
}

// lease is an entry handed to this worker; id names it in the frontier.
type lease struct {
	entry
	id string
}

// completion is a finished lease: what was found and the links to queue.
// An early completion only queues the links of a page still awaiting its
// acknowledgement; the lease stays held.
type completion struct {
	l     lease
	o     outcome
	links []entry
	early bool
}

// outcome is what fetching a URL found.
type outcome struct {
	Status       int
	ETag         string
	LastModified string
	Hash         string
	Charset      string
	OK           bool     // fetched (2xx or 304)
	Detail       bool     // matches Patterns.Detail (or no Detail patterns)
	Links        []string // canonical outlinks, kept for replay when unchanged
	Also         []string // other URLs the fetch answered for (redirect chain)
	Skip         string   // not fetched: robots, not_html ...
}

// urlMeta is what the frontier stores per URL.
type urlMeta struct {
	Gen          int       `json:"g"`
	Done         bool      `json:"x,omitempty"`
	Status       int       `json:"s,omitempty"`
	ETag         string    `json:"e,omitempty"`
	LastModified string    `json:"m,omitempty"`
	Hash         string    `json:"h,omitempty"`
	Charset      string    `json:"c,omitempty"`
	Detail       bool      `json:"d,omitempty"`
	LastOK       time.Time `json:"o,omitzero"`
	Skip         string    `json:"k,omitempty"`
}

// apply folds an outcome of generation gen into the stored meta.
func (m urlMeta) apply(gen int, o outcome, now time.Time) urlMeta {
	m.Gen, m.Done, m.Skip = gen, true, o.Skip
	if o.Skip != "" {
		return m
	}
	m.Status = o.Status
	m.Detail = m.Detail || o.Detail
	if o.OK {
		m.LastOK = now
		m.ETag, m.LastModified = o.ETag, o.LastModified
		if o.Hash != "" {
			m.Hash, m.Charset = o.Hash, o.Charset
		}
	}
	return m
}

// Removal is a page an earlier crawl fetched that the last finished crawl
// did not find: Reason "gone" (it answered 404 or 410) or "unreached" (no
// link led to it any more). Callers mark the listing removed; nothing is
// deleted.
type Removal struct {
	URL    string    `json:"url"`
	Reason string    `json:"reason"`
	Status int       `json:"status,omitempty"`
	LastOK time.Time `json:"last_ok"`
}

// ErrIncomplete is yielded by Removed when the current crawl has not
// finished: pages not reached yet are not gone.
var ErrIncomplete = errors.New("crawl incomplete")

// removal says whether a stored URL counts as removed after generation gen
// finished.
func removal(u string, m urlMeta, gen int) (Removal, bool) {
	if !m.Detail || m.LastOK.IsZero() {
		return Removal{}, false
	}
	switch {
	case m.Gen < gen:
		return Removal{URL: u, Reason: "unreached", Status: m.Status, LastOK: m.LastOK}, true
	case m.Done && m.Skip == "" && (m.Status == 404 || m.Status == 410):
		return Removal{URL: u, Reason: "gone", Status: m.Status, LastOK: m.LastOK}, true
	}
	return Removal{}, false
}

func encodeMeta(m urlMeta) []byte {
	b, _ := json.Marshal(m)
	return b
}

func decodeMeta(b []byte) urlMeta {
	var m urlMeta
	_ = json.Unmarshal(b, &m)
	return m
}

func joinLinks(ls []string) string { return strings.Join(ls, "\n") }

func splitLinks(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// gate spaces requests to a host: wait blocks until this process may send
// the next request to host and reserves the slot for interval; push moves
// the host's next slot to at least until (Retry-After).
type gate interface {
	wait(ctx context.Context, host string, interval time.Duration) error
	push(ctx context.Context, host string, until time.Time) error
}
