package index_test

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt/index"
)

// TestCorruptBleveMetadata: damaged index metadata (index_meta.json, the
// scorch root store/root.bolt) gives an error naming the file and the fix,
// never a panic or a fault.
func TestCorruptBleveMetadata(t *testing.T) {
	good := t.TempDir() + "/index.bleve"
	b, err := index.OpenBleve(good)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Upsert(t.Context(), fixtures()); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	scribble := func(p []byte, from, to int) []byte {
		out := bytes.Clone(p)
		r := rand.New(rand.NewPCG(7, 7))
		for i := from; i < min(to, len(out)); i++ {
			out[i] = byte(r.Uint32())
		}
		return out
	}
	const ps = 4096
	tests := []struct {
		name, file string // file under the index directory
		damage     func([]byte) []byte
		want       string
	}{
		{"meta not JSON", "index_meta.json", func([]byte) []byte { return []byte("\x00\x01garbage") }, "index_meta.json: "},
		{"meta cut short", "index_meta.json", func(p []byte) []byte { return p[:len(p)/2] }, "index_meta.json: "},
		{"meta without storage", "index_meta.json", func([]byte) []byte { return []byte(`{"index_type":"scorch"}`) }, "index_meta.json: no storage named"},
		{"meta missing", "index_meta.json", nil, "index_meta.json: missing"},
		// bbolt grows its file ahead of use, so only a cut below the pages
		// in use is damage: three pages is below any root with data.
		{"root cut to three pages", "store/root.bolt", func(p []byte) []byte { return p[:3*ps] }, "root.bolt: truncated"},
		{"root random bytes after the meta pages", "store/root.bolt", func(p []byte) []byte { return scribble(p, 2*ps, len(p)) }, "root.bolt: "},
		{"root meta pages zeroed", "store/root.bolt", func(p []byte) []byte { return append(make([]byte, 2*ps), p[2*ps:]...) }, "root.bolt: no valid meta page"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir() + "/index.bleve"
			if err := os.CopyFS(dir, os.DirFS(good)); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, tc.file)
			if tc.damage == nil {
				os.Remove(file)
			} else {
				p, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				if len(p) < 4*ps && strings.HasSuffix(file, ".bolt") {
					t.Fatalf("%s is only %d bytes: too small to damage meaningfully", file, len(p))
				}
				if err := os.WriteFile(file, tc.damage(p), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			b, err := index.OpenBleve(dir)
			if err == nil {
				b.Close()
				t.Fatal("no error from a damaged index")
			}
			msg := err.Error()
			for _, w := range []string{"bleve index " + dir + " is corrupt: ", tc.want, "; delete " + dir + " and rebuild the index"} {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
		})
	}
}
