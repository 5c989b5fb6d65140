package scamhunt

import "time"

// Override is a person's label for a listing. It is kept apart from the
// classifier's Verdict so it survives re-crawls and re-classification.
type Override struct {
	Label Label     `json:"label"`
	Note  string    `json:"note,omitempty"`
	By    string    `json:"by,omitempty"` // the reviewer who set it
	At    time.Time `json:"at"`
}

// Provenance says what produced a verdict: the classifier's rules and model
// by name and content hash, the scamhunt build, and when. It is stored with
// the record, so a data card describes what made the labels it ships, not
// what the exporting command happens to load.
type Provenance struct {
	Rules string `json:"rules"`           // "configs/rules.yaml sha256:0123456789ab"
	Model string `json:"model,omitempty"` // likewise; "" when the rules alone classified
	// Tool is the scamhunt build: module version and VCS revision.
	Tool         string    `json:"tool"`
	ClassifiedAt time.Time `json:"classified_at"`
}

// Classifier names the rules and model, without the build or the time:
// verdicts with the same Classifier were made by the same classifier.
func (p Provenance) Classifier() string {
	if p.Model == "" {
		return p.Rules + ", no model"
	}
	return p.Rules + ", " + p.Model
}

// Maker names what made the verdict, by content: the rules, the model and
// the build, not the time. Verdicts with the same Maker were made by the
// same classifier and build; one with another Maker than the classifier
// in use is out of date.
func (p Provenance) Maker() string {
	return ContentHash([]byte(p.Rules + "\x00" + p.Model + "\x00" + p.Tool))[:16]
}

// Record is what the index stores: a listing, its verdict, a human override
// if any, and when the listing was seen.
type Record struct {
	Listing   Listing   `json:"listing"`
	Verdict   Verdict   `json:"verdict"`
	Override  *Override `json:"override,omitempty"`
	FirstSeen time.Time `json:"first_seen,omitzero"`
	LastSeen  time.Time `json:"last_seen,omitzero"`
	Removed   bool      `json:"removed,omitempty"` // gone from the site at the last crawl

	// Provenance is what produced Verdict; nil for a verdict made before
	// scamhunt recorded it.
	Provenance *Provenance `json:"provenance,omitempty"`
}

// Label is the record's effective label: the human override when there is
// one, else the verdict's.
func (r Record) Label() Label {
	if r.Override != nil && r.Override.Label.Valid() {
		return r.Override.Label
	}
	return r.Verdict.Label
}

// Query is a search over the index. The zero Query matches every listing.
type Query struct {
	Text       string    `json:"q,omitempty"`
	Label      Label     `json:"label,omitempty"`
	Categories []string  `json:"categories,omitempty"` // any of
	City       string    `json:"city,omitempty"`
	Site       string    `json:"site,omitempty"`
	Contact    string    `json:"contact,omitempty"` // a contact in any written form
	Since      time.Time `json:"since,omitzero"`    // posted at or after
	Until      time.Time `json:"until,omitzero"`    // posted before
	// The review queue's filters: flagged (effective label scam or
	// suspicious), not labelled by a person, still on the site, first seen
	// after an instant (the crawl before the latest, for "new since the
	// last crawl").
	Flagged    bool      `json:"flagged,omitempty"`
	Unreviewed bool      `json:"unreviewed,omitempty"`
	NotRemoved bool      `json:"not_removed,omitempty"`
	SeenAfter  time.Time `json:"seen_after,omitzero"`
	Sort       string    `json:"sort,omitempty"`  // "", "relevance", "score", "newest"
	Limit      int       `json:"limit,omitempty"` // 0 means 20
	Offset     int       `json:"offset,omitempty"`
	Facets     bool      `json:"facets,omitempty"`
}

// Sort orders a Query may ask for.
const (
	SortRelevance = "relevance"
	SortScore     = "score"
	SortNewest    = "newest"
)

// DefaultLimit is the page size of a Query with no Limit.
const DefaultLimit = 20

// Span is a run of text in a highlight; Mark says whether it matched the
// query. Highlights are built as spans so markup is ours and the text is
// always escaped.
type Span struct {
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}

// Hit is one search result. Its JSON form is the contract of
// `scamhunt search --json` and GET /api/search.
type Hit struct {
	ID         string            `json:"id"`
	URL        string            `json:"url"`
	Site       string            `json:"site"`
	City       string            `json:"city"`
	Category   string            `json:"category,omitempty"`
	Title      string            `json:"title"`
	Label      Label             `json:"label"`
	Score      float64           `json:"score"`
	Categories []string          `json:"categories"`
	Contacts   []Contact         `json:"contacts"`
	Reasons    []Reason          `json:"reasons"`
	PostedAt   time.Time         `json:"posted_at,omitzero"`
	FirstSeen  time.Time         `json:"first_seen,omitzero"`
	Human      bool              `json:"human_label,omitempty"` // Label comes from a person
	Highlights map[string][]Span `json:"highlights,omitempty"`  // field -> spans
}

// HitOf makes the search hit for a record (without highlights).
func HitOf(r Record) Hit {
	l := r.Listing
	h := Hit{
		ID: l.ID, URL: l.URL, Site: l.Site, City: l.City, Category: l.Category, Title: l.Title,
		Label: r.Label(), Score: r.Verdict.Score, Categories: r.Verdict.Categories,
		Contacts: l.Contacts, Reasons: r.Verdict.Reasons, PostedAt: l.PostedAt, FirstSeen: r.FirstSeen, Human: r.Override != nil,
	}
	if h.Categories == nil {
		h.Categories = []string{}
	}
	if h.Contacts == nil {
		h.Contacts = []Contact{}
	}
	if h.Reasons == nil {
		h.Reasons = []Reason{}
	}
	return h
}

// FacetCount is how many hits share one value of a facet.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Result is one page of search hits, the total and, when asked, facets
// (label, category, city, site) over all matching listings.
type Result struct {
	Total  int                     `json:"total"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetCount `json:"facets,omitempty"`
}
