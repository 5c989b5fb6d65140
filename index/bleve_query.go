package index

import (
	"context"
	"fmt"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/scamhunt/scamhunt"
)

// titleBoost makes a match in the title count more than one in the body.
const titleBoost = 2.0

// Search answers q: the text (or the contacts it names) and every filter,
// sorted, one page of hits with highlights and, if asked, facet counts over
// all matches.
func (b *Bleve) Search(ctx context.Context, q scamhunt.Query) (scamhunt.Result, error) {
	p := parseText(q.Text)
	order, err := sortOf(q, p)
	if err != nil {
		return scamhunt.Result{}, fmt.Errorf("bleve search: %w", err)
	}
	filter := contactFilter(q.Contact)
	limit, offset := page(q)
	req := bleve.NewSearchRequestOptions(bleveQuery(p, q, filter), limit, offset, false)
	req.Fields = []string{fRecord}
	req.SortByCustom(bleveSort(order))
	if order != scamhunt.SortRelevance {
		req.Score = bleve.ScoreNone // sorted by fields: relevance scores are wasted work
	}
	if q.Facets {
		addFacets(req, facetSize)
	}
	res, err := b.idx.SearchInContext(ctx, req)
	if err != nil {
		return scamhunt.Result{}, fmt.Errorf("bleve search: %w", err)
	}
	out := scamhunt.Result{Total: int(res.Total), Hits: make([]scamhunt.Hit, 0, len(res.Hits))}
	marked := append(append([]string(nil), p.contacts...), filter...)
	for _, h := range res.Hits {
		rec, err := hitRecord(h.Fields)
		if err != nil {
			return scamhunt.Result{}, fmt.Errorf("bleve search %s: %w", h.ID, err)
		}
		hit := scamhunt.HitOf(rec)
		hit.Highlights = highlights(rec, p, marked)
		out.Hits = append(out.Hits, hit)
	}
	if q.Facets {
		out.Facets = facetCounts(res.Facets)
	}
	return out, nil
}

// bleveQuery builds the query for the parsed text and the filters of q.
// It never fails: any text becomes some query.
func bleveQuery(p parsed, q scamhunt.Query, contacts []string) query.Query {
	var must []query.Query
	if tq := textQuery(p); tq != nil {
		must = append(must, tq)
	}
	if q.Label != "" {
		must = append(must, termQuery(fLabel, string(q.Label)))
	}
	if cats := keywords(q.Categories); len(cats) > 0 {
		must = append(must, anyTerm(fCategories, cats))
	}
	if k := keyword(q.City); k != "" {
		must = append(must, termQuery(fCity, k))
	}
	if k := keyword(q.Site); k != "" {
		must = append(must, termQuery(fSite, k))
	}
	if len(contacts) > 0 {
		must = append(must, anyTerm(fContacts, contacts))
	}
	if !q.Since.IsZero() || !q.Until.IsZero() {
		incl, excl := true, false
		r := bleve.NewDateRangeInclusiveQuery(q.Since, q.Until, &incl, &excl)
		r.SetField(fPosted)
		must = append(must, r)
	}
	if len(must) == 0 {
		return bleve.NewMatchAllQuery()
	}
	return bleve.NewConjunctionQuery(must...)
}

// textQuery matches every term, in title or body, or any contact the text
// names; nil when the text asks for nothing.
func textQuery(p parsed) query.Query {
	var all []query.Query
	for _, t := range p.terms {
		all = append(all, termInFields(t))
	}
	var text query.Query
	if len(all) > 0 {
		text = bleve.NewConjunctionQuery(all...)
	}
	if len(p.contacts) == 0 {
		return text
	}
	c := anyTerm(fContacts, p.contacts)
	if text == nil {
		return c
	}
	return bleve.NewDisjunctionQuery(c, text)
}

// termInFields matches one term in the title (boosted) or the body.
func termInFields(t term) query.Query {
	in := func(uni, bi, words string, boost float64) query.Query {
		var q query.Query
		switch {
		case t.cjk && len(t.grams) > 1:
			pq := bleve.NewPhraseQuery(t.grams, bi)
			pq.SetBoost(boost)
			q = pq
		case t.cjk && len(t.grams) == 1:
			q = boosted(termQuery(bi, t.grams[0]), boost)
		case t.cjk:
			q = boosted(termQuery(uni, t.text), boost)
		case fuzzy(t.text):
			// Latin words of five letters or more allow one typo, as
			// Meilisearch does; CJK, digits and IDs never do.
			fq := bleve.NewFuzzyQuery(t.text)
			fq.SetField(words)
			fq.SetFuzziness(1)
			fq.SetBoost(boost)
			q = fq
		default:
			q = boosted(termQuery(words, t.text), boost)
		}
		return q
	}
	return bleve.NewDisjunctionQuery(
		in(fTitleUni, fTitleBi, fTitleWords, titleBoost),
		in(fBodyUni, fBodyBi, fBodyWords, 1),
	)
}

// fuzzy reports whether a word may match with one typo: five or more
// letters and nothing else.
func fuzzy(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsLetter(r) || r > unicode.MaxLatin1 {
			return false
		}
		n++
	}
	return n >= 5
}

func termQuery(field, value string) *query.TermQuery {
	q := bleve.NewTermQuery(value)
	q.SetField(field)
	return q
}

func boosted(q *query.TermQuery, boost float64) query.Query {
	q.SetBoost(boost)
	return q
}

func anyTerm(field string, values []string) query.Query {
	qs := make([]query.Query, len(values))
	for i, v := range values {
		qs[i] = termQuery(field, v)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// sortOf is the order a query asks for. Relevance means nothing without
// text, so an empty text sorts newest first.
func sortOf(q scamhunt.Query, p parsed) (string, error) {
	switch q.Sort {
	case scamhunt.SortScore, scamhunt.SortNewest:
		return q.Sort, nil
	case "", scamhunt.SortRelevance:
		if p.empty() {
			return scamhunt.SortNewest, nil
		}
		return scamhunt.SortRelevance, nil
	}
	return "", fmt.Errorf("unknown sort %q: want relevance, score or newest", q.Sort)
}

// bleveSort orders hits; ties fall to the newest and then to the ID, so
// pages never overlap. Listings without a date come last.
func bleveSort(order string) search.SortOrder {
	posted := &search.SortField{Field: fPosted, Desc: true, Type: search.SortFieldAsDate, Missing: search.SortFieldMissingLast}
	id := &search.SortDocID{}
	switch order {
	case scamhunt.SortScore:
		score := &search.SortField{Field: fScore, Desc: true, Type: search.SortFieldAsNumber, Missing: search.SortFieldMissingLast}
		return search.SortOrder{score, posted, id}
	case scamhunt.SortNewest:
		return search.SortOrder{posted, id}
	}
	return search.SortOrder{&search.SortScore{Desc: true}, posted, id}
}

func addFacets(req *bleve.SearchRequest, size int) {
	for _, f := range facetFields {
		req.AddFacet(f.name, bleve.NewFacetRequest(f.field, size))
	}
}

// facetCounts converts Bleve's facets, most frequent value first.
func facetCounts(fr search.FacetResults) map[string][]scamhunt.FacetCount {
	out := make(map[string][]scamhunt.FacetCount, len(facetFields))
	for _, f := range facetFields {
		counts := []scamhunt.FacetCount{}
		if r, ok := fr[f.name]; ok && r.Terms != nil {
			for _, t := range r.Terms.Terms() {
				counts = append(counts, scamhunt.FacetCount{Value: t.Term, Count: t.Count})
			}
		}
		out[f.name] = sortFacet(counts)
	}
	return out
}
