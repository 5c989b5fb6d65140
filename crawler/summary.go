package crawler

import (
	"maps"
	"sync"
	"time"
)

// maxFailures bounds Summary.Failures so a crawl of a broken site keeps a
// bounded summary; Failed still counts them all.
const maxFailures = 1000

// Summary is what one call of Crawl did. Its JSON form is what
// `scamhunt crawl --json` prints.
type Summary struct {
	Site          string    `json:"site,omitempty"`
	Worker        string    `json:"worker,omitempty"`
	Generation    int       `json:"generation"` // crawl number in this frontier; a recrawl is a new one
	Resumed       bool      `json:"resumed"`    // continued an interrupted crawl
	Fetched       int       `json:"fetched"`    // pages sent with a body
	Unchanged     int       `json:"unchanged"`  // pages sent as Unchanged (304 or same hash)
	Failed        int       `json:"failed"`
	Failures      []Failure `json:"failures,omitempty"` // the first 1000
	Retried       int       `json:"retried"`            // extra tries scheduled
	RobotsBlocked int       `json:"robots_blocked"`
	// Skipped counts URLs not fetched, by reason: distinct URLs for
	// offsite, ignored, not_html and robots_unavailable; links as found
	// for depth and trap; leases given back for budget.
	Skipped map[string]int `json:"skipped,omitempty"`
	// Traps counts links cut as crawler traps, by rule ("repeated_segment",
	// "deep_path", "long_url", "calendar", "path_growth"), and links
	// followed without a session ID ("session_id", "volatile_param").
	Traps map[string]int `json:"traps,omitempty"`
	// HostsDeferred are hosts that asked (Retry-After) to wait longer than
	// Retry.MaxRetryAfter, with the wait they asked for; their URLs stay
	// queued for the next crawl.
	HostsDeferred map[string]string `json:"hosts_deferred,omitempty"`
	// MaxPages and MaxTime are the budget this crawl ran under (0: none).
	MaxPages  int           `json:"max_pages,omitempty"`
	MaxTime   time.Duration `json:"max_time_ns,omitempty"`
	Truncated int           `json:"truncated"` // bodies cut at MaxBodyBytes (pages still sent)
	Queued    int           `json:"queued"`    // new URLs added to the frontier
	Requests  int           `json:"requests"`  // HTTP requests, robots.txt and redirects included
	Bytes     int64         `json:"bytes"`     // response body bytes received
	Elapsed   time.Duration `json:"elapsed_ns"`
	// Stop says why Crawl returned: "done" (nothing left), "cancelled",
	// "max_pages", "max_time", "max_pages_per_host", "robots_unavailable"
	// or "retry_after" (URLs left queued for a later run), or "error".
	Stop string `json:"stop,omitempty"`
}

// Failure is a URL that could not be fetched, with why.
type Failure struct {
	URL    string `json:"url"`
	Status int    `json:"status,omitempty"`
	Err    string `json:"err,omitempty"`
	Tries  int    `json:"tries"`
}

// Skip reasons in Summary.Skipped.
const (
	skipOffsite  = "offsite"
	skipIgnored  = "ignored"
	skipDepth    = "depth"
	skipTrap     = "trap"
	skipBudget   = "budget"
	skipBinary   = "not_html"
	skipRobotsNA = "robots_unavailable"
	skipRedirect = "redirect_to_seen"
	skipDeferred = "retry_after"
)

type tally struct {
	mu    sync.Mutex
	s     Summary
	start time.Time
}

func (t *tally) do(f func(s *Summary)) {
	t.mu.Lock()
	f(&t.s)
	t.mu.Unlock()
}

func (t *tally) fail(f Failure) {
	t.do(func(s *Summary) {
		s.Failed++
		if len(s.Failures) < maxFailures {
			s.Failures = append(s.Failures, f)
		}
	})
}

func (t *tally) skip(reason string, n int) { t.count(&t.s.Skipped, reason, n) }

// trap counts n links caught by a trap rule.
func (t *tally) trap(rule string, n int) { t.count(&t.s.Traps, rule, n) }

// count adds n under key to the summary's map *m (a field of t.s).
func (t *tally) count(m *map[string]int, key string, n int) {
	if n == 0 {
		return
	}
	t.do(func(*Summary) {
		if *m == nil {
			*m = map[string]int{}
		}
		(*m)[key] += n
	})
}

func (t *tally) snapshot() Summary {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.s
	s.Failures = append([]Failure(nil), t.s.Failures...)
	s.Skipped = maps.Clone(t.s.Skipped)
	s.Traps = maps.Clone(t.s.Traps)
	s.HostsDeferred = maps.Clone(t.s.HostsDeferred)
	if !t.start.IsZero() && s.Stop == "" {
		s.Elapsed = time.Since(t.start)
	}
	return s
}
