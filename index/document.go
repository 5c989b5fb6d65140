package index

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/scamhunt/scamhunt"
)

// Field names, shared by the Bleve mapping and the Meilisearch settings.
// t_* index the title, b_* the rest of the ad's text (body, company,
// location, contact person, salary, site category) and, for a flagged
// listing, the names of its scam types.
const (
	fTitleUni   = "t_uni"
	fTitleBi    = "t_bi"
	fTitleWords = "t_words"
	fBodyUni    = "b_uni"
	fBodyBi     = "b_bi"
	fBodyWords  = "b_words"
	fContacts   = "contacts"
	fLabel      = "label"
	fCategories = "categories"
	fCity       = "city"
	fSite       = "site"
	fScore      = "score"
	fRank       = "rank"     // Bleve only: score then posted date, see rankOf
	fNewest     = "newest"   // Bleve only: posted date as a sortable keyword
	fRankB      = "rank_b"   // Bleve only: rankBucket, for narrowing
	fNewestB    = "newest_b" // Bleve only: postedBucket, for narrowing
	fCombo      = "combo"    // Bleve only: the facet values together, see facetKey.combo
	fPosted     = "posted_at"
	fReviewed   = "reviewed"
	fRemoved    = "removed"
	fFirstSeen  = "first_seen"
	fRecord     = "record"
)

// document is a record as both backends index it. The record itself is
// kept whole as JSON so Get and All return exactly what was upserted.
type document struct {
	id         string
	title      grams
	body       grams
	contacts   []string
	label      string // effective: the override wins
	categories []string
	city, site string
	score      float64
	posted     time.Time
	reviewed   bool // a person labelled it
	removed    bool
	firstSeen  time.Time
	record     string
}

func documentOf(r scamhunt.Record) (document, error) {
	raw, err := json.Marshal(r)
	if err != nil {
		return document{}, fmt.Errorf("encode record %s: %w", r.Listing.ID, err)
	}
	d := filterFields(r)
	d.record = string(raw)
	l := r.Listing
	d.title.add(l.Title)
	for _, s := range []string{l.Body, l.Company, l.Location, l.ContactPerson, l.SalaryText, l.Category} {
		d.body.add(s)
	}
	// A flagged listing is also found by its scam type's name, so 刷单
	// finds the order-brushing ads that never write the word.
	if r.Label().Flagged() {
		for _, c := range r.Verdict.Categories {
			d.body.add(scamhunt.CategoryNames[c])
		}
	}
	return d, nil
}

// filterFields is the part of r's document that filters, facets and sorts
// read: everything but the text and the stored record.
func filterFields(r scamhunt.Record) document {
	l := r.Listing
	d := document{
		id:        l.ID,
		contacts:  contactValues(l.Contacts),
		label:     string(r.Label()),
		city:      keyword(l.City),
		site:      keyword(l.Site),
		score:     r.Verdict.Score,
		posted:    l.PostedAt,
		reviewed:  r.Override != nil,
		removed:   r.Removed,
		firstSeen: r.FirstSeen,
	}
	d.categories = keywords(r.Verdict.Categories)
	slices.Sort(d.categories)
	d.categories = slices.Compact(d.categories)
	return d
}

// decodeRecord reads a stored record.
func decodeRecord(raw string) (scamhunt.Record, error) {
	var r scamhunt.Record
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return r, fmt.Errorf("decode stored record: %w", err)
	}
	return r, nil
}
