package crawler

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt/internal/boltfile"
)

// frontierFile builds a real frontier of n fetched pages, each with links,
// closes it and returns its bytes.
func frontierFile(t testing.TB, n int) []byte {
	t.Helper()
	dir := t.TempDir()
	f, err := openBolt(dir, "t")
	if err != nil {
		t.Fatal(err)
	}
	page := func(i int) string { return fmt.Sprintf("http://board.test/job/%d.html", i) }
	if _, _, err := f.begin(t.Context(), []entry{{URL: page(0)}}); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		ls, err := f.next(t.Context(), 1)
		if err != nil || len(ls) != 1 {
			t.Fatalf("next %d: %v %v", i, ls, err)
		}
		links := []entry{{URL: page(i + 1), Depth: 1}, {URL: page(i + 2), Depth: 1}}
		o := outcome{Status: 200, OK: true, Hash: strings.Repeat("h", 40), Links: []string{page(i + 1), page(i + 2)}}
		if _, err := f.complete(t.Context(), []completion{{l: ls[0], o: o, links: links}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "frontier-t.db"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// useFrontier opens the frontier file b in a fresh directory and does what
// a crawl does with it (begin, next, lookup, queue, complete, idle,
// removed); it returns the file's path and the first error.
func useFrontier(t testing.TB, b []byte) (string, error) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "frontier-t.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := openBolt(dir, "t")
	if err != nil {
		return path, err
	}
	defer f.close()
	ctx := t.Context()
	if _, _, err := f.begin(ctx, []entry{{URL: "http://board.test/"}}); err != nil {
		return path, err
	}
	for range 3 {
		ls, err := f.next(ctx, 100)
		if err != nil {
			return path, err
		}
		for _, l := range ls {
			if _, _, _, err := f.lookup(ctx, l.URL); err != nil {
				return path, err
			}
		}
		if len(ls) > 0 {
			// A page's links are queued before it completes (ack.go):
			// an early completion.
			if _, err := f.complete(ctx, []completion{{l: ls[0], links: []entry{{URL: ls[0].URL + "?page=2", Depth: ls[0].Depth + 1}}, early: true}}); err != nil {
				return path, err
			}
			if _, err := f.complete(ctx, []completion{{l: ls[0], o: outcome{Status: 200, OK: true}}}); err != nil {
				return path, err
			}
		}
	}
	if _, err := f.idle(ctx); err != nil {
		return path, err
	}
	for _, err := range f.removed(ctx) {
		if err != nil && !errors.Is(err, ErrIncomplete) {
			return path, err
		}
	}
	return path, nil
}

const pageSize = 4096

// damage is one way a frontier file gets broken.
type damage struct {
	name string
	do   func(b []byte) []byte
	want string // in the error; "" means the file must still open and work
}

var damages = []damage{
	{"truncated to half", func(b []byte) []byte { return b[:len(b)/2] }, "truncated"},
	{"truncated to three pages", func(b []byte) []byte { return b[:3*pageSize] }, "truncated"},
	{"cut inside a meta page", func(b []byte) []byte { return b[:100] }, "shorter than two pages"},
	{"random bytes over every data page", func(b []byte) []byte { return scribble(b, 2*pageSize, len(b), 1) }, "corrupt"},
	{"random bytes over the middle third", func(b []byte) []byte { return scribble(b, len(b)/3, 2*len(b)/3, 2) }, "corrupt"},
	{"both meta pages zeroed", func(b []byte) []byte { return zero(b, 0, 2*pageSize) }, "no valid meta page"},
	{"not a bbolt file", func([]byte) []byte { return bytes.Repeat([]byte("not a database\n"), 1000) }, "no valid meta page"},
	{"one meta page zeroed", func(b []byte) []byte { return zero(b, 0, pageSize) }, ""},
	{"empty file", func([]byte) []byte { return nil }, ""},
}

func scribble(b []byte, from, to int, seed uint64) []byte {
	out := bytes.Clone(b)
	r := rand.New(rand.NewPCG(seed, seed))
	for i := from; i < to && i < len(out); i++ {
		out[i] = byte(r.Uint32())
	}
	return out
}

func zero(b []byte, from, to int) []byte {
	out := bytes.Clone(b)
	clear(out[from:min(to, len(out))])
	return out
}

// TestCorruptFrontier: a damaged frontier file gives an error naming the
// file and the fix, never a panic or a fault; damage bbolt can recover from
// (one meta page) still opens.
func TestCorruptFrontier(t *testing.T) {
	good := frontierFile(t, 400)
	if len(good) < 8*pageSize {
		t.Fatalf("test frontier is only %d bytes: too small to damage meaningfully", len(good))
	}
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			path, err := useFrontier(t, d.do(good))
			if d.want == "" {
				if err != nil {
					t.Fatalf("want a working frontier, got %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error from a damaged frontier")
			}
			msg := err.Error()
			for _, w := range []string{"frontier " + path + " is corrupt: ", d.want, "; delete it to start the crawl afresh (listings already indexed are kept)"} {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
		})
	}
}

// FuzzFrontierFile overwrites bytes of a real frontier file: whatever the
// damage, using it gives a working frontier or an error naming the file,
// never a panic or a fault.
func FuzzFrontierFile(f *testing.F) {
	good := frontierFile(f, 60)
	f.Add(uint32(0), []byte{0, 0, 0, 0})
	f.Add(uint32(2*pageSize), bytes.Repeat([]byte{0xff}, 64))
	f.Add(uint32(len(good)/2), []byte("garbage in the middle"))
	f.Add(uint32(pageSize+16), []byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, at uint32, data []byte) {
		b := boltfile.Damage(good, at, data)
		path, err := useFrontier(t, b)
		if err != nil && !strings.Contains(err.Error(), path) {
			t.Errorf("error does not name the file %s: %v", path, err)
		}
	})
}
