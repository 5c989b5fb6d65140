package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt/internal/boltfile"
	"github.com/scamhunt/scamhunt/store"
)

// storeFile returns the bytes of a closed store holding n listings: its
// bbolt file and its bodies file.
func storeFile(tb testing.TB, n int) (db, bodies []byte) {
	tb.Helper()
	file := filepath.Join(tb.TempDir(), "listings.db")
	s, err := store.Open(file, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	var recs []store.Record
	for i := range n {
		recs = append(recs, rec(fmt.Sprintf("id%04d", i), strings.Repeat("周末发传单日结一百二 ", 20), day1, fmt.Sprintf("tel:1380013%04d", i)))
	}
	if _, err := s.Put(tb.Context(), recs); err != nil {
		tb.Fatal(err)
	}
	if err := s.Close(); err != nil {
		tb.Fatal(err)
	}
	db, err = os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	if bodies, err = os.ReadFile(file + ".bodies.1"); err != nil {
		tb.Fatal(err)
	}
	return db, bodies
}

// useStore writes b as a store's bbolt file beside its bodies, opens it
// and reads every listing; it returns the file's path and the first error.
func useStore(tb testing.TB, b, bodies []byte) (string, error) {
	tb.Helper()
	file := filepath.Join(tb.TempDir(), "listings.db")
	if err := os.WriteFile(file, b, 0o600); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(file+".bodies.1", bodies, 0o600); err != nil {
		tb.Fatal(err)
	}
	s, err := store.Open(file, store.Options{})
	if err != nil {
		return file, err
	}
	defer s.Close()
	var ids []string
	if err := s.IDs(tb.Context(), func(id string) error { ids = append(ids, id); return nil }); err != nil {
		return file, err
	}
	for _, id := range ids {
		if _, _, err := s.Get(id); err != nil {
			return file, err
		}
	}
	return file, nil
}

// TestOpenCorrupt: a damaged store file (pages overwritten, the file cut
// short) is an error naming the file and the fix, not a panic in bbolt.
func TestOpenCorrupt(t *testing.T) {
	good, bodies := storeFile(t, 300)
	for _, c := range []struct {
		name string
		bad  func([]byte) []byte
	}{
		{"pages overwritten", func(b []byte) []byte {
			copy(b[5*4096:], bytes.Repeat([]byte{0xff}, 8*4096))
			return b
		}},
		{"cut short", func(b []byte) []byte { return b[:8192] }},
		{"meta pages zeroed", func(b []byte) []byte {
			copy(b, make([]byte, 2*4096))
			return b
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			file, err := useStore(t, c.bad(bytes.Clone(good)), bodies)
			var ce *store.CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v, want a *store.CorruptError", err)
			}
			if msg := err.Error(); !strings.Contains(msg, file) || !strings.Contains(msg, "move it") {
				t.Errorf("error does not name the file and the fix: %v", err)
			}
		})
	}
	if _, err := useStore(t, good, bodies); err != nil {
		t.Errorf("the undamaged file: %v", err)
	}
}

// FuzzStoreFile overwrites bytes of a real store file: whatever the
// damage, it opens and reads, or gives an error naming the file, never a
// panic or a fault.
func FuzzStoreFile(f *testing.F) {
	good, bodies := storeFile(f, 120)
	f.Add(uint32(0), []byte{0, 0, 0, 0})
	f.Add(uint32(2*4096), bytes.Repeat([]byte{0xff}, 64))
	f.Add(uint32(len(good)/2), []byte("garbage in the middle"))
	f.Add(uint32(4096+16), []byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, at uint32, data []byte) {
		b := boltfile.Damage(good, at, data)
		file, err := useStore(t, b, bodies)
		if err != nil && !strings.Contains(err.Error(), file) {
			t.Errorf("error does not name the file %s: %v", file, err)
		}
	})
}
