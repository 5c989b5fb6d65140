package dataset_test

import (
	"context"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/dataset"
	"github.com/scamhunt/scamhunt/internal/memstat"
)

// benchSource generates n records of about 1 KB of ad text on the fly.
type benchSource int

var filler = strings.Repeat("招聘兼职，工作轻松，时间自由，适合学生宝妈。", 12)

func (s benchSource) All(ctx context.Context, fn func(scamhunt.Record) error) error {
	for i := range int(s) {
		r := record(i)
		r.Listing.Body += filler
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// peakRSS is the process's peak resident set (VmHWM) in MiB. It is
// process-wide and never falls, so run one format per process
// (-bench 'Export/parquet') to read one format's peak.
func peakRSS(b *testing.B) float64 {
	n, err := memstat.PeakRSS()
	if err != nil {
		b.Skip(err)
	}
	return float64(n) / (1 << 20)
}

func BenchmarkExport(b *testing.B) {
	const n = 100_000
	for _, f := range dataset.Formats {
		for _, masked := range []bool{false, true} {
			name := string(f)
			if masked {
				name += "/masked"
			}
			b.Run(name, func(b *testing.B) {
				var out countWriter
				for b.Loop() {
					out = 0
					card, err := dataset.Export(b.Context(), benchSource(n), &out, dataset.Options{Format: f, MaskPII: masked})
					if err != nil || card.Rows != n {
						b.Fatalf("export: %v (%d rows)", err, card.Rows)
					}
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
				b.ReportMetric(float64(out)/(1<<20), "MiB-out")
				b.ReportMetric(peakRSS(b), "peak-RSS-MiB")
			})
		}
	}
}
