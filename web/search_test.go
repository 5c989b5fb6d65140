package web_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/web"
)

func sampleResult() scamhunt.Result {
	return scamhunt.Result{
		Total: 95,
		Hits: []scamhunt.Hit{{
			ID: "a1", URL: "https://jobs.example/a1", Site: "jzw", City: "北京", Title: "在家打字员 日结",
			Label: scamhunt.LabelScam, Score: 0.91, Categories: []string{"typing"},
			Contacts: []scamhunt.Contact{{Kind: scamhunt.ContactQQ, Value: "12345678", Raw: "扣扣12345678"}},
			Reasons: []scamhunt.Reason{
				{Rule: "typing_fee", Category: "typing", Weight: 1.5, Field: "body", Match: "材料费", Start: 3, End: 12},
				{Rule: "r2", Category: "deposit", Weight: 1, Field: "body", Match: "押金"},
				{Rule: "r3", Category: "advance", Weight: 1, Field: "body", Match: "垫付"},
				{Rule: "r4", Category: "shuadan", Weight: 1, Field: "body", Match: "第四条"},
			},
			PostedAt:   time.Date(2024, 5, 1, 2, 0, 0, 0, time.UTC),
			Highlights: map[string][]scamhunt.Span{"body": {{Text: "先交"}, {Text: "材料费", Mark: true}}},
		}},
		Facets: map[string][]scamhunt.FacetCount{
			"label":    {{Value: "scam", Count: 60}, {Value: "legit", Count: 35}},
			"category": {{Value: "typing", Count: 41}, {Value: "deposit", Count: 19}},
			"city":     {{Value: "北京", Count: 70}},
			"site":     {{Value: "jzw", Count: 95}},
		},
	}
}

func TestFiltersReachTheQuery(t *testing.T) {
	tests := []struct {
		name, query string
		want        scamhunt.Query
	}{
		{"empty", "", scamhunt.Query{Limit: 20, Facets: true}},
		{"words and filters", "q=%E5%88%B7%E5%8D%95&label=scam&category=typing&category=deposit,typing&city=%E5%8C%97%E4%BA%AC&site=jzw&sort=newest&page=3&limit=10",
			scamhunt.Query{Text: "刷单", Label: scamhunt.LabelScam, Categories: []string{"typing", "deposit"}, City: "北京", Site: "jzw",
				Sort: scamhunt.SortNewest, Limit: 10, Offset: 20, Facets: true}},
		{"contact param", "contact=QQ+12345678&q=%E6%89%93%E5%AD%97", scamhunt.Query{Text: "打字", Contact: "QQ 12345678", Limit: 20, Facets: true}},
		{"phone typed as q", "q=13812345678", scamhunt.Query{Contact: "13812345678", Limit: 20, Facets: true}},
		{"dates", "since=2024-05-01&until=2024-05-31", scamhunt.Query{Limit: 20, Facets: true,
			Since: time.Date(2024, 4, 30, 16, 0, 0, 0, time.UTC), Until: time.Date(2024, 5, 31, 16, 0, 0, 0, time.UTC)}},
	}
	for _, tt := range tests {
		for _, base := range []string{"/?", "/api/search?"} {
			t.Run(tt.name+base, func(t *testing.T) {
				fs := &fakeSearcher{result: func(scamhunt.Query) (scamhunt.Result, error) { return scamhunt.Result{}, nil }}
				h := newServer(t, web.Config{}, fs, &fakeChecker{}, nil)
				if w := get(t, h, base+tt.query); w.Code != http.StatusOK {
					t.Fatalf("status %d: %s", w.Code, w.Body)
				}
				got := fs.seen()
				if len(got) != 1 {
					t.Fatalf("%d searches, want 1", len(got))
				}
				if diff := cmp.Diff(tt.want, got[0]); diff != "" {
					t.Errorf("query (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestSearchPageShowsFacetsAndPages(t *testing.T) {
	fs := &fakeSearcher{result: func(scamhunt.Query) (scamhunt.Result, error) { return sampleResult(), nil }}
	h := newServer(t, web.Config{}, fs, &fakeChecker{}, nil)
	w := get(t, h, "/?q=%E6%89%93%E5%AD%97&label=scam&page=2")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	page := w.Body.String()
	for _, want := range []string{
		// facets: names in Chinese, counts, toggling links that drop the page
		`<a href="/?q=%E6%89%93%E5%AD%97" class="on">骗局</a> <span class="count">60</span>`,
		`<a href="/?label=legit&amp;q=%E6%89%93%E5%AD%97">未见骗局特征</a> <span class="count">35</span>`,
		`<a href="/?category=typing&amp;label=scam&amp;q=%E6%89%93%E5%AD%97">打字手工</a> <span class="count">41</span>`,
		`<a href="/?category=deposit&amp;label=scam&amp;q=%E6%89%93%E5%AD%97">先交费用</a> <span class="count">19</span>`,
		`北京</a> <span class="count">70</span>`,
		`jzw</a> <span class="count">95</span>`,
		// active filter with its removal link
		`<a href="/?q=%E6%89%93%E5%AD%97" title="去掉这个条件">结论：骗局 ✕</a>`,
		// pagination: 95 hits, 20 a page, on page 2
		`<a rel="prev" href="/?label=scam&amp;q=%E6%89%93%E5%AD%97">上一页</a>`,
		`<span class="current" aria-current="page">2</span>`,
		`<a href="/?label=scam&amp;page=4&amp;q=%E6%89%93%E5%AD%97">4</a>`,
		`<a rel="next" href="/?label=scam&amp;page=3&amp;q=%E6%89%93%E5%AD%97">下一页</a>`,
		`第 2 / 5 页`,
		// the hit: badge, highlight, the first three signs in plain
		// Chinese (these rules have no entries: their categories' fallbacks)
		`<span class="badge scam">骗局</span> <a href="/listing/a1">在家打字员 日结</a>`,
		`<p class="snippet">先交<mark>材料费</mark></p>`,
		`<p class="why-short">在家打字、做手工的说法；找工作要先交钱的说法；要你先垫钱、充值的说法；<a href="/listing/a1">另有 1 条依据</a></p>`,
		`<code>12345678</code> <span class="raw">原文：扣扣12345678</span>`,
		`找到 95 条结果`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	for _, hidden := range []string{"第四条", "typing_fee", "权重"} {
		if strings.Contains(page, hidden) {
			t.Errorf("search results show %q: rule ids, weights and the fourth reason belong to the listing page", hidden)
		}
	}
	if i, j := strings.Index(page, `<article class="hit">`), strings.Index(page, `<aside class="facets"`); i < 0 || j < i {
		t.Errorf("the first result (at %d) does not come before the facets (at %d)", i, j)
	}
}

func TestAPISearchJSONShape(t *testing.T) {
	fs := &fakeSearcher{result: func(scamhunt.Query) (scamhunt.Result, error) { return sampleResult(), nil }}
	h := newServer(t, web.Config{}, fs, &fakeChecker{}, nil)
	w := get(t, h, "/api/search?q=x")
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	want := `{"total":95,"hits":[{"id":"a1","url":"https://jobs.example/a1","site":"jzw","city":"北京",
		"title":"在家打字员 日结","label":"scam","score":0.91,"categories":["typing"],
		"contacts":[{"kind":"qq","value":"12345678","raw":"扣扣12345678"}],
		"reasons":[{"rule":"typing_fee","category":"typing","weight":1.5,"field":"body","match":"材料费","start":3,"end":12},
			{"rule":"r2","category":"deposit","weight":1,"field":"body","match":"押金"},
			{"rule":"r3","category":"advance","weight":1,"field":"body","match":"垫付"},
			{"rule":"r4","category":"shuadan","weight":1,"field":"body","match":"第四条"}],
		"posted_at":"2024-05-01T02:00:00Z",
		"highlights":{"body":[{"text":"先交"},{"text":"材料费","mark":true}]}}],
		"facets":{"label":[{"value":"scam","count":60},{"value":"legit","count":35}],
			"category":[{"value":"typing","count":41},{"value":"deposit","count":19}],
			"city":[{"value":"北京","count":70}],"site":[{"value":"jzw","count":95}]}}`
	assertJSON(t, want, w.Body.Bytes())
}

// withSteps replaces an assessment's act_now and next_steps, which are
// configs/explain.yaml's words (tested in TestAPIClassify), by ACT and STEPS.
func withSteps(t *testing.T, body []byte) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		return body
	}
	if a, ok := m["assessment"].(map[string]any); ok {
		if _, ok := a["next_steps"]; ok {
			a["act_now"], a["next_steps"] = "ACT", "STEPS"
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// assertJSON compares JSON documents after decoding, so only their content
// counts.
func assertJSON(t *testing.T, want string, got []byte) {
	t.Helper()
	var w, g any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want: %v", err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("got %s: %v", got, err)
	}
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
}

func TestAPIEndpoints(t *testing.T) {
	rec := scamhunt.Record{Listing: scamhunt.Listing{ID: "a1", Title: "t", Body: "b"},
		Verdict: scamhunt.Verdict{ID: "a1", Label: scamhunt.LabelSuspicious, Score: 0.5, Categories: []string{}, Reasons: []scamhunt.Reason{}}}
	tests := []struct {
		name, path string
		status     int
		want       string
		wantQuery  *scamhunt.Query
	}{
		// The record as it always was; the assessment is new beside it.
		{"listing", "/api/listings/a1", 200,
			`{"listing":{"id":"a1","title":"t","body":"b"},"verdict":{"id":"a1","label":"suspicious","score":0.5,"categories":[],"reasons":[]},
			"assessment":{"tone":"suspicious","summary":"这条信息有可疑之处。","explanations":[],"act_now":"ACT","next_steps":"STEPS"}}`, nil},
		{"missing listing", "/api/listings/nope", 404, `{"error":"listing not found","error_zh":"没有这条信息。"}`, nil},
		{"facets", "/api/facets?label=scam&page=3", 200,
			`{"total":95,"facets":{"label":[{"value":"scam","count":60},{"value":"legit","count":35}],
			"category":[{"value":"typing","count":41},{"value":"deposit","count":19}],
			"city":[{"value":"北京","count":70}],"site":[{"value":"jzw","count":95}]}}`,
			&scamhunt.Query{Label: scamhunt.LabelScam, Limit: 1, Facets: true}},
		{"stats", "/api/stats", 200,
			`{"total":95,"labels":{"scam":60,"legit":35},"categories":{"typing":41,"deposit":19},"cities":{"北京":70},"sites":{"jzw":95}}`,
			&scamhunt.Query{Limit: 1, Facets: true}},
		{"bad label", "/api/search?label=evil", 400, `{"error":"bad query: label: unknown \"evil\"","error_zh":"搜索条件无效：label: unknown \"evil\""}`, nil},
		{"unknown api path", "/api/nothing", 404, `{"error":"page not found","error_zh":"页面不存在。"}`, nil},
		{"wrong method", "/api/classify", 405, `{"error":"method not allowed","error_zh":"不支持该请求方法。"}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := &fakeSearcher{records: map[string]scamhunt.Record{"a1": rec},
				result: func(scamhunt.Query) (scamhunt.Result, error) { return sampleResult(), nil }}
			h := newServer(t, web.Config{}, fs, &fakeChecker{}, nil)
			w := get(t, h, tt.path)
			if w.Code != tt.status {
				t.Errorf("status %d, want %d", w.Code, tt.status)
			}
			assertJSON(t, tt.want, withSteps(t, w.Body.Bytes()))
			if tt.wantQuery != nil {
				if diff := cmp.Diff([]scamhunt.Query{*tt.wantQuery}, fs.seen()); diff != "" {
					t.Errorf("queries (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestIndexFailures(t *testing.T) {
	fs := &fakeSearcher{getErr: errors.New("disk gone"),
		result: func(scamhunt.Query) (scamhunt.Result, error) { return scamhunt.Result{}, errors.New("disk gone") }}
	log, logged := newCapture()
	h := newServer(t, web.Config{Log: log}, fs, &fakeChecker{}, nil)
	for _, path := range []string{"/", "/api/search", "/listing/a1", "/api/listings/a1"} {
		if w := get(t, h, path); w.Code != http.StatusServiceUnavailable {
			t.Errorf("%s: status %d, want 503", path, w.Code)
		}
	}
	if !strings.Contains(logged(), "err=disk gone") {
		t.Errorf("index error not logged:\n%s", logged())
	}
}

func TestHeadersAndMethods(t *testing.T) {
	h := newServer(t, web.Config{}, &fakeSearcher{}, &fakeChecker{}, nil)
	wantHeaders := map[string]string{
		"Content-Security-Policy": "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"X-Frame-Options":         "DENY",
	}
	tests := []struct {
		method, path string
		status       int
	}{
		{"GET", "/", 200}, {"GET", "/about", 200}, {"GET", "/check", 200}, {"GET", "/static/style.css", 200},
		{"GET", "/static/", 404}, {"GET", "/nowhere", 404}, {"GET", "/listing/missing", 404},
		{"POST", "/", 405}, {"POST", "/api/search", 405}, {"DELETE", "/listing/x", 405}, {"PUT", "/check", 405},
		{"POST", "/api/admin/reclassify", 404},
	}
	for _, tt := range tests {
		w := serve(t, h, request{method: tt.method, path: tt.path})
		if w.Code != tt.status {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.path, w.Code, tt.status)
		}
		for k, v := range wantHeaders {
			if got := w.Header().Get(k); got != v {
				t.Errorf("%s %s: %s = %q, want %q", tt.method, tt.path, k, got, v)
			}
		}
	}
	if w := serve(t, h, request{method: "POST", path: "/api/search"}); w.Header().Get("Allow") != "GET" {
		t.Errorf("Allow = %q, want GET", w.Header().Get("Allow"))
	}
}
