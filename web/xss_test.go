package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/web"
)

const (
	xssScript = `<script>alert(1)</script>`
	xssImg    = `"><img src=x onerror=alert(1)>`
	xssJS     = `javascript:alert(1)`
)

// hostileRecords carry attack strings in every text field, in contacts, in
// the evidence and in the source URL.
func hostileRecords() map[string]scamhunt.Record {
	body := "招收徒弟 " + xssImg + " 拜师费188 " + xssScript + " </mark>{{.}} 加微信"
	start := strings.Index(body, xssScript)
	l := scamhunt.Listing{
		ID: "evil1", Site: xssImg, URL: xssJS, City: xssScript, Category: "{{",
		Title: xssScript + "高薪</mark>{{template}}", Body: body, SalaryText: xssImg + "日结",
		Company: xssScript, ContactPerson: xssImg, Location: "</mark><mark>", Headcount: 3,
		Contacts: []scamhunt.Contact{{Kind: scamhunt.ContactWeChat, Value: xssScript, Raw: xssImg}},
		PostedAt: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
	}
	v := scamhunt.Verdict{ID: "evil1", Label: scamhunt.LabelScam, Score: 0.97, Categories: []string{"baishi", xssScript},
		Reasons: []scamhunt.Reason{
			{Rule: "baishi_fee", Category: "baishi", Weight: 2, Field: "body", Match: xssScript, Start: start, End: start + len(xssScript)},
			{Rule: xssScript, Category: xssImg, Weight: 1, Field: "title", Match: xssImg, Start: 1, End: 4000, Note: xssScript},
			{Rule: "mid_rune", Category: "deposit", Weight: 1, Field: "body", Match: "收", Start: 1, End: 4},
			{Rule: "struct", Category: "", Weight: 0.3, Field: xssImg, Match: "</mark>" + xssImg},
		}}
	other := scamhunt.Listing{ID: "evil2", URL: " JaVaScRiPt:alert(1)", Title: "data", Body: "x"}
	third := scamhunt.Listing{ID: "evil3", URL: "data:text/html,<script>alert(1)</script>", Title: "d", Body: "y"}
	return map[string]scamhunt.Record{
		"evil1": {Listing: l, Verdict: v, Override: &scamhunt.Override{Label: scamhunt.LabelScam, Note: xssImg}},
		"evil2": {Listing: other, Verdict: scamhunt.Verdict{Label: scamhunt.LabelLegit}},
		"evil3": {Listing: third, Verdict: scamhunt.Verdict{Label: scamhunt.LabelSuspicious}},
	}
}

var hrefRe = regexp.MustCompile(`(?i)(?:href|src|action)\s*=\s*"([^"]*)"`)

// assertInert fails when a page lets any attack string act: a script or img
// tag from data, a link, source or form target that is not http(s) or
// relative, or marks that do not pair up. Attack strings shown as escaped
// text are fine.
func assertInert(t *testing.T, page string) {
	t.Helper()
	low := strings.ToLower(page)
	for _, bad := range []string{"<script", "<img", "<mark><mark>"} {
		if strings.Contains(low, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, m := range hrefRe.FindAllStringSubmatch(page, -1) {
		u, err := url.Parse(strings.TrimSpace(m[1]))
		if err != nil {
			t.Errorf("unparsable link %q", m[1])
			continue
		}
		if s := strings.ToLower(u.Scheme); s != "" && s != "http" && s != "https" {
			t.Errorf("link with scheme %q: %q", s, m[1])
		}
	}
	if o, c := strings.Count(page, "<mark>"), strings.Count(page, "</mark>"); o != c {
		t.Errorf("%d <mark> but %d </mark>", o, c)
	}
}

func TestXSSPagesAreInert(t *testing.T) {
	recs := hostileRecords()
	fs := &fakeSearcher{records: recs, result: func(q scamhunt.Query) (scamhunt.Result, error) {
		h := scamhunt.HitOf(recs["evil1"])
		h.Highlights = map[string][]scamhunt.Span{
			"title": {{Text: xssScript, Mark: true}, {Text: "</mark>" + xssImg}},
			"body":  {{Text: "{{.}}"}, {Text: xssJS, Mark: true}},
		}
		return scamhunt.Result{Total: 3, Hits: []scamhunt.Hit{h, scamhunt.HitOf(recs["evil2"])},
			Facets: map[string][]scamhunt.FacetCount{"city": {{Value: xssScript, Count: 1}}, "site": {{Value: xssImg, Count: 2}},
				"category": {{Value: xssJS, Count: 1}}}}, nil
	}}
	h := newServer(t, web.Config{AdminToken: strings.Repeat("k", 20)}, fs, &fakeChecker{}, &fakeLabeler{})
	for _, path := range []string{"/", "/?q=" + url.QueryEscape(xssScript), "/?city=" + url.QueryEscape(xssImg),
		"/?q=13812345678", "/listing/evil1", "/listing/evil2", "/listing/evil3", "/listing/" + url.PathEscape(xssScript)} {
		t.Run(path, func(t *testing.T) {
			w := get(t, h, path)
			assertInert(t, w.Body.String())
		})
	}
	t.Run("listing shows the attack as text", func(t *testing.T) {
		page := get(t, h, "/listing/evil1").Body.String()
		for _, want := range []string{
			"&lt;script&gt;alert(1)&lt;/script&gt;",              // escaped script
			"&#34;&gt;&lt;img src=x onerror=alert(1)&gt;",        // escaped attribute break
			`<span class="url">javascript:alert(1)</span>`,       // URL as text, not a link
			"&lt;/mark&gt;{{.}}",                                 // closing tag and template braces as text
			"<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>", // evidence marked by us
			// a sign of an unknown category: the name shown as text, the
			// category's fallback explanation, the words as text
			`<span class="chip">&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</span> <strong class="title">骗局广告常见的说法</strong>`,
			`<span class="note" lang="en">&lt;script&gt;alert(1)&lt;/script&gt;</span>`, // a note behind 详细依据
			`人工标注：<span class="badge scam">骗局</span> &#34;&gt;&lt;img src=x onerror=alert(1)&gt;`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("page lacks %s", want)
			}
		}
	})
	t.Run("contact search shows hostile facets as text", func(t *testing.T) {
		page := get(t, h, "/?q=13812345678").Body.String()
		for _, want := range []string{
			`<h2 id="lookup-h" class="headline">此号码出现在 3 条信息中，涉及 1 个城市</h2>`,
			`<span>城市：&lt;script&gt;alert(1)&lt;/script&gt; 1</span>`,
			`<span>骗局类型：javascript:alert(1) 1</span>`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("page lacks %s", want)
			}
		}
	})
}

func TestXSSAPIIsInert(t *testing.T) {
	recs := hostileRecords()
	h := newServer(t, web.Config{}, &fakeSearcher{records: recs}, &fakeChecker{}, nil)
	w := get(t, h, "/api/listings/evil1")
	if strings.Contains(w.Body.String(), "<") || strings.Contains(w.Body.String(), ">") {
		t.Errorf("JSON carries raw angle brackets: %s", w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	var got scamhunt.Record
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := recs["evil1"]
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("record round trip (-want +got):\n%s", diff)
	}
	w = get(t, h, "/api/search?q=x")
	if strings.Contains(w.Body.String(), "<") {
		t.Errorf("search JSON carries raw <: %s", w.Body)
	}
}

func TestXSSCheckIsInert(t *testing.T) {
	chk := &fakeChecker{words: []string{xssScript, "拜师费"}}
	h := newServer(t, web.Config{}, &fakeSearcher{records: hostileRecords()}, chk, nil)
	text := "拜师费188 " + xssScript + xssImg + " </mark>{{.}} " + xssJS + " 13812345678"
	w := serve(t, h, request{method: http.MethodPost, path: "/check", contentType: "application/x-www-form-urlencoded",
		body: url.Values{"text": {text}}.Encode()})
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	page := w.Body.String()
	assertInert(t, page)
	for _, want := range []string{
		"<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>",                                             // the marked text
		`<span class="ctx">原文：拜师费188 <mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>&#34;&gt;&lt;img`, // a sign's excerpt
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}

	// A paste that is only a phone is a lookup, listing the hostile cities
	// and scam types of the listings that carry it.
	w = serve(t, h, request{method: http.MethodPost, path: "/check", contentType: "application/x-www-form-urlencoded",
		body: url.Values{"text": {"电话 13812345678"}}.Encode()})
	page = w.Body.String()
	assertInert(t, page)
	for _, want := range []string{`<section class="lookup-answer`, `<span>城市：&lt;script&gt;alert(1)&lt;/script&gt; 1</span>`,
		`<span>骗局类型：&lt;script&gt;alert(1)&lt;/script&gt; 1、拜师收徒 1</span>`} {
		if !strings.Contains(page, want) {
			t.Errorf("lookup page lacks %s", want)
		}
	}
	w = serve(t, h, request{method: http.MethodPost, path: "/api/classify", contentType: "text/plain", body: "电话 13812345678"})
	if body := w.Body.String(); !strings.Contains(body, `"answer":"lookup"`) || strings.ContainsAny(body, "<>") {
		t.Errorf("lookup JSON is not a lookup or carries raw angle brackets: %s", body)
	}
}

// FuzzCheckIsInert pastes anything into the check form and the API: the
// answer is a verdict with its assessment or a lookup, never both, and the
// page stays inert whatever the paste and the hostile listings it links.
func FuzzCheckIsInert(f *testing.F) {
	for _, seed := range []string{
		"一三八一二三四五六七八", "电话：138-1234-5678", "这个号码可靠吗 １３８１２３４５６７８", "QQ 99999999", "12345678",
		"悬赏任务 新人首单送18元 会用手机就行", "拜师费188 " + xssScript + xssImg + " 13812345678", "加薇信 abc_8899",
		"</mark>{{.}} 加V " + xssJS, "\u202e13812345678\u200b",
	} {
		f.Add(seed)
	}
	recs := hostileRecords()
	h := newServer(f, web.Config{CheckPerMinute: 1 << 30, RatePerMinute: 1 << 30}, &fakeSearcher{records: recs},
		&fakeChecker{words: []string{xssScript, "拜师费", "悬赏任务"}}, nil)
	f.Fuzz(func(t *testing.T, text string) {
		w := serve(t, h, request{method: http.MethodPost, path: "/check", contentType: "application/x-www-form-urlencoded",
			body: url.Values{"text": {text}}.Encode()})
		switch w.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d", w.Code)
		}
		assertInert(t, w.Body.String())
		w = serve(t, h, request{method: http.MethodPost, path: "/api/classify", contentType: "text/plain", body: text})
		if w.Code != http.StatusOK {
			return
		}
		var got struct {
			Answer     string
			Assessment *struct{ Tone, Summary string }
			Lookup     *struct{ Headline string }
		}
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		switch {
		case got.Answer == "verdict" && got.Assessment != nil && got.Lookup == nil && got.Assessment.Summary != "":
		case got.Answer == "lookup" && got.Lookup != nil && got.Assessment == nil && got.Lookup.Headline != "":
		default:
			t.Fatalf("answer %q with assessment %v and lookup %v", got.Answer, got.Assessment, got.Lookup)
		}
	})
}
