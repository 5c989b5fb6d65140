package testsite_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scamhunt/scamhunt/testsite"
)

func TestConditionalRequests(t *testing.T) {
	b, tr := demo()
	srv := httptest.NewServer(b.Handler())
	defer srv.Close()
	paths := []string{"/", "/robots.txt", "/changchun/wangluo/", tr.Listings[0].Path, tr.GBKPaths[len(tr.GBKPaths)-1], "/news/1.html"}
	for _, p := range paths {
		first := fetch(t, srv, p)
		etag, lm := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
		if first.StatusCode != http.StatusOK || etag == "" || lm == "" {
			t.Fatalf("GET %s: %d, ETag %q, Last-Modified %q", p, first.StatusCode, etag, lm)
		}
		mod, err := http.ParseTime(lm)
		if err != nil {
			t.Fatalf("%s: Last-Modified %q: %v", p, lm, err)
		}
		tests := []struct {
			name, header, value string
			want                int
		}{
			{"same etag", "If-None-Match", etag, http.StatusNotModified},
			{"etag in a list", "If-None-Match", `"nope", ` + etag, http.StatusNotModified},
			{"other etag", "If-None-Match", `"nope"`, http.StatusOK},
			{"same date", "If-Modified-Since", lm, http.StatusNotModified},
			{"later date", "If-Modified-Since", mod.Add(48 * time.Hour).Format(http.TimeFormat), http.StatusNotModified},
			{"earlier date", "If-Modified-Since", mod.Add(-time.Hour).Format(http.TimeFormat), http.StatusOK},
		}
		for _, tt := range tests {
			r := fetch(t, srv, p, tt.header, tt.value)
			body, _ := io.ReadAll(r.Body)
			if r.StatusCode != tt.want {
				t.Errorf("GET %s with %s: %d, want %d", p, tt.name, r.StatusCode, tt.want)
			}
			if tt.want == http.StatusNotModified && len(body) != 0 {
				t.Errorf("GET %s with %s: 304 with a %d-byte body", p, tt.name, len(body))
			}
		}
	}
}

func fetch(t *testing.T, srv *httptest.Server, path string, hdr ...string) *http.Response {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	r, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Body.Close() })
	return r
}

func TestMethods(t *testing.T) {
	b, _ := demo()
	for _, tt := range []struct {
		method string
		want   int
	}{{http.MethodGet, 200}, {http.MethodHead, 200}, {http.MethodPost, 405}, {http.MethodDelete, 405}} {
		rec := httptest.NewRecorder()
		b.Handler().ServeHTTP(rec, httptest.NewRequest(tt.method, "/member/login.html", nil))
		if rec.Code != tt.want {
			t.Errorf("%s /member/login.html: %d, want %d", tt.method, rec.Code, tt.want)
		}
	}
}

// TestXSSEscaped checks the planted attack strings: the page shows them as
// text, escaped, and never as markup.
func TestXSSEscaped(t *testing.T) {
	b, tr := demo()
	var planted []testsite.TruthListing
	for _, l := range tr.Listings {
		if strings.Contains(l.Title, "<script>") || strings.Contains(l.Title, "onerror=") {
			planted = append(planted, l)
		}
	}
	if len(planted) < 2 {
		t.Fatalf("%d listings with attack strings in the title, want >= 2", len(planted))
	}
	attacks := 0
	for _, p := range b.Paths() {
		if !isDetail(p) {
			continue
		}
		body := get(t, b.Handler(), p).body
		if bytes.Contains(body, []byte("<script")) || bytes.Contains(body, []byte("<img")) || bytes.Contains(body, []byte("onmouseover=alert")) && !bytes.Contains(body, []byte("&lt;b onmouseover=alert")) {
			t.Errorf("%s: unescaped markup from an ad", p)
		}
		if bytes.Contains(body, []byte("&lt;script")) || bytes.Contains(body, []byte("&lt;img")) {
			attacks++
		}
	}
	if attacks < 3 {
		t.Errorf("%d pages show escaped attack strings, want 3", attacks)
	}
	for _, l := range planted {
		if got := page(t, l.Path).Find("h1.job-title").Text(); got != l.Title {
			t.Errorf("%s: title text %q, want %q", l.Path, got, l.Title)
		}
	}
	home := get(t, b.Handler(), "/").body
	if bytes.Contains(home, []byte("<script")) {
		t.Error("home page carries an unescaped script")
	}
}

// TestNoTruthInPages checks that no page reveals labels or scam types.
func TestNoTruthInPages(t *testing.T) {
	b, _ := demo()
	leaks := []string{"scam", "legit", "shuadan", "baishi", "review_extortion", "downline", "hardneg", "data-", "<!--", "cluster"}
	for i, p := range b.Paths() {
		if i%3 != 0 && isDetail(p) {
			continue
		}
		body := strings.ToLower(string(get(t, b.Handler(), p).body))
		for _, w := range leaks {
			if strings.Contains(body, w) {
				t.Errorf("%s contains %q", p, w)
			}
		}
	}
}

func TestConcurrentRequests(t *testing.T) {
	b, tr := demo()
	h := b.Handler()
	want := map[string][]byte{}
	for _, l := range tr.Listings[:40] {
		want[l.Path] = get(t, h, l.Path).body
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i, l := range tr.Listings[:40] {
				if (i+w)%2 == 0 {
					continue
				}
				if got := get(t, h, l.Path).body; !bytes.Equal(got, want[l.Path]) {
					t.Errorf("%s: concurrent response differs", l.Path)
				}
			}
		})
	}
	wg.Wait()
}
