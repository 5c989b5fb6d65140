package audit

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSVHeader is the header row of WriteCSV.
var CSVHeader = []string{
	"id", "url", "site", "city", "category", "label", "score", "categories",
	"reasons", "contacts", "human_label", "first_seen", "new",
}

// WriteCSV writes the flagged listings of the report, highest score first,
// one row each: categories joined by ";", reasons as "rule:match; ...",
// contacts as "kind:value; ...", first_seen in RFC 3339 and new as
// true/false. The file starts with a UTF-8 byte order mark so spreadsheet
// programs read the Chinese text right, and any cell that a spreadsheet
// would run as a formula (starting with =, +, -, @, tab or CR) is prefixed
// with a single quote.
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
		first := ""
		if !f.FirstSeen.IsZero() {
			first = f.FirstSeen.UTC().Format(time.RFC3339)
		}
		copy(rec, []string{
			f.ID, f.URL, f.Site, f.City, f.Category, string(f.Label), strconv.FormatFloat(f.Score, 'f', 3, 64),
			strings.Join(f.Categories, ";"), strings.Join(reasons, "; "), strings.Join(contacts, "; "),
			string(f.HumanLabel), first, strconv.FormatBool(f.New),
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

// defuse keeps a spreadsheet from reading a cell as a formula.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
