package e2e_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/index"
	"github.com/scamhunt/scamhunt/testsite"
)

// bin is the scamhunt binary under test, built once by TestMain: these tests
// drive the program as an operator would, from its command line.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "scamhunt-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "scamhunt")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/scamhunt/scamhunt/cmd/scamhunt").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build scamhunt: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	shared.close()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runCLI runs the scamhunt binary and returns its stdout; a non-zero exit fails
// the test with stderr.
func runCLI(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), bin, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("scamhunt %v: %v\n%s", args, err, errOut.String())
	}
	return out.String()
}

// fetchLog wraps a board and counts every path requested.
type fetchLog struct {
	mu    sync.Mutex
	paths map[string]int
	h     http.Handler
}

func (f *fetchLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.paths[r.URL.Path]++
	f.mu.Unlock()
	f.h.ServeHTTP(w, r)
}

// counts returns a copy of the fetch counts.
func (f *fetchLog) counts() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := make(map[string]int, len(f.paths))
	for k, v := range f.paths {
		m[k] = v
	}
	return m
}

// board is the demo board served on loopback with a fetch log.
type board struct {
	*testsite.Board
	log *fetchLog
	srv *httptest.Server
	URL string
}

func newBoard(t testing.TB, cfg testsite.Config, wrap func(http.Handler) http.Handler) *board {
	t.Helper()
	b, err := testsite.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = b.Handler()
	if wrap != nil {
		h = wrap(h)
	}
	log := &fetchLog{paths: map[string]int{}, h: h}
	srv := httptest.NewServer(log)
	return &board{Board: b, log: log, srv: srv, URL: srv.URL}
}

// shared is one crawl of the demo board, made once and copied for each
// test that needs a crawled index, so the suite crawls the board once.
var shared sharedCrawl

type sharedCrawl struct {
	once  sync.Once
	board *board
	data  string
	out   string
	err   error
}

func (s *sharedCrawl) close() {
	if s.board != nil {
		s.board.srv.Close()
		os.RemoveAll(s.data)
	}
}

// crawledDemo returns the shared board and a private copy of its crawled
// data dir, with the crawl's JSON summary.
func crawledDemo(t *testing.T) (*board, string, string) {
	t.Helper()
	shared.once.Do(func() {
		shared.board = newBoard(t, testsite.Config{}, nil)
		shared.data, shared.err = os.MkdirTemp("", "scamhunt-demo-")
		if shared.err != nil {
			return
		}
		cmd := exec.Command(bin, "crawl", "--site", "demo", "--start", shared.board.URL+"/", "--data", shared.data, "--json", "--log-level", "warn")
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			shared.err = fmt.Errorf("crawl: %v\n%s", err, errOut.String())
		}
		shared.out = out.String()
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	data := t.TempDir()
	if err := os.CopyFS(data, os.DirFS(shared.data)); err != nil {
		t.Fatal(err)
	}
	return shared.board, data, shared.out
}

// records opens the Bleve index of a data dir (no scamhunt process may
// hold it) and returns every record by URL.
func records(t *testing.T, data string) map[string]scamhunt.Record {
	t.Helper()
	idx, err := index.OpenBleve(filepath.Join(data, "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	byURL := map[string]scamhunt.Record{}
	if err := idx.All(context.WithoutCancel(t.Context()), func(r scamhunt.Record) error {
		if _, dup := byURL[r.Listing.URL]; dup {
			t.Errorf("listing %s indexed twice", r.Listing.URL)
		}
		byURL[r.Listing.URL] = r
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return byURL
}
