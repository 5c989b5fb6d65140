package crawler_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/crawler"
)

// The process tests run this test binary again as a crawl worker (the
// re-exec pattern): with CRAWLER_TEST_WORKER=1, TestMain crawls
// CRAWLER_START like `scamhunt crawl` would, stops cleanly on SIGINT, and
// prints its Summary as JSON.
func TestMain(m *testing.M) {
	if os.Getenv("CRAWLER_TEST_WORKER") == "1" {
		os.Exit(workerMain())
	}
	os.Exit(m.Run())
}

func workerMain() int {
	worker := os.Getenv("CRAWLER_WORKER")
	cfg := crawler.Config{
		Site:       "proc",
		Start:      []string{os.Getenv("CRAWLER_START")},
		DataDir:    os.Getenv("CRAWLER_DATADIR"),
		Frontier:   os.Getenv("CRAWLER_FRONTIER"),
		Worker:     worker,
		Politeness: crawler.Politeness{Parallelism: 2, Delay: crawler.Off, UserAgent: "scamhunt-test/" + worker},
		Retry:      crawler.Retry{BaseDelay: crawler.Duration(20 * time.Millisecond)},
		Lease:      time.Second,
		Grace:      1500 * time.Millisecond,
	}
	c, err := crawler.New(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "worker:", err)
		return 2
	}
	defer c.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	out := make(chan scamhunt.Page, 8)
	go func() {
		for range out { // an indexer would take the pages here
		}
	}()
	err = c.Crawl(ctx, out)
	close(out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "worker:", err)
		return 1
	}
	json.NewEncoder(os.Stdout).Encode(c.Summary())
	return 0
}

type workerProc struct {
	cmd *exec.Cmd
	out bytes.Buffer
}

func startWorker(t *testing.T, env ...string) *workerProc {
	t.Helper()
	w := &workerProc{cmd: exec.Command(os.Args[0], "-test.run=^$")}
	w.cmd.Env = append(os.Environ(), append([]string{"CRAWLER_TEST_WORKER=1"}, env...)...)
	w.cmd.Stdout = &w.out
	w.cmd.Stderr = os.Stderr
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.cmd.Process.Kill() })
	return w
}

// wait waits for a clean exit and returns the worker's summary.
func (w *workerProc) wait(t *testing.T) crawler.Summary {
	t.Helper()
	if err := w.cmd.Wait(); err != nil {
		t.Fatalf("worker: %v", err)
	}
	var s crawler.Summary
	if err := json.Unmarshal(w.out.Bytes(), &s); err != nil {
		t.Fatalf("worker summary %q: %v", w.out.String(), err)
	}
	return s
}

// waitFetches polls the server log until it holds n page fetches.
func waitFetches(t *testing.T, log *fetchLog, n int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for len(log.counts()) < n {
		if time.Now().After(deadline) {
			t.Fatalf("only %d fetches after 30s", len(log.counts()))
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestProcessResumeAfterSIGINT(t *testing.T) {
	if testing.Short() {
		t.Skip("process test")
	}
	spec := resumeBoard
	spec.Delay = 5 * time.Millisecond
	srv, log := serve(t, spec)
	env := []string{"CRAWLER_START=" + srv.URL + "/", "CRAWLER_DATADIR=" + t.TempDir(), "CRAWLER_WORKER=solo"}

	w := startWorker(t, env...)
	waitFetches(t, log, spec.size()/2)
	if err := w.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	first := w.wait(t)
	if first.Stop != "cancelled" || first.Fetched >= spec.size() {
		t.Fatalf("interrupted run: stop %q, fetched %d of %d", first.Stop, first.Fetched, spec.size())
	}

	second := startWorker(t, env...).wait(t)
	if !second.Resumed || second.Stop != "done" {
		t.Errorf("rerun: resumed %v stop %q, want a resumed crawl run to the end", second.Resumed, second.Stop)
	}
	if first.Fetched+second.Fetched != spec.size() {
		t.Errorf("pages: %d + %d, want %d", first.Fetched, second.Fetched, spec.size())
	}
	onceEach(t, spec, log)
}

func TestProcessDistributedKill(t *testing.T) {
	if testing.Short() {
		t.Skip("process test")
	}
	front := redisFrontier(t)
	spec := resumeBoard
	spec.Delay = 10 * time.Millisecond
	srv, log := serve(t, spec)
	var ws []*workerProc
	for i := range 3 {
		ws = append(ws, startWorker(t, "CRAWLER_START="+srv.URL+"/", "CRAWLER_FRONTIER="+front,
			fmt.Sprintf("CRAWLER_WORKER=w%d", i), "CRAWLER_DATADIR="+t.TempDir()))
	}
	waitFetches(t, log, spec.size()/3)
	ws[1].cmd.Process.Kill() // SIGKILL mid-crawl: its URLs in flight are never acked
	ws[1].cmd.Wait()
	for _, i := range []int{0, 2} {
		if s := ws[i].wait(t); s.Stop != "done" {
			t.Errorf("worker w%d: stop %q, want done", i, s.Stop)
		}
	}

	by := map[string][]string{} // path -> workers that fetched it
	for _, h := range log.all() {
		if h.Path != "/robots.txt" {
			by[h.Path] = append(by[h.Path], strings.TrimPrefix(h.Header.Get("User-Agent"), "scamhunt-test/"))
		}
	}
	twice := 0
	for _, p := range spec.paths() {
		ws := by[p]
		switch {
		case len(ws) == 0:
			t.Errorf("%s never fetched", p)
		case len(ws) == 2 && strings.Contains(strings.Join(ws, ","), "w1"):
			twice++ // w1 had it in flight when killed; reclaimed after the lease
		case len(ws) > 1:
			t.Errorf("%s fetched by %v", p, ws)
		}
	}
	if len(by) != spec.size() {
		t.Errorf("%d distinct paths fetched, want %d", len(by), spec.size())
	}
	// w1 held at most its fetches in flight (Parallelism 2), its prefetched
	// leases (2, not fetched yet) and pages fetched but not yet acked.
	if twice > 8 {
		t.Errorf("%d pages fetched twice, want only the few w1 held unacked", twice)
	}
	t.Logf("pages fetched twice after the kill: %d", twice)
}
