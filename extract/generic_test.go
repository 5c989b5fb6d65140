package extract_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/extract"
)

// genericGot is what a table case checks of the generic extractor's answer.
type genericGot struct {
	Kind     scamhunt.PageKind
	Title    string
	Min, Max float64
	Period   string
	Location string
	Contacts []string
}

func genericRun(t *testing.T, p extract.Profile, html string) (genericGot, scamhunt.Extraction) {
	t.Helper()
	e, err := extract.New(p)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := e.Extract(scamhunt.Page{URL: "http://board.test/job/1.html", Site: "t", Status: 200, Body: []byte(html), FetchedAt: fetched})
	if err != nil {
		t.Fatal(err)
	}
	got := genericGot{Kind: ex.Kind}
	if len(ex.Listings) == 1 {
		l := ex.Listings[0]
		got.Title, got.Location = l.Title, l.Location
		if l.Pay != nil {
			got.Min, got.Max, got.Period = l.Pay.Min, l.Pay.Max, l.Pay.Period
		}
		for _, c := range l.Contacts {
			got.Contacts = append(got.Contacts, c.Value)
		}
	}
	return got, ex
}

// TestGenericClasses holds the generic extractor to each class of page
// that boards without a profile write: label pairs as sibling spans and
// divs with short or long labels, headlines beside field cells, site names
// in <title>, pay in prose, and the page kind weighed from all the evidence.
func TestGenericClasses(t *testing.T) {
	const desc = `<div class="d"><p>超市收银和理货，周末两天，包一顿午餐，每周五结算工资，不收任何费用。</p></div>`
	tests := []struct {
		name string
		html string
		want genericGot
	}{
		{"sibling spans with short labels",
			`<title>理货员-快聘</title><h2>超市理货员 周末</h2><div class="c">
			<p><span class="k">薪资</span><span class="v">150元/天</span></p>
			<p><span class="k">区域</span><span class="v">朝阳区</span></p>
			<p><span class="k">联系</span><span class="v">13904317726</span></p>
			<p><span class="k">发布</span><span class="v">昨天</span></p></div>` + desc,
			genericGot{Kind: scamhunt.KindDetail, Title: "超市理货员 周末", Min: 150, Max: 150, Period: "day", Location: "朝阳区", Contacts: []string{"+8613904317726"}}},
		{"a run of span pairs in one parent",
			`<h1>发传单</h1><div class="kv"><span>工资</span><span>120元/天</span><span>地点</span><span>红旗街</span><span>电话</span><span>13904317726</span></div>` + desc,
			genericGot{Kind: scamhunt.KindDetail, Title: "发传单", Min: 120, Max: 120, Period: "day", Location: "红旗街", Contacts: []string{"+8613904317726"}}},
		{"sibling divs with long labels",
			`<h1>仓库理货员</h1><div class="attr">
			<div class="it"><div class="lab">薪酬待遇</div><div class="val">4000-5000元/月</div></div>
			<div class="it"><div class="lab">工作区域</div><div class="val">松北区</div></div></div>` + desc,
			genericGot{Kind: scamhunt.KindDetail, Title: "仓库理货员", Min: 4000, Max: 5000, Period: "month", Location: "松北区"}},
		{"headline over a 岗位 cell",
			`<title>万达店招聘收银员/理货员 包午餐-优聘网</title><div class="jobtitle"><h2>万达店招聘收银员/理货员 包午餐</h2></div>
			<table><tr><td>岗位：</td><td>收银员、理货员</td><td>薪资：</td><td>时薪20-25元</td></tr>
			<tr><td>地点：</td><td>万达广场</td></tr></table>` + desc,
			genericGot{Kind: scamhunt.KindDetail, Title: "万达店招聘收银员/理货员 包午餐", Min: 20, Max: 25, Period: "hour", Location: "万达广场"}},
		{"<title> over a 岗位 cell it holds",
			`<title>万达店招聘收银员/理货员 包午餐-长春兼职-优聘网</title>
			<table><tr><td>岗位：</td><td>收银员、理货员</td><td>薪资：</td><td>时薪20-25元</td></tr>
			<tr><td>地点：</td><td>万达广场</td></tr></table>` + desc,
			genericGot{Kind: scamhunt.KindDetail, Title: "万达店招聘收银员/理货员 包午餐", Min: 20, Max: 25, Period: "hour", Location: "万达广场"}},
		{"a hyphen between figures is no separator",
			`<title>日结 时薪20-25元兼职-长春站-优聘网</title><table><tr><td>薪资：</td><td>20-25元/小时</td></tr><tr><td>地点：</td><td>重庆路</td></tr></table>` + desc,
			genericGot{Kind: scamhunt.KindDetail, Title: "日结 时薪20-25元兼职", Min: 20, Max: 25, Period: "hour", Location: "重庆路"}},
		{"og:site_name cuts its own name and the channel before it",
			`<meta property="og:site_name" content="快招"><title>奶茶店招人_长春兼职_快招</title><table><tr><td>薪资：</td><td>20元/小时</td></tr><tr><td>地点：</td><td>学府路</td></tr></table>` + desc,
			genericGot{Kind: scamhunt.KindDetail, Title: "奶茶店招人", Min: 20, Max: 20, Period: "hour", Location: "学府路"}},
		{"the home link's text names the site",
			`<title>发传单 - 每天两小时 - 春城帮帮</title><div class="top"><a href="/">春城帮帮</a></div><table><tr><td>薪资：</td><td>60元/天</td></tr><tr><td>地点：</td><td>桂林路</td></tr></table>` + desc,
			genericGot{Kind: scamhunt.KindDetail, Title: "发传单 - 每天两小时", Min: 60, Max: 60, Period: "day", Location: "桂林路"}},
		{"pay in prose: 日入300-800",
			`<h1>车展礼仪</h1><p><span>区域</span><span>会展中心</span></p><div class="d"><p>身高165以上，按场次计酬，日入300-800，有意者加微信 liyi_cc2026。</p></div>`,
			genericGot{Kind: scamhunt.KindDetail, Title: "车展礼仪", Min: 300, Max: 800, Period: "day", Location: "会展中心", Contacts: []string{"liyi_cc2026"}}},
		{"pay in prose beats a labelled 面议",
			`<h1>餐厅传菜员</h1><ul><li><em>月薪：</em><span>面议</span></li><li><em>工作地点：</em><span>东盛大街</span></li></ul><div class="d"><p>月薪3200-4000元，包吃不包住，上六休一。</p></div>`,
			genericGot{Kind: scamhunt.KindDetail, Title: "餐厅传菜员", Min: 3200, Max: 4000, Period: "month", Location: "东盛大街"}},
		{"a fee in prose is no pay",
			`<h1>手工串珠 在家可做</h1><div class="d"><p>材料包邮到家，需先付材料押金98元，完成后回收结算，加QQ 2298104473。</p></div>`,
			genericGot{Kind: scamhunt.KindDetail, Title: "手工串珠 在家可做", Contacts: []string{"2298104473"}}},
		{"QQ-group post: contact, pay and job words make a detail",
			`<h1>在家手机兼职 日赚400+</h1><div class="t_f">在家动动手指就能赚钱，日赚400+，一单一结。有意者加Q：1832047756</div>`,
			genericGot{Kind: scamhunt.KindDetail, Title: "在家手机兼职 日赚400+", Min: 400, Period: "day", Contacts: []string{"1832047756"}}},
		{"one labelled field and a contact make a detail",
			`<h2 class="job-title">宠物店助理 周末班</h2><p><span class="k">区域</span><span class="v">桂林路</span></p><div class="d"><p>宠物洗护助理，喜欢小动物。电话 17604312219</p></div>`,
			genericGot{Kind: scamhunt.KindDetail, Title: "宠物店助理 周末班", Location: "桂林路", Contacts: []string{"+8617604312219"}}},
		{"job words and pay without a contact are no ad",
			`<h1>警惕日赚300的刷单兼职</h1><div class="d"><p>近日有学生看到手机兼职日赚300的广告，被骗两万余元，警方提醒垫付资金的都是诈骗。</p></div>`,
			genericGot{Kind: scamhunt.KindOther}},
		{"news in a board frame stays news, contact and all",
			`<title>刷单诈骗又出新花样-快聘兼职</title><h2>刷单诈骗又出新花样</h2><p>发布时间：2026-11-12 来源：长春晚报</p><div class="d">` +
				`<p>近日，长春某高校三名大学生在网上看到手机兼职日赚300、一单一结的广告，添加对方微信 scam_x9 后被拉进一个任务群。对方先让他们做几单小额任务，每单返还佣金几元到十几元不等。取得信任后，对方以连单任务、冲销量为由，要求垫付更大金额，三人先后被骗共计两万余元。</p>` +
				`<p>警方提示：凡是要求先垫付资金的刷单兼职都是诈骗。正规兼职不会收取押金、保证金，也不会让求职者先交钱。遇到此类情况，请立即停止转账并拨打110报警，同时保留聊天记录和转账凭证，以便警方追查。快聘兼职提醒各位求职者，在平台上发现可疑职位，可点击职位页面的举报按钮，平台核实后将下架处理并通报。</p></div>`,
			genericGot{Kind: scamhunt.KindArticle}},
		{"list in detail: related rows under the ad",
			`<h1>健身房前台</h1><div class="it"><div class="lab">薪酬</div><div class="val">面议</div></div><div class="d"><p>晚班前台，月薪2500-3000元。联系手机：15567093312</p></div>
			<ul><li><a href="/job/2.html">商场促销员</a><span>150元/天</span></li><li><a href="/job/3.html">网约配送员</a><span>8元/单</span></li>
			<li><a href="/job/4.html">校园代理</a><span>面议</span></li><li><a href="/job/5.html">咖啡店店员</a><span>17元/小时</span></li>
			<li><a href="/job/6.html">展会翻译</a><span>600元/天</span></li><li><a href="/job/7.html">文员助理</a><span>3500元/月</span></li></ul>`,
			genericGot{Kind: scamhunt.KindDetail, Title: "健身房前台", Min: 2500, Max: 3000, Period: "month", Contacts: []string{"+8615567093312"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ex := genericRun(t, extract.Profile{}, tt.html)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Extract mismatch (-want +got), why %q:\n%s", ex.Why, diff)
			}
		})
	}
}

// TestProfileSiteName checks that a profile's site_name cuts the board's
// name from <title> even where nothing on the page says it.
func TestProfileSiteName(t *testing.T) {
	page := `<title>发传单 时薪20元-长春-优聘</title><table><tr><td>薪资：</td><td>20元/小时</td></tr><tr><td>地点：</td><td>重庆路</td></tr></table>`
	for _, tt := range []struct {
		site, want string
	}{
		{"", "发传单 时薪20元-长春-优聘"},
		{"优聘", "发传单 时薪20元-长春"},
	} {
		got, _ := genericRun(t, extract.Profile{SiteName: tt.site}, page)
		if got.Title != tt.want {
			t.Errorf("site_name %q: title %q, want %q", tt.site, got.Title, tt.want)
		}
	}
}
