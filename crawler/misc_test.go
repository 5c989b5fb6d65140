package crawler_test

import (
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	warc "github.com/internetarchive/gowarc"
	"github.com/scamhunt/scamhunt/crawler"
)

func TestWARC(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { html(w, linkPage("/old")) })
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/job/1.html", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/job/1.html", func(w http.ResponseWriter, r *http.Request) { html(w, "<p>日结150元 联系微信 abc123</p>") })
	srv, _ := serve(t, mux)
	cfg := fastConfig(t, srv.URL+"/")
	cfg.WARCDir = t.TempDir()
	_, sum := crawlOnce(t, cfg)
	if sum.Fetched != 2 {
		t.Fatalf("fetched %d pages, want 2", sum.Fetched)
	}
	files, _ := filepath.Glob(filepath.Join(cfg.WARCDir, "*.warc.gz"))
	if len(files) != 1 {
		t.Fatalf("WARC files %v, want one closed .warc.gz", files)
	}
	f, err := os.Open(files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := warc.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var jobBody string
	for {
		rec, err := rd.ReadRecord()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("read record: %v", err)
		}
		path := ""
		if u := rec.Header.Get("WARC-Target-URI"); u != "" {
			path = mustURL(t, u).Path
		}
		typ := rec.Header.Get("WARC-Type")
		got = append(got, typ+" "+path)
		if rec.Header.Get("WARC-Block-Digest") == "" || rec.Header.Get("WARC-Record-ID") == "" {
			t.Errorf("%s %s: no digest or record ID", typ, path)
		}
		if typ == "response" && path == "/job/1.html" {
			b, _ := io.ReadAll(rec.Content)
			jobBody = string(b)
		}
		rec.Content.Close()
	}
	want := []string{
		"warcinfo ", "response /robots.txt", "request /robots.txt", "response /", "request /",
		"response /old", "request /old", "response /job/1.html", "request /job/1.html",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("WARC records (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(jobBody, "HTTP/1.1 200 OK\r\n") || !strings.HasSuffix(jobBody, "<p>日结150元 联系微信 abc123</p>") {
		t.Errorf("response record block = %q, want status line, headers and body", jobBody)
	}
}

func TestScope(t *testing.T) {
	other, otherLog := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { html(w, linkPage()) }))
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		html(w, linkPage(other.URL+"/elsewhere", "/away", "/a/", "/photo.jpg", "/skip/me.html",
			"/p.html?utm_source=wx&id=1#frag", "/p.html?id=1", "mailto:x@example.com", "javascript:void(0)"))
	})
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, other.URL+"/x", http.StatusFound) })
	mux.HandleFunc("/a/", func(w http.ResponseWriter, r *http.Request) { html(w, linkPage("/a/b/")) })
	mux.HandleFunc("/a/b/", func(w http.ResponseWriter, r *http.Request) { html(w, linkPage("/a/b/c/")) })
	mux.HandleFunc("/a/b/c/", func(w http.ResponseWriter, r *http.Request) { html(w, linkPage()) })
	mux.HandleFunc("/p.html", func(w http.ResponseWriter, r *http.Request) { html(w, linkPage()) })
	srv, log := serve(t, mux)
	cfg := fastConfig(t, srv.URL+"/")
	cfg.Budget.MaxDepth = 2
	cfg.Patterns.Ignore = []string{`^/skip/`}
	pages, sum := crawlOnce(t, cfg)

	if n := len(otherLog.all()); n != 0 {
		t.Errorf("another host was asked %d times", n)
	}
	wantCounts := map[string]int{"/": 1, "/away": 1, "/a/": 1, "/a/b/": 1, "/p.html?id=1": 1}
	if diff := cmp.Diff(wantCounts, log.counts()); diff != "" {
		t.Errorf("fetches (-want +got):\n%s", diff)
	}
	if p := pages["/p.html?id=1"]; p.URL != srv.URL+"/p.html?id=1" {
		t.Errorf("Page.URL = %q, want the canonical URL", p.URL)
	}
	wantSkipped := map[string]int{"offsite": 1, "ignored": 1, "not_html": 1, "depth": 1}
	if diff := cmp.Diff(wantSkipped, sum.Skipped); diff != "" {
		t.Errorf("Summary.Skipped (-want +got):\n%s", diff)
	}
	if f := failures(t, sum)["/away"]; !strings.Contains(f.Err, "redirect to another host") {
		t.Errorf("offsite redirect: failure %+v", f)
	}
}

func TestPerHostBudgetAndProgress(t *testing.T) {
	slow := boardSpec{Cities: 1, Cats: 1, Lists: 1, PerList: 40, Delay: 150 * time.Millisecond}
	srv, _ := serve(t, slow)
	cfg := fastConfig(t, srv.URL+"/")
	cfg.Budget.MaxPagesPerHost = 20
	var mu sync.Mutex
	var calls []time.Time
	cfg.OnProgress = func(s crawler.Summary) {
		mu.Lock()
		calls = append(calls, time.Now())
		mu.Unlock()
	}
	_, sum := crawlOnce(t, cfg)
	if sum.Fetched != 20 || sum.Skipped["budget"] == 0 {
		t.Errorf("fetched %d, skipped for budget %d; want 20 and some", sum.Fetched, sum.Skipped["budget"])
	}
	mu.Lock()
	defer mu.Unlock()
	if len(calls) < 2 {
		t.Fatalf("OnProgress called %d times in a crawl of about a second", len(calls))
	}
	for i := 1; i < len(calls); i++ {
		if gap := calls[i].Sub(calls[i-1]); gap < 500*time.Millisecond {
			t.Errorf("OnProgress called %v after the previous call, want >= 500ms", gap)
		}
	}
}

// TestCollyEnvironmentIgnored: COLLY_* variables, which Colly applies
// after its options, change nothing.
func TestCollyEnvironmentIgnored(t *testing.T) {
	for k, v := range map[string]string{
		"COLLY_ALLOWED_DOMAINS": "example.com", "COLLY_MAX_BODY_SIZE": "10", "COLLY_FOLLOW_REDIRECTS": "no",
		"COLLY_IGNORE_ROBOTSTXT": "yes", "COLLY_USER_AGENT": "evil/1.0", "COLLY_DISABLE_COOKIES": "yes",
		"COLLY_MAX_DEPTH": "1", "COLLY_DETECT_CHARSET": "yes", "COLLY_CACHE_DIR": t.TempDir(),
	} {
		t.Setenv(k, v)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "User-agent: *\nDisallow: /member/\n") })
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: "42", Path: "/"})
		html(w, linkPage("/moved", "/member/login.html"))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/a/b.html", http.StatusFound) })
	mux.HandleFunc("/a/b.html", func(w http.ResponseWriter, r *http.Request) { html(w, linkPage("/a/c.html")) })
	mux.HandleFunc("/a/c.html", func(w http.ResponseWriter, r *http.Request) { html(w, "<p>"+strings.Repeat("长", 100)+"</p>") })
	srv, log := serve(t, mux)
	pages, sum := crawlOnce(t, fastConfig(t, srv.URL+"/"))
	if len(pages) != 3 || sum.RobotsBlocked != 1 {
		t.Errorf("pages %d robots-blocked %d, want 3 and 1", len(pages), sum.RobotsBlocked)
	}
	if p := pages["/a/c.html"]; len(p.Body) < 300 {
		t.Errorf("body cut to %d bytes", len(p.Body))
	}
	for _, h := range log.all() {
		if ua := h.Header.Get("User-Agent"); !strings.HasPrefix(ua, "scamhunt/0.1") {
			t.Errorf("%s: User-Agent %q", h.Path, ua)
		}
		if h.Path == "/a/c.html" && !strings.Contains(h.Header.Get("Cookie"), "sid=42") {
			t.Errorf("cookie jar disabled: %s sent Cookie %q", h.Path, h.Header.Get("Cookie"))
		}
	}
	if files, _ := os.ReadDir(os.Getenv("COLLY_CACHE_DIR")); len(files) != 0 {
		t.Errorf("Colly cached %d files", len(files))
	}
}

// TestDefaultsArePolite crawls with the zero Config (start and data
// directory only): one request at a time, a second apart.
func TestDefaultsArePolite(t *testing.T) {
	if testing.Short() {
		t.Skip("takes seconds by design")
	}
	var mu sync.Mutex
	active, most := 0, 0
	srv, log := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		active++
		most = max(most, active)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		switch r.URL.Path {
		case "/":
			html(w, linkPage("/a.html", "/b.html", "http://elsewhere.test/x.html"))
		default:
			html(w, linkPage())
		}
		mu.Lock()
		active--
		mu.Unlock()
	}))
	pages, sum := crawlOnce(t, crawler.Config{Start: []string{srv.URL + "/"}, DataDir: t.TempDir()})
	if len(pages) != 3 || most != 1 || sum.Skipped["offsite"] != 1 {
		t.Errorf("pages %d, most concurrent %d, offsite %d; want 3, 1, 1", len(pages), most, sum.Skipped["offsite"])
	}
	hits := log.all()
	for i := 1; i < len(hits); i++ {
		if gap := hits[i].At.Sub(hits[i-1].At); gap < time.Second {
			t.Errorf("%s came %v after %s, want >= the default 1s delay", hits[i].Path, gap, hits[i-1].Path)
		}
	}
}

// TestRobotsUnavailable: a robots.txt answering 500 keeps the host's URLs
// queued and the crawl unfinished.
func TestRobotsUnavailable(t *testing.T) {
	srv, log := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		html(w, linkPage())
	}))
	cfg := fastConfig(t, srv.URL+"/")
	cfg.Retry.MaxTries = 2
	pages, sum := crawlOnce(t, cfg)
	if len(pages) != 0 || sum.Stop != "robots_unavailable" || len(log.of("/robots.txt")) != 2 {
		t.Errorf("pages %d stop %q robots fetches %d; want 0, robots_unavailable, 2", len(pages), sum.Stop, len(log.of("/robots.txt")))
	}
}
