package e2e_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/scamhunt/scamhunt/testsite"
)

// demoParallelism is the demo profile's requests in flight
// (configs/sites/demo.yaml); bare Colly gets the same.
const demoParallelism = 4

// crawlRun is one `scamhunt crawl` process: how long it took, its peak
// resident set (VmHWM: anonymous memory and the pages of mapped files it
// touched, the store's, the frontier's and the index's), its peak
// anonymous memory (heap, stacks: sampled every 50ms) and how many
// listings it indexed.
type crawlRun struct {
	elapsed, cpu      time.Duration
	peakRSS, peakAnon int64
	indexed           int
}

// crawlCLI runs `scamhunt crawl --json` of the demo profile into a fresh
// data dir.
func crawlCLI(b *testing.B, start string, extra ...string) crawlRun {
	b.Helper()
	args := append([]string{"crawl", "--site", "demo", "--start", start, "--data", b.TempDir(), "--log-level", "warn", "--json"}, extra...)
	cmd := exec.Command(bin, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	anon := make(chan int64)
	done := make(chan struct{})
	go func() { anon <- sampleAnon(cmd.Process.Pid, done) }()
	err := cmd.Wait()
	run := crawlRun{elapsed: time.Since(t0)}
	close(done)
	run.peakAnon = <-anon
	if err != nil {
		b.Fatalf("scamhunt crawl: %v\n%s", err, errOut.String())
	}
	var sum crawlSummary
	if err := json.Unmarshal(out.Bytes(), &sum); err != nil {
		b.Fatalf("crawl --json: %v\n%s", err, out.String())
	}
	run.indexed = sum.Pipeline.Indexed
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		b.Skip("no rusage on this system")
	}
	run.peakRSS = ru.Maxrss << 10 // Linux reports kilobytes
	run.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return run
}

// sampleAnon returns the highest RssAnon of process pid seen until done.
func sampleAnon(pid int, done <-chan struct{}) int64 {
	var peak int64
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)); err == nil {
			for line := range strings.SplitSeq(string(b), "\n") {
				if v, ok := strings.CutPrefix(line, "RssAnon:"); ok {
					kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
					peak = max(peak, kb<<10)
				}
			}
		}
		select {
		case <-done:
			return peak
		case <-t.C:
		}
	}
}

// crawlColly is bare Colly over the same board: async, the same
// parallelism, an in-memory visited set, every same-host link followed
// except /member/ (robots.txt forbids it and the demo profile ignores it).
func crawlColly(b *testing.B, start string) (time.Duration, int) {
	b.Helper()
	u, err := url.Parse(start)
	if err != nil {
		b.Fatal(err)
	}
	col := colly.NewCollector(colly.Async(true), colly.AllowedDomains(u.Hostname()))
	col.DisallowedURLFilters = []*regexp.Regexp{regexp.MustCompile(`/member/`)}
	if err := col.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: demoParallelism}); err != nil {
		b.Fatal(err)
	}
	pages := 0
	col.OnResponse(func(*colly.Response) { pages++ })
	col.OnHTML("a[href]", func(e *colly.HTMLElement) { e.Request.Visit(e.Attr("href")) })
	t0 := time.Now()
	if err := col.Visit(start); err != nil {
		b.Fatal(err)
	}
	col.Wait()
	return time.Since(t0), pages
}

// BenchmarkDemoCrawl times the whole `scamhunt crawl` of the demo board
// (crawl, extract, classify, store, index, reputation, as a process)
// against bare Colly fetching the same board, one after the other in each
// iteration; ratio is the median over iterations of crawl time / Colly
// time (goal: at most 1.2), robust to a load spike from other work on the
// machine. crawl-cpu-ms is the process's CPU time.
func BenchmarkDemoCrawl(b *testing.B) {
	bd := newBoard(b, testsite.Config{}, nil)
	defer bd.srv.Close()
	var full, bare, cpu time.Duration
	var ratios []float64
	pages := 0
	for b.Loop() {
		r := crawlCLI(b, bd.URL+"/")
		if r.indexed != testsite.DefaultListings {
			b.Fatalf("crawl indexed %d listings, the board has %d", r.indexed, testsite.DefaultListings)
		}
		c, n := crawlColly(b, bd.URL+"/")
		full, bare, cpu, pages = full+r.elapsed, bare+c, cpu+r.cpu, n
		ratios = append(ratios, float64(r.elapsed)/float64(c))
	}
	slices.Sort(ratios)
	b.ReportMetric(float64(full.Milliseconds())/float64(b.N), "crawl-ms/op")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "crawl-cpu-ms/op")
	b.ReportMetric(float64(bare.Milliseconds())/float64(b.N), "colly-ms/op")
	b.ReportMetric(float64(pages), "colly-pages")
	b.ReportMetric(ratios[len(ratios)/2], "ratio")
}

// BenchmarkCrawl50k crawls a generated board of 50,000 listings with
// `scamhunt crawl` and reports the process's peak resident set (goal:
// under 300 MB), the anonymous part of it, and its time.
func BenchmarkCrawl50k(b *testing.B) {
	const listings = 50_000
	bd := newBoard(b, testsite.Config{Listings: listings}, nil)
	defer bd.srv.Close()
	var peak, anon int64
	for b.Loop() {
		r := crawlCLI(b, bd.URL+"/", "--max-pages", strconv.Itoa(2*listings))
		if r.indexed != listings {
			b.Fatalf("crawl indexed %d listings, the board has %d", r.indexed, listings)
		}
		peak, anon = max(peak, r.peakRSS), max(anon, r.peakAnon)
		b.ReportMetric(r.elapsed.Seconds(), "crawl-s")
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-rss-MB")
	b.ReportMetric(float64(anon)/(1<<20), "peak-anon-MB")
}
