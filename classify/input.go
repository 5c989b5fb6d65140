package classify

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
)

// Input is one JSONL record read by `scamhunt classify`: a listing as
// someone outside the pipeline would write it. Unknown keys are ignored.
type Input struct {
	ID       string         `json:"id"`
	Title    string         `json:"title"`
	Body     string         `json:"body"`
	Salary   string         `json:"salary,omitempty"`
	Company  string         `json:"company,omitempty"`
	Contacts []InputContact `json:"contacts,omitempty"`
	City     string         `json:"city,omitempty"`
	URL      string         `json:"url,omitempty"`
}

// InputContact is a contact of an Input: either an object {kind, value,
// raw} or a plain string in any written form ("加V: abc123", "138 0013
// 8000"), which is canonicalised with the contact package.
type InputContact struct {
	Kind  scamhunt.ContactKind `json:"kind,omitempty"`
	Value string               `json:"value,omitempty"`
	Raw   string               `json:"raw,omitempty"`
}

// UnmarshalJSON accepts an object or a string.
func (c *InputContact) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || (b[0] != '"' && b[0] != '{') {
		return errors.New("a contact must be an object {kind, value, raw} or a string")
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*c = InputContact{Raw: s}
		return nil
	}
	type plain InputContact
	return json.Unmarshal(b, (*plain)(c))
}

// contacts canonicalises the input's contacts. A string or an object
// without a value is read with contact.Field (when the kind is known) or
// contact.Query; one that denotes no contact is dropped.
func (in Input) contacts() []scamhunt.Contact {
	var out []scamhunt.Contact
	seen := map[string]bool{}
	add := func(c scamhunt.Contact) {
		if c.Value == "" || seen[c.Key()] {
			return
		}
		seen[c.Key()] = true
		out = append(out, c)
	}
	for _, c := range in.Contacts {
		switch {
		case c.Value != "" && c.Kind != "":
			add(scamhunt.Contact{Kind: c.Kind, Value: c.Value, Raw: cmp.Or(c.Raw, c.Value)})
		case c.Kind != "":
			for _, f := range contact.Field(c.Kind, cmp.Or(c.Raw, c.Value)) {
				add(f)
			}
		default:
			for _, q := range contact.Query(cmp.Or(c.Raw, c.Value)) {
				q.Raw = cmp.Or(c.Raw, c.Value)
				add(q)
			}
		}
	}
	return out
}

// Listing converts the input to a listing. Contacts given in the input are
// canonicalised; if there are none, Classify finds them in the text. An
// input without an ID gets one derived from its URL or, failing that, its
// text.
func (in Input) Listing() scamhunt.Listing {
	id := in.ID
	if id == "" {
		key := in.URL
		if key == "" {
			key = "text:" + in.Title + "\x00" + in.Body
		}
		id = scamhunt.ListingID(key)
	}
	return scamhunt.Listing{
		ID: id, URL: in.URL, City: in.City, Title: in.Title, Body: in.Body,
		SalaryText: in.Salary, Company: in.Company, Contacts: in.contacts(),
	}
}

// Example is a labelled listing for training and evaluation. Category is
// the scam type of a scam example (a type of scamhunt.Categories, or
// CategoryOther) or the kind of an honest one (HonestAd, HonestWarning,
// HonestMessage, HonestNews); "" if unknown. Source, SourceType, Kind and
// Date say where a real text was found (the real corpus,
// testdata/real/): cross-validation keeps the texts of one source in one
// fold and reports recall by source type and kind. Weight scales the
// example's loss in Train (0 means 1): the synthetic corpus is weighted
// down so it does not dominate the real one.
type Example struct {
	Listing    scamhunt.Listing
	Label      scamhunt.Label
	Category   string
	Source     string
	SourceType string
	Kind       string
	Date       string
	// Context marks a scam text that carries no scam element on its own: a
	// line of a scam conversation an honest speaker could say word for
	// word ("先生,你要找工作吗?"). It is annotated by reading, blind to the
	// classifier (testdata/real/context.tsv), and only a scam text has it.
	Context bool
	Weight  float64
}

// hasContent reports whether e is a scam text that carries a scam element
// on its own: one recall is held on (not Context).
func (e Example) hasContent() bool { return e.Label.Flagged() && !e.Context }

// CategoryOther is the category of a real scam text that fits none of the
// seven scam types (充值返利 games, gambling-agent recruiting).
const CategoryOther = "other"

// The categories of honest examples in the real corpus.
const (
	HonestAd      = "honest_ad" // a genuine job ad
	HonestWarning = "warning"   // police, news or a platform describing a scam to warn
	HonestMessage = "message"   // an ordinary message or notification
	HonestNews    = "news"      // a news sentence about jobs or fraud
	// HonestChat is everyday talk between people that mentions money (a
	// personal SMS, a chat turn, a shop's customer service): the fresh
	// set holds it as a check, never trained on (testdata/real/fresh).
	HonestChat = "chat"
)

// HonestCategories are the categories a legit example may have.
var HonestCategories = []string{HonestAd, HonestWarning, HonestMessage, HonestNews, HonestChat}

// labelled is the JSONL form of an Example: an Input plus its label and,
// for the real corpus, where it was found.
type labelled struct {
	Input
	Label      scamhunt.Label `json:"label"`
	Category   string         `json:"category,omitempty"`
	Source     string         `json:"source,omitempty"`
	SourceType string         `json:"source_type,omitempty"`
	Kind       string         `json:"kind,omitempty"`
	Date       string         `json:"date,omitempty"`
	Context    bool           `json:"context,omitempty"`
}

// checkCategory reports a category that does not fit the label.
func checkCategory(label scamhunt.Label, category string) error {
	if category == "" {
		return nil
	}
	if label == scamhunt.LabelLegit {
		if !slices.Contains(HonestCategories, category) {
			return fmt.Errorf("a legit example has category %q: want one of %s", category, strings.Join(HonestCategories, ", "))
		}
		return nil
	}
	if category != CategoryOther && !slices.Contains(scamhunt.Categories, category) {
		return fmt.Errorf("category %q: want one of %s, %s", category, strings.Join(scamhunt.Categories, ", "), CategoryOther)
	}
	return nil
}

// maxLine bounds one JSONL record.
const maxLine = 16 << 20

// ReadLabelled reads JSONL examples: the fields of Input plus "label"
// (scam, suspicious or legit), optionally "category" (for a scam a type of
// scamhunt.Categories or "other", for an honest text one of
// HonestCategories), the real corpus's "source", "source_type", "kind"
// and "date", and "context" (true for a scam text that carries no scam
// element on its own: Example.Context). Blank lines are skipped; errors
// name the line.
func ReadLabelled(r io.Reader) ([]Example, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	var out []Example
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var rec labelled
		if err := json.Unmarshal(line, &rec); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if !rec.Label.Valid() {
			return nil, fmt.Errorf("line %d: label %q: want scam, suspicious or legit", n, rec.Label)
		}
		if err := checkCategory(rec.Label, rec.Category); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if rec.Context && !rec.Label.Flagged() {
			return nil, fmt.Errorf("line %d: context is for scam texts only, this one is %s", n, rec.Label)
		}
		out = append(out, Example{Listing: rec.Input.Listing(), Label: rec.Label, Category: rec.Category,
			Source: rec.Source, SourceType: rec.SourceType, Kind: rec.Kind, Date: rec.Date, Context: rec.Context})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("read labelled: a line is longer than %d bytes", maxLine)
		}
		return nil, fmt.Errorf("read labelled: %w", err)
	}
	return out, nil
}
