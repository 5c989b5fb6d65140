package contact

import "strings"

// Numbers of Taiwan, Hong Kong and Macau, as Big5 and Hong Kong boards
// print them. Canonical values are E.164 like mainland numbers: a Taiwan
// mobile +886 and nine digits (0912-345-678 -> +886912345678), a Hong Kong
// number +852 and eight, a Macau number +853 and eight.

// twMobile: a Taiwan mobile in national form, 09 and eight digits
// (0912-345-678). No mainland number has ten digits starting 09: a landline
// under an 09xx area code has eleven.
func twMobile(s string) bool { return len(s) == 10 && s[0] == '0' && s[1] == '9' }

// Country codes of Taiwan, Hong Kong and Macau.
const (
	codeTW    = "886"
	codeHK    = "852"
	codeMacau = "853"
)

// abroadCode: s opens with the country code of Taiwan, Hong Kong or Macau,
// with or without 00, and is long enough to hold a number after it.
func abroadCode(s string) bool {
	code := strings.TrimPrefix(s, "00")
	return len(code) >= 11 && (strings.HasPrefix(code, codeTW) || strings.HasPrefix(code, codeHK) || strings.HasPrefix(code, codeMacau))
}

// abroad reads a Taiwan, Hong Kong or Macau number written with its country
// code: +886 912 345 678, 886-912-345678, +886 0912..., +852 9123 4567,
// 00852 91234567, (853) 6612 3456. Without a label the code must come with
// a '+', stand in its own group, or follow 00 in a number written whole.
func abroad(s string, first int, plus, labelled bool) (string, bool) {
	intl := strings.HasPrefix(s, "00")
	code := strings.TrimPrefix(s, "00")
	switch {
	case intl && (first == 5 || first == len(s) || labelled):
	case !intl && (plus || first == 3 || labelled):
	default:
		return "", false
	}
	rest := code[3:]
	switch code[:3] {
	case codeTW:
		if twMobile(rest) {
			rest = rest[1:] // +886 0912...: the trunk 0 written too
		}
		if len(rest) == 9 && rest[0] == '9' {
			return "+" + codeTW + rest, true
		}
	case codeHK:
		if len(rest) == 8 && strings.IndexByte("235679", rest[0]) >= 0 {
			return "+" + codeHK + rest, true
		}
	case codeMacau:
		if len(rest) == 8 && (rest[0] == '6' || rest[:2] == "28") {
			return "+" + codeMacau + rest, true
		}
	}
	return "", false
}

// hkMacau reports whether a canonical phone is of Hong Kong or Macau.
func hkMacau(v string) bool {
	return strings.HasPrefix(v, "+"+codeHK) || strings.HasPrefix(v, "+"+codeMacau)
}

// region is what the text around a bare 8-digit number says it is.
type region uint8

const (
	regionNone  region = iota
	regionHK           // a phone label, or a word for Hong Kong: a Hong Kong number
	regionMacau        // a word for Macau: a Macau number
)

// localHKMacau reads eight digits as a Hong Kong mobile (5, 6 or 9 first)
// or, where the text speaks of Macau, a Macau mobile (6 first), and only
// when the text around says phone: a bare 8-digit run is far more often a
// QQ number, an order number, a date or a price.
func localHKMacau(s string, local func() region) (string, bool) {
	if strings.IndexByte("569", s[0]) < 0 {
		return "", false
	}
	switch local() {
	case regionMacau:
		if s[0] == '6' {
			return "+" + codeMacau + s, true
		}
	case regionHK:
		return "+" + codeHK + s, true
	}
	return "", false
}

// maxLocal is how far, in runes, a word before a bare 8-digit number may
// stand and still say what the number is.
const maxLocal = 12

// localAt says what the words just before rune i (on its line, after the
// last number) make of a bare 8-digit number there: Macau if they name
// Macau; Hong Kong if they name Hong Kong, or hold a phone or contact label
// written the Hong Kong way (電話, 手機, 聯絡, 聯繫: traditional script) or
// WhatsApp, or if the number stands in a phone field (labelled) of text
// written in traditional script (any script, for a typed search: doc.wide).
// A simplified 电话 before 8 digits is a
// mainland number without its area code (电话：6512 3456 in Beijing), so it
// is left unread rather than given the wrong country; the simplified 联系
// also comes before QQ numbers.
func (d *doc) localAt(i int, labelled bool) region {
	loc := regionNone
	if labelled && (d.wide || d.traditional(0, len(d.r))) {
		loc = regionHK
	}
	for j := i - 1; j >= 0 && j >= i-maxLocal; j-- {
		c := d.r[j]
		if c == '\n' || digit(c) >= 0 {
			break
		}
		switch {
		case d.hasPrefix(j, "澳门") || d.asciiWord(j, "macau") || d.asciiWord(j, "macao"):
			return regionMacau
		case d.hasPrefix(j, "香港") || d.asciiWord(j, "hk") || d.asciiWord(j, "hong kong") || d.asciiWord(j, "whatsapp"),
			(d.hasPrefix(j, "联络") || d.hasPrefix(j, "联系")) && d.traditional(j, j+2):
			loc = regionHK
		default:
			if l, ok := d.labelAt(j); ok && l.k == kindPhone && l.e <= i && d.traditional(l.s, l.e) {
				loc = regionHK
			}
		}
	}
	return loc
}

// traditional reports whether any rune in [s, e) was written in
// traditional script (folding changed it).
func (d *doc) traditional(s, e int) bool {
	for k := max(s, 0); k < min(e, len(d.r)); k++ {
		if d.orig[k] != d.r[k] && d.r[k] > 0x2e80 {
			return true
		}
	}
	return false
}

// asciiWord reports whether the folded runes at i spell w standing apart
// from other letters.
func (d *doc) asciiWord(i int, w string) bool {
	return !isLetter(d.at(i-1)) && d.hasPrefix(i, w) && !isLetter(d.at(i+len(w)))
}
