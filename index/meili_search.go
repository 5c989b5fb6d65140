package index

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"github.com/scamhunt/scamhunt"
)

// meiliDoc is a document as Meilisearch stores it. CJK grams are spelled
// in letters (cjkWord) because Meilisearch segments Chinese into
// dictionary words itself, and 处理 inside 待处理 would not be a word;
// each CJK run's bigrams are one array element, so a phrase never spans
// two runs.
type meiliDoc struct {
	ID         string   `json:"id"`
	TitleUni   string   `json:"t_uni"`
	TitleBi    []string `json:"t_bi"`
	TitleWords string   `json:"t_words"`
	BodyUni    string   `json:"b_uni"`
	BodyBi     []string `json:"b_bi"`
	BodyWords  string   `json:"b_words"`
	Contacts   []string `json:"contacts"`
	Label      string   `json:"label"`
	Categories []string `json:"categories"`
	City       string   `json:"city,omitempty"`
	Site       string   `json:"site,omitempty"`
	Score      float64  `json:"score"`
	PostedAt   *int64   `json:"posted_at,omitempty"` // Unix milliseconds
	Reviewed   bool     `json:"reviewed"`
	Removed    bool     `json:"removed"`
	FirstSeen  *int64   `json:"first_seen,omitempty"` // Unix milliseconds
	Record     string   `json:"record"`
}

func meiliDocOf(d document) meiliDoc {
	spell := func(g grams) (uni string, bi []string) {
		u := make([]string, len(g.uni))
		for i, s := range g.uni {
			u[i] = cjkWord(s)
		}
		bi = make([]string, len(g.bi))
		for i, run := range g.bi {
			bi[i] = spellGrams(strings.Fields(run))
		}
		return joinSpace(u), bi
	}
	md := meiliDoc{
		ID: d.id, Contacts: nonNil(d.contacts), Label: d.label, Categories: nonNil(d.categories),
		City: d.city, Site: d.site, Score: d.score, Record: d.record, Reviewed: d.reviewed, Removed: d.removed,
		TitleWords: joinSpace(d.title.words), BodyWords: joinSpace(d.body.words),
	}
	md.TitleUni, md.TitleBi = spell(d.title)
	md.BodyUni, md.BodyBi = spell(d.body)
	md.PostedAt, md.FirstSeen = unixMilli(d.posted), unixMilli(d.firstSeen)
	return md
}

// unixMilli is t in Unix milliseconds, nil when t is zero.
func unixMilli(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	ms := t.UnixMilli()
	return &ms
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// cjkWord spells CJK text in letters a-p, five per rune (the code point in
// hex), a word Meilisearch's tokenizer keeps whole.
func cjkWord(s string) string {
	var b strings.Builder
	for _, r := range s {
		for shift := 16; shift >= 0; shift -= 4 {
			b.WriteByte(byte('a' + (r>>shift)&0xf))
		}
	}
	return b.String()
}

func spellGrams(gs []string) string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = cjkWord(g)
	}
	return joinSpace(out)
}

// meiliQuery is the q of a search for terms: a phrase of spelled bigrams
// for a CJK run, a spelled character for a single one, a word as is. Words
// hold only letters, digits and '_', so nothing needs quoting. Meilisearch
// reads at most ten words of a query, so a long CJK query matches more
// loosely there than on Bleve.
func meiliQuery(terms []term) string {
	parts := make([]string, 0, len(terms))
	for _, t := range terms {
		switch {
		case t.cjk && len(t.grams) > 1:
			parts = append(parts, `"`+spellGrams(t.grams)+`"`)
		case t.cjk && len(t.grams) == 1:
			parts = append(parts, cjkWord(t.grams[0]))
		case t.cjk:
			parts = append(parts, cjkWord(t.text))
		default:
			parts = append(parts, t.text)
		}
	}
	return joinSpace(parts)
}

// quote writes a filter string value. Values never hold a backslash
// (keyword, contactKey), so escaping the quote is enough.
func quote(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, ""), `"`, `\"`) + `"`
}

func inFilter(attr string, values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = quote(v)
	}
	return attr + " IN [" + strings.Join(q, ", ") + "]"
}

// and joins filter expressions; "" matches everything.
func and(parts ...string) string {
	var nonEmpty []string
	for _, p := range parts {
		if p != "" {
			nonEmpty = append(nonEmpty, "("+p+")")
		}
	}
	return strings.Join(nonEmpty, " AND ")
}

// meiliFilter is the filter expression of q's filters.
func meiliFilter(q scamhunt.Query, contacts []string) string {
	var f []string
	if q.Label != "" {
		f = append(f, fLabel+" = "+quote(string(q.Label)))
	}
	if q.Flagged {
		f = append(f, inFilter(fLabel, flaggedLabels))
	}
	// != rather than = false: documents written before these attributes
	// existed lack them, and != matches a missing attribute.
	if q.Unreviewed {
		f = append(f, fReviewed+" != true")
	}
	if q.NotRemoved {
		f = append(f, fRemoved+" != true")
	}
	if !q.SeenAfter.IsZero() {
		f = append(f, fFirstSeen+" > "+strconv.FormatInt(q.SeenAfter.UnixMilli(), 10))
	}
	if cats := keywords(q.Categories); len(cats) > 0 {
		f = append(f, inFilter(fCategories, cats))
	}
	if k := keyword(q.City); k != "" {
		f = append(f, fCity+" = "+quote(k))
	}
	if k := keyword(q.Site); k != "" {
		f = append(f, fSite+" = "+quote(k))
	}
	if len(contacts) > 0 {
		f = append(f, inFilter(fContacts, contacts))
	}
	if !q.Since.IsZero() {
		f = append(f, fPosted+" >= "+strconv.FormatInt(q.Since.UnixMilli(), 10))
	}
	if !q.Until.IsZero() {
		f = append(f, fPosted+" < "+strconv.FormatInt(q.Until.UnixMilli(), 10))
	}
	return and(f...)
}

// meiliSort is the sort parameter of an order; relevance sends none.
func meiliSort(order string) []string {
	switch order {
	case scamhunt.SortScore:
		return []string{fScore + ":desc", fPosted + ":desc", primaryKey + ":asc"}
	case scamhunt.SortNewest:
		return []string{fPosted + ":desc", primaryKey + ":asc"}
	}
	return nil
}

// request is one Meilisearch search: hits from..from+size.
type request struct {
	q          string
	filter     string
	sort       []string
	from, size int
	facets     bool
}

type response struct {
	recs   []scamhunt.Record
	total  int
	facets map[string][]scamhunt.FacetCount
}

// search runs r with exhaustive totals (page mode): one page when from is
// a multiple of size, else the first from+size hits, cut; size 0 asks only
// for the total and facets.
func (m *Meili) search(ctx context.Context, r request) (response, error) {
	hpp, pg, skip := int64(r.size), int64(1), 0
	switch {
	case r.size == 0:
	case r.from%r.size == 0:
		pg = int64(r.from/r.size) + 1
	default:
		hpp, skip = int64(r.from+r.size), r.from
	}
	req := &meilisearch.SearchRequest{
		HitsPerPage: &hpp, Page: pg, Sort: r.sort, MatchingStrategy: meilisearch.All,
		AttributesToRetrieve: []string{fRecord},
	}
	if r.filter != "" {
		req.Filter = r.filter
	}
	if r.facets {
		for _, f := range facetFields {
			req.Facets = append(req.Facets, f.field)
		}
	}
	var res *meilisearch.SearchResponse
	err := m.retry(ctx, "search", func(ctx context.Context) (err error) {
		res, err = m.idx.Search(ctx, r.q, req)
		return err
	})
	if err != nil {
		return response{}, err
	}
	out := response{total: int(res.TotalHits)}
	for i, h := range res.Hits {
		if i < skip {
			continue
		}
		rec, err := meiliRecord(h)
		if err != nil {
			return response{}, err
		}
		out.recs = append(out.recs, rec)
	}
	if r.facets {
		var dist map[string]map[string]int
		if len(res.FacetDistribution) > 0 {
			if err := json.Unmarshal(res.FacetDistribution, &dist); err != nil {
				return response{}, fmt.Errorf("facet distribution: %w", err)
			}
		}
		out.facets = map[string][]scamhunt.FacetCount{}
		for _, f := range facetFields {
			counts := []scamhunt.FacetCount{}
			for v, n := range dist[f.field] {
				counts = append(counts, scamhunt.FacetCount{Value: v, Count: n})
			}
			out.facets[f.name] = sortFacet(counts)
		}
	}
	return out, nil
}

// Search answers q like Bleve.Search; offset+limit reach at most
// cfg.MaxTotalHits, and so does the total. When the text names contacts, the
// listings with those contacts and the listings matching the text without
// them are two disjoint searches, so totals and facet counts add up
// exactly; their hits are merged in the asked order (by relevance: the
// contact matches first).
func (m *Meili) Search(ctx context.Context, q scamhunt.Query) (scamhunt.Result, error) {
	p := parseText(q.Text)
	order, err := sortOf(q, p)
	if err != nil {
		return scamhunt.Result{}, fmt.Errorf("meilisearch search: %w", err)
	}
	filter := contactFilter(q.Contact)
	limit, offset := page(q)
	limit = max(0, min(limit, m.cfg.MaxTotalHits-offset))
	base := meiliFilter(q, filter)
	text := meiliQuery(p.terms)
	var res response
	if len(p.contacts) == 0 {
		res, err = m.search(ctx, request{q: text, filter: base, sort: meiliSort(order), from: offset, size: limit, facets: q.Facets})
	} else {
		res, err = m.searchContacts(ctx, p, q.Facets, base, text, order, offset, limit)
	}
	if err != nil {
		return scamhunt.Result{}, fmt.Errorf("meilisearch search: %w", err)
	}
	out := scamhunt.Result{Total: res.total, Hits: make([]scamhunt.Hit, 0, len(res.recs))}
	marked := append(append([]string(nil), p.contacts...), filter...)
	for _, rec := range res.recs {
		h := scamhunt.HitOf(rec)
		h.Highlights = highlights(rec, p, marked)
		out.Hits = append(out.Hits, h)
	}
	if q.Facets {
		out.Facets = res.facets
		for name, c := range out.Facets {
			out.Facets[name] = c[:min(len(c), facetSize)]
		}
	}
	return out, nil
}

func (m *Meili) searchContacts(ctx context.Context, p parsed, facets bool, base, text, order string, offset, limit int) (response, error) {
	byContact := inFilter(fContacts, p.contacts)
	window := offset + limit
	aSort := meiliSort(order)
	if order == scamhunt.SortRelevance {
		aSort = meiliSort(scamhunt.SortNewest)
	}
	a, err := m.search(ctx, request{filter: and(base, byContact), sort: aSort, size: window, facets: facets})
	if err != nil {
		return response{}, err
	}
	if text == "" {
		a.recs = a.recs[min(offset, len(a.recs)):]
		return a, nil
	}
	b, err := m.search(ctx, request{q: text, filter: and(base, "NOT "+byContact), sort: meiliSort(order), size: window, facets: facets})
	if err != nil {
		return response{}, err
	}
	recs := append(a.recs, b.recs...)
	if order != scamhunt.SortRelevance {
		slices.SortStableFunc(recs, recordOrder(order))
	}
	out := response{total: a.total + b.total, recs: recs[min(offset, len(recs)):min(window, len(recs))]}
	if facets {
		out.facets = sumFacets(a.facets, b.facets)
	}
	return out, nil
}

// recordOrder compares records as meiliSort orders them.
func recordOrder(order string) func(a, b scamhunt.Record) int {
	return func(a, b scamhunt.Record) int {
		if order == scamhunt.SortScore {
			if c := cmp.Compare(b.Verdict.Score, a.Verdict.Score); c != 0 {
				return c
			}
		}
		pa, pb := a.Listing.PostedAt, b.Listing.PostedAt
		switch {
		case pa.IsZero() != pb.IsZero():
			if pa.IsZero() {
				return 1
			}
			return -1
		case !pa.Equal(pb):
			return pb.Compare(pa)
		}
		return strings.Compare(a.Listing.ID, b.Listing.ID)
	}
}

// sumFacets adds the facet counts of two disjoint result sets.
func sumFacets(a, b map[string][]scamhunt.FacetCount) map[string][]scamhunt.FacetCount {
	out := map[string][]scamhunt.FacetCount{}
	for name := range a {
		sum := map[string]int{}
		for _, c := range a[name] {
			sum[c.Value] += c.Count
		}
		for _, c := range b[name] {
			sum[c.Value] += c.Count
		}
		counts := []scamhunt.FacetCount{}
		for v, n := range sum {
			counts = append(counts, scamhunt.FacetCount{Value: v, Count: n})
		}
		out[name] = sortFacet(counts)
	}
	return out
}
