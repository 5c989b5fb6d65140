package extract

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/salary"
	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// Pay shown in a box of its own, with no 薪资 label: app-style pages put it
// beside the title (<div class="price">150元/天</div>, <span
// class="salary-num">4000-6000</span><em>元/月</em>, <p class="money">¥25/时
// </p>). The walker keeps the short elements whose class or id names pay,
// and those whose whole text is an amount with a pay period; detail reads
// the first that lies near the title (or, for a named box, before the end
// of the description) and speaks of no fee.

// payBox is a candidate box: its text in walker.out.b and how its class or
// id names pay.
type payBox struct {
	span
	name payNaming
}

// payNaming is how a class or id names pay.
type payNaming uint8

const (
	namesNothing payNaming = iota
	namesPrice             // price, money, pay: also the price of a product, so the text must give a period
	namesSalary            // salary, wage, xinzi, gongzi: a figure alone is pay
)

// Bounds on the boxes kept and read.
const (
	maxPayBoxes = 16
	maxPayText  = 40  // runes of text a pay box may hold
	nearTitle   = 240 // bytes of text between a bare amount and the title
)

// payWords name pay in class and id attributes.
var payWords = []struct {
	w string
	n payNaming
}{
	{"salary", namesSalary}, {"wage", namesSalary}, {"xinzi", namesSalary}, {"gongzi", namesSalary}, {"xinchou", namesSalary},
	{"price", namesPrice}, {"money", namesPrice}, {"pay", namesPrice},
}

// payName says how n's class or id names pay: each word of the attribute
// (salary-num, job_price, jobSalary) is looked at; "display" names nothing.
func payName(n *html.Node) payNaming {
	best := namesNothing
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for t := range strings.FieldsFuncSeq(strings.ToLower(a.Val), notLetter) {
			if t == "display" {
				continue
			}
			for _, w := range payWords {
				if w.n > best && (strings.HasPrefix(t, w.w) || strings.HasSuffix(t, w.w)) {
					best = w.n
				}
			}
		}
	}
	return best
}

func notLetter(r rune) bool { return r < 'a' || r > 'z' }

// bareAmountRe is an amount with a pay period and nothing else: 150元/天,
// ¥25/时, 4000-6000元/月, 35元每小时, 时薪25元. It runs on folded text.
var bareAmountRe = regexp.MustCompile(`^(?:(?:时薪|日薪|月薪|周薪|日结|周结|月结)\s*)?[¥$]?\s*\d+(?:\.\d+)?\s*(?:[-~至到]\s*[¥$]?\s*\d+(?:\.\d+)?)?\s*(?:元|块|rmb)?\s*` +
	`(?:(?:/|每|一)\s*(?:小时|时|天|日|晚|周|月|次|单|件|场|节|课时|h|hour|day|month))?\+?$`)

// payPeriodRe finds a pay period in folded text: per hour, day, night,
// week, month, time, piece, or a 时薪/日薪/日结 word.
var payPeriodRe = regexp.MustCompile(`(?:/|每|一)\s*(?:小时|时|天|日|晚|周|月|次|单|件|场|节|课时|h\b|hour|day|month)|时薪|日薪|月薪|周薪|日结|周结|月结`)

// bareAmount reports whether folded text is an amount with a pay period
// and nothing else.
func bareAmount(f string) bool {
	return hasDigit(f) && payPeriodRe.MatchString(f) && bareAmountRe.MatchString(f)
}

// payBox keeps element n, whose text is w.out.b[start:end], when its class
// or id names pay or its text is a bare amount with a pay period. n holds
// no block and no link, and little text (the caller checks).
func (w *walker) payBox(n *html.Node, start, end int) {
	name := payName(n)
	if name == namesNothing {
		b := w.out.b[start:end]
		if !bytes.ContainsAny(b, "0123456789") || !bytes.Contains(b, []byte("/")) && !bytes.Contains(b, []byte("每")) && !bytes.Contains(b, []byte("薪")) {
			return // the cheap test first: most short texts are no amount
		}
		if !bareAmount(textnorm.Fold(strings.TrimSpace(string(b)))) {
			return
		}
	}
	w.pays = append(w.pays, payBox{span: span{start, end}, name: name})
}

// boxPay reads the ad's pay from the first pay box that lies outside the
// listing rows and near the title (within nearTitle bytes of its text) or,
// for a box whose class or id names pay, before the end of the
// description; whose text (with the rest of its line, when the box holds
// the figure alone: <span class="salary-num">4000-6000</span><em>元/月</em>)
// gives a period, or is in a salary-named box; and that speaks of no fee
// (押金, 报名费: money the worker pays).
func (pg *page) boxPay(title string) (string, scamhunt.Salary, bool) {
	w := &pg.w
	ts, titled := pg.titleSpan(title)
	for _, b := range w.pays {
		if len(w.rows) > 0 && b.start >= w.rowSpan.start && b.end <= w.rowSpan.end {
			continue
		}
		near := titled && b.start >= ts.start-nearTitle && b.start <= ts.end+nearTitle
		if !near && (b.name == namesNothing || w.bestPara > 0 && b.start >= w.best.end) {
			continue
		}
		text := strings.TrimSpace(string(w.out.b[b.start:b.end]))
		f := textnorm.Fold(text)
		if !payPeriodRe.MatchString(f) && b.name != namesNothing {
			text = pg.boxLine(b.span)
			f = textnorm.Fold(text)
		}
		if containsAny(f, feeWords) || !payPeriodRe.MatchString(f) && b.name != namesSalary {
			continue
		}
		if p := salary.Parse(text); p.Min > 0 || p.Max > 0 {
			return text, p, true
		}
	}
	return "", scamhunt.Salary{}, false
}

// boxLine is a box's text and the rest of its line, up to maxPayText runes:
// the unit and period a page writes in an element after the figure.
func (pg *page) boxLine(s span) string {
	rest := pg.w.out.b[s.end:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	line := strings.TrimSpace(string(pg.w.out.b[s.start:s.end]) + string(rest))
	if utf8.RuneCountInString(line) > maxPayText {
		line = clip(line, maxPayText)
	}
	return line
}

// titleSpan finds the title's text on the page: the h1 or heading it came
// from, else its first occurrence in the text. A title from <title> alone
// has none.
func (pg *page) titleSpan(title string) (span, bool) {
	if title == "" {
		return span{}, false
	}
	w := &pg.w
	for _, hs := range [][]span{w.h1, w.heads} {
		for _, h := range hs {
			if oneLine(string(w.out.b[h.start:h.end])) == title {
				return h, true
			}
		}
	}
	if i := bytes.Index(w.out.b, []byte(title)); i >= 0 {
		return span{i, i + len(title)}, true
	}
	return span{}, false
}
