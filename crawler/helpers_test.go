package crawler_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/crawler"
)

// hit is one request as the test server saw it.
type hit struct {
	Path   string
	At     time.Time
	Header http.Header
}

// fetchLog records what a test server was asked, server side.
type fetchLog struct {
	mu   sync.Mutex
	hits []hit
}

func (l *fetchLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.hits = append(l.hits, hit{Path: r.URL.RequestURI(), At: time.Now(), Header: r.Header.Clone()})
		l.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

func (l *fetchLog) all() []hit {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.hits)
}

// of returns the hits for one path (with query).
func (l *fetchLog) of(path string) []hit {
	var out []hit
	for _, h := range l.all() {
		if h.Path == path {
			out = append(out, h)
		}
	}
	return out
}

// counts returns fetches per path, robots.txt left out.
func (l *fetchLog) counts() map[string]int {
	m := map[string]int{}
	for _, h := range l.all() {
		if h.Path != "/robots.txt" {
			m[h.Path]++
		}
	}
	return m
}

// serve starts a loopback server whose fetches are logged.
func serve(t testing.TB, h http.Handler) (*httptest.Server, *fetchLog) {
	t.Helper()
	log := &fetchLog{}
	srv := httptest.NewServer(log.wrap(h))
	t.Cleanup(srv.Close)
	return srv, log
}

// fastConfig is a config for loopback tests: no politeness delay, quick
// retries, its own data directory.
func fastConfig(t testing.TB, start string) crawler.Config {
	t.Helper()
	return crawler.Config{
		Site:       "test",
		Start:      []string{start},
		DataDir:    t.TempDir(),
		Politeness: crawler.Politeness{Parallelism: 2, Delay: crawler.Off},
		Retry:      crawler.Retry{BaseDelay: crawler.Duration(20 * time.Millisecond), MaxDelay: crawler.Duration(100 * time.Millisecond)},
		Timeout:    crawler.Duration(5 * time.Second),
	}
}

// crawl runs one Crawl on c to the end and returns the pages sent,
// acknowledging each as a pipeline would.
func crawl(t testing.TB, ctx context.Context, c *crawler.Crawler) []scamhunt.Page {
	t.Helper()
	out := make(chan scamhunt.Page, 16)
	var pages []scamhunt.Page
	done := make(chan struct{})
	go func() {
		defer close(done)
		for p := range out {
			pages = append(pages, p)
			c.Ack(p)
		}
	}()
	err := c.Crawl(ctx, out)
	close(out)
	<-done
	if err != nil {
		t.Fatalf("Crawl: %v", err)
	}
	return pages
}

// newCrawler is New that fails the test and closes on cleanup.
func newCrawler(t testing.TB, cfg crawler.Config) *crawler.Crawler {
	t.Helper()
	c, err := crawler.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// crawlOnce builds a crawler for cfg, crawls to the end, and returns the
// pages by path and the summary.
func crawlOnce(t testing.TB, cfg crawler.Config) (map[string]scamhunt.Page, crawler.Summary) {
	t.Helper()
	c := newCrawler(t, cfg)
	pages := crawl(t, t.Context(), c)
	return byPath(t, pages), c.Summary()
}

func byPath(t testing.TB, pages []scamhunt.Page) map[string]scamhunt.Page {
	t.Helper()
	m := map[string]scamhunt.Page{}
	for _, p := range pages {
		u := mustURL(t, p.URL)
		k := u.EscapedPath()
		if u.RawQuery != "" {
			k += "?" + u.RawQuery
		}
		if _, dup := m[k]; dup {
			t.Errorf("page %s sent twice", k)
		}
		m[k] = p
	}
	return m
}

func ptr[T any](v T) *T { return &v }

// serveQuiet starts a loopback server that keeps no log (big crawls).
func serveQuiet(t testing.TB, h http.Handler) (*httptest.Server, struct{}) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, struct{}{}
}
