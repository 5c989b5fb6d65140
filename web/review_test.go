package web_test

import (
	"cmp"
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/web"
)

// reviewerPassword is the password of reviewer 王审核 in these tests.
const reviewerPassword = "correct horse battery"

var hashOnce = sync.OnceValues(func() (string, error) { return web.HashPassword(reviewerPassword) })

// reviewerHash hashes reviewerPassword once per test binary (PBKDF2 at
// full cost is slow on purpose).
func reviewerHash(t *testing.T) string {
	t.Helper()
	h, err := hashOnce()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// browser plays a browser against a handler: it keeps cookies as the
// server sets them and sends them back.
type browser struct {
	t       *testing.T
	h       http.Handler
	cookies map[string]*http.Cookie
	remote  string
	header  map[string]string // sent with every request
}

func newBrowser(t *testing.T, h http.Handler) *browser {
	return &browser{t: t, h: h, cookies: map[string]*http.Cookie{}}
}

func (b *browser) do(rq request) *httptest.ResponseRecorder {
	b.t.Helper()
	if rq.remote == "" {
		rq.remote = b.remote
	}
	hdr := map[string]string{}
	for k, v := range b.header {
		hdr[k] = v
	}
	for k, v := range rq.header {
		hdr[k] = v
	}
	var parts []string
	for _, c := range b.cookies {
		parts = append(parts, c.Name+"="+c.Value)
	}
	if len(parts) > 0 {
		slices.Sort(parts)
		hdr["Cookie"] = strings.Join(parts, "; ")
	}
	rq.header = hdr
	w := serve(b.t, b.h, rq)
	for _, c := range w.Result().Cookies() {
		if c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c
		}
	}
	return w
}

func (b *browser) get(path string) *httptest.ResponseRecorder {
	b.t.Helper()
	return b.do(request{path: path})
}

func (b *browser) post(path string, form url.Values) *httptest.ResponseRecorder {
	b.t.Helper()
	return b.do(request{method: http.MethodPost, path: path, contentType: "application/x-www-form-urlencoded", body: form.Encode()})
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf is the token of the first form on a page.
func csrf(t *testing.T, page string) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("page has no CSRF field:\n%s", page)
	}
	return m[1]
}

// login opens the login form and logs in; it wants the redirect to the
// queue and returns the queue page's CSRF token.
func (b *browser) login(name, password string) string {
	b.t.Helper()
	form := b.get("/admin/login")
	if form.Code != http.StatusOK {
		b.t.Fatalf("login form: status %d", form.Code)
	}
	w := b.post("/admin/login", url.Values{"csrf": {csrf(b.t, form.Body.String())}, "name": {name}, "password": {password}, "next": {"/admin/"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/admin/" {
		b.t.Fatalf("login as %s: status %d Location %q, want 303 /admin/:\n%s", name, w.Code, w.Header().Get("Location"), w.Body)
	}
	q := b.get("/admin/")
	if q.Code != http.StatusOK {
		b.t.Fatalf("queue after login: status %d", q.Code)
	}
	return csrf(b.t, q.Body.String())
}

// queueIndex is the fake index of the review tests: it answers the
// queue's filters over its records, newest posted first, undated last.
func queueIndex(recs ...scamhunt.Record) *fakeSearcher {
	byID := map[string]scamhunt.Record{}
	for _, r := range recs {
		byID[r.Listing.ID] = r
	}
	fs := &fakeSearcher{records: byID}
	fs.result = func(q scamhunt.Query) (scamhunt.Result, error) {
		var hits []scamhunt.Hit
		for _, r := range recs {
			switch {
			case q.Flagged && !r.Label().Flagged(),
				q.Unreviewed && r.Override != nil,
				q.NotRemoved && r.Removed,
				q.Label != "" && r.Label() != q.Label,
				!q.SeenAfter.IsZero() && !r.FirstSeen.After(q.SeenAfter):
				continue
			}
			hits = append(hits, scamhunt.HitOf(r))
		}
		slices.SortFunc(hits, func(a, b scamhunt.Hit) int {
			if a.PostedAt.IsZero() != b.PostedAt.IsZero() {
				if a.PostedAt.IsZero() {
					return 1
				}
				return -1
			}
			return cmp.Or(b.PostedAt.Compare(a.PostedAt), strings.Compare(a.ID, b.ID))
		})
		res := scamhunt.Result{Total: len(hits)}
		limit := cmp.Or(q.Limit, scamhunt.DefaultLimit)
		res.Hits = hits[min(q.Offset, len(hits)):min(q.Offset+limit, len(hits))]
		return res, nil
	}
	return fs
}

var (
	lastCrawl = time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	posted    = func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
)

func rec(id, title string, label scamhunt.Label, postedDay int, firstSeen time.Time) scamhunt.Record {
	r := scamhunt.Record{
		Listing:   scamhunt.Listing{ID: id, Title: title, Body: "正文 " + title, City: "北京", Site: "demo", URL: "https://board.example/" + id},
		Verdict:   scamhunt.Verdict{ID: id, Label: label, Score: 0.9, Categories: []string{"shuadan"}, Reasons: []scamhunt.Reason{{Rule: "shuadan.tasks", Category: "shuadan", Weight: 4, Field: "title", Match: "刷单"}}},
		FirstSeen: firstSeen, LastSeen: firstSeen,
	}
	if postedDay > 0 {
		r.Listing.PostedAt = posted(postedDay)
	}
	return r
}

// board is what the review tests index: four listings wait for review,
// the others are honest, already reviewed or gone from the board.
func board() []scamhunt.Record {
	old, fresh := lastCrawl.Add(-48*time.Hour), lastCrawl.Add(time.Hour)
	reviewed := rec("rev", "已复核的刷单", scamhunt.LabelScam, 9, old)
	reviewed.Override = &scamhunt.Override{Label: scamhunt.LabelScam, By: "li", At: lastCrawl}
	gone := rec("gone", "已下架的刷单", scamhunt.LabelScam, 9, old)
	gone.Removed = true
	return []scamhunt.Record{
		rec("old1", "刷单返利 旧", scamhunt.LabelScam, 2, old),
		rec("new1", "刷单日结 新", scamhunt.LabelScam, 8, fresh),
		rec("sus1", "手工外发 可疑", scamhunt.LabelSuspicious, 5, fresh),
		rec("nodate", "没有日期的刷单", scamhunt.LabelScam, 0, old),
		rec("ok1", "餐厅服务员", scamhunt.LabelLegit, 9, fresh),
		reviewed, gone,
	}
}

func reviewSetup(t *testing.T, cfg web.Config) (http.Handler, *fakeLabeler, *fakeSearcher) {
	t.Helper()
	recs := board()
	lab := &fakeLabeler{known: map[string]bool{}}
	for _, r := range recs {
		lab.known[r.Listing.ID] = true
	}
	if cfg.AdminToken == "" {
		cfg.AdminToken = token
	}
	cfg.Reviewers = map[string]string{"王审核": reviewerHash(t)}
	cfg.NewSince = func(context.Context) (time.Time, error) { return lastCrawl, nil }
	fs := queueIndex(recs...)
	return newServer(t, cfg, fs, &fakeChecker{}, lab), lab, fs
}

// preselected finds a checked input or a selected option.
var preselected = regexp.MustCompile(`<input[^>]*\bchecked\b|<option[^>]*\bselected\b`)

var queueRow = regexp.MustCompile(`<a href="/admin/listing/([^"]+)">`)

// queueIDs are the listings a queue page lists, in order.
func queueIDs(page string) []string {
	var ids []string
	for _, m := range queueRow.FindAllStringSubmatch(page, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

func TestReviewQueue(t *testing.T) {
	h, _, fs := reviewSetup(t, web.Config{})
	b := newBrowser(t, h)
	b.login("王审核", reviewerPassword)
	tests := []struct {
		path   string
		status int
		ids    []string
		query  scamhunt.Query
	}{
		{"/admin/", 200, []string{"new1", "sus1", "old1", "nodate"},
			scamhunt.Query{Flagged: true, Unreviewed: true, NotRemoved: true, Sort: scamhunt.SortNewest, Limit: web.QueuePage}},
		{"/admin/?new=1", 200, []string{"new1", "sus1"},
			scamhunt.Query{Flagged: true, Unreviewed: true, NotRemoved: true, SeenAfter: lastCrawl, Sort: scamhunt.SortNewest, Limit: web.QueuePage}},
		{"/admin/?label=suspicious", 200, []string{"sus1"},
			scamhunt.Query{Flagged: true, Unreviewed: true, NotRemoved: true, Label: scamhunt.LabelSuspicious, Sort: scamhunt.SortNewest, Limit: web.QueuePage}},
		{"/admin/?page=2", 200, nil,
			scamhunt.Query{Flagged: true, Unreviewed: true, NotRemoved: true, Sort: scamhunt.SortNewest, Limit: web.QueuePage, Offset: web.QueuePage}},
		{"/admin/?label=legit", 400, nil, scamhunt.Query{}},
		{"/admin/?page=0", 400, nil, scamhunt.Query{}},
		{"/admin/?new=yes", 400, nil, scamhunt.Query{}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			before := len(fs.seen())
			w := b.get(tt.path)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d:\n%s", w.Code, tt.status, w.Body)
			}
			if got := w.Header().Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control %q, want no-store", got)
			}
			if tt.status != 200 {
				if len(fs.seen()) != before {
					t.Errorf("a bad filter reached the index: %+v", fs.seen()[before:])
				}
				return
			}
			if diff := gocmp.Diff(tt.ids, queueIDs(w.Body.String())); diff != "" {
				t.Errorf("queue (-want +got):\n%s", diff)
			}
			if diff := gocmp.Diff(tt.query, fs.seen()[len(fs.seen())-1]); diff != "" {
				t.Errorf("query (-want +got):\n%s", diff)
			}
		})
	}
	page := b.get("/admin/?new=1").Body.String()
	for _, want := range []string{`<span class="new">新</span>`, "上次抓取以来新增", "2026-03-10 16:00", "复核人：<b>王审核</b>", "共 2 条待复核"} {
		if !strings.Contains(page, want) {
			t.Errorf("queue page lacks %q", want)
		}
	}
	// The label control presumes nothing: no radio is checked, no option
	// selected, and choosing one is required.
	if preselected.MatchString(page) {
		t.Error("the label control has a preselected choice")
	}
	for _, l := range []string{"scam", "suspicious", "legit"} {
		if !strings.Contains(page, `<input type="radio" name="label" value="`+l+`" required>`) {
			t.Errorf("queue page lacks the %s choice", l)
		}
	}
}

func TestReviewQueueWithoutCrawlHistory(t *testing.T) {
	h := newServer(t, web.Config{AdminToken: token}, queueIndex(board()...), &fakeChecker{}, &fakeLabeler{})
	b := newBrowser(t, h)
	b.login("admin", token)
	w := b.get("/admin/?new=1")
	if got := queueIDs(w.Body.String()); len(got) != 4 {
		t.Errorf("without crawl history new=1 lists %v, want every queued listing", got)
	}
	if !strings.Contains(w.Body.String(), "全部算作新增") {
		t.Error("queue does not say every listing counts as new")
	}
}

func TestBulkLabel(t *testing.T) {
	h, lab, _ := reviewSetup(t, web.Config{})
	b := newBrowser(t, h)
	tok := b.login("王审核", reviewerPassword)
	start := time.Now().UTC()

	w := b.post("/admin/label", url.Values{"csrf": {tok}, "id": {"new1", "sus1", "vanished"}, "label": {"scam"},
		"note": {"  同一微信多城发布  "}, "scope": {"selected"}, "return": {"/admin/?new=1"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("bulk label: status %d:\n%s", w.Code, w.Body)
	}
	if loc := w.Header().Get("Location"); loc != "/admin/?done=2&missing=1&new=1" {
		t.Errorf("Location %q", loc)
	}
	notice := b.get(w.Header().Get("Location")).Body.String()
	if !strings.Contains(notice, "已标注 2 条。另有 1 条已不在索引中") {
		t.Error("queue does not report the bulk label's outcome")
	}

	// The whole page, on the listing's own page, and clearing.
	w = b.post("/admin/label", url.Values{"csrf": {tok}, "page_id": {"old1", "nodate"}, "id": {"old1"}, "label": {"legit"}, "scope": {"page"}, "return": {"/admin/"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("page label: status %d", w.Code)
	}
	w = b.post("/admin/label", url.Values{"csrf": {tok}, "id": {"rev"}, "label": {"clear"}, "return": {"/admin/listing/rev"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/admin/listing/rev?done=1" {
		t.Errorf("clear: status %d Location %q", w.Code, w.Header().Get("Location"))
	}
	// An outside return address falls back to the queue.
	w = b.post("/admin/label", url.Values{"csrf": {tok}, "id": {"sus1"}, "label": {"suspicious"}, "return": {"https://evil.example/"}})
	if loc := w.Header().Get("Location"); loc != "/admin/?done=1" {
		t.Errorf("return to another site: Location %q", loc)
	}

	by := func(l scamhunt.Label, note string) *scamhunt.Override {
		return &scamhunt.Override{Label: l, Note: note, By: "王审核"}
	}
	want := []setCall{
		{"new1", by(scamhunt.LabelScam, "同一微信多城发布")},
		{"sus1", by(scamhunt.LabelScam, "同一微信多城发布")},
		{"nodate", by(scamhunt.LabelLegit, "")},
		{"old1", by(scamhunt.LabelLegit, "")},
		{"rev", nil},
		{"sus1", by(scamhunt.LabelSuspicious, "")},
	}
	if diff := gocmp.Diff(want, lab.calls, cmpopts.IgnoreFields(scamhunt.Override{}, "At")); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	for _, c := range lab.calls {
		if c.Override != nil && (c.Override.At.Before(start) || time.Since(c.Override.At) > time.Minute) {
			t.Errorf("label time %v is not now", c.Override.At)
		}
	}

	n := len(lab.calls)
	for _, tt := range []struct {
		name string
		form url.Values
		want string
	}{
		{"no label chosen", url.Values{"csrf": {tok}, "id": {"old1"}, "note": {"x"}}, "请选择标签"},
		{"unknown label", url.Values{"csrf": {tok}, "id": {"old1"}, "label": {"fraud"}}, "标签无效"},
		{"nothing selected", url.Values{"csrf": {tok}, "label": {"scam"}}, "请先勾选"},
		{"note too long", url.Values{"csrf": {tok}, "id": {"old1"}, "label": {"scam"}, "note": {strings.Repeat("长", 700)}}, "note too long"},
	} {
		if w := b.post("/admin/label", tt.form); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("%s: status %d, want 400 saying %q", tt.name, w.Code, tt.want)
		}
	}
	if len(lab.calls) != n {
		t.Errorf("refused forms stored labels: %v", lab.calls[n:])
	}
}

// TestCSRF forges the bulk label form from another site: without the
// session's token, with another session's token, or from a cross-site
// page, nothing is stored.
func TestCSRF(t *testing.T) {
	h, lab, _ := reviewSetup(t, web.Config{})
	victim := newBrowser(t, h)
	victimToken := victim.login("王审核", reviewerPassword)
	attacker := newBrowser(t, h)
	attackerToken := attacker.login("admin", token)
	form := func(tok string) url.Values {
		v := url.Values{"id": {"new1"}, "label": {"legit"}, "note": {"forged"}}
		if tok != "" {
			v.Set("csrf", tok)
		}
		return v
	}
	for _, tt := range []struct {
		name   string
		rq     request
		status int
	}{
		{"no token", request{body: form("").Encode()}, 403},
		{"another session's token", request{body: form(attackerToken).Encode()}, 403},
		{"right token, cross-site page", request{body: form(victimToken).Encode(), header: map[string]string{"Sec-Fetch-Site": "cross-site"}}, 403},
		{"right token, foreign origin", request{body: form(victimToken).Encode(), header: map[string]string{"Origin": "https://evil.example"}}, 403},
		{"not a form", request{body: `{"id":"new1","label":"legit"}`, contentType: "application/json"}, 415},
	} {
		tt.rq.method, tt.rq.path = http.MethodPost, "/admin/label"
		if tt.rq.contentType == "" {
			tt.rq.contentType = "application/x-www-form-urlencoded"
		}
		if w := victim.do(tt.rq); w.Code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, w.Code, tt.status)
		}
	}
	// Without the session cookie (a cross-site request under SameSite=Strict).
	if w := serve(t, h, request{method: http.MethodPost, path: "/admin/label", contentType: "application/x-www-form-urlencoded", body: form(victimToken).Encode()}); w.Code != http.StatusForbidden {
		t.Errorf("no session cookie: status %d, want 403", w.Code)
	}
	if len(lab.calls) != 0 {
		t.Fatalf("forged posts stored labels: %v", lab.calls)
	}
	// The same form with the token, same-origin, goes through.
	if w := victim.do(request{method: http.MethodPost, path: "/admin/label", contentType: "application/x-www-form-urlencoded",
		body: form(victimToken).Encode(), header: map[string]string{"Sec-Fetch-Site": "same-origin"}}); w.Code != http.StatusSeeOther {
		t.Errorf("genuine post: status %d, want 303", w.Code)
	}
	// Logging out needs the token too.
	if w := victim.post("/admin/logout", url.Values{}); w.Code != http.StatusForbidden {
		t.Errorf("logout without token: status %d, want 403", w.Code)
	}
}

func TestLogin(t *testing.T) {
	h, _, _ := reviewSetup(t, web.Config{})

	t.Run("pages need a session", func(t *testing.T) {
		for _, path := range []string{"/admin/", "/admin/listing/new1", "/admin/?new=1"} {
			w := get(t, h, path)
			if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/admin/login?"+(url.Values{"next": {path}}).Encode() {
				t.Errorf("%s: status %d Location %q, want 303 to the login form", path, w.Code, w.Header().Get("Location"))
			}
		}
	})
	t.Run("wrong password or name", func(t *testing.T) {
		log, logged := newCapture()
		h, _, _ := reviewSetup(t, web.Config{Log: log})
		for _, c := range [][2]string{{"王审核", "wrong password!!"}, {"admin", reviewerPassword}, {"nobody", reviewerPassword}, {"王审核", token}, {"", ""}} {
			b := newBrowser(t, h)
			form := b.get("/admin/login").Body.String()
			w := b.post("/admin/login", url.Values{"csrf": {csrf(t, form)}, "name": {c[0]}, "password": {c[1]}})
			if w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), "账号或密码错误") {
				t.Errorf("login %q/%q: status %d, want 401 with the error", c[0], c[1], w.Code)
			}
			if b.get("/admin/").Code != http.StatusSeeOther {
				t.Errorf("login %q/%q opened the queue", c[0], c[1])
			}
		}
		if out := logged(); !strings.Contains(out, "admin_login_failed reviewer=nobody client=192.0.2.1") || strings.Contains(out, reviewerPassword) {
			t.Errorf("log of failed logins:\n%s", out)
		}
	})
	t.Run("login form CSRF", func(t *testing.T) {
		b := newBrowser(t, h)
		b.get("/admin/login")
		w := b.post("/admin/login", url.Values{"csrf": {"made-up"}, "name": {"admin"}, "password": {token}})
		if w.Code != http.StatusForbidden {
			t.Errorf("login with a made-up form token: status %d, want 403", w.Code)
		}
		w = serve(t, h, request{method: http.MethodPost, path: "/admin/login", contentType: "application/x-www-form-urlencoded",
			body: url.Values{"name": {"admin"}, "password": {token}}.Encode()})
		if w.Code != http.StatusForbidden {
			t.Errorf("login without the form's cookie: status %d, want 403", w.Code)
		}
	})
	t.Run("cookie attributes over HTTP", func(t *testing.T) {
		b := newBrowser(t, h)
		b.login("admin", token)
		c := b.cookies["scamhunt_admin"]
		if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Secure || c.Path != "/" || len(c.Value) < 40 {
			t.Errorf("session cookie %+v: want HttpOnly, SameSite=Strict, path /, a long random value", c)
		}
	})
	t.Run("cookie attributes behind a trusted TLS proxy", func(t *testing.T) {
		h, _, _ := reviewSetup(t, web.Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}})
		b := newBrowser(t, h)
		b.remote = "10.0.0.2:443"
		b.header = map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
		b.login("admin", token)
		c := b.cookies["__Host-scamhunt_admin"]
		if c == nil || !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.Domain != "" {
			t.Errorf("session cookie %+v: want __Host-, Secure, HttpOnly, SameSite=Strict", c)
		}
		// An untrusted peer claiming HTTPS gets no Secure cookie (it would
		// not come back over plain HTTP).
		u := newBrowser(t, h)
		u.header = map[string]string{"X-Forwarded-Proto": "https"}
		u.login("admin", token)
		if _, ok := u.cookies["scamhunt_admin"]; !ok {
			t.Errorf("cookies %v, want the plain session cookie for an untrusted peer", u.cookies)
		}
	})
	t.Run("next stays on this server", func(t *testing.T) {
		for next, want := range map[string]string{
			"/audit/?format=csv": "/audit/?format=csv", "https://evil.example/": "/admin/", "//evil.example/": "/admin/",
			"/admin/\\evil": "/admin/", "/": "/admin/", "": "/admin/",
		} {
			b := newBrowser(t, h)
			form := b.get("/admin/login?" + url.Values{"next": {next}}.Encode()).Body.String()
			w := b.post("/admin/login", url.Values{"csrf": {csrf(t, form)}, "name": {"admin"}, "password": {token}, "next": {next}})
			if loc := w.Header().Get("Location"); loc != want {
				t.Errorf("next %q: Location %q, want %q", next, loc, want)
			}
		}
	})
	t.Run("logout ends the session", func(t *testing.T) {
		b := newBrowser(t, h)
		tok := b.login("王审核", reviewerPassword)
		stolen := b.cookies["scamhunt_admin"].Value
		w := b.post("/admin/logout", url.Values{"csrf": {tok}})
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/admin/login" {
			t.Errorf("logout: status %d Location %q", w.Code, w.Header().Get("Location"))
		}
		if _, ok := b.cookies["scamhunt_admin"]; ok {
			t.Error("logout left the session cookie")
		}
		w = serve(t, h, request{path: "/admin/", header: map[string]string{"Cookie": "scamhunt_admin=" + stolen}})
		if w.Code != http.StatusSeeOther {
			t.Errorf("the logged-out cookie still opens the queue: status %d", w.Code)
		}
	})
}

func TestReviewListingPage(t *testing.T) {
	h, _, _ := reviewSetup(t, web.Config{})
	b := newBrowser(t, h)
	b.login("王审核", reviewerPassword)
	page := b.get("/admin/listing/rev").Body.String()
	for _, want := range []string{"已复核的刷单", "复核人 <b>li</b>", `value="clear" required`, `<input type="hidden" name="id" value="rev">`,
		`<input type="hidden" name="return" value="/admin/listing/rev">`, "shuadan.tasks"} {
		if !strings.Contains(page, want) {
			t.Errorf("review page lacks %q", want)
		}
	}
	if preselected.MatchString(page) {
		t.Error("the label control has a preselected choice")
	}
	if w := b.get("/admin/listing/nope"); w.Code != http.StatusNotFound {
		t.Errorf("unknown listing: status %d, want 404", w.Code)
	}
}

// TestReviewPagesAreInert shows attack strings on the queue and the
// review page: they stay text.
func TestReviewPagesAreInert(t *testing.T) {
	var recs []scamhunt.Record
	for _, r := range hostileRecords() {
		r.Override = nil
		r.Verdict.Label = scamhunt.LabelScam
		recs = append(recs, r)
	}
	reviewed := hostileRecords()["evil1"]
	reviewed.Listing.ID = "evil4"
	reviewed.Override.By = xssScript
	recs = append(recs, reviewed)
	h := newServer(t, web.Config{AdminToken: token}, queueIndex(recs...), &fakeChecker{}, &fakeLabeler{})
	b := newBrowser(t, h)
	b.login("admin", token)
	for _, path := range []string{"/admin/", "/admin/listing/evil1", "/admin/listing/evil2", "/admin/listing/evil3", "/admin/listing/evil4"} {
		w := b.get(path)
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", path, w.Code)
		}
		assertInert(t, w.Body.String())
	}
	if page := b.get("/admin/").Body.String(); !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;高薪") {
		t.Error("queue does not show the hostile title as text")
	}
}
