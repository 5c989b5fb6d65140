package dataset

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/scamhunt/scamhunt"
)

// csvEncoder writes RFC 4180 CSV with a header row. Cells are written as
// they are: a spreadsheet may read a cell starting with "=" as a formula,
// which the data card warns about.
type csvEncoder struct {
	buf    *bufio.Writer
	w      *csv.Writer
	header bool
	rec    []string
}

func newCSVEncoder(w io.Writer) *csvEncoder {
	buf := bufio.NewWriterSize(w, 64<<10)
	return &csvEncoder{buf: buf, w: csv.NewWriter(buf), rec: make([]string, len(columns))}
}

func (e *csvEncoder) Write(r Row) error {
	if !e.header {
		e.header = true
		if err := e.w.Write(ColumnNames()); err != nil {
			return err
		}
	}
	if err := r.cells(e.rec); err != nil {
		return err
	}
	return e.w.Write(e.rec)
}

func (e *csvEncoder) Close() error {
	if !e.header {
		e.header = true
		if err := e.w.Write(ColumnNames()); err != nil {
			return err
		}
	}
	e.w.Flush()
	if err := e.w.Error(); err != nil {
		return err
	}
	return e.buf.Flush()
}

// cells fills rec (len(columns)) with the row's CSV cells.
func (r Row) cells(rec []string) error {
	contacts, err := json.Marshal(r.Contacts)
	if err != nil {
		return err
	}
	cats, err := json.Marshal(r.Categories)
	if err != nil {
		return err
	}
	reasons, err := json.Marshal(r.Reasons)
	if err != nil {
		return err
	}
	copy(rec, []string{
		r.ID, r.Site, r.URL, r.City, r.Category, r.Title, r.Body, r.SalaryText,
		formatFloat(r.SalaryMin), formatFloat(r.SalaryMax), r.SalaryPeriod, r.Company, r.ContactPerson,
		string(contacts), formatTime(r.PostedAt), formatTime(r.FirstSeen), formatTime(r.LastSeen),
		strconv.FormatBool(r.Removed), string(r.Label), string(r.ModelLabel), formatFloat(r.Score),
		string(cats), string(reasons), string(r.HumanLabel), r.HumanNote,
		r.Rules, r.Model, r.Tool, formatTime(r.ClassifiedAt),
	})
	return nil
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// ReadCSV reads back a CSV export. The header must name the columns of
// ColumnNames in order.
func ReadCSV(r io.Reader) ([]Row, error) {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.FieldsPerRecord = len(columns)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("read csv: no header")
	}
	if err != nil {
		return nil, fmt.Errorf("read csv header: %w", err)
	}
	if !slices.Equal(head, ColumnNames()) {
		return nil, fmt.Errorf("read csv: header %q is not the export's", head)
	}
	var rows []Row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return rows, fmt.Errorf("read csv: %w", err)
		}
		row, err := rowOfCells(rec)
		if err != nil {
			line, _ := cr.FieldPos(0)
			return rows, fmt.Errorf("read csv line %d: %w", line, err)
		}
		rows = append(rows, row)
	}
}

func rowOfCells(c []string) (Row, error) {
	r := Row{
		ID: c[0], Site: c[1], URL: c[2], City: c[3], Category: c[4], Title: c[5], Body: c[6], SalaryText: c[7],
		SalaryPeriod: c[10], Company: c[11], ContactPerson: c[12],
		Label: scamhunt.Label(c[18]), ModelLabel: scamhunt.Label(c[19]), HumanLabel: scamhunt.Label(c[23]), HumanNote: c[24],
		Rules: c[25], Model: c[26], Tool: c[27],
	}
	var errs []error
	num := func(name, s string) float64 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		}
		return f
	}
	tm := func(name, s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		}
		return t
	}
	js := func(name, s string, v any) {
		if err := json.Unmarshal([]byte(s), v); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		}
	}
	r.SalaryMin, r.SalaryMax, r.Score = num("salary_min", c[8]), num("salary_max", c[9]), num("score", c[20])
	js("contacts", c[13], &r.Contacts)
	r.PostedAt, r.FirstSeen, r.LastSeen = tm("posted_at", c[14]), tm("first_seen", c[15]), tm("last_seen", c[16])
	r.ClassifiedAt = tm("classified_at", c[28])
	removed, err := strconv.ParseBool(c[17])
	if err != nil {
		errs = append(errs, fmt.Errorf("removed: %w", err))
	}
	r.Removed = removed
	js("categories", c[21], &r.Categories)
	js("reasons", c[22], &r.Reasons)
	normalise(&r)
	return r, errors.Join(errs...)
}
