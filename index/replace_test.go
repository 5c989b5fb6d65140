package index_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
)

// TestReplace: Replace writes records as given, over what is stored: a
// human label and first-seen date the caller drops are dropped (Upsert
// would keep them), and the replaced record is what search finds.
func TestReplace(t *testing.T) {
	for name, open := range map[string]opener{"bleve": openBleve, "meili": openFakeMeili} {
		t.Run(name, func(t *testing.T) {
			ix := open(t)
			day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
			rec := scamhunt.Record{
				Listing:   scamhunt.Listing{ID: "r1", Site: "demo", City: "长春", Title: "周末发传单", Body: "日结150元"},
				Verdict:   scamhunt.Verdict{ID: "r1", Label: scamhunt.LabelLegit, Score: 0.1, Categories: []string{}, Reasons: []scamhunt.Reason{}},
				Override:  &scamhunt.Override{Label: scamhunt.LabelScam, Note: "举报", By: "wang", At: day},
				FirstSeen: day, LastSeen: day,
			}
			if err := ix.Upsert(t.Context(), []scamhunt.Record{rec}); err != nil {
				t.Fatal(err)
			}
			next := rec
			next.Override, next.FirstSeen, next.LastSeen = nil, day.Add(48*time.Hour), day.Add(48*time.Hour)
			next.Verdict.Label, next.Verdict.Score = scamhunt.LabelSuspicious, 0.6
			if err := ix.Replace(t.Context(), []scamhunt.Record{next}); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(next, get(t, ix, "r1")); diff != "" {
				t.Errorf("after Replace (-want +got):\n%s", diff)
			}
			res := search(t, ix, scamhunt.Query{Label: scamhunt.LabelSuspicious})
			if res.Total != 1 || res.Hits[0].ID != "r1" || res.Hits[0].Human {
				t.Errorf("search label=suspicious: %+v, want r1 by the model's verdict", res.Hits)
			}
			if err := ix.Replace(t.Context(), []scamhunt.Record{{Listing: scamhunt.Listing{ID: "bad id"}}}); err == nil {
				t.Error("Replace accepted a bad id")
			}
		})
	}
}
