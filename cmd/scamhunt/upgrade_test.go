package main

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/index"
)

// TestUpgradeKeepsAnOldIndexsListings plays an upgrade from a scamhunt
// that kept its listings only in the index: the index has an older schema
// and there is no listing store. Opening the data dir must carry every
// listing over, human label included, keep the old index aside, and serve
// a rebuilt one, instead of losing what was crawled.
func TestUpgradeKeepsAnOldIndexsListings(t *testing.T) {
	dir := t.TempDir()
	idxDir := filepath.Join(dir, "index.bleve")
	old, err := index.OpenBleve(idxDir)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	var recs []scamhunt.Record
	for i, title := range []string{"刷单日结 在家做", "商场周末发传单", "打字员 交押金"} {
		l := scamhunt.Listing{ID: "old" + string(rune('a'+i)), Site: "demo", Title: title, Body: title + "，加微信 ab12" + string(rune('a'+i))}
		recs = append(recs, scamhunt.Record{Listing: l, Verdict: scamhunt.Verdict{ID: l.ID, Label: scamhunt.LabelLegit}, FirstSeen: at, LastSeen: at})
	}
	recs[0].Override = &scamhunt.Override{Label: scamhunt.LabelScam, Note: "victim report", By: "王审核", At: at}
	if err := old.Upsert(t.Context(), recs); err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	// What an older scamhunt wrote: the same stored records, schema "1".
	raw, err := bleve.Open(idxDir)
	if err != nil {
		t.Fatal(err)
	}
	if err := raw.SetInternal([]byte("scamhunt_schema"), []byte("1")); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	g := &globals{dir: &dataDir{path: dir}}
	st, idx, err := g.dir.open(t.Context(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("open an upgraded data dir: %v", err)
	}
	defer st.Close()
	defer idx.Close()
	if n, err := idx.Count(t.Context()); err != nil || n != len(recs) {
		t.Fatalf("rebuilt index holds %d listings (%v), want %d", n, err, len(recs))
	}
	got, err := idx.Get(t.Context(), "olda")
	if err != nil {
		t.Fatal(err)
	}
	if got.Override == nil || got.Override.Label != scamhunt.LabelScam || got.Override.By != "王审核" {
		t.Errorf("human label after the upgrade: %+v, want scam by 王审核", got.Override)
	}
	if n, err := st.Len(); err != nil || n != len(recs) {
		t.Errorf("listing store holds %d (%v), want %d", n, err, len(recs))
	}
	entries, _ := os.ReadDir(dir)
	kept := false
	for _, e := range entries {
		kept = kept || strings.HasPrefix(e.Name(), "index.bleve.schema-1-")
	}
	if !kept {
		t.Errorf("the old index was not kept aside: %v", entries)
	}
}
