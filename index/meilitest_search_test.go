package index_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// fetch answers POST /indexes/{uid}/documents/fetch.
func (ix *fakeIndex) fetch(body []byte) (int, []byte) {
	var req struct {
		Offset          int      `json:"offset"`
		Limit           *int     `json:"limit"`
		Fields          []string `json:"fields"`
		Filter          any      `json:"filter"`
		Sort            []string `json:"sort"`
		IDs             []string `json:"ids"`
		RetrieveVectors bool     `json:"retrieveVectors"`
	}
	if err := decodeStrict(body, &req); err != nil {
		return errJSON(400, "bad_request", "invalid_request", err.Error())
	}
	filter, err := ix.parseFilter(req.Filter)
	if err != nil {
		return errJSON(400, "invalid_document_filter", "invalid_request", err.Error())
	}
	var docs []scored
	for id, d := range ix.docs {
		if (len(req.IDs) == 0 || slices.Contains(req.IDs, id)) && filter(d) {
			docs = append(docs, scored{doc: d, seq: ix.seqs[id]})
		}
	}
	if err := ix.sortDocs(docs, req.Sort); err != nil {
		return errJSON(400, "invalid_document_sort", "invalid_request", err.Error())
	}
	limit := 20
	if req.Limit != nil {
		limit = *req.Limit
	}
	results := []map[string]any{}
	for _, s := range window(docs, req.Offset, limit) {
		results = append(results, project(s.doc, req.Fields))
	}
	return okJSON(200, map[string]any{"results": results, "offset": req.Offset, "limit": limit, "total": len(docs)})
}

// scored is a matching document with its relevance (lower is better: the
// sum of the ranks of the attributes the query terms matched in) and its
// internal id, which breaks ties.
type scored struct {
	doc  map[string]any
	rank int
	seq  int
}

func window(docs []scored, offset, limit int) []scored {
	return docs[min(offset, len(docs)):min(offset+limit, len(docs))]
}

// sortDocs orders docs by the sort parameter (attr:asc|attr:desc, each
// attribute sortable; missing values last), then relevance, then internal
// id: the sort ranking rule first, as the index client configures it.
func (ix *fakeIndex) sortDocs(docs []scored, sort []string) error {
	type key struct {
		attr string
		desc bool
	}
	var keys []key
	for _, s := range sort {
		attr, dir, ok := strings.Cut(s, ":")
		if !ok || (dir != "asc" && dir != "desc") {
			return fmt.Errorf("Invalid syntax for the sort parameter: expected expression ending by `:asc` or `:desc`, found `%s`.", s)
		}
		if !ix.sortable(attr) {
			return fmt.Errorf("Attribute `%s` is not sortable.", attr)
		}
		keys = append(keys, key{attr, dir == "desc"})
	}
	slices.SortStableFunc(docs, func(a, b scored) int {
		for _, k := range keys {
			va, oka := a.doc[k.attr]
			vb, okb := b.doc[k.attr]
			switch {
			case !oka && !okb:
				continue
			case !oka:
				return 1
			case !okb:
				return -1
			}
			c := compareValues(va, vb)
			if k.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.seq, b.seq))
	})
	return nil
}

// compareValues orders numbers before strings, numbers numerically and
// strings by their lower-cased bytes.
func compareValues(a, b any) int {
	fa, aNum := a.(float64)
	fb, bNum := b.(float64)
	switch {
	case aNum && bNum:
		return cmp.Compare(fa, fb)
	case aNum:
		return -1
	case bNum:
		return 1
	}
	return strings.Compare(strings.ToLower(fmt.Sprint(a)), strings.ToLower(fmt.Sprint(b)))
}

// queryTerms splits q into words and "quoted phrases", lower-cased.
func queryTerms(q string) [][]string {
	var out [][]string
	for i, part := range strings.Split(q, `"`) {
		words := strings.Fields(strings.ToLower(part))
		if i%2 == 1 && strings.Count(q, `"`)%2 == 0 {
			if len(words) > 0 {
				out = append(out, words)
			}
			continue
		}
		for _, w := range words {
			out = append(out, []string{w})
		}
	}
	return out
}

// matchRank is the rank of the first searchable attribute of d holding the
// words consecutively in one value, or -1.
func (ix *fakeIndex) matchRank(d map[string]any, words []string) int {
	for rank, attr := range ix.searchable(d) {
		var texts []string
		switch v := d[attr].(type) {
		case string:
			texts = []string{v}
		case []any:
			for _, e := range v {
				if s, ok := e.(string); ok {
					texts = append(texts, s)
				}
			}
		case float64:
			texts = []string{strconv.FormatFloat(v, 'f', -1, 64)}
		}
		for _, t := range texts {
			tw := strings.Fields(strings.ToLower(t))
			for i := 0; i+len(words) <= len(tw); i++ {
				if slices.Equal(tw[i:i+len(words)], words) {
					return rank
				}
			}
		}
	}
	return -1
}

// search answers POST /indexes/{uid}/search.
func (ix *fakeIndex) search(body []byte) (int, []byte) {
	var req struct {
		Q                    *string         `json:"q"`
		Offset               *int            `json:"offset"`
		Limit                *int            `json:"limit"`
		HitsPerPage          *int            `json:"hitsPerPage"`
		Page                 *int            `json:"page"`
		Filter               any             `json:"filter"`
		Facets               []string        `json:"facets"`
		Sort                 []string        `json:"sort"`
		AttributesToRetrieve []string        `json:"attributesToRetrieve"`
		MatchingStrategy     string          `json:"matchingStrategy"`
		Hybrid               json.RawMessage `json:"hybrid"`
	}
	if err := decodeStrict(body, &req); err != nil {
		return errJSON(400, "bad_request", "invalid_request", err.Error())
	}
	if len(req.Hybrid) > 0 && string(req.Hybrid) != "null" {
		return errJSON(400, "bad_request", "invalid_request", "fake meilisearch: hybrid search is not implemented")
	}
	if req.MatchingStrategy != "" && req.MatchingStrategy != "all" {
		return errJSON(400, "bad_request", "invalid_request", "fake meilisearch: only matchingStrategy all is implemented")
	}
	filter, err := ix.parseFilter(req.Filter)
	if err != nil {
		return errJSON(400, "invalid_search_filter", "invalid_request", err.Error())
	}
	for _, f := range req.Facets {
		if !ix.filterable(f) {
			return errJSON(400, "invalid_search_facets", "invalid_request", fmt.Sprintf("Attribute `%s` is not filterable.", f))
		}
	}
	q := ""
	if req.Q != nil {
		q = *req.Q
	}
	terms := queryTerms(q)
	var docs []scored
docs:
	for id, d := range ix.docs {
		if !filter(d) {
			continue
		}
		s := scored{doc: d, seq: ix.seqs[id]}
		for _, t := range terms {
			r := ix.matchRank(d, t)
			if r < 0 {
				continue docs
			}
			s.rank += r
		}
		docs = append(docs, s)
	}
	if err := ix.sortDocs(docs, req.Sort); err != nil {
		return errJSON(400, "invalid_search_sort", "invalid_request", err.Error())
	}
	maxTotal := ix.number("pagination", "maxTotalHits")
	capped := docs[:min(len(docs), maxTotal)]
	resp := map[string]any{"query": q, "processingTimeMs": 0}
	var hits []scored
	if req.HitsPerPage != nil || req.Page != nil {
		hpp, pg := 20, 1
		if req.HitsPerPage != nil {
			hpp = *req.HitsPerPage
		}
		if req.Page != nil {
			pg = *req.Page
		}
		if pg > 0 {
			hits = window(capped, (pg-1)*hpp, hpp)
		}
		pages := 0
		if hpp > 0 {
			pages = (len(capped) + hpp - 1) / hpp
		}
		resp["hitsPerPage"], resp["page"], resp["totalPages"], resp["totalHits"] = hpp, pg, pages, len(capped)
	} else {
		off, lim := 0, 20
		if req.Offset != nil {
			off = *req.Offset
		}
		if req.Limit != nil {
			lim = *req.Limit
		}
		hits = window(capped, off, lim)
		resp["offset"], resp["limit"], resp["estimatedTotalHits"] = off, lim, len(capped)
	}
	out := []map[string]any{}
	for _, h := range hits {
		out = append(out, project(h.doc, req.AttributesToRetrieve))
	}
	resp["hits"] = out
	if req.Facets != nil {
		resp["facetDistribution"] = ix.facets(docs, req.Facets)
	}
	return okJSON(200, resp)
}

// facets counts the values of each facet over all matches, keeping the
// maxValuesPerFacet first by the sortFacetValuesBy order.
func (ix *fakeIndex) facets(docs []scored, attrs []string) map[string]map[string]int {
	maxValues := ix.number("faceting", "maxValuesPerFacet")
	faceting, _ := ix.settings["faceting"].(map[string]any)
	by, _ := faceting["sortFacetValuesBy"].(map[string]any)
	out := map[string]map[string]int{}
	for _, attr := range attrs {
		counts := map[string]int{}
		for _, d := range docs {
			seen := map[string]bool{}
			for _, v := range values(d.doc, attr) {
				k := fmt.Sprint(v)
				if f, ok := v.(float64); ok {
					k = strconv.FormatFloat(f, 'f', -1, 64)
				}
				if !seen[k] {
					seen[k] = true
					counts[k]++
				}
			}
		}
		keys := slices.Sorted(maps.Keys(counts))
		order, _ := by[attr].(string)
		if order == "" {
			order, _ = by["*"].(string)
		}
		if order == "count" {
			slices.SortStableFunc(keys, func(a, b string) int { return counts[b] - counts[a] })
		}
		kept := map[string]int{}
		for _, k := range keys[:min(len(keys), maxValues)] {
			kept[k] = counts[k]
		}
		out[attr] = kept
	}
	return out
}
