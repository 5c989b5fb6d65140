package index_test

import (
	"slices"
	"strings"
	"time"

	"github.com/scamhunt/scamhunt"
)

var t0 = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

func day(n int) time.Time { return t0.Add(time.Duration(n) * 24 * time.Hour) }

// fixture builds one record of the shared test set.
type fixture struct {
	path, title, body, city, site, category string
	contacts                                []scamhunt.Contact
	label                                   scamhunt.Label
	score                                   float64
	cats                                    []string
	posted                                  time.Time
}

func (f fixture) record() scamhunt.Record {
	url := "https://jobs.example.cn" + f.path
	id := scamhunt.ListingID(url)
	return scamhunt.Record{
		Listing: scamhunt.Listing{
			ID: id, Site: f.site, URL: url, City: f.city, Category: f.category, Title: f.title, Body: f.body,
			SalaryText: "日结", Contacts: f.contacts, PostedAt: f.posted, FetchedAt: day(10),
			Methods: map[string]string{"title": "profile"},
		},
		Verdict: scamhunt.Verdict{
			ID: id, Label: f.label, Score: f.score, Categories: f.cats,
			Reasons: []scamhunt.Reason{{Rule: "fixture", Category: "shuadan", Weight: 0.5, Field: "title", Match: "刷单", Start: 6, End: 12}},
		},
		FirstSeen: day(10), LastSeen: day(10),
	}
}

// The shared records, named by what they are for:
//
//	A shuadan: 待处理 (substring), phone 138-1234-5678, WeChat abc_123
//	B typing: traditional 刷單 and 打字員, QQ 56793216
//	C legit: 处理
//	D suspicious: no posting date
//	E legit: Latin words, a landline
var (
	recA = fixture{
		path: "/job/1001", title: "淘宝刷单返利 日结300 待处理订单多",
		body: "在家兼职，手机操作即可。加微信 abc_123 或电话 138-1234-5678 咨询。",
		city: "北京", site: "jzw", category: "网络兼职",
		contacts: []scamhunt.Contact{{Kind: scamhunt.ContactPhone, Value: "+8613812345678", Raw: "138-1234-5678"}, {Kind: scamhunt.ContactWeChat, Value: "abc_123", Raw: "abc_123"}},
		label:    scamhunt.LabelScam, score: 0.95, cats: []string{"shuadan"}, posted: day(2),
	}.record()
	recB = fixture{
		path: "/job/1002", title: "兼職打字員 刷單日結",
		body: "在家打字，先交押金 50 元。聯繫扣扣 56793216。",
		city: "上海", site: "jzw", category: "打字员",
		contacts: []scamhunt.Contact{{Kind: scamhunt.ContactQQ, Value: "56793216", Raw: "56793216"}},
		label:    scamhunt.LabelScam, score: 0.8, cats: []string{"typing", "deposit"}, posted: day(4),
	}.record()
	recC = fixture{
		path: "/job/1003", title: "餐厅服务员 周末兼职", body: "负责处理客户问题，包吃住，月结。",
		city: "北京", site: "ganji", category: "餐饮", label: scamhunt.LabelLegit, score: 0.05, posted: day(1),
	}.record()
	recD = fixture{
		path: "/job/1004", title: "手工串珠外发 在家做", body: "材料费 88 元，完工结算。",
		city: "广州", site: "ganji", category: "手工", label: scamhunt.LabelSuspicious, score: 0.55, cats: []string{"typing"},
	}.record()
	recE = fixture{
		path: "/job/1005", title: "Warehouse packer 仓库打包员", body: "Shift work, 包装商品。Call 020-8888-6666.",
		city: "广州", site: "jzw", category: "物流",
		contacts: []scamhunt.Contact{{Kind: scamhunt.ContactPhone, Value: "+862088886666", Raw: "020-8888-6666"}},
		label:    scamhunt.LabelLegit, score: 0.1, posted: day(0),
	}.record()
)

func fixtures() []scamhunt.Record {
	return []scamhunt.Record{recA, recB, recC, recD, recE}
}

// byID sorts records by listing ID, the order All keeps.
func byID(recs []scamhunt.Record) []scamhunt.Record {
	out := slices.Clone(recs)
	slices.SortFunc(out, func(a, b scamhunt.Record) int { return strings.Compare(a.Listing.ID, b.Listing.ID) })
	return out
}

func ids(recs ...scamhunt.Record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.Listing.ID
	}
	return out
}

func hitIDs(res scamhunt.Result) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.ID
	}
	return out
}
