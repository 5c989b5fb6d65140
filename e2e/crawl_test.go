package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/scamhunt/scamhunt/testsite"
)

// slow delays every response a little, so a crawl can be stopped half way.
func slow(d time.Duration) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(d)
			h.ServeHTTP(w, r)
		})
	}
}

// total counts the fetches of board pages (robots.txt aside).
func total(counts map[string]int) int {
	n := 0
	for p, c := range counts {
		if p != "/robots.txt" {
			n += c
		}
	}
	return n
}

// startCrawl starts `scamhunt crawl` of the board as a process.
func startCrawl(t *testing.T, b *board, data string, extra ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	args := append([]string{"crawl", "--site", "demo", "--start", b.URL + "/", "--data", data, "--log-level", "warn"}, extra...)
	cmd := exec.Command(bin, args...)
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, &errOut
}

// waitFetched waits until the board has served n pages.
func waitFetched(t *testing.T, b *board, n int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for total(b.log.counts()) < n {
		if time.Now().After(deadline) {
			t.Fatalf("the crawl fetched %d pages in 2 minutes, want %d", total(b.log.counts()), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestResumeAfterSignal stops a crawl of the demo board with a real SIGINT
// after about half its pages and runs it again: every listing ends in the
// index once, and no page is fetched twice.
func TestResumeAfterSignal(t *testing.T) {
	b := newBoard(t, testsite.Config{}, slow(4*time.Millisecond))
	defer b.srv.Close()
	truth := b.Truth()
	pages := len(b.Paths()) - len(truth.Disallowed) - 2 // robots.txt and the style sheet are not crawled as pages
	data := t.TempDir()

	cmd, errOut := startCrawl(t, b, data)
	waitFetched(t, b, pages/2)
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the interrupted crawl exited with %v: a stop is not a failure\n%s", err, errOut)
	}
	first := total(b.log.counts())
	if first >= pages {
		t.Fatalf("the first run fetched %d of %d pages before the signal took effect; the test needs it stopped half way", first, pages)
	}
	runCLI(t, "crawl", "--site", "demo", "--start", b.URL+"/", "--data", data, "--log-level", "warn")

	for p, n := range b.log.counts() {
		if p != "/robots.txt" && n > 1 {
			t.Errorf("%s fetched %d times", p, n)
		}
	}
	recs := records(t, data)
	if len(recs) != len(truth.Listings) {
		t.Errorf("%d listings indexed, the board has %d", len(recs), len(truth.Listings))
	}
	for _, tl := range truth.Listings {
		if _, ok := recs[b.URL+tl.Path]; !ok {
			t.Errorf("%s missing after the resumed crawl", tl.Path)
		}
	}
	t.Logf("stopped after %d of %d pages; the rerun fetched %d more", first, pages, total(b.log.counts())-first)
}

// redisURL gives a frontier URL on the local Redis with a key prefix of
// this test's own, a client and the prefix, and removes the keys
// afterwards. Without Redis the test skips, except in CI.
func redisURL(t *testing.T) (string, *redis.Client, string) {
	t.Helper()
	opt, _ := redis.ParseURL("redis://127.0.0.1:6379/13")
	rdb := redis.NewClient(opt)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
			t.Fatalf("redis on 127.0.0.1:6379: %v (CI must start it: scripts/services.sh)", err)
		}
		t.Skipf("redis on 127.0.0.1:6379: %v; scripts/services.sh starts it", err)
	}
	prefix := fmt.Sprintf("scamhunt-e2e-%d-%d:", os.Getpid(), time.Now().UnixNano())
	t.Cleanup(func() {
		ctx := context.WithoutCancel(t.Context())
		keys, _ := rdb.Keys(ctx, prefix+"*").Result()
		if len(keys) > 0 {
			rdb.Del(ctx, keys...)
		}
		rdb.Close()
	})
	return "redis://127.0.0.1:6379/13?prefix=" + prefix, rdb, prefix
}

// TestDistributedCrawl runs three crawl processes that share one Redis
// frontier over the demo board and kills one (SIGKILL) mid-crawl: every
// listing ends indexed by one of them, and no page is fetched twice but the
// few the killed worker held.
func TestDistributedCrawl(t *testing.T) {
	frontier, rdb, prefix := redisURL(t)
	b := newBoard(t, testsite.Config{}, slow(4*time.Millisecond))
	defer b.srv.Close()
	truth := b.Truth()
	pages := len(b.Paths()) - len(truth.Disallowed) - 2

	var cmds []*exec.Cmd
	var errs []*bytes.Buffer
	var dirs []string
	for i := range 3 {
		dir := t.TempDir()
		cmd, errOut := startCrawl(t, b, dir, "--frontier", frontier, "--worker", fmt.Sprint("w", i), "--lease", "3s")
		cmds, errs, dirs = append(cmds, cmd), append(errs, errOut), append(dirs, dir)
	}
	waitFetched(t, b, pages/3)
	if err := cmds[0].Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmds[0].Wait()
	// What the dead worker held: URLs read from the stream and never
	// acknowledged (fetched but not yet indexed, or in flight). These, and
	// only these, may be fetched again.
	held, err := rdb.XPendingExt(t.Context(), &redis.XPendingExtArgs{
		Stream: prefix + "q", Group: "crawl", Start: "-", End: "+", Count: 10000, Consumer: "w0",
	}).Result()
	if err != nil {
		t.Fatalf("XPENDING: %v", err)
	}
	for i := 1; i < 3; i++ {
		if err := cmds[i].Wait(); err != nil {
			t.Fatalf("worker %d: %v\n%s", i, err, errs[i])
		}
	}

	seen := map[string]int{}
	for _, dir := range dirs {
		if _, err := os.Stat(filepath.Join(dir, "index.bleve")); err != nil {
			continue
		}
		for u := range records(t, dir) {
			seen[u]++
		}
	}
	for _, tl := range truth.Listings {
		if seen[b.URL+tl.Path] == 0 {
			t.Errorf("%s indexed by no worker", tl.Path)
		}
	}
	twice := 0
	for p, n := range b.log.counts() {
		switch {
		case p == "/robots.txt":
		case n > 2:
			t.Errorf("%s fetched %d times", p, n)
		case n == 2:
			twice++
		}
	}
	dup := 0
	for _, n := range seen {
		if n > 1 {
			dup++
		}
	}
	if twice > len(held) || dup > twice {
		t.Errorf("%d pages fetched twice and %d listings in two indexes; the killed worker held %d URLs", twice, dup, len(held))
	}
	t.Logf("3 workers, one killed after %d pages holding %d URLs: %d pages fetched twice, %d listings indexed by two workers",
		pages/3, len(held), twice, dup)
}

// TestCrawlSummarySaysWhyVerdictsChanged: after a crawl the summary counts
// the labels shared contacts raised apart from the verdicts a new
// classifier changed. A recrawl with another classifier judges the whole
// board again and says so; it is not reported as reputation.
func TestCrawlSummarySaysWhyVerdictsChanged(t *testing.T) {
	b := newBoard(t, testsite.Config{}, nil)
	defer b.srv.Close()
	data := t.TempDir()
	crawl := func(extra ...string) crawlSummary {
		t.Helper()
		var sum crawlSummary
		out := runCLI(t, append([]string{"crawl", "--site", "demo", "--start", b.URL + "/", "--data", data, "--log-level", "warn", "--json"}, extra...)...)
		if err := json.Unmarshal([]byte(out), &sum); err != nil {
			t.Fatalf("crawl --json: %v\n%s", err, out)
		}
		return sum
	}
	first := crawl()
	if first.Rejudged != 0 || first.Raised > first.Pipeline.Indexed/10 {
		t.Errorf("first crawl: raised %d, rejudged %d of %d listings; want a few raised, none rejudged",
			first.Raised, first.Rejudged, first.Pipeline.Indexed)
	}
	again := crawl("--no-model")
	if again.Rejudged == 0 || again.Raised > first.Pipeline.Indexed/10 {
		t.Errorf("recrawl with the rules alone: raised %d, rejudged %d; want the board judged again, not raised",
			again.Raised, again.Rejudged)
	}
}
