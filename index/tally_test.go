package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
)

// tieRecords makes n records with many ties in both sort keys: posting
// days from a 40-day window at whole hours, scores from a few values
// (most scams at 1), and every tenth undated.
func tieRecords(n int, seed uint64) []scamhunt.Record {
	rng := rand.New(rand.NewPCG(seed, 7))
	base := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	cities := []string{"北京", "上海", "广州", "深圳", "成都", ""}
	sites := []string{"jzw", "58", "ganji"}
	scores := []float64{0, 0.1, 0.35, 0.5, 0.8, 0.9, 1, 1, 1}
	out := make([]scamhunt.Record, n)
	for i := range out {
		url := fmt.Sprintf("https://t%d.example.cn/job/%d", i%3, i)
		id := scamhunt.ListingID(url)
		score := scores[rng.IntN(len(scores))]
		label := scamhunt.LabelLegit
		var cats []string
		switch {
		case score >= 0.8:
			label = scamhunt.LabelScam
			cats = []string{scamhunt.Categories[rng.IntN(len(scamhunt.Categories))]}
			if rng.IntN(4) == 0 {
				cats = append(cats, "deposit")
			}
		case score >= 0.5:
			label = scamhunt.LabelSuspicious
		}
		var posted time.Time
		if i%10 != 0 {
			posted = base.Add(time.Duration(rng.IntN(40*24)) * time.Hour)
		}
		title := []string{"兼职日结", "在家打字", "餐厅服务员", "刷单返利"}[rng.IntN(4)]
		out[i] = scamhunt.Record{
			Listing: scamhunt.Listing{ID: id, URL: url, Site: sites[rng.IntN(len(sites))], City: cities[rng.IntN(len(cities))],
				Title: title, Body: "工作轻松 " + title, PostedAt: posted},
			Verdict: scamhunt.Verdict{ID: id, Label: label, Score: score, Categories: cats},
		}
	}
	return out
}

func openTemp(t *testing.T, recs []scamhunt.Record) *Bleve {
	t.Helper()
	ix, err := OpenBleve(filepath.Join(t.TempDir(), "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Upsert(t.Context(), recs); err != nil {
		t.Fatal(err)
	}
	return ix
}

func hitIDsOf(r scamhunt.Result) []string {
	ids := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		ids[i] = h.ID
	}
	return ids
}

// TestNarrowedSortIsTheWholeSort holds topByKey's promise: a sorted page
// taken from the narrowed set is exactly the page of the whole sort, ties,
// undated listings and pages past them included.
func TestNarrowedSortIsTheWholeSort(t *testing.T) {
	ix := openTemp(t, tieRecords(3000, 1))
	pages := [][2]int{{20, 0}, {20, 100}, {7, 13}, {50, 2650}, {30, 2690}, {20, 2990}}
	queries := []scamhunt.Query{
		{Sort: scamhunt.SortNewest}, {Sort: scamhunt.SortScore},
		{Text: "兼职", Sort: scamhunt.SortNewest}, {Text: "日结", Sort: scamhunt.SortScore},
		{Label: scamhunt.LabelScam, Sort: scamhunt.SortScore}, {City: "北京", Sort: scamhunt.SortNewest},
		{Categories: []string{"deposit"}, Sort: scamhunt.SortNewest},
	}
	for _, q := range queries {
		for _, pg := range pages {
			q.Limit, q.Offset = pg[0], pg[1]
			ix.direct = 1 << 30
			want, err := ix.Search(t.Context(), q)
			if err != nil {
				t.Fatal(err)
			}
			ix.direct = 0
			got, err := ix.Search(t.Context(), q)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != want.Total {
				t.Errorf("%+v: total %d, want %d", q, got.Total, want.Total)
			}
			if diff := cmp.Diff(hitIDsOf(want), hitIDsOf(got)); diff != "" {
				t.Errorf("%+v: narrowed page differs from the whole sort (-want +got):\n%s", q, diff)
			}
		}
	}
	if n := ix.narrowed.Load(); n < int64(len(queries)) {
		t.Errorf("only %d searches were answered from a narrowed set; the test did not exercise narrowing", n)
	}
}

// TestSortOrders checks the keys themselves: score then date for
// SortScore, date for SortNewest, undated last, ties by ID.
func TestSortOrders(t *testing.T) {
	recs := tieRecords(400, 2)
	ix := openTemp(t, recs)
	ix.direct = 0
	byID := map[string]scamhunt.Record{}
	for _, r := range recs {
		byID[r.Listing.ID] = r
	}
	for _, order := range []string{scamhunt.SortScore, scamhunt.SortNewest} {
		res, err := ix.Search(t.Context(), scamhunt.Query{Sort: order, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		want := slices.Clone(recs)
		slices.SortStableFunc(want, func(a, b scamhunt.Record) int {
			ka, kb := postedSeconds(a.Listing.PostedAt), postedSeconds(b.Listing.PostedAt)
			if order == scamhunt.SortScore {
				ka, kb = rankOf(a.Verdict.Score, a.Listing.PostedAt), rankOf(b.Verdict.Score, b.Listing.PostedAt)
			}
			if ka != kb {
				return int(kb - ka)
			}
			return strings.Compare(a.Listing.ID, b.Listing.ID)
		})
		wantIDs := make([]string, len(want))
		for i, r := range want {
			wantIDs[i] = r.Listing.ID
		}
		if diff := cmp.Diff(wantIDs, hitIDsOf(res)); diff != "" {
			t.Errorf("sort %s (-want +got):\n%s", order, diff)
		}
	}
}

// nativeFacets counts facets as Bleve itself does, over the single facet
// fields: the reference the tally must agree with.
func nativeFacets(t *testing.T, ix *Bleve, q scamhunt.Query) (int, map[string][]scamhunt.FacetCount) {
	t.Helper()
	req := bleve.NewSearchRequestOptions(bleveQuery(parseText(q.Text), q, contactFilter(q.Contact)), 0, 0, false)
	for _, f := range facetFields {
		req.AddFacet(f.name, bleve.NewFacetRequest(f.field, facetSize))
	}
	res, err := ix.idx.SearchInContext(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]scamhunt.FacetCount{}
	for _, f := range facetFields {
		counts := []scamhunt.FacetCount{}
		for _, tf := range res.Facets[f.name].Terms.Terms() {
			counts = append(counts, scamhunt.FacetCount{Value: tf.Term, Count: tf.Count})
		}
		out[f.name] = sortFacet(counts)
	}
	return int(res.Total), out
}

// TestTallyAgreesWithIndex changes the index every way it can change
// (new listings, listings changing label, city and types, human labels set
// and cleared, deletions) and checks that totals and facets from the tally
// and from the combination facet equal Bleve's own counts, and that the
// tally rebuilt from the index when it opens equals the one kept in step.
func TestTallyAgreesWithIndex(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index.bleve")
	ix, err := OpenBleve(dir)
	if err != nil {
		t.Fatal(err)
	}
	recs := tieRecords(600, 3)
	if err := ix.Upsert(ctx, recs[:400]); err != nil {
		t.Fatal(err)
	}
	changed := tieRecords(600, 4) // same IDs, other labels, cities, types
	if err := ix.Upsert(ctx, append(changed[300:350], recs[400:]...)); err != nil {
		t.Fatal(err)
	}
	// Replace rewrites verdicts without reading the stored records.
	if err := ix.Replace(ctx, changed[100:160]); err != nil {
		t.Fatal(err)
	}
	for i, r := range recs[:40] {
		o := &scamhunt.Override{Label: scamhunt.LabelScam, At: time.Now()}
		if i%2 == 0 {
			o.Label = scamhunt.LabelLegit
		}
		if err := ix.SetOverride(ctx, r.Listing.ID, o); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.SetOverride(ctx, recs[0].Listing.ID, nil); err != nil {
		t.Fatal(err)
	}
	var gone []string
	for _, r := range recs[500:530] {
		gone = append(gone, r.Listing.ID)
	}
	if err := ix.Delete(ctx, append(gone, "not-indexed")); err != nil {
		t.Fatal(err)
	}

	queries := []scamhunt.Query{
		{}, {Label: scamhunt.LabelScam}, {Label: scamhunt.LabelLegit, City: "北京"}, {Site: "58"},
		{Categories: []string{"deposit", "typing"}}, {City: "上海", Categories: []string{"shuadan"}},
		{Text: "兼职"}, {Text: "刷单返利", Label: scamhunt.LabelScam}, {Text: "餐厅", City: "深圳"},
	}
	for _, q := range queries {
		q.Facets, q.Limit = true, 1
		wantTotal, want := nativeFacets(t, ix, q)
		got, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != wantTotal {
			t.Errorf("%+v: total %d, Bleve counts %d", q, got.Total, wantTotal)
		}
		if diff := cmp.Diff(want, got.Facets); diff != "" {
			t.Errorf("%+v: facets differ from Bleve's own (-bleve +ours):\n%s", q, diff)
		}
	}
	st, err := ix.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 570 || st.Labels[scamhunt.LabelScam]+st.Labels[scamhunt.LabelLegit]+st.Labels[scamhunt.LabelSuspicious] != 570 {
		t.Errorf("stats: %d documents, labels %v; want 570 in all", st.Documents, st.Labels)
	}

	kept := ix.tally
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	re, err := OpenBleve(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	opts := cmp.Options{cmp.AllowUnexported(tally{}, hist{}), cmpIgnoreLockAndCache}
	if diff := cmp.Diff(kept, re.tally, opts); diff != "" {
		t.Errorf("tally rebuilt at open differs from the one kept in step (-kept +rebuilt):\n%s", diff)
	}
}

var cmpIgnoreLockAndCache = cmp.FilterPath(func(p cmp.Path) bool {
	s := p.String()
	return strings.HasSuffix(s, ".mu") || strings.HasSuffix(s, ".desc")
}, cmp.Ignore())
