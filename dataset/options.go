package dataset

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/scamhunt/scamhunt"
)

// Source streams every stored record in ID order. cmd satisfies it with
// index.Bleve or index.Meili; tests with a slice or a generator.
type Source interface {
	All(ctx context.Context, fn func(scamhunt.Record) error) error
}

// Format is the file format of an export.
type Format string

// The export formats. The zero Format means FormatJSONL. FormatTrain is
// the labelled JSONL that `scamhunt train` and `scamhunt eval` read: only
// the rows a person labelled scam or legit, with that label.
const (
	FormatJSONL   Format = "jsonl"
	FormatCSV     Format = "csv"
	FormatParquet Format = "parquet"
	FormatTrain   Format = "train"
)

// Formats lists the formats of Row files, for flag help and benchmarks.
var Formats = []Format{FormatJSONL, FormatCSV, FormatParquet}

// Ext is the file name extension of the format, with its dot.
func (f Format) Ext() string {
	switch f {
	case "", FormatTrain:
		return ".jsonl"
	}
	return "." + string(f)
}

// Filter selects the records to export; its zero value selects all.
type Filter struct {
	Label scamhunt.Label // effective label (human override first); "" for any
	Site  string         // site profile name; "" for any
	// Since keeps records first seen by scamhunt at or after it (FirstSeen;
	// a record without FirstSeen falls back to its PostedAt). Zero: no limit.
	Since time.Time
}

// Match reports whether r passes the filter.
func (f Filter) Match(r scamhunt.Record) bool {
	if f.Label != "" && r.Label() != f.Label {
		return false
	}
	if f.Site != "" && r.Listing.Site != f.Site {
		return false
	}
	if !f.Since.IsZero() {
		at := r.FirstSeen
		if at.IsZero() {
			at = r.Listing.PostedAt
		}
		if at.Before(f.Since) {
			return false
		}
	}
	return true
}

// Options configure one export. The zero value exports every record as JSONL
// without masking.
type Options struct {
	Format Format
	Filter Filter
	// MaskPII replaces contact details and contact names by keyed hashes;
	// see the package documentation.
	MaskPII bool
	// Key is the HMAC key of the masking. Nil means 32 fresh random bytes
	// from crypto/rand, so two exports never share hashes; a key the
	// publisher keeps makes the same contact the same token in every
	// release made with it. It is never written anywhere.
	Key []byte
	// Source describes where the data came from, for the data card
	// (e.g. "scamhunt crawl of demo board"). What classified the rows is
	// read from the rows themselves (Row.Rules, Model, Tool).
	Source string
	Now    time.Time // export time for the card; zero means time.Now()
}

// MinKeyLen is the shortest masking key Validate accepts.
const MinKeyLen = 16

// ErrFormat is returned by Validate for an unknown format.
var ErrFormat = errors.New("unknown export format")

// Validate reports the first problem with o.
func (o Options) Validate() error {
	switch o.Format {
	case "", FormatJSONL, FormatCSV, FormatParquet, FormatTrain:
	default:
		return fmt.Errorf("%w %q (want jsonl, csv, parquet or train)", ErrFormat, string(o.Format))
	}
	if o.Filter.Label != "" && !o.Filter.Label.Valid() {
		return fmt.Errorf("unknown label %q in filter", string(o.Filter.Label))
	}
	if o.Key != nil && !o.MaskPII {
		return errors.New("masking key given without mask pii")
	}
	if o.Key != nil && len(o.Key) < MinKeyLen {
		return fmt.Errorf("masking key of %d bytes is shorter than %d", len(o.Key), MinKeyLen)
	}
	return nil
}
