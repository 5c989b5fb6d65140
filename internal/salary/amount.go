package salary

import (
	"math"
	"strconv"
	"strings"
)

// amount is one figure or range of pay found in the text; max 0 means open.
type amount struct {
	min, max float64
	period   string
}

// near is how far (in runes) a period word before a figure may stand from it.
const near = 6

// amounts lists the pay figures of the text in order.
func (p *parser) amounts() []amount {
	var out []amount
	pending, pendAt := "", -near-1
	upTo := false // "最高500": the next figure is a maximum
	hours, hoursAt := 0.0, -stint-1
	for i := 0; i < len(p.r); {
		if h, n := p.hoursAt(i); n > 0 {
			hours, hoursAt = h, i+n
			i += n
			continue
		}
		if v, n := p.prefix(i, before); n > 0 {
			pending, pendAt = v, i+n
			i += n
			continue
		}
		if p.has(i, "最高") || p.has(i, "最多") || p.has(i, "高达") {
			upTo = true
			i += 2
			continue
		}
		if x, n := p.over(i); n > 0 { // 过万, 上万
			a := amount{min: x}
			if i-pendAt <= near {
				a.period = pending
			}
			out = append(out, a)
			i += n
			continue
		}
		a, j, ok := p.amount(i)
		if !ok {
			i = max(j, i+1)
			continue
		}
		if a.period == "" && i-pendAt <= near {
			a.period = pending
		}
		// pay for a stint of hours: "5个小时132元" is 26.4 an hour
		if a.period == "" && i-hoursAt <= stint && hours > 0 {
			a.min, a.max, a.period = a.min/hours, a.max/hours, Hour
		}
		if upTo && a.max == a.min {
			a.min = 0
		}
		upTo = false
		out = append(out, a)
		i = j
	}
	return out
}

// stint is how far (in runes) a figure may stand after a number of hours
// for it to be the pay for those hours: "4小时，100元", "5个小时共132元".
const stint = 2

// hoursAt reads a number of hours at i ("5小时", "4个小时", "3个钟头") and
// returns it with its length; 0 when there is none or it is not a whole
// stint (between 1 and 24).
func (p *parser) hoursAt(i int) (float64, int) {
	if !isDigit(p.at(i)) || isDigit(p.at(i-1)) {
		return 0, 0
	}
	h, mult, j, ok := p.number(i)
	if !ok || mult != 1 || h != math.Trunc(h) || h < 1 || h > 24 {
		return 0, 0
	}
	if p.at(j) == '个' {
		j++
	}
	switch {
	case p.has(j, "小时"), p.has(j, "钟头"):
		return h, j + 2 - i
	}
	return 0, 0
}

// over reads "过万", "上万", "破万", "过千" as an open minimum.
func (p *parser) over(i int) (float64, int) {
	switch {
	case p.has(i, "过万"), p.has(i, "上万"), p.has(i, "破万"):
		return 10000, 2
	case p.has(i, "过千"), p.has(i, "上千"), p.has(i, "破千"):
		return 1000, 2
	}
	return 0, 0
}

func (p *parser) skipSpace(i int) int {
	for p.at(i) == ' ' || p.at(i) == '\t' || p.at(i) == '\n' {
		i++
	}
	return i
}

// amount reads a figure or range at i with its currency, open marker and
// period: "150元/天", "3k-5k", "300-500元每天", "日赚300+". It returns where
// reading stopped, even when the figure is not pay.
func (p *parser) amount(i int) (amount, int, bool) {
	cur := strings.ContainsRune("¥￥$", p.at(i-1))
	lo, loMult, j, ok := p.number(i)
	if !ok {
		return amount{}, i, false
	}
	if p.masked(i, j) {
		return amount{}, p.skipMasked(j), false
	}
	a := amount{min: lo, max: lo}
	if p.at(j) == ':' || p.date(j) {
		return amount{}, p.skipNumberish(j), false
	}
	k := p.skipSpace(j)
	if (p.at(k) == '元' || p.at(k) == '块') && strings.ContainsRune("-~至到—–", p.at(k+1)) && isDigit(p.at(p.skipSpace(k+2))) {
		k++ // "250元到280元": the first figure's currency before the range
	}
	if strings.ContainsRune("-~至到—–", p.at(k)) {
		if hi, hiMult, e, ok := p.number(p.skipSpace(k + 1)); ok {
			if loMult == 1 && hiMult > 1 && lo <= hi/hiMult { // "3-5k"
				a.min = lo * hiMult
			}
			a.max = hi
			if a.max < a.min {
				return amount{}, e, false
			}
			j = e
		}
	}
	k = p.skipSpace(j)
	if p.openAt(k) > 0 {
		a.max, k = 0, p.skipSpace(k+p.openAt(k))
	}
	switch {
	case p.at(k) == '元' || p.at(k) == '块':
		cur, k = true, k+1
	case p.has(k, "rmb"):
		cur, k = true, k+3
	}
	if p.openAt(k) > 0 {
		a.max, k = 0, k+p.openAt(k)
	}
	if per, e := p.periodAfter(p.skipSpace(k), cur); per != "" {
		a.period = per
		return a, e, true
	}
	if !cur && strings.ContainsRune(notPay, p.at(j)) {
		if _, n := p.prefix(j, before); n == 0 && !p.has(j, "日结") {
			return amount{}, j, false
		}
	}
	return a, k, true
}

// openAt is the length of an open-ended marker at i: "+", "以上", "起", "多".
func (p *parser) openAt(i int) int {
	switch {
	case p.at(i) == '+', p.at(i) == '起', p.at(i) == '多':
		return 1
	case p.has(i, "以上"):
		return 2
	}
	return 0
}

// periodAfter reads "/天", "每天", "一小时" or, after a currency, "天"
// right away ("元天" is rare but unambiguous).
func (p *parser) periodAfter(i int, cur bool) (string, int) {
	switch {
	case p.at(i) == '/' || p.at(i) == '每':
		i = p.skipSpace(i + 1)
	case p.at(i) == '一' && cur:
		i++
	case !cur:
		return "", i
	}
	if v, n := p.prefix(i, after); n > 0 {
		return v, i + n
	}
	return "", i
}

// date reports a "-11-20" or "/5/1" tail after a number: a date, not pay.
func (p *parser) date(j int) bool {
	s := p.at(j)
	if s != '-' && s != '/' && s != '.' {
		return false
	}
	k := j + 1
	for isDigit(p.at(k)) {
		k++
	}
	return k > j+1 && k-j-1 <= 2 && p.at(k) == s && isDigit(p.at(k+1))
}

func (p *parser) skipNumberish(i int) int {
	for isDigit(p.at(i)) || strings.ContainsRune(":-/.", p.at(i)) {
		i++
	}
	return i
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// masked reports a figure at [i, j) that is part of a masked number
// ("156****7236", "13*****", "****5678", "150xxxxxxxx"): a phone or card
// number hidden by its sender, not pay. The text is folded: ＊ is *, X is x.
func (p *parser) masked(i, j int) bool {
	return p.at(i-1) == '*' || p.at(j) == '*' || p.at(j) == 'x' && p.at(j+1) == 'x'
}

// skipMasked skips the rest of a masked number from i: its mask
// characters and digits.
func (p *parser) skipMasked(i int) int {
	for isDigit(p.at(i)) || p.at(i) == '*' || p.at(i) == 'x' {
		i++
	}
	return i
}

// number reads a figure at i: "150", "1.5", "3k", "1.5万", "两千", "三百五".
// It returns the value, the multiplier written after an ASCII figure (1 if
// none) and where the figure ends.
func (p *parser) number(i int) (float64, float64, int, bool) {
	if !isDigit(p.at(i)) {
		return p.chinese(i)
	}
	j := i
	for isDigit(p.at(j)) {
		j++
	}
	if p.at(j) == '.' && isDigit(p.at(j+1)) {
		j++
		for isDigit(p.at(j)) {
			j++
		}
	}
	if j-i > 12 {
		return 0, 1, j, false
	}
	x, err := strconv.ParseFloat(string(p.r[i:j]), 64)
	if err != nil {
		return 0, 1, j, false
	}
	mult := 1.0
	switch c := p.at(j); {
	case c == 'k' && !isLetter(p.at(j+1)), c == '千':
		mult = 1000
	case c == 'w' && !isLetter(p.at(j+1)), c == '万':
		mult = 10000
	}
	if mult > 1 {
		j++
	}
	return x * mult, mult, j, true
}

func isLetter(r rune) bool { return 'a' <= r && r <= 'z' }

var cnDigit = map[rune]float64{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
var cnUnit = map[rune]float64{'十': 10, '百': 100, '千': 1000, '万': 10000}

// chinese reads a number in Chinese numerals that has a unit in it ("三百",
// "两千五", "一万"): a lone numeral is a word ("一单", "三天"), not a figure.
func (p *parser) chinese(i int) (float64, float64, int, bool) {
	var total, section, num float64
	units := false
	j := i
	for ; ; j++ {
		c := p.at(j)
		if d, ok := cnDigit[c]; ok {
			num = d
			continue
		}
		u, ok := cnUnit[c]
		if !ok {
			break
		}
		units = true
		if u == 10000 {
			total = (total + section + num) * u
			section, num = 0, 0
		} else {
			section += max(num, 1) * u
			num = 0
		}
	}
	if !units {
		return 0, 1, j, false
	}
	if num > 0 && j-i >= 3 { // 两千五 = 2500, 一万五 = 15000
		if u := cnUnit[p.at(j-2)]; u > 1 {
			num *= u / 10
		}
	}
	return total + section + num, 1, j, true
}
