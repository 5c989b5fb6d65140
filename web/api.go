package web

import (
	"net/http"

	"github.com/scamhunt/scamhunt"
)

// searchAPI parses the request's query, runs it with facets and answers
// errors itself; ok is false when it did.
func (s *Server) searchAPI(w http.ResponseWriter, r *http.Request, q scamhunt.Query) (scamhunt.Result, bool) {
	q.Facets = true
	res, err := s.search.Search(r.Context(), q)
	if err != nil {
		s.log.Error("search_failed", "err", err)
		s.fail(w, r, http.StatusServiceUnavailable, "搜索暂时不可用，请稍后再试。", "search is unavailable, try again later")
		return res, false
	}
	if res.Hits == nil {
		res.Hits = []scamhunt.Hit{}
	}
	if res.Facets == nil {
		res.Facets = map[string][]scamhunt.FacetCount{}
	}
	return res, true
}

func (s *Server) parseAPIQuery(w http.ResponseWriter, r *http.Request) (scamhunt.Query, bool) {
	q, err := ParseQuery(r.URL.Query())
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "搜索条件无效："+err.Error(), "bad query: "+err.Error())
		return q, false
	}
	return q, true
}

// handleAPISearch answers GET /api/search with a scamhunt.Result, facets
// included.
func (s *Server) handleAPISearch(w http.ResponseWriter, r *http.Request) {
	q, ok := s.parseAPIQuery(w, r)
	if !ok {
		return
	}
	if res, ok := s.searchAPI(w, r, q); ok {
		writeJSON(w, http.StatusOK, res)
	}
}

type facetsResponse struct {
	Total  int                              `json:"total"`
	Facets map[string][]scamhunt.FacetCount `json:"facets"`
}

// handleAPIFacets answers GET /api/facets: the facets of a search, no hits.
func (s *Server) handleAPIFacets(w http.ResponseWriter, r *http.Request) {
	q, ok := s.parseAPIQuery(w, r)
	if !ok {
		return
	}
	q.Limit, q.Offset = 1, 0
	if res, ok := s.searchAPI(w, r, q); ok {
		writeJSON(w, http.StatusOK, facetsResponse{Total: res.Total, Facets: res.Facets})
	}
}

type statsResponse struct {
	Total      int            `json:"total"`
	Labels     map[string]int `json:"labels"`
	Categories map[string]int `json:"categories"`
	Cities     map[string]int `json:"cities"`
	Sites      map[string]int `json:"sites"`
}

// handleAPIStats answers GET /api/stats: listing counts over the whole
// index by label, category, city and site, as far as the index's facets
// report them.
func (s *Server) handleAPIStats(w http.ResponseWriter, r *http.Request) {
	res, ok := s.searchAPI(w, r, scamhunt.Query{Limit: 1})
	if !ok {
		return
	}
	counts := func(key string) map[string]int {
		m := map[string]int{}
		for _, fc := range res.Facets[key] {
			m[fc.Value] += fc.Count
		}
		return m
	}
	writeJSON(w, http.StatusOK, statsResponse{
		Total: res.Total, Labels: counts("label"), Categories: counts("category"),
		Cities: counts("city"), Sites: counts("site"),
	})
}

// listingResponse is the stored Record with what the listing page says
// about it in plain Chinese.
type listingResponse struct {
	scamhunt.Record
	Assessment assessment `json:"assessment"`
}

// handleAPIListing answers GET /api/listings/{id} with the stored Record
// and its assessment.
func (s *Server) handleAPIListing(w http.ResponseWriter, r *http.Request) {
	if rec, ok := s.getRecord(w, r, r.PathValue("id")); ok {
		writeJSON(w, http.StatusOK, listingResponse{Record: rec, Assessment: s.assessRecord(rec)})
	}
}
