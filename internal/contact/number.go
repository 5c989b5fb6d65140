package contact

import "strings"

// group is a stretch of digits of one script (ASCII or Chinese numerals),
// runes [s, e).
type group struct {
	s, e   int
	digits string
}

// run is a sequence of digit groups joined by short separators: how a number
// looks once a poster has broken it up ("138 1234 5678", "１３８-一二三四",
// "56793.***6", "138\n1234\n5678").
type run struct {
	s, e         int // from the '+' or first digit to the end of the last group
	plus         bool
	groups       []group
	maskedBefore bool // stars right before the first digit: "****5678"
	maskedAfter  bool // stars right after the last digit: "1381234****"
}

// maxGap is how many separators (a stretch of white space counts as one) may
// stand between two groups of one number.
const maxGap = 4

// runAt reads the run starting at rune i, which must be a digit or a '+'
// before one. A gap of three or more stars and nothing else is a mask
// ("138****5678"), not a separator: it ends the run and marks both sides.
func (d *doc) runAt(i int) (run, bool) {
	rn := run{s: i}
	j := i
	if d.at(j) == '+' {
		rn.plus = true
		j++
	}
	if j >= len(d.r) || d.used[j] || digit(d.r[j]) < 0 {
		return rn, false
	}
	rn.maskedBefore = d.starNear(i-1, -1)
	for {
		g := group{s: j}
		var b strings.Builder
		ascii := isASCIIDigit(d.r[j])
		for j < len(d.r) && !d.used[j] && digit(d.r[j]) >= 0 && isASCIIDigit(d.r[j]) == ascii {
			b.WriteByte(byte('0' + digit(d.r[j])))
			j++
		}
		g.e, g.digits = j, b.String()
		rn.groups = append(rn.groups, g)
		rn.e = j

		k, units, stars, others, lines, inSpace := j, 0, 0, 0, 0, false
	gap:
		for ; k < len(d.r) && !d.used[k] && digit(d.r[k]) < 0; k++ {
			c := d.r[k]
			switch {
			case invisible(c):
			case isSpace(c):
				if c == '\n' {
					lines++
				}
				if !inSpace {
					units++
				}
				inSpace = true
				continue
			case isStar(c):
				stars++
				units++
			case isSep(c):
				others++
				units++
			default:
				break gap
			}
			inSpace = false
		}
		next := k < len(d.r) && !d.used[k] && digit(d.r[k]) >= 0
		if !next || units > maxGap || lines > 2 || (stars >= 3 && others == 0) {
			rn.maskedAfter = d.starNear(j, 1)
			return rn, true
		}
		j = k
	}
}

// starNear reports whether the first non-space rune from i in direction dir
// is a masking star.
func (d *doc) starNear(i, dir int) bool {
	if isSpace(d.at(i)) {
		i += dir
	}
	return isStar(d.at(i))
}

// digitsOf concatenates groups [a, b].
func (rn run) digitsOf(a, b int) string {
	var s strings.Builder
	for _, g := range rn.groups[a : b+1] {
		s.WriteString(g.digits)
	}
	return s.String()
}

// units that follow an amount, a count or a duration, never a contact.
func isUnit(r rune) bool {
	return strings.ContainsRune("元块万千百k%天岁月年小分秒米斤次单件倍折度", r)
}

func isCurrency(r rune) bool { return strings.ContainsRune("¥$€£", r) }

// edgesOK checks what stands around groups [a, b] of rn: no ASCII letter,
// unit or mask glued to the number, no currency sign before it. The rune
// before the run is not checked when a label introduced it ("qq56793216").
func (d *doc) edgesOK(rn run, a, b int, labelled bool) bool {
	if a == 0 && rn.maskedBefore || b == len(rn.groups)-1 && rn.maskedAfter {
		return false
	}
	if a == 0 {
		p := d.at(rn.s - 1)
		if isSpace(p) {
			p = d.at(rn.s - 2)
		}
		if isCurrency(p) || !labelled && (isWord(p) || p == '.' || p == '@' || p == '/') {
			return false
		}
	}
	if b == len(rn.groups)-1 {
		n := d.at(rn.groups[b].e)
		if isWord(n) || n == '@' || isUnit(n) || n == ' ' && strings.ContainsRune("元块万千", d.at(rn.groups[b].e+1)) {
			return false
		}
	}
	return true
}

func mobile(s string) bool {
	return len(s) == 11 && s[0] == '1' && '3' <= s[1] && s[1] <= '9'
}

// landline splits a number with its leading 0 into area code and subscriber
// number: 010 and 02x have two-digit codes, the rest three; subscriber
// numbers have 7 or 8 digits (8 under two-digit codes) and start with 2-9.
func landline(s string) (area, sub string, ok bool) {
	if len(s) < 10 || len(s) > 12 || s[0] != '0' {
		return "", "", false
	}
	switch {
	case s[1] == '1' && s[2] == '0', s[1] == '2':
		area = s[1:3]
	case '3' <= s[1] && s[1] <= '9':
		area = s[1:4]
	default:
		return "", "", false
	}
	sub = s[1+len(area):]
	if len(sub) < 7 || len(sub) > 8 || sub[0] < '2' || len(area) == 2 && len(sub) != 8 {
		return "", "", false
	}
	return area, sub, true
}

// phoneValue canonicalises digits as a phone number. first is the length of
// the first group: without a label, a landline needs its area code written
// apart ("0431-88886666") and a country code its own group, so that a long
// bare digit string (an order or ID number) is not taken for a phone. local
// says what the text around the number makes of a bare 8-digit number (a
// Hong Kong or Macau number without its country code).
func phoneValue(s string, first int, plus, labelled bool, local func() region) (string, bool) {
	switch {
	case mobile(s):
		return "+86" + s, true
	case len(s) == 13 && strings.HasPrefix(s, "86") && mobile(s[2:]) && (plus || first == 2 || labelled):
		return "+86" + s[2:], true
	case len(s) == 15 && strings.HasPrefix(s, "0086") && mobile(s[4:]) && (first == 4 || first == 15 || labelled):
		return "+86" + s[4:], true
	case len(s) == 10 && (strings.HasPrefix(s, "400") || strings.HasPrefix(s, "800")) && (first == 3 || labelled):
		return "+86" + s, true
	case twMobile(s):
		return "+886" + s[1:], true
	case abroadCode(s):
		return abroad(s, first, plus, labelled)
	case len(s) == 8:
		return localHKMacau(s, local)
	case plus && first == 2 && strings.HasPrefix(s, "86"):
		if area, sub, ok := landline("0" + s[2:]); ok {
			return "+86" + area + sub, true
		}
	case s != "" && s[0] == '0':
		if area, sub, ok := landline(s); ok && (labelled || first == len(area)+1) {
			return "+86" + area + sub, true
		}
	}
	return "", false
}

// span is a number cut out of a run: groups [a, b] with its canonical value.
type span struct {
	a, b  int
	value string
}

// phones cuts a run into phone numbers. From each group it takes the longest
// stretch of whole groups that reads as a phone; a group is never split, so
// digits inside a longer number are never a phone. A label before the run
// (labelled) makes eight digits a Hong Kong number as a phone word close
// before it does (localAt).
func (d *doc) phones(rn run, labelled bool) []span {
	var out []span
	loc, looked := regionNone, false
	localRun := true // what is said before the run holds for its first number, and the local numbers after it
	local := func() region {
		if !localRun {
			return regionNone
		}
		if !looked {
			loc, looked = d.localAt(rn.s, labelled), true
		}
		return loc
	}
	for a := 0; a < len(rn.groups); {
		localRun = a == 0 || len(out) > 0 && out[len(out)-1].b == a-1 && hkMacau(out[len(out)-1].value)
		best := span{b: -1}
		var buf [16]byte
		s := buf[:0]
		for b := a; b < len(rn.groups) && len(s)+len(rn.groups[b].digits) <= 15; b++ {
			s = append(s, rn.groups[b].digits...)
			if len(s) < 8 {
				continue // no phone has this few digits
			}
			if v, ok := phoneValue(string(s), len(rn.groups[a].digits), rn.plus && a == 0, labelled, local); ok {
				best = span{a: a, b: b, value: v}
			}
		}
		if best.b >= 0 && d.edgesOK(rn, a, best.b, labelled) {
			out = append(out, best)
			a = best.b + 1
			continue
		}
		a++
	}
	return out
}

// qqs reads a run after a QQ label as QQ numbers: the whole run when it has
// at most 11 digits ("5679 3216", "56793.***6"), else each part between
// spaces or slashes, where a part that is a mobile number is a phone.
func (d *doc) qqs(rn run) (qq, phone []span) {
	parts := [][2]int{{0, len(rn.groups) - 1}}
	n := 0
	for _, g := range rn.groups {
		n += len(g.digits)
	}
	if n > 11 {
		parts = parts[:0]
		a := 0
		for b := range rn.groups {
			if b == len(rn.groups)-1 || d.weakGap(rn.groups[b].e, rn.groups[b+1].s) {
				parts = append(parts, [2]int{a, b})
				a = b + 1
			}
		}
	}
	for _, p := range parts {
		s := rn.digitsOf(p[0], p[1])
		if !d.edgesOK(rn, p[0], p[1], true) {
			continue
		}
		switch {
		case len(parts) > 1 && mobile(s):
			phone = append(phone, span{a: p[0], b: p[1], value: "+86" + s})
		case len(s) >= 5 && len(s) <= 11 && s[0] != '0':
			qq = append(qq, span{a: p[0], b: p[1], value: s})
		}
	}
	return qq, phone
}

// weakGap: a gap of white space or slashes separates two numbers of a list.
func (d *doc) weakGap(i, j int) bool {
	for k := i; k < j; k++ {
		if c := d.r[k]; !isSpace(c) && c != '/' && c != '|' && !invisible(c) {
			return false
		}
	}
	return true
}
