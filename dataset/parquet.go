package dataset

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
	"github.com/scamhunt/scamhunt"
)

// Row group bounds: a group is flushed at whichever comes first, so the
// writer's memory stays bounded by about rowGroupBytes whatever the export's
// size.
const (
	rowGroupRows  = 8192
	rowGroupBytes = 16 << 20
	batchRows     = 128
)

// pqRow is the Parquet schema of a Row: contacts a LIST of groups,
// categories a LIST of strings, reasons a JSON string, times nullable
// microsecond timestamps (UTC).
type pqRow struct {
	ID            string      `parquet:"id"`
	Site          string      `parquet:"site,dict"`
	URL           string      `parquet:"url"`
	City          string      `parquet:"city,dict"`
	Category      string      `parquet:"category,dict"`
	Title         string      `parquet:"title"`
	Body          string      `parquet:"body"`
	SalaryText    string      `parquet:"salary_text"`
	SalaryMin     float64     `parquet:"salary_min"`
	SalaryMax     float64     `parquet:"salary_max"`
	SalaryPeriod  string      `parquet:"salary_period,dict"`
	Company       string      `parquet:"company"`
	ContactPerson string      `parquet:"contact_person"`
	Contacts      []pqContact `parquet:"contacts,list"`
	PostedAt      *time.Time  `parquet:"posted_at,optional,timestamp(nanosecond)"`
	FirstSeen     *time.Time  `parquet:"first_seen,optional,timestamp(nanosecond)"`
	LastSeen      *time.Time  `parquet:"last_seen,optional,timestamp(nanosecond)"`
	Removed       bool        `parquet:"removed"`
	Label         string      `parquet:"label,dict"`
	ModelLabel    string      `parquet:"model_label,dict"`
	Score         float64     `parquet:"score"`
	Categories    []string    `parquet:"categories,list"`
	Reasons       string      `parquet:"reasons,json"`
	HumanLabel    string      `parquet:"human_label,dict"`
	HumanNote     string      `parquet:"human_note"`
	Rules         string      `parquet:"rules,dict"`
	Model         string      `parquet:"model,dict"`
	Tool          string      `parquet:"tool,dict"`
	ClassifiedAt  *time.Time  `parquet:"classified_at,optional,timestamp(nanosecond)"`
}

type pqContact struct {
	Kind  string `parquet:"kind,dict"`
	Value string `parquet:"value"`
	Raw   string `parquet:"raw"`
}

func toPQ(r Row) (pqRow, error) {
	reasons, err := json.Marshal(r.Reasons)
	if err != nil {
		return pqRow{}, err
	}
	p := pqRow{
		ID: r.ID, Site: r.Site, URL: r.URL, City: r.City, Category: r.Category, Title: r.Title, Body: r.Body,
		SalaryText: r.SalaryText, SalaryMin: r.SalaryMin, SalaryMax: r.SalaryMax, SalaryPeriod: r.SalaryPeriod,
		Company: r.Company, ContactPerson: r.ContactPerson, Contacts: make([]pqContact, len(r.Contacts)),
		PostedAt: timePtr(r.PostedAt), FirstSeen: timePtr(r.FirstSeen), LastSeen: timePtr(r.LastSeen),
		Removed: r.Removed, Label: string(r.Label), ModelLabel: string(r.ModelLabel), Score: r.Score,
		Categories: r.Categories, Reasons: string(reasons), HumanLabel: string(r.HumanLabel), HumanNote: r.HumanNote,
		Rules: r.Rules, Model: r.Model, Tool: r.Tool, ClassifiedAt: timePtr(r.ClassifiedAt),
	}
	for i, c := range r.Contacts {
		p.Contacts[i] = pqContact{Kind: string(c.Kind), Value: c.Value, Raw: c.Raw}
	}
	return p, nil
}

func (p pqRow) row() (Row, error) {
	r := Row{
		ID: p.ID, Site: p.Site, URL: p.URL, City: p.City, Category: p.Category, Title: p.Title, Body: p.Body,
		SalaryText: p.SalaryText, SalaryMin: p.SalaryMin, SalaryMax: p.SalaryMax, SalaryPeriod: p.SalaryPeriod,
		Company: p.Company, ContactPerson: p.ContactPerson, Contacts: make([]scamhunt.Contact, len(p.Contacts)),
		Removed: p.Removed, Label: scamhunt.Label(p.Label), ModelLabel: scamhunt.Label(p.ModelLabel), Score: p.Score,
		Categories: p.Categories, HumanLabel: scamhunt.Label(p.HumanLabel), HumanNote: p.HumanNote,
		Rules: p.Rules, Model: p.Model, Tool: p.Tool,
	}
	for _, t := range []struct {
		dst *time.Time
		src *time.Time
	}{{&r.PostedAt, p.PostedAt}, {&r.FirstSeen, p.FirstSeen}, {&r.LastSeen, p.LastSeen}, {&r.ClassifiedAt, p.ClassifiedAt}} {
		if t.src != nil {
			*t.dst = *t.src
		}
	}
	for i, c := range p.Contacts {
		r.Contacts[i] = scamhunt.Contact{Kind: scamhunt.ContactKind(c.Kind), Value: c.Value, Raw: c.Raw}
	}
	if p.Reasons != "" {
		if err := json.Unmarshal([]byte(p.Reasons), &r.Reasons); err != nil {
			return r, fmt.Errorf("reasons: %w", err)
		}
	}
	normalise(&r)
	return r, nil
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// parquetEncoder buffers batchRows rows, hands them to a GenericWriter and
// flushes a row group every rowGroupRows rows or rowGroupBytes of text.
type parquetEncoder struct {
	w       *parquet.GenericWriter[pqRow]
	batch   []pqRow
	inGroup int
	bytes   int
}

func newParquetEncoder(w io.Writer, opt Options) *parquetEncoder {
	pw := parquet.NewGenericWriter[pqRow](w,
		parquet.Compression(&zstd.Codec{}),
		parquet.CreatedBy("scamhunt", "", ""),
		parquet.KeyValueMetadata("scamhunt.source", opt.Source),
		parquet.KeyValueMetadata("scamhunt.pii_masked", fmt.Sprint(opt.MaskPII)),
	)
	return &parquetEncoder{w: pw, batch: make([]pqRow, 0, batchRows)}
}

func (e *parquetEncoder) Write(r Row) error {
	p, err := toPQ(r)
	if err != nil {
		return err
	}
	e.batch = append(e.batch, p)
	e.bytes += len(p.Title) + len(p.Body) + len(p.Reasons) + len(p.URL) + len(p.SalaryText) + 64
	if len(e.batch) == cap(e.batch) {
		return e.flush(false)
	}
	return nil
}

// flush writes the batch and ends the row group if it is full (or if end).
func (e *parquetEncoder) flush(end bool) error {
	if len(e.batch) > 0 {
		if _, err := e.w.Write(e.batch); err != nil {
			return err
		}
		e.inGroup += len(e.batch)
		clear(e.batch)
		e.batch = e.batch[:0]
	}
	if e.inGroup > 0 && (end || e.inGroup >= rowGroupRows || e.bytes >= rowGroupBytes) {
		if err := e.w.Flush(); err != nil {
			return err
		}
		e.inGroup, e.bytes = 0, 0
	}
	return nil
}

func (e *parquetEncoder) Close() error {
	if err := e.flush(true); err != nil {
		return err
	}
	return e.w.Close()
}

// ReadParquet reads back a Parquet export.
func ReadParquet(r io.ReaderAt, size int64) ([]Row, error) {
	ps, err := parquet.Read[pqRow](r, size)
	if err != nil {
		return nil, fmt.Errorf("read parquet: %w", err)
	}
	rows := make([]Row, len(ps))
	for i, p := range ps {
		if rows[i], err = p.row(); err != nil {
			return rows[:i], fmt.Errorf("read parquet row %d: %w", i+1, err)
		}
	}
	return rows, nil
}
