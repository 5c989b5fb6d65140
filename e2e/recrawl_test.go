package e2e_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/scamhunt/scamhunt/testsite"
)

// TestRecrawl crawls the demo board, then its second edition at the same
// address: unchanged pages are fetched conditionally and not extracted
// again but their listings' last-seen date moves on, edited ads are
// updated, new ones added, and removed ones kept and marked removed with
// their last-seen date.
func TestRecrawl(t *testing.T) {
	editions := make([]*testsite.Board, 3)
	for _, e := range []int{1, 2} {
		b, err := testsite.New(testsite.Config{Edition: e})
		if err != nil {
			t.Fatal(err)
		}
		editions[e] = b
	}
	var current atomic.Pointer[http.Handler]
	h1, h2 := editions[1].Handler(), editions[2].Handler()
	current.Store(&h1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { (*current.Load()).ServeHTTP(w, r) }))
	defer srv.Close()
	data := t.TempDir()
	crawl := func() crawlSummary {
		var sum crawlSummary
		out := runCLI(t, "crawl", "--site", "demo", "--start", srv.URL+"/", "--data", data, "--json", "--log-level", "warn")
		if err := json.Unmarshal([]byte(out), &sum); err != nil {
			t.Fatalf("crawl --json: %v\n%s", err, out)
		}
		return sum
	}

	crawl()
	before := records(t, data)
	time.Sleep(1100 * time.Millisecond) // fetch times of the two crawls differ
	current.Store(&h2)
	sum := crawl()
	after := records(t, data)

	truth := editions[2].Truth()
	if len(truth.Removed) == 0 || len(truth.Added) == 0 || len(truth.Changed) == 0 {
		t.Fatalf("edition 2 removes %d, adds %d, changes %d listings: the test needs some of each", len(truth.Removed), len(truth.Added), len(truth.Changed))
	}
	if sum.Crawl.Unchanged == 0 || sum.Pipeline.Unchanged != sum.Crawl.Unchanged {
		t.Errorf("recrawl: %d pages unchanged by the crawler, %d by the pipeline", sum.Crawl.Unchanged, sum.Pipeline.Unchanged)
	}
	special := map[string]bool{}
	for _, p := range truth.Removed {
		special[p] = true
		r, ok := after[srv.URL+p]
		switch {
		case !ok:
			t.Errorf("removed %s was deleted from the index", p)
		case !r.Removed:
			t.Errorf("removed %s not marked removed", p)
		case !r.LastSeen.Equal(before[srv.URL+p].LastSeen):
			t.Errorf("removed %s: last seen %v, want the first crawl's %v", p, r.LastSeen, before[srv.URL+p].LastSeen)
		}
	}
	for _, p := range truth.Added {
		special[p] = true
		if _, ok := after[srv.URL+p]; !ok {
			t.Errorf("new %s not indexed", p)
		}
	}
	byPath := map[string]testsite.TruthListing{}
	for _, tl := range truth.Listings {
		byPath[tl.Path] = tl
	}
	for _, p := range truth.Changed {
		special[p] = true
		if r := after[srv.URL+p]; r.Listing.Title != byPath[p].Title {
			t.Errorf("edited %s: title %q, want %q", p, r.Listing.Title, byPath[p].Title)
		}
	}
	moved := 0
	for _, tl := range truth.Listings {
		if special[tl.Path] {
			continue
		}
		r, old := after[srv.URL+tl.Path], before[srv.URL+tl.Path]
		if r.Removed || !r.FirstSeen.Equal(old.FirstSeen) {
			t.Errorf("%s: removed %v, first seen %v (was %v)", tl.Path, r.Removed, r.FirstSeen, old.FirstSeen)
		}
		if r.LastSeen.After(old.LastSeen) {
			moved++
		}
	}
	if unchanged := len(truth.Listings) - len(truth.Added) - len(truth.Changed); moved != unchanged {
		t.Errorf("last seen moved on for %d of %d listings seen again", moved, unchanged)
	}
	t.Logf("recrawl: %d pages unchanged, %d fetched; %d removed, %d added, %d edited", sum.Crawl.Unchanged, sum.Crawl.Fetched, len(truth.Removed), len(truth.Added), len(truth.Changed))
}
