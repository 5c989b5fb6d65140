package web_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/web"
)

const scamAd = "诚招学徒，拜师费188元，包教包会，加QQ 12345678 或电话13812345678"

// linkedSearcher knows two listings: one with the phone, one with the QQ
// number and the phone. The phone's lookup answers with facets, as the
// real indexes do; the QQ number's without.
func linkedSearcher() *fakeSearcher {
	a := scamhunt.Hit{ID: "p1", Title: "手机做任务日赚300", City: "北京", Label: scamhunt.LabelScam, Categories: []string{"shuadan"},
		Contacts: []scamhunt.Contact{}, Reasons: []scamhunt.Reason{}}
	b := scamhunt.Hit{ID: "q1", Title: "拜师学艺", City: "上海", Label: scamhunt.LabelSuspicious, Categories: []string{"baishi"},
		Contacts: []scamhunt.Contact{}, Reasons: []scamhunt.Reason{}}
	return &fakeSearcher{result: func(q scamhunt.Query) (scamhunt.Result, error) {
		switch q.Contact {
		case "+8613812345678":
			return scamhunt.Result{Total: 2, Hits: []scamhunt.Hit{a, b}, Facets: map[string][]scamhunt.FacetCount{
				"label":    {{Value: "scam", Count: 1}, {Value: "suspicious", Count: 1}},
				"category": {{Value: "baishi", Count: 1}, {Value: "shuadan", Count: 1}},
				"city":     {{Value: "上海", Count: 1}, {Value: "北京", Count: 1}},
			}}, nil
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
		// the summary first, then what to do, the signs in plain Chinese
		`<h1 id="answer-h" class="headline"><span class="badge scam">骗局</span> 这很可能是拜师收徒诈骗：交钱拜师学赚钱的说法。</h1>`,
		`<p class="act-now"><strong>先别付钱，也别再回复对方；已经转了钱，马上拨打 110 报警。</strong> <a href="#next">接下来该怎么做</a></p>`,
		`<li><span class="chip">拜师收徒</span> <strong class="title">交钱拜师学赚钱的说法</strong><span class="ctx">原文：诚招学徒，<mark>拜师费</mark>188元，包教包会，加Q…</span>`,
		`<span class="why">所谓拜师、带你赚钱，对方真正赚的是你交的拜师费和学费，教的东西并不能让你挣回这笔钱。</span>`,
		`<h3 id="next-h">接下来该怎么做</h3>`,
		`拨打 96110 反诈专线咨询`,
		// rule ids and weights behind 详细依据
		`<details class="tech">
  <summary>详细依据</summary>`,
		`<span class="rule"><code>word_拜师费</code> · 正文 · 权重 0.50</span>`,
		`诚招学徒，<mark>拜师费</mark>188元`,
		`<span class="kind">电话</span> <code>&#43;8613812345678</code>`,
		`<span class="badge scam">骗局</span> <a href="/listing/p1">手机做任务日赚300</a>`,
		`<span class="badge suspicious">可疑</span> <a href="/listing/q1">拜师学艺</a>`,
		`<h2>再查一条</h2>`,
		`<textarea id="text" name="text" rows="4" required>` + scamAd + `</textarea>`,
	} {
		if !strings.Contains(w.Body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if i, j := strings.Index(w.Body, `id="answer-h"`), strings.Index(w.Body, `<form method="post" action="/check"`); i < 0 || j < i {
		t.Errorf("the verdict (at %d) does not come before the form (at %d)", i, j)
	}
	if i, j := strings.Index(w.Body, "word_拜师费"), strings.Index(w.Body, "<summary>详细依据</summary>"); j < 0 || i < j {
		t.Errorf("the rule id (at %d) is not behind 详细依据 (at %d)", i, j)
	}
	if n := strings.Count(w.Body, `href="/listing/q1"`); n != 1 {
		t.Errorf("listing q1 linked %d times, want once", n)
	}
	if got := w.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control = %q", got)
	}
}

// TestAPIClassify: the fields POST /api/classify had before explanations
// came keep their values; the new ones say in plain Chinese what the page
// says.
func TestAPIClassify(t *testing.T) {
	old := `{"verdict":{"id":"","label":"scam","score":0.9,"categories":["baishi"],
		"reasons":[{"rule":"word_拜师费","category":"baishi","weight":0.5,"field":"body","match":"拜师费","start":15,"end":24}]},
		"contacts":[{"kind":"qq","value":"12345678","raw":"加QQ 12345678"},{"kind":"phone","value":"+8613812345678","raw":"13812345678"}],
		"linked":[{"id":"q1","url":"","site":"","city":"上海","title":"拜师学艺","label":"suspicious","score":0,"categories":["baishi"],"contacts":[],"reasons":[]},
			{"id":"p1","url":"","site":"","city":"北京","title":"手机做任务日赚300","label":"scam","score":0,"categories":["shuadan"],"contacts":[],"reasons":[]}]}`
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
			var got map[string]json.RawMessage
			if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			var added struct {
				Answer     string
				Assessment struct {
					Tone, Summary, ActNow string
					Explanations          []struct{ Rule, Category, CategoryName, Title, Why string }
					NextSteps             []web.Step `json:"next_steps"`
				}
			}
			if err := json.Unmarshal(w.Body.Bytes(), &added); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"answer", "assessment"} {
				if _, ok := got[k]; !ok {
					t.Errorf("response lacks %q", k)
				}
				delete(got, k)
			}
			rest, _ := json.Marshal(got)
			assertJSON(t, old, rest)
			a := added.Assessment
			if added.Answer != "verdict" || a.Tone != "scam" || a.Summary != "这很可能是拜师收徒诈骗：交钱拜师学赚钱的说法。" {
				t.Errorf("answer %q tone %q summary %q", added.Answer, a.Tone, a.Summary)
			}
			if len(a.Explanations) != 1 || a.Explanations[0].Rule != "word_拜师费" || a.Explanations[0].Title != "交钱拜师学赚钱的说法" || a.Explanations[0].Why == "" {
				t.Errorf("explanations %+v", a.Explanations)
			}
			if len(a.NextSteps) < 5 || a.NextSteps[0].Title != "不要付钱" {
				t.Errorf("next steps %+v", a.NextSteps)
			}
		})
	}
}

// TestCheckContactOnlyIsALookup: a paste that is only a phone number, in any
// written form, is answered by where it was seen, never as a verdict.
func TestCheckContactOnlyIsALookup(t *testing.T) {
	h := newServer(t, web.Config{}, linkedSearcher(), &fakeChecker{words: []string{"拜师费"}}, nil)
	for _, paste := range []string{"一三八一二三四五六七八", "电话：138-1234-5678", "这个号码可靠吗 １３８１２３４５６７８"} {
		t.Run(paste, func(t *testing.T) {
			w := postForm(t, h, paste)
			for _, want := range []string{
				`<section class="lookup-answer tone-scam" aria-labelledby="answer-h">`,
				`<h1 id="answer-h" class="headline">此号码出现在 2 条信息中，其中 1 条是骗局、1 条可疑，涉及 2 个城市</h1>`,
				`<code>&#43;8613812345678</code>`,
				`<p class="breakdown"><span>结论：骗局 1 条、可疑 1 条</span><span>骗局类型：刷单返利 1、拜师收徒 1</span><span>城市：上海 1、北京 1</span></p>`,
				`这是对联系方式的查询，不是对广告的判断`,
				`<h3 id="next-h">接下来该怎么做</h3>`,
				`<a href="/listing/p1">手机做任务日赚300</a>`,
			} {
				if !strings.Contains(w.Body, want) {
					t.Errorf("page lacks %s", want)
				}
			}
			for _, bad := range []string{`class="verdict`, "风险分 0.00（", "未发现明显骗局特征", "未见骗局特征"} {
				if strings.Contains(w.Body, bad) {
					t.Errorf("a contact got a verdict: page has %s", bad)
				}
			}
		})
	}
	t.Run("api", func(t *testing.T) {
		w := serve(t, h, request{method: http.MethodPost, path: "/api/classify", contentType: "text/plain", body: "一三八一二三四五六七八"})
		var got struct {
			Answer     string
			Assessment *json.RawMessage
			Lookup     struct {
				Headline, Tone, Caveat string
				Found                  bool
				Contacts               []struct {
					Kind, Value, Raw, Headline string
					Listings                   int
					Labels, Categories, Cities map[string]int
				}
			}
		}
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if got.Answer != "lookup" || got.Assessment != nil {
			t.Errorf("answer %q with assessment %s, want a lookup without one", got.Answer, w.Body)
		}
		l := got.Lookup
		if l.Headline != "此号码出现在 2 条信息中，其中 1 条是骗局、1 条可疑，涉及 2 个城市" || !l.Found || l.Tone != "scam" || len(l.Contacts) != 1 {
			t.Fatalf("lookup %+v", l)
		}
		c := l.Contacts[0]
		want := map[string]int{"scam": 1, "suspicious": 1}
		if c.Kind != "phone" || c.Value != "+8613812345678" || c.Raw != "一三八一二三四五六七八" || c.Listings != 2 ||
			!cmp.Equal(want, c.Labels) || c.Cities["北京"] != 1 || c.Categories["shuadan"] != 1 {
			t.Errorf("contact %+v", c)
		}
	})
	t.Run("unlisted", func(t *testing.T) {
		w := postForm(t, h, "QQ 99999999")
		for _, want := range []string{`此QQ号未收录`, `未收录不代表可靠`} {
			if !strings.Contains(w.Body, want) {
				t.Errorf("page lacks %s", want)
			}
		}
		if strings.Contains(w.Body, "接下来该怎么做") {
			t.Error("an unlisted number gets the scam steps")
		}
	})
	t.Run("a bare QQ number without facets", func(t *testing.T) {
		w := postForm(t, h, "12345678")
		if !strings.Contains(w.Body, "此QQ号出现在 1 条信息中，其中 1 条可疑，涉及 1 个城市") {
			t.Errorf("page lacks the QQ number's headline:\n%s", w.Body)
		}
	})
}

// TestCheckBelowThresholdIsNotGreen: the 刷单 pitch of the issue, scored
// 0.50 and labelled legit with a 刷单 reason, is amber with the reason and
// the next steps; without a scam-type reason the answer is "no known sign",
// with its caveat, never "正常" or "safe".
func TestCheckBelowThresholdIsNotGreen(t *testing.T) {
	pitch := "悬赏任务 新人首单送18元 会用手机就行"
	chk := checkerFunc(func(text string) scamhunt.Verdict {
		v := scamhunt.Verdict{Label: scamhunt.LabelLegit, Score: 0.4981, Categories: []string{}, Reasons: []scamhunt.Reason{}}
		if i := strings.Index(text, "悬赏任务"); i >= 0 {
			v.Reasons = append(v.Reasons, scamhunt.Reason{Rule: "shuadan.tasks", Category: "shuadan", Weight: 4, Field: "body",
				Match: "悬赏任务", Start: i, End: i + len("悬赏任务"), Note: `paid clicks, likes and follows ("做任务", 点赞关注)`})
		}
		return v
	})
	h := newServer(t, web.Config{}, &fakeSearcher{}, chk, nil)
	tests := []struct {
		text        string
		wants, bads []string
	}{
		{pitch, []string{
			`<section class="verdict tone-caution"`,
			`<span class="badge caution">有可疑之处</span> 这条信息有可疑之处：点赞、关注、做任务赚佣金。`,
			`风险分没有达到“可疑”，但下面这些是骗局常用的说法，请多加小心。`,
			`<mark>悬赏任务</mark>`,
			`接下来该怎么做`,
		}, []string{"正常", "安全", "legit"}},
		{"周末餐厅服务员，时薪25元", []string{
			`<section class="verdict tone-clear"`,
			`<span class="badge clear">未见骗局特征</span> 未发现明显骗局特征。`,
			`这不代表安全`,
		}, []string{"正常", "接下来该怎么做", "legit"}},
	}
	for _, tt := range tests {
		w := postForm(t, h, tt.text)
		main := w.Body[strings.Index(w.Body, "<main>"):strings.Index(w.Body, `<details class="tech">`)]
		for _, want := range tt.wants {
			if !strings.Contains(w.Body, want) {
				t.Errorf("%s: page lacks %s", tt.text, want)
			}
		}
		for _, bad := range tt.bads {
			if strings.Contains(main, bad) {
				t.Errorf("%s: the answer says %q", tt.text, bad)
			}
		}
	}
}

// TestCheckNothingToJudge: a clear verdict on a text the classifier finds
// nothing in (a fake boss's opening line) says there is nothing to judge
// and what such openings lead to, not "no scam signs"; a clear verdict on
// a text with evidence keeps the usual answer.
func TestCheckNothingToJudge(t *testing.T) {
	bare := "正在开会中，不方便接听电话。"
	chk := evidenceChecker{checkerFunc(func(string) scamhunt.Verdict {
		return scamhunt.Verdict{Label: scamhunt.LabelLegit, Score: 0.018, Categories: []string{}, Reasons: []scamhunt.Reason{}}
	}), func(text string) bool { return text != bare }}
	h := newServer(t, web.Config{}, &fakeSearcher{}, chk, nil)
	w := postForm(t, h, bare)
	for _, want := range []string{
		`<span class="badge clear">未见骗局特征</span> 这段话里没有可以判断的内容。`,
		`骗子也常先用“在吗”“我是你领导”“正在开会不方便接电话”这样的话开场`,
	} {
		if !strings.Contains(w.Body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(w.Body, "未发现明显骗局特征") {
		t.Error("a text with nothing to judge is answered as one with no scam signs")
	}
	w = postForm(t, h, "周末餐厅服务员，时薪25元")
	if !strings.Contains(w.Body, "未发现明显骗局特征。") || strings.Contains(w.Body, "没有可以判断的内容") {
		t.Errorf("a clear text with evidence lost the usual answer:\n%s", w.Body)
	}
	aw := serve(t, h, request{method: http.MethodPost, path: "/api/classify", contentType: "application/json",
		body: `{"text":"正在开会中，不方便接听电话。"}`})
	var res struct {
		Assessment struct{ Summary, Caveat string }
	}
	if err := json.Unmarshal(aw.Body.Bytes(), &res); err != nil {
		t.Fatalf("%v: %s", err, aw.Body)
	}
	if res.Assessment.Summary != "这段话里没有可以判断的内容。" || !strings.Contains(res.Assessment.Caveat, "请把对方后来发的内容一起粘贴进来") {
		t.Errorf("API assessment = %+v", res.Assessment)
	}
}

// evidenceChecker is a checker that also says whether a text holds
// anything to judge.
type evidenceChecker struct {
	checkerFunc
	evidence func(string) bool
}

func (e evidenceChecker) HasEvidence(text string) bool { return e.evidence(text) }

type checkerFunc func(string) scamhunt.Verdict

func (f checkerFunc) Check(text string) scamhunt.Verdict { return f(text) }

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

// TestCheckThinFlag: a flag that rests only on the model's reading of a
// text that talks of money (no rule fired, no contact), or on that and a
// sign honest ads share (日结), is answered "suspicious" with what it rests
// on, whatever the verdict's label; a flag with a rule's words, or with a
// contact, keeps the verdict's tone.
func TestCheckThinFlag(t *testing.T) {
	const thin = "这个判断只是因为这段话谈到了钱或收入"
	model := []scamhunt.Reason{
		{Rule: "model.topic_money", Category: "signal", Weight: 0.84, Field: "body"},
		{Rule: "model.ngram", Category: "signal", Weight: 0.1, Field: "body", Match: "原价", Start: 12, End: 18},
		{Rule: "model.warning", Category: "warning", Weight: -0.2, Field: "body"},
	}
	rule := append(slices.Clone(model), scamhunt.Reason{Rule: "advance.payment", Category: "advance", Weight: 3,
		Field: "body", Match: "垫付", Start: 3, End: 9})
	// a sign honest ads share (same-day pay, weight 0.75) leaves the flag
	// thin; a stronger signal (work from a phone, 1.5) does not
	daily := append(slices.Clone(model), scamhunt.Reason{Rule: "signal.daily_pay", Category: "signal", Weight: 0.75,
		Field: "body", Match: "日結", Start: 24, End: 30})
	phone := append(slices.Clone(daily), scamhunt.Reason{Rule: "signal.phone_work", Category: "signal", Weight: 1.5,
		Field: "body", Match: "手机就能做", Start: 0, End: 15})
	chk := checkerFunc(func(text string) scamhunt.Verdict {
		rs := model
		switch {
		case strings.Contains(text, "垫付"):
			rs = rule
		case strings.Contains(text, "手机"):
			rs = phone
		case strings.Contains(text, "日結"):
			rs = daily
		}
		return scamhunt.Verdict{Label: scamhunt.LabelScam, Score: 0.86, Categories: []string{}, Reasons: rs}
	})
	h := newServer(t, web.Config{}, &fakeSearcher{}, chk, nil)
	const common = "又用了“日结”“无需经验”“名额有限”“正规平台”这类说法"
	for _, tc := range []struct {
		text   string
		caveat string // "" for none: the verdict's own tone
	}{
		{"秒杀过后原价多少钱", thin},
		{"亲先垫付一下呢到时候跟退款一起返给您呢", ""},
		{"秒杀过后原价多少钱，加我QQ 12345678", ""},
		{"時薪20元以上,工資日結", common},
		{"手机就能做，時薪20元以上,工資日結", ""},
	} {
		w := postForm(t, h, tc.text)
		for _, c := range []string{thin, common} {
			if got := strings.Contains(w.Body, c); got != (c == tc.caveat) {
				t.Errorf("%q: caveat %q shown = %v, want %v", tc.text, c, got, c == tc.caveat)
			}
		}
		badge := `<span class="badge scam">骗局</span> 这很可能是`
		if tc.caveat != "" {
			badge = `<span class="badge suspicious">可疑</span> 这条信息有可疑之处：`
		}
		if !strings.Contains(w.Body, badge) {
			t.Errorf("%q: page lacks %s:\n%s", tc.text, badge, w.Body)
		}
	}
	aw := serve(t, h, request{method: http.MethodPost, path: "/api/classify", contentType: "application/json",
		body: `{"text":"秒杀过后原价多少钱"}`})
	var res struct {
		Verdict    struct{ Label string }
		Assessment struct{ Tone, Caveat string }
	}
	if err := json.Unmarshal(aw.Body.Bytes(), &res); err != nil {
		t.Fatalf("%v: %s", err, aw.Body)
	}
	if res.Verdict.Label != "scam" || res.Assessment.Tone != "suspicious" || !strings.HasPrefix(res.Assessment.Caveat, thin) {
		t.Errorf("API: verdict %q, assessment %+v; want the verdict kept, the answer suspicious and explained", res.Verdict.Label, res.Assessment)
	}
}
