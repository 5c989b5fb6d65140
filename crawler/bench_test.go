package crawler_test

import (
	"flag"
	"regexp"
	"testing"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/crawler"
	"github.com/scamhunt/scamhunt/internal/memstat"
)

var big = flag.Bool("crawler.big", false, "run the 100,000-page crawl benchmark (make bench opts in)")

// benchBoard has 688 pages.
var benchBoard = boardSpec{Cities: 3, Cats: 4, Lists: 3, PerList: 18}

const benchParallelism = 8

func benchConfig(b *testing.B, start string) crawler.Config {
	return crawler.Config{
		Site:       "bench",
		Start:      []string{start},
		DataDir:    b.TempDir(),
		Politeness: crawler.Politeness{Parallelism: benchParallelism, Delay: crawler.Off},
		Patterns:   crawler.Patterns{Pagination: []string{`/index_\d+\.html$`}},
	}
}

// crawlFull runs the whole crawler (frontier, robots, charset, canonical
// URLs, traps) over the board and returns the pages it sent.
func crawlFull(b *testing.B, cfg crawler.Config) int {
	c, err := crawler.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	out := make(chan scamhunt.Page, 64)
	n := make(chan int)
	go func() {
		k := 0
		for range out {
			k++
		}
		n <- k
	}()
	if err := c.Crawl(b.Context(), out); err != nil {
		b.Fatal(err)
	}
	close(out)
	return <-n
}

// crawlBare is what Colly does alone: async, same parallelism, in-memory
// visited set, links followed from OnHTML.
func crawlBare(b *testing.B, start string) int {
	col := colly.NewCollector(colly.Async(true))
	col.DisallowedURLFilters = []*regexp.Regexp{regexp.MustCompile(`/member/`)}
	if err := col.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: benchParallelism}); err != nil {
		b.Fatal(err)
	}
	pages := 0
	col.OnResponse(func(*colly.Response) { pages++ })
	col.OnHTML("a[href]", func(e *colly.HTMLElement) { e.Request.Visit(e.Attr("href")) })
	if err := col.Visit(start); err != nil {
		b.Fatal(err)
	}
	col.Wait()
	return pages
}

// BenchmarkCrawl compares the full crawler with bare Colly on the same
// loopback board in the same run; ratio is full time / Colly time (goal: at
// most 1.5).
func BenchmarkCrawl(b *testing.B) {
	srv, _ := serve(b, benchBoard)
	var full, bare time.Duration
	for b.Loop() {
		t0 := time.Now()
		if n := crawlFull(b, benchConfig(b, srv.URL+"/")); n != benchBoard.size() {
			b.Fatalf("full crawler: %d pages, want %d", n, benchBoard.size())
		}
		t1 := time.Now()
		if n := crawlBare(b, srv.URL+"/"); n != benchBoard.size() {
			b.Fatalf("colly: %d pages, want %d", n, benchBoard.size())
		}
		full += t1.Sub(t0)
		bare += time.Since(t1)
	}
	b.ReportMetric(float64(full.Milliseconds())/float64(b.N), "full-ms/op")
	b.ReportMetric(float64(bare.Milliseconds())/float64(b.N), "colly-ms/op")
	b.ReportMetric(float64(full)/float64(bare), "ratio")
	b.ReportMetric(float64(benchBoard.size())*float64(b.N)/full.Seconds(), "pages/s")
}

// BenchmarkCrawlBig crawls a generated board of 105,011 pages and reports
// peak RSS, to show the seen set and queue stay out of memory (goal: under
// 300 MB). Run with -crawler.big.
func BenchmarkCrawlBig(b *testing.B) {
	if !*big {
		b.Skip("pass -crawler.big to crawl 100,000 pages")
	}
	spec := boardSpec{Cities: 10, Cats: 10, Lists: 50, PerList: 20}
	srv, _ := serveQuiet(b, spec)
	for b.Loop() {
		cfg := benchConfig(b, srv.URL+"/")
		cfg.Politeness.Parallelism = 16
		t0 := time.Now()
		n := crawlFull(b, cfg)
		if n != spec.size() {
			b.Fatalf("%d pages, want %d", n, spec.size())
		}
		b.ReportMetric(float64(n)/time.Since(t0).Seconds(), "pages/s")
	}
	b.ReportMetric(float64(peakRSS(b))/(1<<20), "peak-rss-MB")
}

// peakRSS is the process's peak resident set in bytes.
func peakRSS(b *testing.B) int64 {
	n, err := memstat.PeakRSS()
	if err != nil {
		b.Skip(err)
	}
	return n
}
