package crawler_test

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/scamhunt/scamhunt/crawler"
)

// token is a fresh random session-like value.
func token(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// sessionSite is a board of eight pages whose every link carries a fresh
// session ID, under a name the crawler knows (param) or in a path
// parameter (;jsessionid=).
func sessionSite(param string) http.Handler {
	paths := []string{"/", "/list", "/a.jsp", "/item/1.html", "/item/2.html", "/item/3.html", "/item/4.html", "/item/5.html"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		var links []string
		for _, p := range paths {
			switch {
			case param == "jsessionid":
				links = append(links, p+";jsessionid="+strings.ToUpper(token(16)))
			default:
				// Mixed letters and digits, as session tokens are.
				links = append(links, p+"?"+param+"=s"+token(12))
			}
		}
		// The page shows nothing else that changes between renders.
		html(w, linkPage(links...)+"<p>兼职 "+r.URL.Path+"</p>")
	})
}

// TestSessionIDTraps: boards that put a fresh session ID in every link
// end with each page fetched once, the session IDs counted in the
// summary, far within the budget.
func TestSessionIDTraps(t *testing.T) {
	for _, tc := range []struct {
		param, rule string
	}{
		{"sid", "session_id"},
		{"PHPSESSID", "session_id"},
		{"jsessionid", "session_id"},
		{"k", "volatile_param"}, // a name the crawler does not know: found by watching pages
	} {
		t.Run(tc.param, func(t *testing.T) {
			srv, log := serve(t, sessionSite(tc.param))
			cfg := fastConfig(t, srv.URL+"/")
			cfg.Budget.MaxPages = 200 // a backstop: the traps must end the crawl far earlier
			sum := crawlBounded(t, cfg)
			fetched := len(log.counts())
			limit := 8
			if tc.rule == "volatile_param" {
				// The parameter is known once a page is seen twice, by the
				// tenth fetch at the latest (/, the 8 pages, one more); the
				// up to 10*8 links queued by then are fetched, then the 8
				// pages without it.
				limit = 1 + 10*8 + 8
			}
			if sum.Stop != "done" || sum.Fetched > limit || sum.Traps[tc.rule] == 0 {
				t.Errorf("stop %q, fetched %d (%d distinct requests), traps %v; want done, at most %d, and %s counted",
					sum.Stop, sum.Fetched, fetched, sum.Traps, limit, tc.rule)
			}
		})
	}
}

// growingSite links every page to two new random directories below it:
// /x/ -> /x/a1b2/, /x/c3d4/ -> ... an endless tree.
func growingSite() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		html(w, linkPage(token(3)+"/", token(3)+"/"))
	})
}

// TestGrowingPathTrap: a tree of ever-deeper random directories is cut by
// the path-growth rule, or, when the budget is smaller, by the budget; the
// summary says which and counts the cuts.
func TestGrowingPathTrap(t *testing.T) {
	t.Run("growth cut", func(t *testing.T) {
		srv, _ := serve(t, growingSite())
		cfg := fastConfig(t, srv.URL+"/")
		cfg.Traps.MaxPathGrowth = 4
		cfg.Budget.MaxDepth = 1000
		cfg.Budget.MaxPages = 500 // a backstop
		sum := crawlBounded(t, cfg)
		// / and four levels of two children each: 1+2+4+8+16.
		if sum.Stop != "done" || sum.Fetched != 31 || sum.Traps["path_growth"] != 32 {
			t.Errorf("stop %q, fetched %d, traps %v; want done, 31, path_growth 32", sum.Stop, sum.Fetched, sum.Traps)
		}
	})
	t.Run("page budget first", func(t *testing.T) {
		srv, _ := serve(t, growingSite())
		cfg := fastConfig(t, srv.URL+"/")
		cfg.Budget.MaxDepth = 1000
		cfg.Budget.MaxPages = 100
		sum := crawlBounded(t, cfg)
		if sum.Stop != "max_pages" || sum.Fetched != 100 || sum.MaxPages != 100 {
			t.Errorf("stop %q, fetched %d, budget %d; want max_pages, 100, 100", sum.Stop, sum.Fetched, sum.MaxPages)
		}
	})
}

// TestTimeBudget: an endless board of random sibling pages (no trap rule
// applies) stops at the time budget.
func TestTimeBudget(t *testing.T) {
	srv, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		html(w, linkPage(fmt.Sprintf("/p/%s.html", token(4)), fmt.Sprintf("/p/%s.html", token(4))))
	}))
	cfg := fastConfig(t, srv.URL+"/p/start.html")
	cfg.Budget.MaxDepth = 100000
	cfg.Budget.MaxTime = crawler.Duration(time.Second)
	sum := crawlBounded(t, cfg)
	if sum.Stop != "max_time" || sum.MaxTime != time.Second || sum.Fetched == 0 {
		t.Errorf("stop %q, budget %v, fetched %d; want max_time, 1s, some", sum.Stop, sum.MaxTime, sum.Fetched)
	}
}
