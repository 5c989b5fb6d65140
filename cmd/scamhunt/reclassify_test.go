package main

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/store"
)

// TestMixedClassifiersJudgeAll: the store's fingerprint and the verdicts'
// provenance are one notion. A crawl by another classifier (here the
// rules alone) on a store whose verdicts the bundled rules and model made
// marks the store as made by none, so that even if it is interrupted
// before its own reclassification, the next run by either classifier
// classifies every listing again, and afterwards every verdict names that
// classifier.
func TestMixedClassifiersJudgeAll(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "listings.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	g := &globals{dir: &dataDir{path: dir}}
	log := slog.New(slog.DiscardHandler)
	full, err := newReclassifier(g, classifierFlags{}, st, nil, log)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := newReclassifier(g, classifierFlags{noModel: true}, st, nil, log)
	if err != nil {
		t.Fatal(err)
	}
	if full.cls.fingerprint() == rules.cls.fingerprint() {
		t.Fatal("with and without the model, the same fingerprint")
	}

	// crawl is what a crawl's index step stores for listings from..to.
	crawl := func(rc *reclassifier, from, to int) {
		t.Helper()
		var recs []store.Record
		for i := from; i < to; i++ {
			l := scamhunt.Listing{ID: fmt.Sprintf("id%02d", i), Site: "demo", Title: "日结兼职",
				Body: fmt.Sprintf("在家手机刷单，一单一结，日赚%d元，加微信 ab%04d", 300+i, i)}
			recs = append(recs, storeRecord(scamhunt.Record{Listing: l, Verdict: rc.cls.Classify(l), Provenance: rc.cls.made(time.Now())}))
		}
		if _, err := st.Put(t.Context(), recs); err != nil {
			t.Fatal(err)
		}
	}
	if err := full.claim(); err != nil {
		t.Fatal(err)
	}
	crawl(full, 0, 10)
	if res, err := full.run(t.Context()); err != nil || res.Full {
		t.Fatalf("first run after the first crawl: %+v, %v; want a run over what changed alone", res, err)
	}

	// An interrupted crawl with the rules alone: it claims, stores, and
	// never reclassifies.
	if err := rules.claim(); err != nil {
		t.Fatal(err)
	}
	crawl(rules, 5, 15)

	res, err := full.run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !res.Full || res.Judged != 15 {
		t.Errorf("run after a crawl by another classifier: %+v, want every one of 15 listings judged", res)
	}
	n := 0
	err = st.All(t.Context(), func(r store.Record) error {
		n++
		if !full.cls.current(r.Provenance) {
			t.Errorf("%s: provenance %+v, want the bundled rules and model's", r.Listing.ID, r.Provenance)
		}
		if want := full.cls.Classify(r.Listing); r.Base.Score != want.Score {
			t.Errorf("%s: base score %v, want %v (the bundled rules and model's)", r.Listing.ID, r.Base.Score, want.Score)
		}
		return nil
	})
	if err != nil || n != 15 {
		t.Fatalf("store holds %d listings (%v), want 15", n, err)
	}
	if res, err := full.run(t.Context()); err != nil || res.Full || res.Judged != 0 {
		t.Errorf("a run with nothing changed: %+v, %v; want nothing judged", res, err)
	}
}
