package crawler_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/scamhunt/scamhunt/crawler"
)

// linkPage is a small HTML page linking to paths.
func linkPage(paths ...string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>")
	for _, p := range paths {
		fmt.Fprintf(&b, "<a href=\"%s\">%s</a>\n", p, p)
	}
	b.WriteString("</body></html>")
	return b.String()
}

func html(w http.ResponseWriter, s string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, s)
}

// failures returns the summary's failures by URL path.
func failures(t *testing.T, s crawler.Summary) map[string]crawler.Failure {
	t.Helper()
	m := map[string]crawler.Failure{}
	for _, f := range s.Failures {
		m[mustURL(t, f.URL).Path] = f
	}
	return m
}

func TestHostileServer(t *testing.T) {
	var busy, broken atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		html(w, linkPage("/slow", "/huge", "/loop/a", "/chain/1", "/missing", "/gone", "/broken", "/busy", "/ok", "/forbidden"))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		html(w, "<html><head><title>huge</title></head><body><p>"+strings.Repeat("兼职", 20000)+"</p></body></html>")
	})
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/a", http.StatusFound) })
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/chain/"), "%d", &n)
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) })
	mux.HandleFunc("/forbidden", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusForbidden) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		broken.Add(1)
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		if busy.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		html(w, linkPage())
	})
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { html(w, linkPage("/")) })
	srv, log := serve(t, mux)

	cfg := fastConfig(t, srv.URL+"/")
	cfg.Timeout = crawler.Duration(time.Second)
	cfg.MaxBodyBytes = 1000
	cfg.Retry.MaxTries = 3
	pages, sum := crawlOnce(t, cfg)

	fails := failures(t, sum)
	t.Run("slow response hits timeout", func(t *testing.T) {
		f := fails["/slow"]
		if !strings.Contains(f.Err, "timeout") || f.Tries != 3 {
			t.Errorf("failure = %+v, want a timeout after 3 tries", f)
		}
	})
	t.Run("oversized body cut and kept", func(t *testing.T) {
		p, ok := pages["/huge"]
		if !ok {
			t.Fatal("truncated page not sent")
		}
		if len(p.Body) > 1000+3 || len(p.Body) < 900 {
			t.Errorf("body is %d bytes, want about MaxBodyBytes=1000", len(p.Body))
		}
		if !strings.HasPrefix(string(p.Body), "<html><head><title>huge</title>") {
			t.Errorf("body does not keep the start of the page: %.80q", p.Body)
		}
		if sum.Truncated != 1 {
			t.Errorf("Summary.Truncated = %d, want 1", sum.Truncated)
		}
	})
	t.Run("redirect loop stops", func(t *testing.T) {
		if f := fails["/loop/a"]; !strings.Contains(f.Err, "redirect loop") {
			t.Errorf("failure = %+v, want redirect loop", f)
		}
		if n := len(log.of("/loop/a")) + len(log.of("/loop/b")); n > 3 {
			t.Errorf("loop fetched %d times, want at most 3", n)
		}
	})
	t.Run("redirect chain cut", func(t *testing.T) {
		if f := fails["/chain/1"]; !strings.Contains(f.Err, "too many redirects") {
			t.Errorf("failure = %+v, want too many redirects", f)
		}
		hops := 0
		for _, h := range log.all() {
			if strings.HasPrefix(h.Path, "/chain/") {
				hops++
			}
		}
		if hops != 6 { // the first request and 5 redirects
			t.Errorf("redirect chain made %d requests, want 6", hops)
		}
	})
	t.Run("404 and 410 recorded, not retried", func(t *testing.T) {
		for _, path := range []string{"/missing", "/gone", "/forbidden"} {
			if n := len(log.of(path)); n != 1 {
				t.Errorf("%s fetched %d times, want 1", path, n)
			}
		}
		got := []crawler.Failure{fails["/missing"], fails["/gone"], fails["/forbidden"]}
		want := []crawler.Failure{{Status: 404, Tries: 1}, {Status: 410, Tries: 1}, {Status: 403, Tries: 1}}
		if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(crawler.Failure{}, "URL")); diff != "" {
			t.Errorf("failures (-want +got):\n%s", diff)
		}
	})
	t.Run("500 retried then recorded", func(t *testing.T) {
		if n := broken.Load(); n != 3 {
			t.Errorf("/broken fetched %d times, want MaxTries=3", n)
		}
		if diff := cmp.Diff(crawler.Failure{Status: 500, Tries: 3}, fails["/broken"], cmpopts.IgnoreFields(crawler.Failure{}, "URL")); diff != "" {
			t.Errorf("failure (-want +got):\n%s", diff)
		}
	})
	t.Run("429 Retry-After honoured", func(t *testing.T) {
		hits := log.of("/busy")
		if len(hits) != 2 {
			t.Fatalf("/busy fetched %d times, want 2", len(hits))
		}
		if gap := hits[1].At.Sub(hits[0].At); gap < time.Second {
			t.Errorf("retry came %v after the 429, want >= Retry-After 1s", gap)
		}
		if _, ok := pages["/busy"]; !ok {
			t.Error("page not sent after the retry succeeded")
		}
	})
	t.Run("summary", func(t *testing.T) {
		// Retries: /slow 2, /broken 2, /busy 1.
		if sum.Retried != 5 || sum.Failed != 7 || sum.Stop != "done" {
			t.Errorf("Retried=%d Failed=%d Stop=%q, want 5, 7, done", sum.Retried, sum.Failed, sum.Stop)
		}
	})
}

func TestRetryAfterDate(t *testing.T) {
	var n atomic.Int32
	var until time.Time
	srv, log := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" && n.Add(1) == 1 {
			until = time.Now().Add(2 * time.Second).Truncate(time.Second).Add(time.Second)
			w.Header().Set("Retry-After", until.UTC().Format(http.TimeFormat))
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		html(w, linkPage())
	}))
	_, sum := crawlOnce(t, fastConfig(t, srv.URL+"/"))
	hits := log.of("/")
	if len(hits) != 2 || sum.Fetched != 1 {
		t.Fatalf("fetched / %d times, %d pages; want 2 and 1", len(hits), sum.Fetched)
	}
	if hits[1].At.Before(until) {
		t.Errorf("retry at %v, before Retry-After date %v", hits[1].At, until)
	}
}

func TestRobots(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /member/\nCrawl-delay: 0.4\n\nUser-agent: scamhunt\nDisallow: /member/\nDisallow: /nobots/\nCrawl-delay: 0.4\n")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		html(w, linkPage("/member/login.html", "/member/post.html", "/nobots/x.html", "/a.html", "/b.html", "/c.html"))
	})
	srv, log := serve(t, mux)
	// The environment must not change the crawl.
	t.Setenv("COLLY_IGNORE_ROBOTSTXT", "yes")
	t.Setenv("COLLY_USER_AGENT", "evil/1.0")
	cfg := fastConfig(t, srv.URL+"/")
	cfg.Politeness.Parallelism = 4
	pages, sum := crawlOnce(t, cfg)

	for _, h := range log.all() {
		if strings.HasPrefix(h.Path, "/member/") || strings.HasPrefix(h.Path, "/nobots/") {
			t.Errorf("fetched %s, which robots.txt disallows", h.Path)
		}
		if ua := h.Header.Get("User-Agent"); ua != "scamhunt/0.1 (+https://github.com/scamhunt/scamhunt)" {
			t.Errorf("User-Agent %q", ua)
		}
	}
	if sum.RobotsBlocked != 3 || len(pages) != 4 {
		t.Errorf("RobotsBlocked=%d pages=%d, want 3 and 4", sum.RobotsBlocked, len(pages))
	}
	hits := log.all()
	if hits[0].Path != "/robots.txt" {
		t.Errorf("first request %s, want /robots.txt", hits[0].Path)
	}
	for i := 1; i < len(hits); i++ {
		if gap := hits[i].At.Sub(hits[i-1].At); gap < 400*time.Millisecond {
			t.Errorf("%s fetched %v after %s, want >= Crawl-delay 400ms", hits[i].Path, gap, hits[i-1].Path)
		}
	}
}

func TestTraps(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		html(w, linkPage("/calendar/2026/11/", "/events?date=20261120", "/soft404/"))
	})
	mux.HandleFunc("/calendar/", func(w http.ResponseWriter, r *http.Request) {
		var y, m int
		fmt.Sscanf(r.URL.Path, "/calendar/%d/%d/", &y, &m)
		next := time.Date(y, time.Month(m)+1, 1, 0, 0, 0, 0, time.UTC)
		prev := time.Date(y, time.Month(m)-1, 1, 0, 0, 0, 0, time.UTC)
		html(w, linkPage(next.Format("/calendar/2006/01/"), prev.Format("/calendar/2006/01/")))
	})
	mux.HandleFunc("/events", func(w http.ResponseWriter, r *http.Request) {
		d, _ := time.Parse("20060102", r.URL.Query().Get("date"))
		html(w, linkPage(d.AddDate(0, 0, 1).Format("/events?date=20060102")))
	})
	mux.HandleFunc("/soft404/", func(w http.ResponseWriter, r *http.Request) {
		html(w, linkPage("a/", "b/")) // relative: /soft404/a/, /soft404/a/a/ ...
	})
	srv, log := serve(t, mux)
	cfg := fastConfig(t, srv.URL+"/")
	cfg.Traps.MaxCalendarPages = 8
	cfg.Budget.MaxDepth = 1000
	cfg.Budget.MaxPages = 500 // a backstop: the traps must cut far earlier
	_, sum := crawlOnce(t, cfg)

	var cal, events, soft int
	for path := range log.counts() {
		switch {
		case strings.HasPrefix(path, "/calendar/"):
			cal++
		case strings.HasPrefix(path, "/events"):
			events++
		case strings.HasPrefix(path, "/soft404/"):
			soft++
		}
	}
	if cal > 8 || cal < 4 {
		t.Errorf("fetched %d calendar months, want the trap cut at 8", cal)
	}
	if events != 8 {
		t.Errorf("fetched %d ?date= pages, want the trap cut at 8", events)
	}
	// /soft404/, then every path of a and b with each segment at most twice.
	if soft > 20 {
		t.Errorf("fetched %d soft-404 pages, want the repeated-segment trap to cut them", soft)
	}
	if sum.Skipped["trap"] == 0 || sum.Stop != "done" {
		t.Errorf("Skipped[trap]=%d Stop=%q, want traps counted and a finished crawl", sum.Skipped["trap"], sum.Stop)
	}
}
