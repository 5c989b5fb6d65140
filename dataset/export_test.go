package dataset_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/dataset"
)

// readBack parses an export in any format.
func readBack(t *testing.T, f dataset.Format, b []byte) []dataset.Row {
	t.Helper()
	var rows []dataset.Row
	var err error
	switch f {
	case dataset.FormatCSV:
		rows, err = dataset.ReadCSV(bytes.NewReader(b))
	case dataset.FormatParquet:
		rows, err = dataset.ReadParquet(bytes.NewReader(b), int64(len(b)))
	default:
		rows, err = dataset.ReadJSONL(bytes.NewReader(b))
	}
	if err != nil {
		t.Fatalf("read %s: %v", f, err)
	}
	return rows
}

func export(t *testing.T, src dataset.Source, opt dataset.Options) ([]byte, dataset.Card) {
	t.Helper()
	var buf bytes.Buffer
	card, err := dataset.Export(t.Context(), src, &buf, opt)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	return buf.Bytes(), card
}

func TestRoundTrip(t *testing.T) {
	src := records(50)
	want := make([]dataset.Row, len(src))
	for i, r := range src {
		want[i] = dataset.RowOf(r)
	}
	for _, f := range dataset.Formats {
		t.Run(string(f), func(t *testing.T) {
			b, card := export(t, src, dataset.Options{Format: f})
			if card.Rows != 50 {
				t.Errorf("card rows = %d, want 50", card.Rows)
			}
			if diff := cmp.Diff(want, readBack(t, f, b)); diff != "" {
				t.Errorf("rows read back (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRoundTripEmpty(t *testing.T) {
	for _, f := range dataset.Formats {
		t.Run(string(f), func(t *testing.T) {
			b, card := export(t, sliceSource{}, dataset.Options{Format: f})
			if got := readBack(t, f, b); len(got) != 0 || card.Rows != 0 {
				t.Errorf("empty export read back %d rows, card %d", len(got), card.Rows)
			}
		})
	}
}

func TestRowOf(t *testing.T) {
	at := time.Date(2024, 5, 6, 7, 8, 9, 0, time.FixedZone("CST", 8*3600))
	r := scamhunt.Record{
		Listing: scamhunt.Listing{ID: "a1", Title: "一\r\n二\r三\xff", PostedAt: at,
			Pay: &scamhunt.Salary{Min: 100, Max: 200, Period: "day", Text: "100-200元/天"}},
		Verdict:  scamhunt.Verdict{Label: scamhunt.LabelScam, Score: 0.9},
		Override: &scamhunt.Override{Label: scamhunt.LabelLegit, Note: "ok"},
	}
	want := dataset.Row{
		ID: "a1", Title: "一\n二\n三\uFFFD", SalaryText: "100-200元/天", SalaryMin: 100, SalaryMax: 200, SalaryPeriod: "day",
		Contacts: []scamhunt.Contact{}, PostedAt: at.UTC(), Label: scamhunt.LabelLegit, ModelLabel: scamhunt.LabelScam,
		Score: 0.9, Categories: []string{}, Reasons: []scamhunt.Reason{}, HumanLabel: scamhunt.LabelLegit, HumanNote: "ok",
	}
	got := dataset.RowOf(r)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RowOf (-want +got):\n%s", diff)
	}
	if got.PostedAt.Location() != time.UTC {
		t.Errorf("posted_at location = %v, want UTC", got.PostedAt.Location())
	}
}

func TestFilter(t *testing.T) {
	src := records(50)
	since := base.Add(40 * time.Hour)
	tests := []struct {
		name   string
		filter dataset.Filter
		keep   func(scamhunt.Record) bool
	}{
		{"all", dataset.Filter{}, func(scamhunt.Record) bool { return true }},
		{"scam", dataset.Filter{Label: scamhunt.LabelScam}, func(r scamhunt.Record) bool { return r.Label() == scamhunt.LabelScam }},
		{"legit includes overrides", dataset.Filter{Label: scamhunt.LabelLegit}, func(r scamhunt.Record) bool {
			if r.Override != nil {
				return r.Override.Label == scamhunt.LabelLegit
			}
			return r.Verdict.Label == scamhunt.LabelLegit
		}},
		{"site", dataset.Filter{Site: "board2"}, func(r scamhunt.Record) bool { return r.Listing.Site == "board2" }},
		{"since first seen, posted at fallback", dataset.Filter{Since: since}, func(r scamhunt.Record) bool {
			if r.FirstSeen.IsZero() {
				return !r.Listing.PostedAt.Before(since)
			}
			return !r.FirstSeen.Before(since)
		}},
		{"site and label", dataset.Filter{Site: "demo", Label: scamhunt.LabelSuspicious}, func(r scamhunt.Record) bool {
			return r.Listing.Site == "demo" && r.Label() == scamhunt.LabelSuspicious
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []string
			for _, r := range src {
				if tt.keep(r) {
					want = append(want, r.Listing.ID)
				}
			}
			if len(want) == 0 || (tt.name != "all" && len(want) == len(src)) {
				t.Fatalf("case keeps %d of %d records: it tests nothing", len(want), len(src))
			}
			b, card := export(t, src, dataset.Options{Filter: tt.filter})
			var got []string
			for _, r := range readBack(t, dataset.FormatJSONL, b) {
				got = append(got, r.ID)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("exported IDs (-want +got):\n%s", diff)
			}
			if card.Rows != len(want) {
				t.Errorf("card rows = %d, want %d", card.Rows, len(want))
			}
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		opt  dataset.Options
		ok   bool
	}{
		{"zero", dataset.Options{}, true},
		{"parquet masked", dataset.Options{Format: dataset.FormatParquet, MaskPII: true}, true},
		{"key", dataset.Options{MaskPII: true, Key: bytes.Repeat([]byte{1}, 16)}, true},
		{"unknown format", dataset.Options{Format: "xlsx"}, false},
		{"bad label", dataset.Options{Filter: dataset.Filter{Label: "spam"}}, false},
		{"short key", dataset.Options{MaskPII: true, Key: []byte("short")}, false},
		{"key without masking", dataset.Options{Key: bytes.Repeat([]byte{1}, 32)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.opt.Validate(); (err == nil) != tt.ok {
				t.Errorf("Validate() = %v, want ok %v", err, tt.ok)
			}
		})
	}
	var buf bytes.Buffer
	if _, err := dataset.Export(t.Context(), records(1), &buf, dataset.Options{Format: "xlsx"}); !errors.Is(err, dataset.ErrFormat) {
		t.Errorf("Export with bad format: err = %v, want ErrFormat", err)
	}
}

type failSource struct{ after int }

var errSource = errors.New("index closed")

func (f failSource) All(ctx context.Context, fn func(scamhunt.Record) error) error {
	for i := range f.after {
		if err := fn(record(i)); err != nil {
			return err
		}
	}
	return errSource
}

func TestExportErrors(t *testing.T) {
	var buf bytes.Buffer
	if _, err := dataset.Export(t.Context(), failSource{after: 3}, &buf, dataset.Options{}); !errors.Is(err, errSource) {
		t.Errorf("source failure: err = %v, want %v", err, errSource)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := dataset.Export(ctx, genSource(10), &buf, dataset.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
}

// FuzzRoundTrip checks that any text survives JSONL and CSV unchanged (as
// RowOf cleans it). Parquet stores strings as raw bytes and is covered by
// TestRoundTrip; under coverage instrumentation parquet-go runs a few
// exports a second, too slow to fuzz.
func FuzzRoundTrip(f *testing.F) {
	for _, h := range hostile {
		f.Add(h, h+"\n"+h, 0.5)
	}
	f.Fuzz(func(t *testing.T, a, b string, score float64) {
		r := record(1)
		r.Listing.Title, r.Listing.Body, r.Listing.City, r.Listing.Company = a, b, b, a
		r.Listing.Contacts[0].Raw = a
		r.Verdict.Score = score
		r.Verdict.Reasons = []scamhunt.Reason{{Rule: a, Match: b, Note: a}}
		want := []dataset.Row{dataset.RowOf(r)}
		for _, format := range []dataset.Format{dataset.FormatJSONL, dataset.FormatCSV} {
			out, _ := export(t, sliceSource{r}, dataset.Options{Format: format})
			if diff := cmp.Diff(want, readBack(t, format, out)); diff != "" {
				t.Errorf("%s round trip (-want +got):\n%s", format, diff)
			}
		}
	})
}
