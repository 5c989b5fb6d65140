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
// the scam type of a scam example ("" if unknown).
type Example struct {
	Listing  scamhunt.Listing
	Label    scamhunt.Label
	Category string
}

// labelled is the JSONL form of an Example: an Input plus its label.
type labelled struct {
	Input
	Label    scamhunt.Label `json:"label"`
	Category string         `json:"category,omitempty"`
}

// maxLine bounds one JSONL record.
const maxLine = 16 << 20

// ReadLabelled reads JSONL examples: the fields of Input plus "label"
// (scam, suspicious or legit) and, optionally, "category" (a scam type of
// scamhunt.Categories). Blank lines are skipped; errors name the line.
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
		if rec.Category != "" && !slices.Contains(scamhunt.Categories, rec.Category) {
			return nil, fmt.Errorf("line %d: category %q: want one of %s", n, rec.Category, strings.Join(scamhunt.Categories, ", "))
		}
		if rec.Category != "" && rec.Label == scamhunt.LabelLegit {
			return nil, fmt.Errorf("line %d: a legit example has category %q", n, rec.Category)
		}
		out = append(out, Example{Listing: rec.Input.Listing(), Label: rec.Label, Category: rec.Category})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("read labelled: a line is longer than %d bytes", maxLine)
		}
		return nil, fmt.Errorf("read labelled: %w", err)
	}
	return out, nil
}
