package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// Index is what both backends offer; cmd picks one and the rest of the
// program sees only this.
type Index interface {
	Upsert(ctx context.Context, recs []scamhunt.Record) error
	Delete(ctx context.Context, ids []string) error
	Get(ctx context.Context, id string) (scamhunt.Record, error)
	Search(ctx context.Context, q scamhunt.Query) (scamhunt.Result, error)
	All(ctx context.Context, fn func(scamhunt.Record) error) error
	Count(ctx context.Context) (int, error)
	Stats(ctx context.Context) (Stats, error)
	SetOverride(ctx context.Context, id string, o *scamhunt.Override) error
	Touch(ctx context.Context, ids []string, at time.Time) error
	Close() error
}

// Stats counts the documents of an index and how they divide by effective
// label, scam category, site and city (folded, as the facets show them).
type Stats struct {
	Documents  int                    `json:"documents"`
	Labels     map[scamhunt.Label]int `json:"labels"`
	Categories map[string]int         `json:"categories"`
	Sites      map[string]int         `json:"sites"`
	Cities     map[string]int         `json:"cities"`
}

// Facet names, as they appear in scamhunt.Result.Facets.
const (
	FacetLabel    = "label"
	FacetCategory = "category"
	FacetCity     = "city"
	FacetSite     = "site"
)

const (
	// maxLimit caps Query.Limit: a page is for people, All is for exports.
	maxLimit = 1000
	// facetSize is how many values of each facet a search returns, most
	// frequent first.
	facetSize = 100
	// statsSize is how many values of each facet Stats counts.
	statsSize = 1000
	// keywordRunes caps the length of a filter/facet value.
	keywordRunes = 64
)

// page returns the effective limit and offset of q.
func page(q scamhunt.Query) (limit, offset int) {
	limit, offset = q.Limit, q.Offset
	if limit <= 0 {
		limit = scamhunt.DefaultLimit
	}
	limit = min(limit, maxLimit)
	return limit, max(offset, 0)
}

// keyword is the form of a city, site or typed filter value that is stored
// for filters and facets: folded (so 北京 and 北京, Shanghai and shanghai
// agree), spaces collapsed, no backslashes (Meilisearch filter strings cannot
// carry every backslash sequence), at most keywordRunes runes.
func keyword(s string) string {
	s = textnorm.Space(textnorm.Fold(strings.ReplaceAll(s, `\`, "")))
	if utf8.RuneCountInString(s) > keywordRunes {
		s = string([]rune(s)[:keywordRunes])
	}
	return s
}

// merge is the record to store when rec is upserted over old: the new
// listing and verdict, the earliest FirstSeen and the human override,
// unless rec carries a newer one.
func merge(old *scamhunt.Record, rec scamhunt.Record) scamhunt.Record {
	if old == nil {
		return rec
	}
	if !old.FirstSeen.IsZero() && (rec.FirstSeen.IsZero() || old.FirstSeen.Before(rec.FirstSeen)) {
		rec.FirstSeen = old.FirstSeen
	}
	if old.Override != nil && (rec.Override == nil || rec.Override.At.Before(old.Override.At)) {
		rec.Override = old.Override
	}
	return rec
}

// documents merges each record with its stored version (old, by ID) and
// makes the documents both backends write.
func documents(recs []scamhunt.Record, old map[string]scamhunt.Record) ([]document, error) {
	docs := make([]document, 0, len(recs))
	for _, r := range recs {
		var prev *scamhunt.Record
		if o, ok := old[r.Listing.ID]; ok {
			prev = &o
		}
		d, err := documentOf(merge(prev, r))
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// keywords is keyword of each value, the empty ones dropped.
func keywords(ss []string) []string {
	var out []string
	for _, s := range ss {
		if k := keyword(s); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// flaggedLabels are the labels Query.Flagged matches.
var flaggedLabels = []string{string(scamhunt.LabelScam), string(scamhunt.LabelSuspicious)}

// facetFields maps the facet names of scamhunt.Result to indexed fields.
var facetFields = [...]struct{ name, field string }{
	{FacetLabel, fLabel}, {FacetCategory, fCategories}, {FacetCity, fCity}, {FacetSite, fSite},
}

// dedupe merges records with the same ID in one batch, in order, so the
// last wins but keeps the earliest FirstSeen and any override.
func dedupe(recs []scamhunt.Record) []scamhunt.Record {
	pos := make(map[string]int, len(recs))
	out := make([]scamhunt.Record, 0, len(recs))
	for _, r := range recs {
		if i, ok := pos[r.Listing.ID]; ok {
			out[i] = merge(&out[i], r)
			continue
		}
		pos[r.Listing.ID] = len(out)
		out = append(out, r)
	}
	return out
}

// validOverride checks a human label before it is stored.
func validOverride(o *scamhunt.Override) error {
	if o != nil && !o.Label.Valid() {
		return fmt.Errorf("override label %q is not one of scam, suspicious, legit", o.Label)
	}
	return nil
}

// validID checks a listing ID: 1 to 511 ASCII letters, digits, '-' or '_',
// the rule Meilisearch has for primary keys, held by both backends alike.
func validID(id string) error {
	if id == "" || len(id) > 511 {
		return fmt.Errorf("listing id %q: want 1 to 511 characters", id)
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return fmt.Errorf("listing id %q: only a-z, A-Z, 0-9, '-' and '_' are allowed", id)
		}
	}
	return nil
}

// validRecords checks the IDs of a batch before anything is written.
func validRecords(recs []scamhunt.Record) error {
	for _, r := range recs {
		if err := validID(r.Listing.ID); err != nil {
			return err
		}
	}
	return nil
}

// sortFacet orders facet counts most frequent first, then by value.
func sortFacet(c []scamhunt.FacetCount) []scamhunt.FacetCount {
	slices.SortFunc(c, func(a, b scamhunt.FacetCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	return c
}

// statsOf builds Stats from a document count and facet counts.
func statsOf(total int, f map[string][]scamhunt.FacetCount) Stats {
	st := Stats{
		Documents: total, Labels: map[scamhunt.Label]int{}, Categories: map[string]int{},
		Sites: map[string]int{}, Cities: map[string]int{},
	}
	for _, c := range f[FacetLabel] {
		st.Labels[scamhunt.Label(c.Value)] = c.Count
	}
	for name, m := range map[string]map[string]int{FacetCategory: st.Categories, FacetSite: st.Sites, FacetCity: st.Cities} {
		for _, c := range f[name] {
			m[c.Value] = c.Count
		}
	}
	return st
}

func joinSpace(s []string) string { return strings.Join(s, " ") }

// overridden is the document of listing id with a person's label set (nil
// clears it); both backends write it back their own way.
func overridden(ctx context.Context, get func(context.Context, string) (scamhunt.Record, error), id string, o *scamhunt.Override) (document, error) {
	if err := validOverride(o); err != nil {
		return document{}, err
	}
	rec, err := get(ctx, id)
	if err != nil {
		return document{}, err
	}
	rec.Override = o
	return documentOf(rec)
}

// touch records listings seen again unchanged at a recrawl (the page
// answered 304 or hashed the same): LastSeen moves to at and a listing
// marked removed is back. IDs not in the index are skipped; a page that
// answered unchanged need not have been a listing.
func touch(ctx context.Context, ix interface {
	Get(context.Context, string) (scamhunt.Record, error)
	Upsert(context.Context, []scamhunt.Record) error
}, ids []string, at time.Time) error {
	var recs []scamhunt.Record
	for _, id := range ids {
		r, err := ix.Get(ctx, id)
		if errors.Is(err, scamhunt.ErrNotFound) {
			continue
		}
		if err != nil {
			return fmt.Errorf("touch %s: %w", id, err)
		}
		if !r.Removed && !r.LastSeen.Before(at) {
			continue
		}
		r.Removed = false
		if r.LastSeen.Before(at) {
			r.LastSeen = at
		}
		recs = append(recs, r)
	}
	if len(recs) == 0 {
		return nil
	}
	return ix.Upsert(ctx, recs)
}
