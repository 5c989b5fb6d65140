package index

import (
	"context"
	"fmt"
	"math"
	"time"
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
//
// What a search costs follows what it shows, not how many listings match:
// relevance is Bleve's score alone, which reads no per-document values; a
// search that filters only by facet values takes its total and facets from
// the tally; a sort by date or risk first restricts itself to the listings
// the tally says can hold the page (topByKey). Only facets over a text
// search still read each match's facet values.
func (b *Bleve) Search(ctx context.Context, q scamhunt.Query) (scamhunt.Result, error) {
	p := parseText(q.Text)
	order, err := sortOf(q, p)
	if err != nil {
		return scamhunt.Result{}, fmt.Errorf("bleve search: %w", err)
	}
	filter := contactFilter(q.Contact)
	limit, offset := page(q)
	bq := bleveQuery(p, q, filter)

	var out scamhunt.Result
	var hits search.DocumentMatchCollection
	tallied := covers(q, p, filter)
	if tallied {
		out.Total, out.Facets = b.tally.count(q, q.Facets)
	}
	if order == scamhunt.SortRelevance {
		req := bleve.NewSearchRequestOptions(bq, limit, offset, false)
		req.Fields = []string{fRecord}
		if q.Facets && !tallied {
			addComboFacet(req)
		}
		res, err := b.idx.SearchInContext(ctx, req)
		if err != nil {
			return scamhunt.Result{}, fmt.Errorf("bleve search: %w", err)
		}
		hits = res.Hits
		if !tallied {
			out.Total = int(res.Total)
			if q.Facets {
				if out.Facets, err = comboFacets(res.Facets); err != nil {
					return scamhunt.Result{}, fmt.Errorf("bleve search: %w", err)
				}
			}
		}
	} else {
		if !tallied {
			// The total, and the facets if asked, over every match; no
			// hit is kept, so nothing is sorted.
			req := bleve.NewSearchRequestOptions(bq, 0, 0, false)
			req.Score = bleve.ScoreNone
			if q.Facets {
				addComboFacet(req)
			}
			res, err := b.idx.SearchInContext(ctx, req)
			if err != nil {
				return scamhunt.Result{}, fmt.Errorf("bleve search: %w", err)
			}
			out.Total = int(res.Total)
			if q.Facets {
				if out.Facets, err = comboFacets(res.Facets); err != nil {
					return scamhunt.Result{}, fmt.Errorf("bleve search: %w", err)
				}
			}
		}
		if hits, err = b.topByKey(ctx, bq, order, out.Total, limit, offset); err != nil {
			return scamhunt.Result{}, fmt.Errorf("bleve search: %w", err)
		}
	}
	out.Hits = make([]scamhunt.Hit, 0, len(hits))
	marked := append(append([]string(nil), p.contacts...), filter...)
	for _, h := range hits {
		rec, err := hitRecord(h.Fields)
		if err != nil {
			return scamhunt.Result{}, fmt.Errorf("bleve search %s: %w", h.ID, err)
		}
		hit := scamhunt.HitOf(rec)
		hit.Highlights = highlights(rec, p, marked)
		out.Hits = append(out.Hits, hit)
	}
	return out, nil
}

// directSort is how many matches a sorted search reads the sort values of
// without first narrowing them.
const directSort = 4096

// topByKey returns one page of bq's matches (total of them) sorted by the
// order's key. Sorting reads each candidate's key, so when the matches are
// many it first guesses a bucket T of the key from the tally's histogram,
// such that the listings in T or above should hold the page even if only a
// fraction total/N of them match, and sorts only bq AND bucket >= T. If
// that holds at least offset+limit matches, its first offset+limit are
// exactly those of the whole sort (buckets never decrease as the key grows,
// so every match above the page's last one is in the set too); if not, the
// guess widens fourfold and, at worst, the whole index is sorted. Listings without the key (undated ones, for newest) are
// only reached by the whole sort, which puts them last.
func (b *Bleve) topByKey(ctx context.Context, bq query.Query, order string, total, limit, offset int) (search.DocumentMatchCollection, error) {
	need := limit + offset
	docs := max(b.tally.docCount(), 1)
	sorted := func(q query.Query) (*bleve.SearchResult, error) {
		req := bleve.NewSearchRequestOptions(q, limit, offset, false)
		req.Fields = []string{fRecord}
		req.SortByCustom(bleveSort(order))
		req.Score = bleve.ScoreNone
		return b.idx.SearchInContext(ctx, req)
	}
	if total > b.direct && need < total {
		keyHist := func(t *tally) *hist { return &t.rank }
		if order == scamhunt.SortNewest {
			keyHist = func(t *tally) *hist { return &t.posted }
		}
		// Expect total/docs of the listings above T to match; ask for
		// twice what the page needs.
		for r := 2*need*docs/total + need; r < docs; r *= 4 {
			t, ok := b.tally.threshold(keyHist, r)
			if !ok {
				break
			}
			res, err := sorted(bleve.NewConjunctionQuery(bq, keyAtLeast(order, t)))
			if err != nil {
				return nil, err
			}
			if int(res.Total) >= need {
				b.narrowed.Add(1)
				return res.Hits, nil
			}
		}
	}
	res, err := sorted(bq)
	if err != nil {
		return nil, err
	}
	return res.Hits, nil
}

// keyAtLeast matches the listings whose sort key for order is in bucket
// t or a higher one.
func keyAtLeast(order string, t int64) query.Query {
	incl := true
	field, key := fRankB, rankBucketKey(t)
	if order == scamhunt.SortNewest {
		field, key = fNewestB, newestBucketKey(t)
	}
	q := bleve.NewTermRangeInclusiveQuery(key, "", &incl, nil)
	q.SetField(field)
	return q
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
	if q.Flagged {
		must = append(must, anyTerm(fLabel, flaggedLabels))
	}
	if q.Unreviewed {
		must = append(must, boolQuery(fReviewed, false))
	}
	if q.NotRemoved {
		must = append(must, boolQuery(fRemoved, false))
	}
	if !q.SeenAfter.IsZero() {
		excl := false
		r := bleve.NewDateRangeInclusiveQuery(q.SeenAfter, time.Time{}, &excl, nil)
		r.SetField(fFirstSeen)
		must = append(must, r)
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
			// Every character pair, in any position: a phrase query
			// would read the positions of each candidate, the dearest
			// part of a search on common pairs, and the same pairs in
			// another order almost never occur in one ad.
			pairs := make([]query.Query, len(t.grams))
			for i, g := range t.grams {
				pairs[i] = termQuery(bi, g)
			}
			cq := bleve.NewConjunctionQuery(pairs...)
			cq.SetBoost(boost)
			q = cq
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

func boolQuery(field string, v bool) query.Query {
	q := bleve.NewBoolFieldQuery(v)
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

// bleveSort orders the hits of a sorted search: by rank (score, then
// posted date) or by posted date, undated last, ties by ID so pages never
// overlap. Relevance is Bleve's default, the score alone: ties keep index
// order, which is stable for one index state.
func bleveSort(order string) search.SortOrder {
	field := fNewest
	if order == scamhunt.SortScore {
		field = fRank
	}
	return search.SortOrder{
		&search.SortField{Field: field, Desc: true, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
		&search.SortDocID{},
	}
}

// addComboFacet asks for the count of every facet combination among the
// matches (a facet's size only trims its answer): one doc value per
// match, split into the four facets after.
func addComboFacet(req *bleve.SearchRequest) {
	req.AddFacet(fCombo, bleve.NewFacetRequest(fCombo, math.MaxInt32))
}

// comboFacets turns combination counts into the facets of scamhunt.Result.
func comboFacets(fr search.FacetResults) (map[string][]scamhunt.FacetCount, error) {
	var m marginals
	if r, ok := fr[fCombo]; ok && r.Terms != nil {
		for _, t := range r.Terms.Terms() {
			k, err := parseCombo(t.Term)
			if err != nil {
				return nil, err
			}
			m.add(k, t.Count)
		}
	}
	return m.counts(facetSize), nil
}
