package salary

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// The periods of scamhunt.Salary.
const (
	Hour  = "hour"
	Day   = "day"
	Week  = "week"
	Month = "month"
	Piece = "piece"
	Order = "order"
	year  = "year" // recognised so 年薪 figures are not taken for monthly pay, never returned
)

// Parse structures an ad's pay text; it always returns Text = the input
// (trimmed). Unparsed text stays in Text only.
//
// Min and Max are yuan per Period. A single figure sets both ("150元/天"); an
// open figure ("日赚300+", "3000以上", "月入过万") sets Min only. When the text
// holds several figures, the first that states its period wins, else the
// first. A figure of 1000 or more with no period is monthly, as job boards
// quote monthly pay that way ("3k-5k"). Numbers followed by a unit that is
// not money (人, 岁, 小时 without "/" ...) are not pay, and neither are zero,
// figures above a million yuan (phone and order numbers) nor a 年薪 figure,
// which has no Period to go in.
func Parse(text string) scamhunt.Salary {
	s := scamhunt.Salary{Text: strings.TrimSpace(text)}
	p := &parser{r: []rune(textnorm.Fold(s.Text))}
	s.Negotiable = p.contains("面议")
	s.Settlement = p.settlement()
	var pick *amount
	for _, a := range p.amounts() {
		if a.period == year || round(max(a.min, a.max)) == 0 || max(a.min, a.max) > maxPay {
			continue
		}
		if pick == nil || pick.period == "" && a.period != "" {
			pick = &a
		}
		if pick.period != "" {
			break
		}
	}
	if pick == nil {
		return s
	}
	s.Min, s.Max, s.Unit, s.Period = round(pick.min), round(pick.max), "元", pick.period
	if s.Period == "" && max(s.Min, s.Max) >= 1000 {
		s.Period = Month
	}
	return s
}

// maxPay bounds a figure: anything larger is a phone, an ID or an order
// number that happens to sit in the pay text.
const maxPay = 1e6

func round(x float64) float64 { return math.Round(x*100) / 100 }

type parser struct {
	r []rune
}

func (p *parser) at(i int) rune {
	if i < 0 || i >= len(p.r) {
		return 0
	}
	return p.r[i]
}

func (p *parser) has(i int, w string) bool {
	for _, c := range w {
		if p.at(i) != c {
			return false
		}
		i++
	}
	return true
}

func (p *parser) contains(w string) bool {
	for i := range p.r {
		if p.has(i, w) {
			return true
		}
	}
	return false
}

// prefix matches the longest of words at i and returns its value and length.
func (p *parser) prefix(i int, words []kw) (string, int) {
	best, n := "", 0
	for _, w := range words {
		if l := utf8.RuneCountInString(w.w); l > n && p.has(i, w.w) {
			best, n = w.v, l
		}
	}
	return best, n
}

type kw struct{ w, v string }

var settlements = []kw{
	{"日结", "日结"}, {"当天结", "日结"}, {"当日结", "日结"}, {"天结", "日结"}, {"日清", "日结"},
	{"周结", "周结"}, {"一周一结", "周结"}, {"每周结", "周结"}, {"星期结", "周结"},
	{"月结", "月结"}, {"一月一结", "月结"}, {"每月结", "月结"}, {"按月结", "月结"},
	{"完工结", "完工结"}, {"做完结", "完工结"}, {"干完结", "完工结"}, {"完工后结", "完工结"},
	{"结束后结", "完工结"}, {"活动结束结", "完工结"},
}

// settlement is the first settlement rhythm the text names.
func (p *parser) settlement() string {
	for i := range p.r {
		if v, n := p.prefix(i, settlements); n > 0 {
			return v
		}
	}
	return ""
}

// before are the words that put a period in front of a figure: 日赚300.
var before = []kw{
	{"日赚", Day}, {"日入", Day}, {"日薪", Day}, {"日收入", Day}, {"日结", Day}, {"每天", Day},
	{"每日", Day}, {"一天", Day}, {"天赚", Day}, {"当天", Day}, {"日工资", Day}, {"日均", Day},
	{"时薪", Hour}, {"每小时", Hour}, {"一小时", Hour}, {"每个小时", Hour}, {"小时工资", Hour},
	{"周薪", Week}, {"每周", Week}, {"一周", Week}, {"周入", Week},
	{"月薪", Month}, {"月入", Month}, {"月赚", Month}, {"月收入", Month}, {"每月", Month},
	{"一个月", Month}, {"底薪", Month}, {"月工资", Month}, {"月均", Month},
	{"每单", Order}, {"一单", Order}, {"单价", Order}, {"一单一结", Order}, {"每单佣金", Order},
	{"佣金", Order}, {"每件", Piece}, {"一件", Piece}, {"计件", Piece},
	{"年薪", year}, {"年入", year}, {"年收入", year},
}

// after are the period words behind "/", "每" or a currency: 150元/天.
var after = []kw{
	{"天", Day}, {"日", Day}, {"d", Day}, {"小时", Hour}, {"时", Hour}, {"h", Hour}, {"钟头", Hour},
	{"周", Week}, {"星期", Week}, {"月", Month}, {"个月", Month}, {"件", Piece}, {"个", Piece},
	{"单", Order}, {"年", year},
}

// notPay are units after a figure that make it a count, an age, a duration
// or a time rather than pay.
const notPay = "人岁个名点号年%次分秒米楼室届位天日小时周月单件:"
