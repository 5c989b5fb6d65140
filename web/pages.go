package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
)

// hitReasons is how many reasons a result names (on public pages, as
// plain-Chinese signs).
const hitReasons = 3

// searchParams are the parameters a search page keeps in its links.
var searchParams = []string{"q", "label", "category", "city", "site", "contact", "sort", "limit", "since", "until"}

type searchPage struct {
	Form    map[string]string // raw values for the form fields
	Query   scamhunt.Query
	Total   int
	Hits    []hitView
	Facets  []facetGroup
	Active  []facetValue // filters in force, each linking to its removal
	Pager   pager
	Sorts   []sortOption
	ErrZH   string
	ErrEN   string
	Browsed bool // no words, contact or filter: every listing
	// Lookup heads a contact search: what the index knows of the contact.
	Lookup *contactLookup
	Steps  []Step // what to do, when the contact is in flagged listings
	ActNow string // the first of them, in one line
	Caveat string // what an unlisted contact does not mean
}

type hitView struct {
	scamhunt.Hit
	Tone         string
	TitleSpans   []scamhunt.Span
	SnippetSpans []scamhunt.Span
	Signs        []sign // the strongest signs a page names
	MoreSigns    int
}

// Warns reports whether the hit's tone calls for attention; otherwise its
// signs are only worth noting.
func (h hitView) Warns() bool { return warns(h.Tone) }

type facetGroup struct {
	Key, Name string
	Values    []facetValue
}

type facetValue struct {
	Name   string
	Count  int
	URL    string
	Active bool
}

type sortOption struct {
	Value, Name string
	Selected    bool
}

type pager struct {
	Prev, Next string
	Pages      []pageLink
	Current    int
	Last       int
}

type pageLink struct {
	N       int
	URL     string
	Current bool
}

var facetNames = map[string]string{"label": "结论", "category": "骗局类型", "city": "城市", "site": "来源网站"}

var facetOrder = []string{"label", "category", "city", "site"}

func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	page := searchPage{Form: map[string]string{}}
	for _, k := range searchParams {
		if val := v.Get(k); utf8.ValidString(val) && len(val) <= maxParam {
			page.Form[k] = val
		}
	}
	q, err := ParseQuery(v)
	if err != nil {
		page.ErrZH, page.ErrEN = "搜索条件无效："+err.Error(), "bad search: "+err.Error()
		s.render(w, http.StatusBadRequest, "search", page)
		return
	}
	q.Facets = true
	page.Query = q
	page.Browsed = q.Text == "" && q.Contact == "" && q.Label == "" && len(q.Categories) == 0 && q.City == "" && q.Site == ""
	page.Sorts = sortOptions(page.Query.Sort)
	res, err := s.search.Search(r.Context(), q)
	if err != nil {
		s.log.Error("search_failed", "err", err)
		page.ErrZH, page.ErrEN = "搜索暂时不可用，请稍后再试。", "search is unavailable, try again later"
		s.render(w, http.StatusServiceUnavailable, "search", page)
		return
	}
	page.Total = res.Total
	for _, h := range res.Hits {
		page.Hits = append(page.Hits, s.newHitView(h))
	}
	if cs := contact.Query(q.Contact); len(cs) > 0 {
		cl := s.explain.newContactLookup(cs[0], res)
		page.Lookup = &cl
		if warns(cl.Tone) {
			page.Steps, page.ActNow = s.explain.NextSteps, s.explain.ActNow
		}
		if cl.Listings == 0 {
			page.Caveat = s.explain.Caveats.Unlisted
		}
	}
	page.Facets, page.Active = facetGroups(v, res.Facets, q)
	page.Pager = newPager(v, q, res.Total)
	s.render(w, http.StatusOK, "search", page)
}

func sortOptions(cur string) []sortOption {
	opts := []sortOption{{"", "默认", false}, {scamhunt.SortRelevance, "相关度", false},
		{scamhunt.SortScore, "风险分", false}, {scamhunt.SortNewest, "最新", false}}
	for i := range opts {
		opts[i].Selected = opts[i].Value == cur
	}
	return opts
}

// newHitView explains a hit in its tone: the signs a page names are those
// of the listing page, strongest first, without rule ids.
func (s *Server) newHitView(h scamhunt.Hit) hitView {
	hv := hitView{Hit: h, TitleSpans: h.Highlights["title"], SnippetSpans: h.Highlights["body"]}
	if len(hv.TitleSpans) == 0 {
		hv.TitleSpans = []scamhunt.Span{{Text: h.Title}}
	}
	a := s.explain.assess(scamhunt.Listing{}, h.Label, h.Categories, h.Reasons, h.Human)
	hv.Tone, hv.Signs = a.Tone, slices.Concat(a.Shown, a.More)
	if len(hv.Signs) > hitReasons {
		hv.MoreSigns = len(hv.Signs) - hitReasons
		hv.Signs = hv.Signs[:hitReasons]
	}
	return hv
}

// link is the search URL for v with edit applied and the page reset.
func link(v url.Values, edit func(url.Values)) string {
	out := url.Values{}
	for _, k := range searchParams {
		if vals, ok := v[k]; ok {
			out[k] = slices.Clone(vals)
		}
	}
	if edit != nil {
		edit(out)
	}
	for k, vals := range out {
		if len(vals) == 0 || len(vals) == 1 && vals[0] == "" {
			delete(out, k)
		}
	}
	if len(out) == 0 {
		return "/"
	}
	return "/?" + out.Encode()
}

func facetDisplay(key, value string) string {
	switch key {
	case "label":
		return labelName(scamhunt.Label(value))
	case "category":
		return categoryName(value)
	}
	if value == "" {
		return "（未知）"
	}
	return value
}

// facetGroups makes each facet value a link that toggles its filter, and
// lists the filters in force.
func facetGroups(v url.Values, facets map[string][]scamhunt.FacetCount, q scamhunt.Query) ([]facetGroup, []facetValue) {
	active := func(key, value string) bool {
		switch key {
		case "label":
			return string(q.Label) == value
		case "category":
			return slices.Contains(q.Categories, value)
		case "city":
			return q.City == value
		case "site":
			return q.Site == value
		}
		return false
	}
	var groups []facetGroup
	var on []facetValue
	for _, key := range facetOrder {
		counts, ok := facets[key]
		if !ok {
			continue
		}
		g := facetGroup{Key: key, Name: facetNames[key]}
		for _, fc := range counts {
			fv := facetValue{Name: facetDisplay(key, fc.Value), Count: fc.Count, Active: active(key, fc.Value)}
			fv.URL = link(v, func(out url.Values) { toggle(out, key, fc.Value, q) })
			g.Values = append(g.Values, fv)
		}
		groups = append(groups, g)
	}
	filters := []struct {
		key    string
		values []string
	}{{"label", []string{string(q.Label)}}, {"category", q.Categories}, {"city", []string{q.City}}, {"site", []string{q.Site}}}
	for _, f := range filters {
		for _, val := range f.values {
			if val != "" {
				on = append(on, facetValue{Name: facetNames[f.key] + "：" + facetDisplay(f.key, val), Active: true,
					URL: link(v, func(out url.Values) { toggle(out, f.key, val, q) })})
			}
		}
	}
	return groups, on
}

// toggle sets key=value in out, or removes it when q already has it;
// categories add up, the other filters replace each other.
func toggle(out url.Values, key, value string, q scamhunt.Query) {
	if key == "category" {
		cats := slices.Clone(q.Categories)
		if i := slices.Index(cats, value); i >= 0 {
			cats = slices.Delete(cats, i, i+1)
		} else {
			cats = append(cats, value)
		}
		out[key] = cats
		return
	}
	cur := map[string]string{"label": string(q.Label), "city": q.City, "site": q.Site}[key]
	if cur == value {
		out.Del(key)
	} else {
		out.Set(key, value)
	}
}

// newPager links the previous and next pages and up to two pages either
// side of the current one.
func newPager(v url.Values, q scamhunt.Query, total int) pager {
	cur := q.Offset/q.Limit + 1
	last := max(1, (min(total, MaxOffset+q.Limit)+q.Limit-1)/q.Limit)
	at := func(n int) string {
		return link(v, func(out url.Values) {
			if n > 1 {
				out.Set("page", strconv.Itoa(n))
			}
		})
	}
	p := pager{Current: cur, Last: last}
	if cur > 1 {
		p.Prev = at(cur - 1)
	}
	if cur < last {
		p.Next = at(cur + 1)
	}
	for n := max(1, cur-2); n <= min(last, cur+2); n++ {
		p.Pages = append(p.Pages, pageLink{N: n, URL: at(n), Current: n == cur})
	}
	return p
}

type listingPage struct {
	Record     scamhunt.Record
	Assessment assessment
	Title      []scamhunt.Span
	Body       []scamhunt.Span
	Salary     []scamhunt.Span
	Tech       techView
	SourceURL  string // "" when the URL is not http(s)
}

// techView is what the 详细依据 disclosure holds: the score and every
// reason with its rule id, field, weight and note.
type techView struct {
	Score   float64
	Reasons []reasonView
}

func (s *Server) handleListing(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	rec, ok := s.getRecord(w, r, id)
	if !ok {
		return
	}
	l, rs := rec.Listing, rec.Verdict.Reasons
	page := listingPage{
		Record:     rec,
		Assessment: s.assessRecord(rec),
		Title:      markedField(l, rs, "title"),
		Body:       markedField(l, rs, "body"),
		Salary:     markedField(l, rs, "salary"),
		Tech:       techView{Score: rec.Verdict.Score, Reasons: s.explain.reasonViews(l, rs)},
		SourceURL:  linkURL(l.URL),
	}
	s.render(w, http.StatusOK, "listing", page)
}

// getRecord fetches a listing for a page or the API, answering 404 for an
// unknown or implausible ID and 503 when the index fails.
func (s *Server) getRecord(w http.ResponseWriter, r *http.Request, id string) (scamhunt.Record, bool) {
	if id == "" || len(id) > 128 || !utf8.ValidString(id) {
		s.fail(w, r, http.StatusNotFound, "没有这条信息。", "listing not found")
		return scamhunt.Record{}, false
	}
	rec, err := s.search.Get(r.Context(), id)
	if errors.Is(err, scamhunt.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "没有这条信息。", "listing not found")
		return rec, false
	}
	if err != nil {
		s.log.Error("get_failed", "listing_id", id, "err", err)
		s.fail(w, r, http.StatusServiceUnavailable, "暂时无法读取，请稍后再试。", "index unavailable, try again later")
		return rec, false
	}
	return rec, true
}

// assessRecord explains a stored listing's effective label.
func (s *Server) assessRecord(rec scamhunt.Record) assessment {
	v := rec.Verdict
	return s.explain.assess(rec.Listing, rec.Label(), v.Categories, v.Reasons, rec.Override != nil)
}

func (s *Server) handleAbout(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "about", s.explain.NextSteps)
}
