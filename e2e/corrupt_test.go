package e2e_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt/testsite"
)

// TestCorruptFrontierExits runs the real binary on a frontier file that was
// cut short or scribbled over: it exits non-zero with an error naming the
// file and the fix, and neither panics nor faults.
func TestCorruptFrontierExits(t *testing.T) {
	b := newBoard(t, testsite.Config{}, nil)
	defer b.srv.Close()
	good := t.TempDir()
	runCLI(t, "crawl", "--site", "demo", "--start", b.URL+"/", "--data", good, "--max-pages", "60", "--log-level", "warn")
	const rel = "frontier/demo/frontier-demo.db"
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			data, file := damagedCopy(t, good, rel, d.damage)
			exitsNamingFix(t, []string{"crawl", "--site", "demo", "--start", b.URL + "/", "--data", data, "--log-level", "warn"},
				"frontier "+file+" is corrupt: ", "delete it to start the crawl afresh")
		})
	}
}

// damages are the ways the tests damage a bbolt file: cut short, or
// scribbled over past its meta pages.
var damages = []struct {
	name   string
	damage func([]byte) []byte
}{
	{"truncated to half", func(p []byte) []byte { return p[:len(p)/2] }},
	{"random bytes inside", func(p []byte) []byte {
		out := bytes.Clone(p)
		r := rand.New(rand.NewPCG(3, 3))
		for i := 2 * 4096; i < len(out); i++ {
			out[i] = byte(r.Uint32())
		}
		return out
	}},
}

// damagedCopy copies the data dir good and damages its file rel; it
// returns the copy and the damaged file's path.
func damagedCopy(t *testing.T, good, rel string, damage func([]byte) []byte) (data, file string) {
	t.Helper()
	orig, err := os.ReadFile(filepath.Join(good, rel))
	if err != nil {
		t.Fatal(err)
	}
	data = t.TempDir()
	if err := os.CopyFS(data, os.DirFS(good)); err != nil {
		t.Fatal(err)
	}
	file = filepath.Join(data, rel)
	if err := os.WriteFile(file, damage(orig), 0o600); err != nil {
		t.Fatal(err)
	}
	return data, file
}

// exitsNamingFix runs the binary with args: it must exit non-zero with
// every one of wants on stderr, and neither panic nor fault.
func exitsNamingFix(t *testing.T, args []string, wants ...string) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), bin, args...)
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() <= 0 {
		t.Fatalf("%s on a damaged file: %v, want a non-zero exit\n%s", args[0], err, errOut.String())
	}
	msg := errOut.String()
	for _, w := range wants {
		if !strings.Contains(msg, w) {
			t.Errorf("stderr lacks %q:\n%s", w, msg)
		}
	}
	for _, bad := range []string{"panic", "fatal error", "SIGSEGV", "goroutine "} {
		if strings.Contains(msg, bad) {
			t.Errorf("stderr shows a crash (%q):\n%s", bad, msg)
		}
	}
}

// TestCorruptStoreExits: a damaged listing store makes a command exit
// non-zero naming the file and the fix, and the fix works: with the store
// moved aside, the next command fills a new one from the index, and an
// index rebuilt from that store finds every listing again.
func TestCorruptStoreExits(t *testing.T) {
	b := newBoard(t, testsite.Config{}, nil)
	defer b.srv.Close()
	good := t.TempDir()
	runCLI(t, "crawl", "--site", "demo", "--start", b.URL+"/", "--data", good, "--max-pages", "60", "--log-level", "warn")
	want := searchTotal(t, good)
	if want == 0 {
		t.Fatal("the crawl indexed nothing")
	}
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			data, file := damagedCopy(t, good, "listings.db", d.damage)
			exitsNamingFix(t, []string{"search", "--data", data, "--json", "兼职"},
				"listing store "+file+" is corrupt: ", "move it and its "+file+".bodies.* files aside")
			aside := t.TempDir()
			matches, _ := filepath.Glob(file + "*")
			for _, m := range matches {
				if err := os.Rename(m, filepath.Join(aside, filepath.Base(m))); err != nil {
					t.Fatal(err)
				}
			}
			// reindex rebuilds the index from the store alone: all comes
			// back only if the new store was filled from the old index.
			runCLI(t, "reindex", "--data", data)
			if got := searchTotal(t, data); got != want {
				t.Errorf("after moving the store aside and reindexing: %d listings found, want the %d crawled", got, want)
			}
		})
	}
}

// searchTotal is how many listings an empty search of data finds.
func searchTotal(t *testing.T, data string) int {
	t.Helper()
	var res struct {
		Total int `json:"total"`
	}
	if err := json.Unmarshal([]byte(runCLI(t, "search", "--data", data, "--json", "")), &res); err != nil {
		t.Fatal(err)
	}
	return res.Total
}
