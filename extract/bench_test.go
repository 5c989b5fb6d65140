package extract_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/extract"
)

// demoDetails are the demo board's detail pages among the golden cases.
func demoDetails(b *testing.B) []scamhunt.Page {
	var ps []scamhunt.Page
	for _, c := range loadCases(b) {
		if c.site == "demo" && strings.HasPrefix(c.name, "detail_") {
			ps = append(ps, c.page(b))
		}
	}
	if len(ps) == 0 {
		b.Fatal("no demo detail pages")
	}
	return ps
}

func bytesOf(ps []scamhunt.Page) int64 {
	var n int64
	for _, p := range ps {
		n += int64(len(p.Body))
	}
	return n
}

// BenchmarkExtract extracts the demo detail pages with the demo profile.
// Compare with BenchmarkGoqueryParse: the extractor should cost at most
// three bare parses.
func BenchmarkExtract(b *testing.B) { benchExtract(b, demoProfile(b)) }

// BenchmarkExtractGeneric extracts the same pages without a profile.
func BenchmarkExtractGeneric(b *testing.B) { benchExtract(b, extract.Profile{}) }

func benchExtract(b *testing.B, prof extract.Profile) {
	ps := demoDetails(b)
	e, err := extract.New(prof)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(bytesOf(ps))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range ps {
			if _, err := e.Extract(p); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkGoqueryParse is the floor: parsing the same pages with goquery
// and nothing else.
func BenchmarkGoqueryParse(b *testing.B) {
	ps := demoDetails(b)
	b.SetBytes(bytesOf(ps))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range ps {
			if _, err := goquery.NewDocumentFromReader(bytes.NewReader(p.Body)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkExtractVsParse extracts every golden detail page, of all
// layouts, with the generic extractor and parses the same pages bare with
// goquery, alternating in one loop so both see the same machine, and
// reports the ratio as x-parse: the goal is at most 3.
func BenchmarkExtractVsParse(b *testing.B) {
	var ps []scamhunt.Page
	for _, c := range loadCases(b) {
		if strings.Contains(c.name, "detail") {
			ps = append(ps, c.page(b))
		}
	}
	e, err := extract.New(extract.Profile{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(bytesOf(ps))
	var parse, ext time.Duration
	for b.Loop() {
		t0 := time.Now()
		for _, p := range ps {
			if _, err := goquery.NewDocumentFromReader(bytes.NewReader(p.Body)); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		for _, p := range ps {
			if _, err := e.Extract(p); err != nil {
				b.Fatal(err)
			}
		}
		parse += t1.Sub(t0)
		ext += time.Since(t1)
	}
	b.ReportMetric(float64(ext)/float64(parse), "x-parse")
	b.ReportMetric(float64(len(ps)), "pages")
}
