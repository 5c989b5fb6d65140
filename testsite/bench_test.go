package testsite_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/scamhunt/scamhunt/testsite"
)

// BenchmarkNew100k measures generating a 100,000-listing board (pages are
// rendered lazily, so this is the planning cost only).
func BenchmarkNew100k(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := testsite.New(testsite.Config{Listings: 100_000}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkServeDetail(b *testing.B) {
	board, tr := demo()
	h := board.Handler()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tr.Listings[i%len(tr.Listings)].Path, nil))
		i++
	}
}

func BenchmarkServeList(b *testing.B) {
	board, _ := demo()
	h := board.Handler()
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/changchun/wangluo/index_2.html", nil))
	}
}
