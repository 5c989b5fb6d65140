package web_test

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/web"
)

const scamAd = "诚招学徒，拜师费188元，包教包会，加QQ 12345678 或电话13812345678"

// linkedSearcher knows two listings: one with the phone, one with the QQ
// number and the phone.
func linkedSearcher() *fakeSearcher {
	a := scamhunt.Hit{ID: "p1", Title: "手机做任务日赚300", Label: scamhunt.LabelScam, Categories: []string{"shuadan"},
		Contacts: []scamhunt.Contact{}, Reasons: []scamhunt.Reason{}}
	b := scamhunt.Hit{ID: "q1", Title: "拜师学艺", Label: scamhunt.LabelSuspicious, Categories: []string{"baishi"},
		Contacts: []scamhunt.Contact{}, Reasons: []scamhunt.Reason{}}
	return &fakeSearcher{result: func(q scamhunt.Query) (scamhunt.Result, error) {
		switch q.Contact {
		case "+8613812345678":
			return scamhunt.Result{Total: 2, Hits: []scamhunt.Hit{a, b}}, nil
		case "12345678":
			return scamhunt.Result{Total: 1, Hits: []scamhunt.Hit{b}}, nil
		}
		return scamhunt.Result{}, nil
	}}
}

func postForm(t *testing.T, h http.Handler, text string) *response {
	t.Helper()
	w := serve(t, h, request{method: http.MethodPost, path: "/check", contentType: "application/x-www-form-urlencoded",
		body: "text=" + url.QueryEscape(text)})
	return &response{w.Code, w.Header(), w.Body.String()}
}

type response struct {
	Code   int
	Header http.Header
	Body   string
}

func TestCheckShowsVerdictAndLinkedListings(t *testing.T) {
	fs := linkedSearcher()
	chk := &fakeChecker{words: []string{"拜师费"}}
	h := newServer(t, web.Config{}, fs, chk, nil)
	w := postForm(t, h, scamAd)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if diff := cmp.Diff([]string{scamAd}, chk.texts); diff != "" {
		t.Errorf("checked texts (-want +got):\n%s", diff)
	}
	for _, want := range []string{
		`结论：<span class="badge scam">骗局</span>`,
		`<span class="chip">拜师收徒</span>`,
		`诚招学徒，<mark>拜师费</mark>188元`,
		`<span class="kind">电话</span> <code>&#43;8613812345678</code>`,
		`<a href="/listing/p1">手机做任务日赚300</a>`,
		`<a href="/listing/q1">拜师学艺</a>`,
		`<textarea id="text" name="text" rows="10" required>` + scamAd + `</textarea>`,
	} {
		if !strings.Contains(w.Body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if n := strings.Count(w.Body, `href="/listing/q1"`); n != 1 {
		t.Errorf("listing q1 linked %d times, want once", n)
	}
	if got := w.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control = %q", got)
	}
}

func TestAPIClassify(t *testing.T) {
	want := `{"verdict":{"id":"","label":"scam","score":0.9,"categories":["baishi"],
		"reasons":[{"rule":"word_拜师费","category":"baishi","weight":0.5,"field":"body","match":"拜师费","start":15,"end":24}]},
		"contacts":[{"kind":"qq","value":"12345678","raw":"加QQ 12345678"},{"kind":"phone","value":"+8613812345678","raw":"13812345678"}],
		"linked":[{"id":"q1","url":"","site":"","city":"","title":"拜师学艺","label":"suspicious","score":0,"categories":["baishi"],"contacts":[],"reasons":[]},
			{"id":"p1","url":"","site":"","city":"","title":"手机做任务日赚300","label":"scam","score":0,"categories":["shuadan"],"contacts":[],"reasons":[]}]}`
	for _, tt := range []struct{ name, contentType, body string }{
		{"json", "application/json", `{"text": "` + scamAd + `"}`},
		{"plain", "text/plain; charset=utf-8", scamAd},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newServer(t, web.Config{}, linkedSearcher(), &fakeChecker{words: []string{"拜师费"}}, nil)
			w := serve(t, h, request{method: http.MethodPost, path: "/api/classify", contentType: tt.contentType, body: tt.body})
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			assertJSON(t, want, w.Body.Bytes())
		})
	}
}

func TestCheckRejectsBadInput(t *testing.T) {
	big := strings.Repeat("刷", 40) // 120 bytes
	tests := []struct {
		name, path, contentType, body string
		status                        int
		want                          string
	}{
		{"form too large", "/check", "application/x-www-form-urlencoded", "text=" + url.QueryEscape(big), 413, "文本过长：最多 100 字节。"},
		{"form way too large", "/check", "application/x-www-form-urlencoded", "text=" + strings.Repeat("a", 5000), 413, "text too large: at most 100 bytes"},
		{"form empty", "/check", "application/x-www-form-urlencoded", "text=+%0A+", 400, "请粘贴招聘信息"},
		{"form missing", "/check", "application/x-www-form-urlencoded", "", 400, "text is empty"},
		{"form invalid utf-8", "/check", "application/x-www-form-urlencoded", "text=%FF%FE%E5%88", 400, "文本不是有效的 UTF-8 编码。"},
		{"form multipart", "/check", "multipart/form-data; boundary=x", "--x--", 415, "application/x-www-form-urlencoded"},
		{"api too large", "/api/classify", "text/plain", big, 413, `"error":"text too large: at most 100 bytes"`},
		{"api json too large", "/api/classify", "application/json", `{"text":"` + big + `"}`, 413, `"error_zh":"文本过长：最多 100 字节。"`},
		{"api empty", "/api/classify", "application/json", `{"text":"  "}`, 400, "text is empty"},
		{"api invalid utf-8", "/api/classify", "text/plain", "\xff\xfe", 400, "not valid UTF-8"},
		{"api json invalid utf-8", "/api/classify", "application/json", "{\"text\":\"\xff\"}", 400, "not valid UTF-8"},
		{"api bad json", "/api/classify", "application/json", `{"txt":"a"}`, 400, `body must be JSON`},
		{"api other type", "/api/classify", "application/xml", `<text/>`, 415, "send application/json or text/plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chk := &fakeChecker{}
			h := newServer(t, web.Config{MaxCheckBytes: 100}, &fakeSearcher{}, chk, nil)
			w := serve(t, h, request{method: http.MethodPost, path: tt.path, contentType: tt.contentType, body: tt.body})
			if w.Code != tt.status {
				t.Errorf("status %d, want %d", w.Code, tt.status)
			}
			if !strings.Contains(w.Body.String(), tt.want) {
				t.Errorf("body lacks %q:\n%s", tt.want, w.Body)
			}
			if len(chk.texts) != 0 {
				t.Errorf("checker ran on rejected input")
			}
		})
	}
}

func TestRateLimits(t *testing.T) {
	h := newServer(t, web.Config{RatePerMinute: 3, CheckPerMinute: 2}, linkedSearcher(), &fakeChecker{}, nil)
	for i, want := range []int{200, 200, 429} {
		if w := postForm(t, h, "hello"); w.Code != want {
			t.Errorf("check %d: status %d, want %d", i, w.Code, want)
		} else if want == 429 {
			if got := w.Header.Get("Retry-After"); got != "30" {
				t.Errorf("Retry-After = %q, want 30", got)
			}
			if !strings.Contains(w.Body, "请求过于频繁") || !strings.Contains(w.Body, "too many requests") {
				t.Errorf("429 page lacks its message: %s", w.Body)
			}
		}
	}
	// Three public requests were spent on /check already.
	if w := get(t, h, "/"); w.Code != http.StatusTooManyRequests {
		t.Errorf("4th public request: status %d, want 429", w.Code)
	}
	w := serve(t, h, request{path: "/api/search", remote: "198.51.100.7:1"})
	if w.Code != http.StatusOK {
		t.Errorf("other client: status %d, want 200", w.Code)
	}
	w = serve(t, h, request{path: "/api/search", header: map[string]string{"X-Forwarded-For": "203.0.113.9"}})
	if w.Code != http.StatusTooManyRequests {
		t.Errorf("X-Forwarded-For must not pick a fresh bucket: status %d", w.Code)
	}
	if w := get(t, h, "/static/style.css"); w.Code != http.StatusOK {
		t.Errorf("static assets are not rate limited: status %d", w.Code)
	}
	w = serve(t, h, request{path: "/api/search", remote: "198.51.100.8:1"})
	for range 3 {
		w = serve(t, h, request{path: "/api/search", remote: "198.51.100.8:1"})
	}
	if w.Code != http.StatusTooManyRequests || !strings.Contains(w.Body.String(), `"error":"too many requests`) {
		t.Errorf("API 429: status %d body %s", w.Code, w.Body)
	}
}

func TestCheckLogsNothingPasted(t *testing.T) {
	const secret = "秘密内容XYZZY"
	log, logged := newCapture()
	fs := &fakeSearcher{result: func(q scamhunt.Query) (scamhunt.Result, error) {
		return scamhunt.Result{}, errors.New("index down for " + q.Contact)
	}}
	h := newServer(t, web.Config{Log: log}, fs, &fakeChecker{words: []string{"XYZZY"}}, nil)
	text := secret + " 微信 wx_secret_42 电话13912345678"
	if w := postForm(t, h, text); w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	serve(t, h, request{method: http.MethodPost, path: "/api/classify?text=" + url.QueryEscape(secret), contentType: "text/plain", body: text})
	serve(t, h, request{method: http.MethodPost, path: "/check?q=" + url.QueryEscape(secret), contentType: "application/x-www-form-urlencoded", body: "text=" + url.QueryEscape(text)})
	out := logged()
	for _, leak := range []string{secret, "XYZZY", "wx_secret_42", "13912345678", "?"} {
		if strings.Contains(out, leak) {
			t.Errorf("log leaks %q:\n%s", leak, out)
		}
	}
	for _, want := range []string{"http_request method=POST path=/check status=200", "path=/api/classify status=200", "linked_search_failed contact_kind=phone"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}
