package dataset_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/scamhunt/scamhunt"
)

// sliceSource is a Source over records held in memory.
type sliceSource []scamhunt.Record

func (s sliceSource) All(ctx context.Context, fn func(scamhunt.Record) error) error {
	for _, r := range s {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// genSource generates n records on the fly, holding none of them.
type genSource int

func (g genSource) All(ctx context.Context, fn func(scamhunt.Record) error) error {
	for i := range int(g) {
		if err := fn(record(i)); err != nil {
			return err
		}
	}
	return nil
}

// hostile are texts that break naive CSV, JSON, HTML or Markdown writers.
var hostile = []string{
	`含逗号,和"引号"的标题, 日结`,
	"多行\n正文\r\n第三行\r结束",
	`<script>alert("x")</script>`,
	"emoji 💰🔥 加我 👉",
	"繁體中文：兼職打字員，日結薪資，輕鬆月入過萬",
	`=HYPERLINK("http://evil.example","点我")`,
	"tab\there | pipe | `code` *star* _under_",
	"nul\x00byte",
	"bad utf8 \xff\xfe end",
	"  spaced  ",
	"",
	"---\nyaml: breakout\n---",
}

var (
	cities = []string{"北京", "上海", "广州", "深圳", `</td><img src=x onerror=alert(1)>`, ""}
	labels = []scamhunt.Label{scamhunt.LabelScam, scamhunt.LabelSuspicious, scamhunt.LabelLegit}
	base   = time.Date(2024, 3, 1, 8, 30, 0, 123456789, time.UTC)
)

// record makes the i-th synthetic record: varied labels, sites, contacts,
// optional fields and hostile text.
func record(i int) scamhunt.Record {
	h := hostile[i%len(hostile)]
	url := fmt.Sprintf("https://demo.example/job/%d.html", i)
	l := scamhunt.Listing{
		ID: scamhunt.ListingID(url), Site: []string{"demo", "board2"}[i%2], URL: url,
		City: cities[i%len(cities)], Category: []string{"打字录入", "促销", "服务员", h}[i%4],
		Title:   fmt.Sprintf("兼职%d %s", i, h),
		Body:    strings.Repeat("在家手机就能做，日结300-500，", 1+i%5) + h + fmt.Sprintf(" 联系电话138 0013 %04d", i%7),
		Company: []string{"", "某某科技有限公司", h}[i%3], ContactPerson: []string{"王经理", "", "李 \"老板\""}[i%3],
		Contacts:  []scamhunt.Contact{{Kind: scamhunt.ContactPhone, Value: fmt.Sprintf("+86138001300%02d", i%7), Raw: fmt.Sprintf("138 0013 00%02d", i%7)}},
		FetchedAt: base,
	}
	if i%3 == 0 {
		l.Contacts = append(l.Contacts, scamhunt.Contact{Kind: scamhunt.ContactQQ, Value: fmt.Sprintf("5679301%d", i%4), Raw: fmt.Sprintf("５６７９３０１%d", i%4)})
	}
	if i%5 == 0 {
		l.Contacts = append(l.Contacts, scamhunt.Contact{Kind: scamhunt.ContactWeChat, Value: "boss_wx2024", Raw: "Boss_WX2024"},
			scamhunt.Contact{Kind: scamhunt.ContactEmail, Value: "hr@scam.example", Raw: "HR@scam.example"},
			scamhunt.Contact{Kind: scamhunt.ContactURL, Value: "https://app.example/dl", Raw: "app.example/dl"})
	}
	if i%4 != 1 {
		l.SalaryText = fmt.Sprintf("%d-%d元/天", 100+i, 300+i)
		l.Pay = &scamhunt.Salary{Min: float64(100 + i), Max: float64(300+i) + 0.25, Period: "day", Text: l.SalaryText}
	}
	if i%6 != 5 {
		l.PostedAt = base.Add(-time.Duration(i) * 24 * time.Hour).Truncate(24 * time.Hour)
	}
	lab := labels[i%3]
	v := scamhunt.Verdict{ID: l.ID, Label: lab, Score: float64(i%10) / 9}
	if lab != scamhunt.LabelLegit {
		v.Categories = []string{scamhunt.Categories[i%len(scamhunt.Categories)]}
		v.Reasons = []scamhunt.Reason{{Rule: "r" + v.Categories[0], Category: v.Categories[0], Weight: 0.7, Field: "body", Match: "日结300-500", Start: 12, End: 26, Note: h}}
		if i%4 == 0 {
			v.Categories = append(v.Categories, "deposit")
			v.Reasons = append(v.Reasons, scamhunt.Reason{Rule: "contact_only", Category: "deposit", Weight: 0.2, Field: "contacts", Match: l.Contacts[0].Raw})
		}
	}
	r := scamhunt.Record{Listing: l, Verdict: v, FirstSeen: base.Add(time.Duration(i) * time.Hour), LastSeen: base.Add(time.Duration(i+30) * time.Hour), Removed: i%8 == 7}
	if i%9 == 4 { // 4, 22, 40 confirm the model's label; 13, 31, 49 change it to legit
		r.Override = &scamhunt.Override{Label: scamhunt.LabelLegit, Note: "人工复核：" + h, At: base}
		if i%18 == 4 {
			r.Override.Label = v.Label
		}
	}
	if i%7 == 3 {
		r.FirstSeen, r.LastSeen = time.Time{}, time.Time{}
	}
	switch {
	case i%10 == 9: // classified before scamhunt kept provenance
	case i%7 == 6:
		r.Provenance = &scamhunt.Provenance{Rules: provRulesOnly.Rules, Tool: provRulesOnly.Tool, ClassifiedAt: base.Add(time.Duration(i) * time.Minute)}
	default:
		r.Provenance = &scamhunt.Provenance{Rules: provModel.Rules, Model: provModel.Model, Tool: provModel.Tool, ClassifiedAt: base.Add(time.Duration(i) * time.Minute)}
	}
	return r
}

// The classifiers of record(i): most verdicts by rules and model, some by
// older rules alone, some not recorded.
var (
	provModel     = scamhunt.Provenance{Rules: "configs/rules.yaml sha256:aaaaaaaaaaaa", Model: "configs/model.json sha256:bbbbbbbbbbbb", Tool: "v0.3.0 (abc1234)"}
	provRulesOnly = scamhunt.Provenance{Rules: "old-rules.yaml sha256:cccccccccccc", Tool: "v0.2.0 (def5678)"}
)

func records(n int) sliceSource {
	s := make(sliceSource, n)
	for i := range s {
		s[i] = record(i)
	}
	return s
}
