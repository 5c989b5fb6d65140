package extract_test

import (
	"bytes"
	"strings"
	"testing"

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
