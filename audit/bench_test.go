package audit_test

import (
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/audit"
)

// genSource generates n records: a third flagged, contacts shared by
// groups of five listings, 40 cities.
type genSource int

func (g genSource) All(ctx context.Context, fn func(scamhunt.Record) error) error {
	labels := []scamhunt.Label{scamhunt.LabelScam, scamhunt.LabelLegit, scamhunt.LabelLegit}
	for i := range int(g) {
		r := spec{
			id: fmt.Sprintf("%08d", i), site: "demo", city: fmt.Sprintf("城市%d", i%40), cat: fmt.Sprintf("类别%d", i%12),
			label: labels[i%3], score: float64(i%100) / 100, cats: []string{scamhunt.Categories[i%len(scamhunt.Categories)]},
			contacts: []scamhunt.Contact{{Kind: scamhunt.ContactPhone, Value: fmt.Sprintf("+86138%08d", i/5)}},
			first:    day1.Add(time.Duration(i) * time.Minute),
		}.record()
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

func BenchmarkBuild(b *testing.B) {
	const n = 100_000
	for b.Loop() {
		r, err := audit.Build(b.Context(), genSource(n), audit.Options{MaxFlagged: 500, Runs: runs})
		if err != nil || r.Listings != n {
			b.Fatalf("build: %v (%d listings)", err, r.Listings)
		}
		if err := r.WriteHTML(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
