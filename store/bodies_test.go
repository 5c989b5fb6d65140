package store_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/store"
)

// bodiesFiles lists the bodies files beside the store file db.
func bodiesFiles(t *testing.T, db string) []string {
	t.Helper()
	fs, err := filepath.Glob(db + ".bodies.*")
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range fs {
		fs[i] = filepath.Base(f)
	}
	return fs
}

// TestOpenMovesAnOlderStoresBodies opens a store file the previous build
// wrote (testdata/v1-listings.db: bodies inside the bbolt file; its
// records as that build read them in v1-listings.json): every record
// reads back the same, from the bodies file now, and the store takes
// writes and opens again.
func TestOpenMovesAnOlderStoresBodies(t *testing.T) {
	src, err := os.ReadFile("testdata/v1-listings.db")
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "listings.db")
	if err := os.WriteFile(db, src, 0o600); err != nil {
		t.Fatal(err)
	}
	var want []store.Record
	b, err := os.ReadFile("testdata/v1-listings.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	read := func(s *store.Store) []store.Record {
		t.Helper()
		var got []store.Record
		for _, w := range want {
			r, ok, err := s.Get(w.Listing.ID)
			if err != nil || !ok {
				t.Fatalf("get %s: found %v, %v", w.Listing.ID, ok, err)
			}
			got = append(got, r)
		}
		return got
	}

	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatalf("open the previous build's store: %v", err)
	}
	if diff := cmp.Diff(want, read(s)); diff != "" {
		t.Errorf("records after the move (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"listings.db.bodies.1"}, bodiesFiles(t, db)); diff != "" {
		t.Errorf("bodies files (-want +got):\n%s", diff)
	}
	h, ok, err := s.Head("v1a")
	if err != nil || !ok || !h.Raised {
		t.Errorf("head of the raised listing: %+v, found %v, %v; want raised", h, ok, err)
	}
	// It takes writes: a new listing and a verdict change of an old one.
	if _, err := s.Put(t.Context(), []store.Record{rec("new1", "新的招聘", day2)}); err != nil {
		t.Fatal(err)
	}
	_, err = s.Update(t.Context(), []string{"v1b"}, func(r *store.Record) bool {
		r.Verdict.Label = scamhunt.LabelScam
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	want[1].Verdict.Label = scamhunt.LabelScam
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = store.Open(db, store.Options{})
	if err != nil {
		t.Fatalf("open again: %v", err)
	}
	defer s.Close()
	if diff := cmp.Diff(want, read(s)); diff != "" {
		t.Errorf("records after writes and a reopen (-want +got):\n%s", diff)
	}
	if n, err := s.Len(); err != nil || n != 4 {
		t.Errorf("Len = %d, %v; want 4", n, err)
	}
	s.Close()
	raw, err := bolt.Open(db, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.View(func(tx *bolt.Tx) error {
		if tx.Bucket([]byte("bodies")) != nil {
			t.Error("the older bodies bucket is still in the bbolt file")
		}
		return nil
	})
}

// TestOpenCompactsDeadBodies rewrites bodies until the dead frames
// outweigh the live ones; the next Open copies the live ones to a new
// file, removes the old one, and every record reads back as last
// written. A bodies file a crash left beside it is removed.
func TestOpenCompactsDeadBodies(t *testing.T) {
	db := filepath.Join(t.TempDir(), "listings.db")
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	text := func() string { // incompressible: every rewrite adds ~6 KB
		var b strings.Builder
		for range 2000 {
			b.WriteRune(rune(0x4e00 + rng.IntN(0x5000)))
		}
		return b.String()
	}
	want := map[string]string{}
	for round := range 20 {
		var recs []store.Record
		for i := range 100 {
			id := fmt.Sprintf("l%03d", i)
			want[id] = fmt.Sprintf("%d %s", round, text())
			recs = append(recs, rec(id, want[id], day1))
		}
		if _, err := s.Put(t.Context(), recs); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	first := filepath.Join(filepath.Dir(db), "listings.db.bodies.1")
	before, err := os.Stat(first)
	if err != nil {
		t.Fatal(err)
	}
	stray := db + ".bodies.7"
	if err := os.WriteFile(stray, []byte("left by a crash"), 0o600); err != nil {
		t.Fatal(err)
	}

	s, err = store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if diff := cmp.Diff([]string{"listings.db.bodies.2"}, bodiesFiles(t, db)); diff != "" {
		t.Errorf("bodies files (-want +got):\n%s", diff)
	}
	after, err := os.Stat(db + ".bodies.2")
	if err != nil {
		t.Fatal(err)
	}
	if after.Size()*10 > before.Size() {
		t.Errorf("bodies file %d bytes after compaction, %d before: want a tenth or less (19 of 20 versions dead)", after.Size(), before.Size())
	}
	for id, body := range want {
		r, ok, err := s.Get(id)
		if err != nil || !ok || r.Listing.Body != body {
			t.Fatalf("%s after compaction: found %v, %v, body %.20q; want %.20q", id, ok, err, r.Listing.Body, body)
		}
	}
}

// TestDamagedBodyIsAnError: a body whose bytes changed on disk is an
// error naming the file, not a wrong record.
func TestDamagedBodyIsAnError(t *testing.T) {
	db := filepath.Join(t.TempDir(), "listings.db")
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Put(t.Context(), []store.Record{rec("a", "招聘 日结", day1)}); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(db+".bodies.1", os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	if _, err := f.WriteAt([]byte{0xff}, st.Size()-3); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, _, err = s.Get("a")
	if err == nil || !strings.Contains(err.Error(), "listings.db.bodies.1") {
		t.Errorf("Get of a damaged body: %v; want an error naming the bodies file", err)
	}
}
