package audit

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSVHeader is the header row of WriteCSV: what to take down (or not) and
// why, first; the evidence after.
var CSVHeader = []string{
	"id", "title", "url", "label", "removed", "human_label", "reviewer", "note", "reviewed_at",
	"posted_at", "first_seen", "last_seen", "new",
	"site", "city", "category", "model_label", "score", "categories", "reasons", "contacts",
}

// WriteCSV writes the flagged listings of the report, highest score first,
// one row each: the operator's takedown list. removed says the listing was
// gone from the board at the last crawl (nothing left to take down); the
// human label, its reviewer and note say what a person decided. Times are
// RFC 3339 in UTC, empty when unknown; categories are joined by ";",
// reasons as "rule:match; ...", contacts as "kind:value; ...". The file
// starts with a UTF-8 byte order mark so spreadsheet programs read the
// Chinese text right, and any cell that a spreadsheet would run as a
// formula (starting with =, +, -, @, tab or CR) is prefixed with a single
// quote.
func (r Report) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("write audit csv: %w", err)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("write audit csv: %w", err)
	}
	rec := make([]string, len(CSVHeader))
	for _, f := range r.FlaggedListings {
		reasons := make([]string, len(f.Reasons))
		for i, rs := range f.Reasons {
			reasons[i] = rs.Rule + ":" + rs.Match
		}
		contacts := make([]string, len(f.Contacts))
		for i, c := range f.Contacts {
			contacts[i] = string(c.Kind) + ":" + c.Value
		}
		copy(rec, []string{
			f.ID, f.Title, f.URL, string(f.Label), strconv.FormatBool(f.Removed),
			string(f.HumanLabel), f.Reviewer, f.Note, stamp(f.ReviewedAt),
			stamp(f.PostedAt), stamp(f.FirstSeen), stamp(f.LastSeen), strconv.FormatBool(f.New),
			f.Site, f.City, f.Category, string(f.ModelLabel), strconv.FormatFloat(f.Score, 'f', 3, 64),
			strings.Join(f.Categories, ";"), strings.Join(reasons, "; "), strings.Join(contacts, "; "),
		})
		for i := range rec {
			rec[i] = defuse(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write audit csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write audit csv: %w", err)
	}
	return nil
}

// stamp is t in RFC 3339, UTC; "" when zero.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// defuse keeps a spreadsheet from reading a cell as a formula.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
