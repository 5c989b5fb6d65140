package e2e_test

import (
	"bytes"
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
	orig, err := os.ReadFile(filepath.Join(good, rel))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
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
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := t.TempDir()
			if err := os.CopyFS(data, os.DirFS(good)); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(data, rel)
			if err := os.WriteFile(file, tc.damage(orig), 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.CommandContext(t.Context(), bin, "crawl", "--site", "demo", "--start", b.URL+"/", "--data", data, "--log-level", "warn")
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() <= 0 {
				t.Fatalf("crawl on a damaged frontier: %v, want a non-zero exit\n%s", err, errOut.String())
			}
			msg := errOut.String()
			for _, w := range []string{"frontier " + file + " is corrupt: ", "delete it to start the crawl afresh"} {
				if !strings.Contains(msg, w) {
					t.Errorf("stderr lacks %q:\n%s", w, msg)
				}
			}
			for _, bad := range []string{"panic", "fatal error", "SIGSEGV", "goroutine "} {
				if strings.Contains(msg, bad) {
					t.Errorf("stderr shows a crash (%q):\n%s", bad, msg)
				}
			}
		})
	}
}
