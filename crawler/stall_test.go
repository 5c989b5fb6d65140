package crawler_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt/crawler"
)

// hangBound is how long a test lets a crawl run before calling it stuck:
// far past every short limit the tests configure, far short of what a
// stalled host would cost.
const hangBound = 60 * time.Second

// twoHosts serves host A, a stalling host (its / links to /1.html ...
// /4.html; /1.html is answered by stall; onA sees every request first),
// and host B (ten pages linked from its slow /, so that A's links are
// queued first; bServed counts them as served). It returns a config that
// crawls both, one request at a time per host.
func twoHosts(t *testing.T, stall http.HandlerFunc, onA func(*http.Request), bServed *atomic.Int32) (cfg crawler.Config, a, b *fetchLog) {
	t.Helper()
	muxA := http.NewServeMux()
	muxA.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		html(w, linkPage("/1.html", "/2.html", "/3.html", "/4.html"))
	})
	muxA.HandleFunc("/1.html", stall)
	muxA.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { html(w, linkPage()) })
	muxB := http.NewServeMux()
	var bLinks []string
	for i := 1; i <= 10; i++ {
		bLinks = append(bLinks, fmt.Sprintf("/b%d.html", i))
	}
	muxB.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		html(w, linkPage(bLinks...))
	})
	muxB.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".html") {
			bServed.Add(1)
		}
		html(w, linkPage())
	})
	srvA, a := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		onA(r)
		muxA.ServeHTTP(w, r)
	}))
	srvB, b := serve(t, muxB)
	cfg = fastConfig(t, srvA.URL+"/")
	cfg.Start = append(cfg.Start, srvB.URL+"/")
	cfg.Politeness.Parallelism = 1
	cfg.Retry.MaxTries = 3
	return cfg, a, b
}

// crawlBounded crawls cfg to the end in the background and fails the test
// if that takes longer than hangBound.
func crawlBounded(t *testing.T, cfg crawler.Config) crawler.Summary {
	t.Helper()
	c := newCrawler(t, cfg)
	done := make(chan struct{})
	go func() {
		defer close(done)
		crawl(t, t.Context(), c)
	}()
	select {
	case <-done:
	case <-time.After(hangBound):
		t.Fatalf("crawl still running after %s: %+v", hangBound, c.Summary())
	}
	return c.Summary()
}

// TestHugeRetryAfterDefersHost: one 429 asking for 999999999 seconds, more
// than the configured cap, leaves its host for a later crawl at once: the
// crawl ends without waiting, the other host's pages are all fetched, and
// the deferral is counted.
func TestHugeRetryAfterDefersHost(t *testing.T) {
	var served atomic.Int32
	cfg, a, b := twoHosts(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "999999999")
		w.WriteHeader(http.StatusTooManyRequests)
	}, func(*http.Request) {}, &served)
	cfg.Retry.MaxRetryAfter = crawler.Duration(time.Second)
	sum := crawlBounded(t, cfg)

	if d := cmp.Diff(map[string]int{"/": 1, "/1.html": 1}, a.counts()); d != "" {
		t.Errorf("the stalling host after its 429 (-want +got):\n%s", d)
	}
	if n := len(b.counts()); n != 11 {
		t.Errorf("the other host served %d pages, want all 11", n)
	}
	hostA := mustURL(t, cfg.Start[0]).Host
	if d := cmp.Diff(map[string]string{hostA: (999999999 * time.Second).String()}, sum.HostsDeferred); d != "" {
		t.Errorf("HostsDeferred (-want +got):\n%s", d)
	}
	// /1.html and the three links queued behind it are left for the next crawl.
	if sum.Skipped["retry_after"] != 4 || sum.Stop != "retry_after" || sum.Failed != 0 {
		t.Errorf("skipped for retry_after %d, stop %q, failed %d; want 4, retry_after, 0",
			sum.Skipped["retry_after"], sum.Stop, sum.Failed)
	}
}

// TestRetryAfterWithinCapDoesNotStarve: a host told to wait (within the
// cap) waits alone: the other host's pages are all served before the
// waiting host is asked for anything again, and the waiting host's page is
// fetched once the wait is over.
func TestRetryAfterWithinCapDoesNotStarve(t *testing.T) {
	var told atomic.Bool
	var served, servedAtNext atomic.Int32
	servedAtNext.Store(-1)
	cfg, a, _ := twoHosts(t, func(w http.ResponseWriter, r *http.Request) {
		if !told.Swap(true) {
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		html(w, linkPage())
	}, func(r *http.Request) {
		if told.Load() && r.URL.Path != "/robots.txt" {
			servedAtNext.CompareAndSwap(-1, served.Load())
		}
	}, &served)
	cfg.Retry.MaxRetryAfter = crawler.Duration(10 * time.Second)
	sum := crawlBounded(t, cfg)

	if got := a.counts(); got["/1.html"] != 2 || len(got) != 5 {
		t.Errorf("the waiting host served %v, want /1.html twice and all 5 pages", got)
	}
	if n := servedAtNext.Load(); n != 10 {
		t.Errorf("the other host had served %d of its 10 pages when the waiting host was next asked, want all: it starved behind the wait", n)
	}
	if sum.Stop != "done" || len(sum.HostsDeferred) != 0 {
		t.Errorf("stop %q, deferred %v; want done and none", sum.Stop, sum.HostsDeferred)
	}
}

// TestHugeRetryAfterOnRobots: the same when a host says it on robots.txt,
// before any page: its pages are left for the next crawl, the other
// host's are fetched.
func TestHugeRetryAfterOnRobots(t *testing.T) {
	srvA, a := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.Header().Set("Retry-After", "999999999")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		html(w, linkPage("/1.html"))
	}))
	srvB, b := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		html(w, linkPage("/b1.html", "/b2.html"))
	}))
	cfg := fastConfig(t, srvA.URL+"/")
	cfg.Start = append(cfg.Start, srvB.URL+"/")
	cfg.Retry.MaxRetryAfter = crawler.Duration(time.Second)
	sum := crawlBounded(t, cfg)
	if got := a.counts(); len(got) != 0 {
		t.Errorf("the deferred host served pages %v", got)
	}
	if n := len(b.counts()); n != 3 {
		t.Errorf("the other host served %d pages, want 3", n)
	}
	if sum.Stop != "retry_after" || sum.Skipped["retry_after"] != 1 || len(sum.HostsDeferred) != 1 {
		t.Errorf("stop %q, skipped %v, deferred %v; want retry_after, its start page, one host", sum.Stop, sum.Skipped, sum.HostsDeferred)
	}
}
