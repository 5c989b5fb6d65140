package crawler_test

import (
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/scamhunt/scamhunt/crawler"
)

// recrawlSite serves a small board that can change between crawls. Pages
// carry ETag and Last-Modified (except /d/6.html) and answer conditional
// requests with 304.
type recrawlSite struct {
	mu      sync.Mutex
	version map[string]int  // content version per path
	gone    map[string]bool // answers 410
	hidden  map[string]bool // no longer linked
}

var modified = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)

func (s *recrawlSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := r.URL.Path
	var links []string
	switch p {
	case "/":
		links = []string{"/list/"}
	case "/list/":
		links = []string{"/d/1.html", "/d/2.html", "/d/3.html", "/d/4.html", "/list/index_2.html"}
	case "/list/index_2.html":
		links = []string{"/d/5.html", "/d/6.html"}
	case "/d/1.html", "/d/2.html", "/d/3.html", "/d/4.html", "/d/5.html", "/d/6.html":
		links = []string{"/list/"}
	default:
		http.NotFound(w, r)
		return
	}
	if s.gone[p] {
		w.WriteHeader(http.StatusGone)
		return
	}
	var shown []string
	for _, l := range links {
		if !s.hidden[l] {
			shown = append(shown, l)
		}
	}
	body := linkPage(shown...) + fmt.Sprintf("<!-- v%d -->", s.version[p])
	if p != "/d/6.html" {
		etag := fmt.Sprintf(`"%s-v%d-%d"`, p, s.version[p], len(shown))
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", modified.Format(http.TimeFormat))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	html(w, body)
}

func TestRecrawl(t *testing.T) {
	site := &recrawlSite{version: map[string]int{}, gone: map[string]bool{}, hidden: map[string]bool{}}
	srv, log := serve(t, site)
	cfg := fastConfig(t, srv.URL+"/")
	cfg.Patterns.List = []string{`^/list/$`}
	cfg.Patterns.Pagination = []string{`^/list/index_\d+\.html$`}
	cfg.Patterns.Detail = []string{`^/d/\d+\.html$`}
	c := newCrawler(t, cfg)

	first := byPath(t, crawl(t, t.Context(), c))
	if len(first) != 9 || c.Summary().Generation != 1 {
		t.Fatalf("first crawl: %d pages, generation %d; want 9, 1", len(first), c.Summary().Generation)
	}

	site.mu.Lock()
	site.version["/d/2.html"]++ // edited
	site.gone["/d/3.html"] = true
	site.hidden["/d/4.html"] = true // unlinked: /list/ changes, so it is fetched in full
	site.mu.Unlock()
	n := len(log.all())

	second := byPath(t, crawl(t, t.Context(), c))
	sum := c.Summary()
	if sum.Generation != 2 || sum.Resumed {
		t.Errorf("second crawl: generation %d resumed %v, want a new generation 2", sum.Generation, sum.Resumed)
	}
	type view struct {
		Status    int
		Unchanged bool
		HasBody   bool
		SameHash  bool
	}
	got := map[string]view{}
	for p, pg := range second {
		got[p] = view{pg.Status, pg.Unchanged, len(pg.Body) > 0, pg.Hash == first[p].Hash}
	}
	want := map[string]view{
		"/":                  {304, true, false, true},
		"/list/":             {200, false, true, false}, // a List page is always fetched in full
		"/list/index_2.html": {304, true, false, true},  // its links still queued from the store
		"/d/1.html":          {304, true, false, true},
		"/d/2.html":          {200, false, true, false},
		"/d/5.html":          {304, true, false, true},
		"/d/6.html":          {200, true, false, true}, // no validators: same hash
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("recrawled pages (-want +got):\n%s", diff)
	}
	for _, h := range log.all()[n:] {
		inm := h.Header.Get("If-None-Match")
		switch h.Path {
		case "/list/", "/d/6.html", "/robots.txt":
			if inm != "" {
				t.Errorf("%s sent If-None-Match %s, want an unconditional GET", h.Path, inm)
			}
		default:
			if inm == "" || h.Header.Get("If-Modified-Since") != modified.Format(http.TimeFormat) {
				t.Errorf("%s sent no validators", h.Path)
			}
		}
	}

	var removed []crawler.Removal
	for r, err := range c.Removed(t.Context()) {
		if err != nil {
			t.Fatalf("Removed: %v", err)
		}
		r.URL = mustURL(t, r.URL).Path
		removed = append(removed, r)
	}
	wantRemoved := []crawler.Removal{
		{URL: "/d/3.html", Reason: "gone", Status: 410},
		{URL: "/d/4.html", Reason: "unreached", Status: 200},
	}
	sortRemovals := cmpopts.SortSlices(func(a, b crawler.Removal) bool { return a.URL < b.URL })
	if diff := cmp.Diff(wantRemoved, removed, sortRemovals, cmpopts.IgnoreFields(crawler.Removal{}, "LastOK")); diff != "" {
		t.Errorf("Removed (-want +got):\n%s", diff)
	}
	for _, r := range removed {
		if r.LastOK.IsZero() {
			t.Errorf("%s: LastOK not set", r.URL)
		}
	}

	// A third crawl cut short by a budget: nothing counts as removed yet.
	cfg.Budget.MaxPages = 1
	c.Close()
	c3 := newCrawler(t, cfg)
	crawl(t, t.Context(), c3)
	for _, err := range c3.Removed(t.Context()) {
		if !errors.Is(err, crawler.ErrIncomplete) {
			t.Errorf("Removed while incomplete: %v, want ErrIncomplete", err)
		}
	}
}
