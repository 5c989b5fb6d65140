package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/scamhunt/scamhunt"
)

// Review queue bounds.
const (
	// QueuePage is how many listings a page of the review queue shows.
	QueuePage = 50
	// maxBulk is how many listings one bulk label may name.
	maxBulk = 200
)

// adminPages are the admin area's pages, each joined with
// templates/admin_layout.html (which the public pages never include).
var adminPages = []string{"admin_login", "admin_queue", "admin_listing"}

func parseAdminPages(ps pageSet) error {
	fm := template.FuncMap{"reviewPath": reviewPath}
	for _, name := range adminPages {
		t, err := template.New(name).Funcs(funcs).Funcs(fm).ParseFS(templateFS, "templates/admin_layout.html", "templates/"+name+".html")
		if err != nil {
			return err
		}
		ps[name] = t
	}
	return nil
}

func reviewPath(id string) string { return "/admin/listing/" + url.PathEscape(id) }

// labelChoice is one option of the label control. None is preselected: a
// reviewer must choose, the page never presumes 骗局.
type labelChoice struct {
	Value, Name string
}

var labelChoices = []labelChoice{
	{string(scamhunt.LabelScam), "骗局"},
	{string(scamhunt.LabelSuspicious), "可疑"},
	{string(scamhunt.LabelLegit), "正常（误报）"},
}

// clearChoice removes a person's label; only a listing's own page offers it.
var clearChoice = labelChoice{"clear", "清除人工标签（恢复模型结论）"}

type queueRow struct {
	scamhunt.Hit
	New        bool
	TopReasons []scamhunt.Reason
	More       int
}

type queuePage struct {
	Reviewer, CSRF string
	Total          int
	Rows           []queueRow
	Label          string    // filter: "", scam, suspicious
	NewOnly        bool      // only first seen since the last crawl
	NewSince       time.Time // zero: no crawl to compare with
	Page, Pages    int
	Prev, Next     string
	All, New       string // the queue's URL with and without the filter
	Filters        []filterLink
	Return         string // this page's URL, where the label form comes back
	Labels         []labelChoice
	Done, Missing  int // the outcome of the label form just sent
	ErrZH, ErrEN   string
}

type filterLink struct {
	Name, URL string
	On        bool
}

// queueParams are the review queue's URL parameters.
type queueParams struct {
	label string
	new   bool
	page  int
}

func (p queueParams) url() string {
	v := url.Values{}
	if p.label != "" {
		v.Set("label", p.label)
	}
	if p.new {
		v.Set("new", "1")
	}
	if p.page > 1 {
		v.Set("page", strconv.Itoa(p.page))
	}
	if len(v) == 0 {
		return "/admin/"
	}
	return "/admin/?" + v.Encode()
}

func parseQueueParams(v url.Values) (queueParams, error) {
	var p queueParams
	switch l := v.Get("label"); l {
	case "", string(scamhunt.LabelScam), string(scamhunt.LabelSuspicious):
		p.label = l
	default:
		return p, fmt.Errorf("label %q: want scam or suspicious", l)
	}
	switch n := v.Get("new"); n {
	case "", "0", "1":
		p.new = n == "1"
	default:
		return p, fmt.Errorf("new %q: want 1 or 0", n)
	}
	p.page = 1
	if raw := v.Get("page"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || (n-1)*QueuePage > MaxOffset {
			return p, fmt.Errorf("page %q: want 1 to %d", raw, MaxOffset/QueuePage+1)
		}
		p.page = n
	}
	return p, nil
}

// handleQueue shows the review queue: flagged listings no person has
// labelled, still on the board, newest first, optionally only those first
// seen since the last crawl, with a bulk label form.
func (s *Server) handleQueue(w http.ResponseWriter, r *http.Request, sess session) {
	page := queuePage{Reviewer: sess.reviewer, CSRF: sess.csrf, Labels: labelChoices}
	v := r.URL.Query()
	page.Done, _ = strconv.Atoi(v.Get("done"))
	page.Missing, _ = strconv.Atoi(v.Get("missing"))
	p, err := parseQueueParams(v)
	if err != nil {
		page.ErrZH, page.ErrEN = "筛选条件无效："+err.Error(), "bad queue filter: "+err.Error()
		s.render(w, http.StatusBadRequest, "admin_queue", page)
		return
	}
	if s.cfg.NewSince != nil {
		if page.NewSince, err = s.cfg.NewSince(r.Context()); err != nil {
			s.log.Error("crawl_history_failed", "err", err)
		}
	}
	page.Label, page.NewOnly, page.Page = p.label, p.new && !page.NewSince.IsZero(), p.page
	q := scamhunt.Query{
		Flagged: true, Unreviewed: true, NotRemoved: true, Label: scamhunt.Label(p.label),
		Sort: scamhunt.SortNewest, Limit: QueuePage, Offset: (p.page - 1) * QueuePage,
	}
	if page.NewOnly {
		q.SeenAfter = page.NewSince
	}
	res, err := s.search.Search(r.Context(), q)
	if err != nil {
		s.log.Error("queue_search_failed", "err", err)
		page.ErrZH, page.ErrEN = "索引暂时不可用，请稍后再试。", "index unavailable, try again later"
		s.render(w, http.StatusServiceUnavailable, "admin_queue", page)
		return
	}
	page.Total = res.Total
	for _, h := range res.Hits {
		row := queueRow{Hit: h, New: !page.NewSince.IsZero() && h.FirstSeen.After(page.NewSince), TopReasons: h.Reasons}
		if len(row.TopReasons) > hitReasons {
			row.More, row.TopReasons = len(row.TopReasons)-hitReasons, row.TopReasons[:hitReasons]
		}
		page.Rows = append(page.Rows, row)
	}
	page.Pages = max(1, (min(res.Total, MaxOffset+QueuePage)+QueuePage-1)/QueuePage)
	at := p
	if p.page > 1 {
		at.page = p.page - 1
		page.Prev = at.url()
	}
	if p.page < page.Pages {
		at.page = p.page + 1
		page.Next = at.url()
	}
	page.Return = p.url()
	for _, f := range []struct {
		name  string
		label string
		new   bool
	}{{"全部待复核", "", false}, {"骗局", string(scamhunt.LabelScam), false}, {"可疑", string(scamhunt.LabelSuspicious), false}} {
		link := queueParams{label: f.label, new: page.NewOnly}
		page.Filters = append(page.Filters, filterLink{Name: f.name, URL: link.url(), On: f.label == p.label})
	}
	page.All = queueParams{label: p.label}.url()
	page.New = queueParams{label: p.label, new: true}.url()
	s.render(w, http.StatusOK, "admin_queue", page)
}

type reviewListingPage struct {
	Reviewer, CSRF string
	Record         scamhunt.Record
	Label          scamhunt.Label
	SourceURL      string
	Reasons        []reasonView
	Labels         []labelChoice
	Return         string
	Done           int
}

// handleReviewListing shows one listing to a reviewer with the label
// form, including clearing a person's label.
func (s *Server) handleReviewListing(w http.ResponseWriter, r *http.Request, sess session) {
	id := r.PathValue("id")
	rec, ok := s.getRecord(w, r, id)
	if !ok {
		return
	}
	page := reviewListingPage{
		Reviewer: sess.reviewer, CSRF: sess.csrf, Record: rec, Label: rec.Label(),
		SourceURL: linkURL(rec.Listing.URL), Reasons: s.explain.reasonViews(rec.Listing, rec.Verdict.Reasons),
		Labels: append(slices.Clone(labelChoices), clearChoice),
		Return: reviewPath(id),
	}
	page.Done, _ = strconv.Atoi(r.URL.Query().Get("done"))
	s.render(w, http.StatusOK, "admin_listing", page)
}

// handleLabelPost labels the listings a reviewer picked (id, or with
// scope=page every page_id of the queue page) with one label and note,
// recording the reviewer, and goes back to the page it came from saying
// how many were labelled and how many no longer exist.
func (s *Server) handleLabelPost(w http.ResponseWriter, r *http.Request, sess session) {
	if s.label == nil {
		s.notFound(w, r)
		return
	}
	f := r.PostForm
	ids := f["id"]
	if f.Get("scope") == "page" {
		ids = f["page_id"]
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	switch {
	case len(ids) == 0:
		s.fail(w, r, http.StatusBadRequest, "请先勾选要标注的信息。", "select at least one listing")
		return
	case len(ids) > maxBulk:
		s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("一次最多标注 %d 条。", maxBulk), fmt.Sprintf("at most %d listings at once", maxBulk))
		return
	}
	var o *scamhunt.Override
	switch label := f.Get("label"); label {
	case "":
		s.fail(w, r, http.StatusBadRequest, "请选择标签：骗局、可疑或正常。", "choose a label: scam, suspicious or legit")
		return
	case clearChoice.Value:
	default:
		var err error
		if o, err = newOverride(scamhunt.Label(label), f.Get("note"), sess.reviewer); err != nil {
			s.fail(w, r, http.StatusBadRequest, "标签无效："+err.Error(), "bad label: "+err.Error())
			return
		}
	}
	done, missing := 0, 0
	for _, id := range ids {
		err := s.storeOverride(r, id, o)
		switch {
		case errors.Is(err, scamhunt.ErrNotFound):
			missing++
		case err != nil:
			s.log.Error("set_override_failed", "listing_id", id, "err", err)
			s.fail(w, r, http.StatusInternalServerError, fmt.Sprintf("保存失败：已保存 %d 条，其余未保存。", done),
				fmt.Sprintf("cannot store the label: %d stored, the rest not", done))
			return
		default:
			done++
		}
	}
	back, err := url.Parse(safeNext(f.Get("return")))
	if err != nil {
		back = &url.URL{Path: "/admin/"}
	}
	q := back.Query()
	q.Set("done", strconv.Itoa(done))
	if missing > 0 {
		q.Set("missing", strconv.Itoa(missing))
	} else {
		q.Del("missing")
	}
	back.RawQuery = q.Encode()
	http.Redirect(w, r, back.String(), http.StatusSeeOther)
}
