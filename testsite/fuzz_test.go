package testsite_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// FuzzHandler feeds request paths (attacker-chosen) to the board's router:
// it must answer 200, 301 or 404, never panic or fail.
func FuzzHandler(f *testing.F) {
	b, tr := demo()
	for _, p := range []string{"/", "/robots.txt", "/changchun", "/changchun/chuandan/index_2.html", "/changchun/chuandan/index_02.html",
		"/changchun/chuandan/0.html", "/news/99.html", "/city/haerbin/", "/shenyang/kefu/", "//", "/../etc/passwd", "/changchun//",
		"/changchun/chuandan/4294967296.html", "/changchun/chuandan/-1.html", tr.Listings[0].Path, tr.GBKPaths[0]} {
		f.Add(p)
	}
	h := b.Handler()
	f.Fuzz(func(t *testing.T, path string) {
		req := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: path}, Header: http.Header{}}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK, http.StatusMovedPermanently, http.StatusNotFound:
		default:
			t.Errorf("GET %q: status %d", path, rec.Code)
		}
	})
}
