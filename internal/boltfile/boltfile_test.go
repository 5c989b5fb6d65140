package boltfile_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/scamhunt/scamhunt/internal/boltfile"
)

// validDB writes a small bbolt file with nested buckets and a value big
// enough for overflow pages, and returns its bytes.
func validDB(t testing.TB) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("urls"))
		if err != nil {
			return err
		}
		for i := range 300 {
			if err := b.Put(fmt.Appendf(nil, "http://board.test/%04d", i), bytes.Repeat([]byte{byte(i)}, 40)); err != nil {
				return err
			}
		}
		nb, err := b.CreateBucket([]byte("nested"))
		if err != nil {
			return err
		}
		return nb.Put([]byte("big"), bytes.Repeat([]byte("x"), 3*4096))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func check(t testing.TB, b []byte) error {
	t.Helper()
	path := filepath.Join(t.TempDir(), "c.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return boltfile.Check(path, time.Second)
}

func TestCheck(t *testing.T) {
	good := validDB(t)
	const ps = 4096
	tests := []struct {
		name    string
		b       []byte
		corrupt bool
	}{
		{"whole", good, false},
		{"empty", nil, false},
		{"cut to three pages", good[:3*ps], true},
		{"cut inside the meta pages", good[:ps], true},
		{"a leaf page's id overwritten", func() []byte { b := bytes.Clone(good); copy(b[4*ps:], []byte{0xff, 0xff}); return b }(), true},
		{"both meta pages zeroed", append(make([]byte, 2*ps), good[2*ps:]...), true},
	}
	for _, tc := range tests {
		err := check(t, tc.b)
		_, corrupt := boltfile.Reason(err)
		if corrupt != tc.corrupt || (err != nil && !corrupt) {
			t.Errorf("%s: Check = %v, want corrupt %v", tc.name, err, tc.corrupt)
		}
	}
}

func TestGuard(t *testing.T) {
	err := boltfile.Guard(func() error { panic("assertion failed: Page expected to be: 150") })
	if why, ok := boltfile.Reason(err); !ok || why != "assertion failed: Page expected to be: 150" {
		t.Errorf("Guard(panic) = %v", err)
	}
}

// FuzzCheck: whatever the bytes, Check answers (nil or an error), and a file
// it passes opens and reads in bbolt without a panic.
func FuzzCheck(f *testing.F) {
	good := validDB(f)
	f.Add(uint32(0), []byte{0})
	f.Add(uint32(4*4096), []byte{0xff, 0xff, 0xff, 0xff})
	f.Add(uint32(2*4096+16), []byte{9, 9})
	f.Fuzz(func(t *testing.T, at uint32, data []byte) {
		b := bytes.Clone(good)
		off := int(at) % (len(b) + 1)
		if off+len(data) > len(b) {
			b = b[:off]
		} else {
			copy(b[off:], data)
		}
		path := filepath.Join(t.TempDir(), "f.db")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if boltfile.Check(path, time.Second) != nil {
			return
		}
		err := boltfile.Guard(func() error {
			db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, NoFreelistSync: true, FreelistType: bolt.FreelistMapType})
			if err != nil {
				return err
			}
			defer db.Close()
			return db.View(func(tx *bolt.Tx) error {
				return tx.ForEach(func([]byte, *bolt.Bucket) error { return nil })
			})
		})
		_ = err // an error is fine; a crash fails the fuzzer
	})
}
