package index_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/index"
)

func TestBleveReopen(t *testing.T) {
	dir := t.TempDir() + "/index.bleve"
	b, err := index.OpenBleve(dir)
	if err != nil {
		t.Fatal(err)
	}
	o := &scamhunt.Override{Label: scamhunt.LabelScam, Note: "seen before", At: day(11)}
	if err := b.Upsert(t.Context(), fixtures()); err != nil {
		t.Fatal(err)
	}
	if err := b.SetOverride(t.Context(), recC.Listing.ID, o); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	b, err = index.OpenBleve(dir)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer b.Close()
	want := byID(fixtures())
	want[slices.IndexFunc(want, func(r scamhunt.Record) bool { return r.Listing.ID == recC.Listing.ID })].Override = o
	if diff := cmp.Diff(want, all(t, b)); diff != "" {
		t.Errorf("records after reopening (-want +got):\n%s", diff)
	}
	if got := hitIDs(search(t, b, scamhunt.Query{Text: "处理", Label: scamhunt.LabelScam})); !slices.Equal(got, ids(recA, recC)) && !slices.Equal(got, ids(recC, recA)) {
		t.Errorf("search after reopening = %v, want A and C", got)
	}
}

func TestBleveRefusesAnotherSchema(t *testing.T) {
	dir := t.TempDir() + "/other.bleve"
	other, err := bleve.New(dir, bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := index.OpenBleve(dir); err == nil || !strings.Contains(err.Error(), "rebuild the index") {
		t.Errorf("OpenBleve(foreign index) error = %v, want a rebuild hint", err)
	}
}

// TestBleveTypos: a Latin word of five letters or more allows one typo;
// CJK, numbers and IDs never do.
func TestBleveTypos(t *testing.T) {
	b := seeded(t, openBleve)
	for q, want := range map[string][]string{
		"warehose":    ids(recE),
		"wrehose":     {},
		"packr":       ids(recE),
		"pack":        {},
		"刷车":          {},
		"13812345679": {},
		"abc_124":     {},
	} {
		if got := hitIDs(search(t, b, text(q))); !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestBleveCanceledContext(t *testing.T) {
	b := seeded(t, openBleve)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := b.Upsert(ctx, fixtures()); !errors.Is(err, context.Canceled) {
		t.Errorf("Upsert(canceled) error = %v, want context.Canceled", err)
	}
	if _, err := b.Search(ctx, text("刷单")); !errors.Is(err, context.Canceled) {
		t.Errorf("Search(canceled) error = %v, want context.Canceled", err)
	}
}
