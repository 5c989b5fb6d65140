package dataset

import (
	"slices"
	"time"

	"github.com/scamhunt/scamhunt"
)

// maxBoardCategories caps the distinct board categories a card counts, so
// attacker-chosen category text cannot grow it without bound; the rest are
// counted under OtherCategory.
const maxBoardCategories = 500

// OtherCategory collects board categories (and classifiers) past the cap.
const OtherCategory = "(other)"

// maxClassifiers caps the distinct classifiers a card counts.
const maxClassifiers = 100

// Span is the earliest and latest of a set of times; zero when none.
type Span struct {
	Min time.Time `json:"min,omitzero"`
	Max time.Time `json:"max,omitzero"`
}

func (s *Span) add(t time.Time) {
	if t.IsZero() {
		return
	}
	if s.Min.IsZero() || t.Before(s.Min) {
		s.Min = t
	}
	if s.Max.IsZero() || t.After(s.Max) {
		s.Max = t
	}
}

// Card describes one export: what it holds, where it came from and how it
// was made. WriteMarkdown renders it as a dataset card. It never holds the
// masking key.
type Card struct {
	Rows      int       `json:"rows"`
	Format    Format    `json:"format"`
	Filter    Filter    `json:"filter"`
	MaskPII   bool      `json:"mask_pii"`
	MaskKeyed bool      `json:"mask_keyed"` // masked under the publisher's key, not a random one
	Source    string    `json:"source"`
	Generated time.Time `json:"generated"`

	// Classifiers counts the rows by what made their verdicts (see
	// Row.Classifier; NotRecorded for rows without provenance), Tools by
	// the scamhunt build, Classified spans when.
	Classifiers map[string]int `json:"classifiers"`
	Tools       map[string]int `json:"tools"`
	Classified  Span           `json:"classified"`

	Sites     map[string]int `json:"sites"`      // rows per site
	FirstSeen Span           `json:"first_seen"` // crawl dates
	LastSeen  Span           `json:"last_seen"`
	Posted    Span           `json:"posted"`

	Labels      map[scamhunt.Label]int `json:"labels"`       // effective labels
	ModelLabels map[scamhunt.Label]int `json:"model_labels"` // classifier labels
	// Categories counts rows per scam type (a row may have several), split
	// by effective label.
	Categories      map[string]map[scamhunt.Label]int `json:"categories"`
	Uncategorised   int                               `json:"uncategorised"` // rows with no scam type
	BoardCategories map[string]int                    `json:"board_categories"`
	HumanLabels     int                               `json:"human_labels"`  // rows a reviewer labelled
	HumanChanged    int                               `json:"human_changed"` // ... to a label other than the model's
	Removed         int                               `json:"removed"`
	WithContacts    int                               `json:"with_contacts"` // rows with at least one contact
}

func newCard(opt Options) *Card {
	return &Card{
		Format: opt.Format, Filter: opt.Filter, MaskPII: opt.MaskPII, MaskKeyed: opt.MaskPII && opt.Key != nil,
		Source: opt.Source, Generated: opt.Now.UTC(),
		Classifiers: map[string]int{}, Tools: map[string]int{},
		Sites: map[string]int{}, Labels: map[scamhunt.Label]int{}, ModelLabels: map[scamhunt.Label]int{},
		Categories: map[string]map[scamhunt.Label]int{}, BoardCategories: map[string]int{},
	}
}

// add counts one exported row, after masking: board categories are free
// text and may hold a contact.
func (c *Card) add(r Row) {
	c.Rows++
	countCapped(c.Classifiers, r.Classifier(), maxClassifiers)
	if r.Rules != "" {
		countCapped(c.Tools, r.Tool, maxClassifiers)
	}
	c.Classified.add(r.ClassifiedAt)
	c.Sites[r.Site]++
	c.FirstSeen.add(r.FirstSeen)
	c.LastSeen.add(r.LastSeen)
	c.Posted.add(r.PostedAt)
	c.Labels[r.Label]++
	c.ModelLabels[r.ModelLabel]++
	for _, cat := range slices.Compact(slices.Sorted(slices.Values(r.Categories))) {
		if c.Categories[cat] == nil {
			c.Categories[cat] = map[scamhunt.Label]int{}
		}
		c.Categories[cat][r.Label]++
	}
	if len(r.Categories) == 0 {
		c.Uncategorised++
	}
	countCapped(c.BoardCategories, r.Category, maxBoardCategories)
	if r.HumanLabel != "" {
		c.HumanLabels++
		if r.HumanLabel != r.ModelLabel {
			c.HumanChanged++
		}
	}
	if r.Removed {
		c.Removed++
	}
	if len(r.Contacts) > 0 {
		c.WithContacts++
	}
}

// SizeCategory is the Hugging Face size bucket of n rows.
func SizeCategory(n int) string {
	switch {
	case n < 1_000:
		return "n<1K"
	case n < 10_000:
		return "1K<n<10K"
	case n < 100_000:
		return "10K<n<100K"
	case n < 1_000_000:
		return "100K<n<1M"
	case n < 10_000_000:
		return "1M<n<10M"
	default:
		return "10M<n<100M"
	}
}

// Classifier is the one classifier every row's verdict came from, or ""
// when they came from several (a mix) or none was recorded.
func (c Card) Classifier() string {
	if len(c.Classifiers) != 1 {
		return ""
	}
	for k := range c.Classifiers {
		if k != NotRecorded {
			return k
		}
	}
	return ""
}

// countCapped counts k in m, or OtherCategory once m has limit keys.
func countCapped(m map[string]int, k string, limit int) {
	if _, ok := m[k]; !ok && len(m) >= limit {
		k = OtherCategory
	}
	m[k]++
}
