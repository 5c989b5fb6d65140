package dataset

import (
	"math"
	"strings"
	"time"

	"github.com/scamhunt/scamhunt"
)

// Row is one exported listing, flat. The JSON names are the column names of
// every format. Contacts, Categories and Reasons are JSON arrays in JSONL;
// in CSV each is one cell holding a JSON array; in Parquet contacts is a
// LIST of (kind, value, raw) groups, categories a LIST of strings and
// reasons a JSON string column. Times are UTC; a zero time is an empty CSV
// cell, an absent JSONL key and a Parquet null.
type Row struct {
	ID            string             `json:"id"`
	Site          string             `json:"site"`
	URL           string             `json:"url"`
	City          string             `json:"city"`
	Category      string             `json:"category"` // the board's own job category
	Title         string             `json:"title"`
	Body          string             `json:"body"`
	SalaryText    string             `json:"salary_text"`
	SalaryMin     float64            `json:"salary_min"` // yuan per SalaryPeriod; 0: not stated
	SalaryMax     float64            `json:"salary_max"`
	SalaryPeriod  string             `json:"salary_period"`
	Company       string             `json:"company"`
	ContactPerson string             `json:"contact_person"`
	Contacts      []scamhunt.Contact `json:"contacts"`
	PostedAt      time.Time          `json:"posted_at,omitzero"`
	FirstSeen     time.Time          `json:"first_seen,omitzero"`
	LastSeen      time.Time          `json:"last_seen,omitzero"`
	Removed       bool               `json:"removed"`
	Label         scamhunt.Label     `json:"label"`       // effective: human label if any, else the model's
	ModelLabel    scamhunt.Label     `json:"model_label"` // the classifier's
	Score         float64            `json:"score"`
	Categories    []string           `json:"categories"` // scam types, scamhunt.Categories ids
	Reasons       []scamhunt.Reason  `json:"reasons"`
	HumanLabel    scamhunt.Label     `json:"human_label"` // "" when nobody reviewed it
	HumanNote     string             `json:"human_note"`
	// What produced the verdict (scamhunt.Provenance); all empty when the
	// record predates provenance.
	Rules        string    `json:"rules"`
	Model        string    `json:"model"`
	Tool         string    `json:"tool"`
	ClassifiedAt time.Time `json:"classified_at,omitzero"`
}

// NotRecorded stands for the classifier of rows without provenance.
const NotRecorded = "not recorded"

// Classifier names what made the row's verdict, as
// scamhunt.Provenance.Classifier does, or NotRecorded.
func (r Row) Classifier() string {
	if r.Rules == "" {
		return NotRecorded
	}
	return scamhunt.Provenance{Rules: r.Rules, Model: r.Model}.Classifier()
}

// RowOf flattens a record. Strings are made valid UTF-8 and their line
// endings normalised to "\n" (so every format round-trips them exactly),
// times are converted to UTC, non-finite numbers become 0 and absent lists
// become empty ones.
func RowOf(r scamhunt.Record) Row {
	l := r.Listing
	row := Row{
		ID: clean(l.ID), Site: clean(l.Site), URL: clean(l.URL), City: clean(l.City),
		Category: clean(l.Category), Title: clean(l.Title), Body: clean(l.Body),
		SalaryText: clean(l.SalaryText), Company: clean(l.Company), ContactPerson: clean(l.ContactPerson),
		PostedAt: utc(l.PostedAt), FirstSeen: utc(r.FirstSeen), LastSeen: utc(r.LastSeen),
		Removed: r.Removed, Label: r.Label(), ModelLabel: r.Verdict.Label, Score: finite(r.Verdict.Score),
		Contacts:   make([]scamhunt.Contact, 0, len(l.Contacts)),
		Categories: make([]string, 0, len(r.Verdict.Categories)),
		Reasons:    make([]scamhunt.Reason, 0, len(r.Verdict.Reasons)),
	}
	if l.Pay != nil {
		row.SalaryMin, row.SalaryMax, row.SalaryPeriod = finite(l.Pay.Min), finite(l.Pay.Max), clean(l.Pay.Period)
		if row.SalaryText == "" {
			row.SalaryText = clean(l.Pay.Text)
		}
	}
	for _, c := range l.Contacts {
		row.Contacts = append(row.Contacts, scamhunt.Contact{Kind: scamhunt.ContactKind(clean(string(c.Kind))), Value: clean(c.Value), Raw: clean(c.Raw)})
	}
	for _, c := range r.Verdict.Categories {
		row.Categories = append(row.Categories, clean(c))
	}
	for _, rs := range r.Verdict.Reasons {
		rs.Rule, rs.Category, rs.Field, rs.Match, rs.Note = clean(rs.Rule), clean(rs.Category), clean(rs.Field), clean(rs.Match), clean(rs.Note)
		rs.Weight = finite(rs.Weight)
		row.Reasons = append(row.Reasons, rs)
	}
	if o := r.Override; o != nil && o.Label.Valid() {
		row.HumanLabel, row.HumanNote = o.Label, clean(o.Note)
	}
	if p := r.Provenance; p != nil {
		row.Rules, row.Model, row.Tool, row.ClassifiedAt = clean(p.Rules), clean(p.Model), clean(p.Tool), utc(p.ClassifiedAt)
	}
	return row
}

var newlines = strings.NewReplacer("\r\n", "\n", "\r", "\n")

func clean(s string) string {
	return newlines.Replace(strings.ToValidUTF8(s, "\uFFFD"))
}

func utc(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}

func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// normalise gives a read-back row the shape RowOf produces: empty lists, not
// nil, and UTC times.
func normalise(r *Row) {
	if r.Contacts == nil {
		r.Contacts = []scamhunt.Contact{}
	}
	if r.Categories == nil {
		r.Categories = []string{}
	}
	if r.Reasons == nil {
		r.Reasons = []scamhunt.Reason{}
	}
	r.PostedAt, r.FirstSeen, r.LastSeen, r.ClassifiedAt = utc(r.PostedAt), utc(r.FirstSeen), utc(r.LastSeen), utc(r.ClassifiedAt)
}

// columns are the Row's column names in order, shared by CSV and the card.
var columns = []struct{ name, typ, meaning string }{
	{"id", "string", "stable listing ID: first 16 hex digits of SHA-256 of the canonical URL"},
	{"site", "string", "site profile the listing was crawled from"},
	{"url", "string", "canonical URL of the listing's detail page"},
	{"city", "string", "city as stated by the board"},
	{"category", "string", "the board's own job category (not a scam type)"},
	{"title", "string", "ad title as posted"},
	{"body", "string", "ad text as posted, line endings normalised to \\n"},
	{"salary_text", "string", "pay as written in the ad"},
	{"salary_min", "float64", "lower pay bound in yuan per salary_period; 0: not stated"},
	{"salary_max", "float64", "upper pay bound in yuan per salary_period; 0: not stated"},
	{"salary_period", "string", "hour, day, week, month, piece or order; empty: not stated"},
	{"company", "string", "employer name as posted"},
	{"contact_person", "string", "contact name as posted"},
	{"contacts", "list of {kind, value, raw}", "contact details: kind (phone, qq, wechat, email, url, telegram), canonical value, text as found"},
	{"posted_at", "timestamp (UTC)", "posting date stated by the board; empty if none"},
	{"first_seen", "timestamp (UTC)", "when scamhunt first fetched the listing"},
	{"last_seen", "timestamp (UTC)", "when scamhunt last fetched the listing"},
	{"removed", "bool", "the listing was gone from the site at the last crawl"},
	{"label", "string", "effective label: human_label if set, else model_label"},
	{"model_label", "string", "label given by the classifier: scam, suspicious or legit"},
	{"score", "float64", "classifier score in [0,1]; higher is more likely a scam"},
	{"categories", "list of string", "scam types the classifier found evidence of"},
	{"reasons", "list of {rule, category, weight, field, match, start, end, note}", "evidence behind the verdict: rule, scam type, weight, field and matched words, byte offsets of the match in that field"},
	{"human_label", "string", "label given by a reviewer; empty if not reviewed"},
	{"human_note", "string", "reviewer's note"},
	{"rules", "string", "rules file that made the verdict, by name and sha256 prefix; empty: not recorded (classified before scamhunt kept it)"},
	{"model", "string", "model file that made the verdict, by name and sha256 prefix; empty with rules set: the rules alone"},
	{"tool", "string", "scamhunt build that made the verdict: version and VCS revision"},
	{"classified_at", "timestamp (UTC)", "when the verdict was made; empty if not recorded"},
}

// ColumnNames returns the exported column names in order.
func ColumnNames() []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = c.name
	}
	return out
}
