package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
	"github.com/scamhunt/scamhunt/internal/salary"
	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// What an ad says in prose rather than in labelled fields: its pay
// (日入300-800, 时薪25元), and the evidence that a page without enough
// fields is an ad at all.

// payCues are the words that make a clause with a figure speak of pay.
var payCues = []string{
	"日入", "日赚", "日薪", "时薪", "月薪", "月入", "底薪", "工资", "薪资", "薪水", "待遇", "报酬", "佣金",
	"提成", "每天", "一天", "每小时", "一小时", "每单", "一单", "每份", "每次", "日结", "周结", "月结",
	"元", "块", "¥", "￥",
}

// feeWords make a clause speak of money the worker pays, not earns.
var feeWords = []string{"费", "押金", "保证金", "本金", "定金", "订金", "垫付", "充值", "缴纳", "交纳"}

// maxClause is the longest clause, in runes, read for pay.
const maxClause = 60

// prosePay finds the first clause of the texts (title, then body) that
// states pay, and structures it: a clause with a figure and a pay cue, that
// speaks of no fee. ok is false when no clause gives a figure.
func prosePay(texts ...string) (clause string, pay scamhunt.Salary, ok bool) {
	for _, t := range texts {
		for c := range strings.FieldsFuncSeq(t, clauseSep) {
			c = strings.TrimSpace(c)
			if c == "" || utf8.RuneCountInString(c) > maxClause || !hasDigit(textnorm.Fold(c)) {
				continue
			}
			f := textnorm.Fold(c)
			if !containsAny(f, payCues) || containsAny(f, feeWords) {
				continue
			}
			if p := salary.Parse(c); p.Min > 0 || p.Max > 0 {
				return c, p, true
			}
		}
	}
	return "", scamhunt.Salary{}, false
}

func clauseSep(r rune) bool {
	switch r {
	case '，', '。', '；', '！', '？', ',', ';', '!', '?', '\n', '、', '【', '】', '（', '）', '(', ')':
		return true
	}
	return false
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// jobWords in a title mark a job ad.
var jobWords = []string{
	"招", "聘", "兼职", "全职", "日结", "周结", "时薪", "日薪", "月薪", "工资", "包吃", "包住", "学徒",
	"助理", "员", "师", "工", "骑手", "司机", "家教", "模特", "礼仪", "客服", "代理", "打字", "刷单", "手工", "跑腿",
}

// evidence is what makes a page without a profile an ad: labelled job
// fields, contacts, pay and job words, weighed together.
type evidence struct {
	fields  []string // labelled job fields: salary, location, contact, headcount
	contact bool     // a phone, QQ or WeChat in the fields, the title or the description
	pay     bool     // a labelled salary with a figure, a pay box by the title, or pay stated in the title or description
	job     bool     // job words in the title
}

// ad reports whether the evidence makes the page a detail page: two
// labelled job fields; or one and a contact or pay; or a contact and pay or
// job words (a QQ-group post: prose only).
func (ev evidence) ad() bool {
	switch {
	case len(ev.fields) >= 2:
		return true
	case len(ev.fields) == 1:
		return ev.contact || ev.pay
	}
	return ev.contact && (ev.pay || ev.job)
}

// String says what the evidence holds, for Why.
func (ev evidence) String() string {
	var parts []string
	if len(ev.fields) > 0 {
		parts = append(parts, "labelled "+strings.Join(ev.fields, ", "))
	}
	if ev.contact {
		parts = append(parts, "a contact")
	}
	if ev.pay {
		parts = append(parts, "pay")
	}
	if ev.job {
		parts = append(parts, "job words in the title")
	}
	if len(parts) == 0 {
		return "no job evidence"
	}
	return strings.Join(parts, ", ")
}

// evidence weighs the page: its labelled job fields, and contacts and pay
// in its provisional title and its description (outside any listing rows).
func (pg *page) evidence(fields []string) evidence {
	ev := evidence{fields: fields}
	title := pg.headline()
	desc := pg.description()
	for _, f := range []field{fPhone, fQQ, fWeChat, fContact} {
		if pg.fields[f].value != "" {
			ev.contact = true
		}
	}
	if !ev.contact {
		ev.contact = len(contact.Find(title)) > 0 || len(contact.Find(desc)) > 0
	}
	if s := pg.fields[fSalary].value; s != "" {
		p := salary.Parse(s)
		ev.pay = p.Min > 0 || p.Max > 0
	}
	if !ev.pay {
		_, _, ev.pay = pg.boxPay(title)
	}
	if !ev.pay {
		_, _, ev.pay = prosePay(title, desc)
	}
	ev.job = containsAny(textnorm.Fold(title), jobWords)
	return ev
}

// headline is the page's title as the generic extractor would choose it.
func (pg *page) headline() string {
	t, _ := pg.title()
	return t
}

// description is the page's biggest block of prose, unless it lies inside
// the listing rows.
func (pg *page) description() string {
	w := &pg.w
	if w.bestPara == 0 || len(w.rows) > 0 && w.best.start >= w.rowSpan.start && w.best.end <= w.rowSpan.end {
		return ""
	}
	return clip(string(w.out.b[w.best.start:w.best.end]), maxBody)
}
