package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/web"
)

// listingRecords are a flagged 刷单 listing, one below the thresholds with
// a 刷单 reason, and one a person checked and found honest.
func listingRecords() map[string]scamhunt.Record {
	body := "动动手指点赞关注，佣金一单一结。加QQ 56793123 领任务。"
	at := func(rule, cat, match string, w float64) scamhunt.Reason {
		i := strings.Index(body, match)
		return scamhunt.Reason{Rule: rule, Category: cat, Weight: w, Field: "body", Match: match, Start: i, End: i + len(match),
			Note: "english note of " + rule}
	}
	l := scamhunt.Listing{ID: "s1", Title: "手机做任务 一单一结", Body: body, City: "上海",
		SalaryText: "50元/单", Pay: &scamhunt.Salary{Min: 50, Max: 50, Unit: "元", Period: "order", Text: "50元/单"},
		Contacts: []scamhunt.Contact{{Kind: scamhunt.ContactQQ, Value: "56793123", Raw: "QQ 56793123"}}}
	reasons := []scamhunt.Reason{at("shuadan.tasks", "shuadan", "点赞关注", 4), at("shuadan.per_order_pay", "shuadan", "一单一结", 2),
		at("signal.phone_work", "signal", "动动手指", 1), at("model.im_only", "signal", "QQ 56793123", 0.5)}
	low := l
	low.ID = "s2"
	return map[string]scamhunt.Record{
		"s1": {Listing: l, Verdict: scamhunt.Verdict{ID: "s1", Label: scamhunt.LabelScam, Score: 0.97, Categories: []string{"shuadan"}, Reasons: reasons}},
		"s2": {Listing: low, Verdict: scamhunt.Verdict{ID: "s2", Label: scamhunt.LabelLegit, Score: 0.49, Categories: []string{}, Reasons: reasons[:1]}},
		"s3": {Listing: low, Verdict: scamhunt.Verdict{ID: "s3", Label: scamhunt.LabelLegit, Score: 0.49, Categories: []string{}, Reasons: reasons[:1]},
			Override: &scamhunt.Override{Label: scamhunt.LabelLegit, Note: "门店核实过"}},
	}
}

func TestListingPage(t *testing.T) {
	h := newServer(t, web.Config{AdminToken: strings.Repeat("k", 20)}, &fakeSearcher{records: listingRecords()}, &fakeChecker{}, &fakeLabeler{})
	tests := []struct {
		id          string
		wants, bads []string
	}{
		{"s1", []string{
			`<h1><span class="badge scam">骗局</span> 手机做任务 一单一结</h1>`,
			`<p class="headline">这很可能是刷单返利诈骗：点赞、关注、做任务赚佣金；一单一结；动动手指、手机就能做。</p>`,
			`<p class="act-now"><strong>先别付钱，也别再回复对方；已经转了钱，马上拨打 110 报警。</strong>`,
			`<span class="chip">刷单返利</span> <strong class="title">点赞、关注、做任务赚佣金</strong><span class="ctx">原文：动动手指<mark>点赞关注</mark>，佣金一单一结。加QQ …</span>`,
			`<span class="chip">常见迹象</span> <strong class="title">只留微信、QQ，没有电话和公司</strong>`,
			`<h3 id="next-h">接下来该怎么做</h3>`,
			`<span class="rule"><code>shuadan.tasks</code> · 正文 · 权重 4.00</span> <span class="note" lang="en">english note of shuadan.tasks</span>`,
			`<dt>骗局类型</dt><dd>刷单返利</dd>`,
			`50 元/单`,
		}, []string{"正常", `name="token"`, "/label"}},
		{"s2", []string{
			`<h1><span class="badge caution">有可疑之处</span> 手机做任务 一单一结</h1>`,
			`<section class="verdict tone-caution" aria-label="结论">`,
			`<p class="headline">这条信息有可疑之处：点赞、关注、做任务赚佣金。</p>`,
			`接下来该怎么做`,
		}, []string{"正常"}},
		{"s3", []string{
			`<h1><span class="badge clear">未见骗局特征</span> 手机做任务 一单一结</h1>`,
			`<p class="headline">管理员复核后认为这条信息没有问题。</p>`,
			`人工标注：<span class="badge legit">未见骗局特征</span> 门店核实过`,
			`这不代表安全`,
		}, []string{"正常", "接下来该怎么做"}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			page := get(t, h, "/listing/"+tt.id).Body.String()
			for _, want := range tt.wants {
				if !strings.Contains(page, want) {
					t.Errorf("page lacks %s", want)
				}
			}
			for _, bad := range tt.bads {
				if strings.Contains(page, bad) {
					t.Errorf("page has %s", bad)
				}
			}
			if i, j := strings.Index(page, "shuadan.tasks"), strings.Index(page, "<summary>详细依据</summary>"); j < 0 || i < j {
				t.Errorf("rule id (at %d) not behind 详细依据 (at %d)", i, j)
			}
		})
	}
}

func TestContactSearchHeadline(t *testing.T) {
	hits := []scamhunt.Hit{scamhunt.HitOf(listingRecords()["s1"])}
	facets := map[string][]scamhunt.FacetCount{
		"label": {{Value: "scam", Count: 6}}, "category": {{Value: "shuadan", Count: 4}, {Value: "advance", Count: 2}},
		"city": {{Value: "上海", Count: 1}, {Value: "北京", Count: 1}, {Value: "广州", Count: 1}, {Value: "深圳", Count: 1}, {Value: "成都", Count: 1}, {Value: "武汉", Count: 1}},
	}
	fs := &fakeSearcher{result: func(q scamhunt.Query) (scamhunt.Result, error) {
		if q.Contact == "" {
			return scamhunt.Result{}, nil
		}
		if strings.Contains(q.Contact, "9999") {
			return scamhunt.Result{Facets: map[string][]scamhunt.FacetCount{}}, nil
		}
		return scamhunt.Result{Total: 6, Hits: hits, Facets: facets}, nil
	}}
	h := newServer(t, web.Config{}, fs, &fakeChecker{}, nil)
	page := get(t, h, "/?q="+url.QueryEscape("一三八 一二三四 五六七八")).Body.String()
	for _, want := range []string{
		`<section class="contact-search tone-scam" aria-labelledby="lookup-h">`,
		`<h2 id="lookup-h" class="headline">此号码出现在 6 条骗局信息中，涉及 6 个城市</h2>`,
		`<span class="kind">电话</span> <code>&#43;8613812345678</code> <span class="raw">（原文：一三八 一二三四 五六七八）</span>`,
		`<span>骗局类型：刷单返利 4、垫付充值 2</span>`,
		`<summary>收到这个联系方式发来的兼职，该怎么做</summary>`,
		`<a class="to-facets" href="#facets">按结论、类型、城市筛选</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	i, j, k := strings.Index(page, `id="lookup-h"`), strings.Index(page, `<article class="hit">`), strings.Index(page, `<aside class="facets"`)
	if i < 0 || j < i || k < j {
		t.Errorf("order: headline at %d, first result at %d, facets at %d; want them in that order", i, j, k)
	}

	page = get(t, h, "/?q=13999999999").Body.String()
	for _, want := range []string{`此号码未收录`, `<code>&#43;8613999999999</code>`, `未收录不代表可靠`} {
		if !strings.Contains(page, want) {
			t.Errorf("unlisted page lacks %s", want)
		}
	}
	if strings.Contains(page, "没有找到匹配的信息") {
		t.Error("the unlisted contact gets the empty-search text as well")
	}
}
