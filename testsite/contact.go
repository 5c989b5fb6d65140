package testsite

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/scamhunt/scamhunt"
)

// Contact values are derived from a serial number through bijections, so
// two listings (serial = listing id) or two gangs (serial = clusterBase +
// gang) never share a contact by accident.
const clusterBase = 9_000_000

func mix(serial uint32, mod, mul, add uint64) uint64 { return (uint64(serial)*mul + add) % mod }

var (
	honestPrefixes = []string{"138", "139", "135", "136", "137", "150", "151", "152", "158", "159", "186", "187", "188", "130", "131", "132", "155", "156", "185", "133", "153", "180", "189", "181", "176"}
	scamPrefixes   = []string{"170", "171", "165", "167", "162", "173", "199", "166", "177", "184", "191", "195"}
)

// mobile is an 11-digit mobile number unique to serial.
func mobile(serial uint32, prefix string) string {
	return prefix + pad(mix(serial, 1e8, 73939133, 12345679), 8)
}

// landline is area code and an 8-digit number unique to serial.
func landline(serial uint32, area string, r *rand.Rand) string {
	return area + "-" + strconv.Itoa(2+r.IntN(7)) + pad(mix(serial, 1e7, 7654321, 2345678), 7)
}

// qq is a 9- or 10-digit QQ number unique to serial.
func qq(serial uint32, r *rand.Rand) string {
	lead := strconv.Itoa(1 + r.IntN(9))
	if r.IntN(2) == 0 {
		lead += strconv.Itoa(r.IntN(10))
	}
	return lead + pad(mix(serial, 1e8, 39916801, 4104), 8)
}

// wechatID is a WeChat ID unique to serial (the digits are).
func wechatID(serial uint32, names []string, r *rand.Rand) string {
	sep := ""
	if r.IntN(4) == 0 {
		sep = "_"
	}
	return pick(r, names) + sep + pad(mix(serial, 1e7, 2718281, 31415), 7)
}

// valueRand seeds contact values from the serial alone, so a gang's
// contact is the same in every listing that shares it.
func valueRand(serial uint32, kind uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(serial), kind))
}

// scamValue is the contact of a scam listing or gang with the serial.
func scamValue(kind scamhunt.ContactKind, serial uint32, wechatNames []string) string {
	switch kind {
	case scamhunt.ContactPhone:
		return mobile(serial, pick(valueRand(serial, 0), scamPrefixes))
	case scamhunt.ContactQQ:
		return qq(serial, valueRand(serial, 1))
	}
	return wechatID(serial, wechatNames, valueRand(serial, 2))
}

func pad(n uint64, width int) string {
	s := strconv.FormatUint(n, 10)
	return strings.Repeat("0", width-len(s)) + s
}

// canonical is the Contact.Value of a written value: phones +86 E.164, QQ
// digits, WeChat IDs lower-case.
func canonical(kind scamhunt.ContactKind, v string) string {
	switch kind {
	case scamhunt.ContactPhone:
		if a, n, ok := strings.Cut(v, "-"); ok { // landline
			return "+86" + a[1:] + n
		}
		return "+86" + v
	case scamhunt.ContactWeChat:
		return strings.ToLower(v)
	}
	return v
}

// form is a way of writing a contact value, as scam ads do to slip past
// filters.
type form uint8

const (
	fPlain    form = iota
	fFull          // full-width digits and letters: １３８
	fHan           // Chinese numerals: 一三八
	fYao           // Chinese numerals with 幺 for 1 and 〇 for 0
	fDaxie         // financial numerals: 壹叁捌
	fSpace         // groups separated by spaces
	fDash          // groups separated by dashes
	fDot           // groups separated by dots
	fStar          // groups separated by stars
	fSymbol        // groups separated by ★ or ☆
	fSpan          // each group in its own <span>
	fBR            // split across a <br>
	fMixed         // full-width and ASCII digits alternating
	fPlus86        // phones: +86 prefix
	fUpper         // WeChat: upper case
	fCapFirst      // WeChat: first letter upper case
)

// clusterForm is how the member-th listing of a gang writes the shared
// contact: each member differently, even once spans are joined (so no span
// or <br> forms here; other listings use those).
func clusterForm(kind scamhunt.ContactKind, member int) form {
	var fs []form
	switch kind {
	case scamhunt.ContactPhone:
		fs = []form{fPlain, fFull, fHan, fSpace, fPlus86, fDash, fDaxie, fSymbol, fMixed, fYao}
	case scamhunt.ContactQQ:
		fs = []form{fPlain, fFull, fHan, fSpace, fDash, fDaxie, fDot, fSymbol, fYao, fMixed}
	default:
		fs = []form{fPlain, fUpper, fFull, fHan, fSpace, fSymbol, fCapFirst, fMixed, fStar, fDot}
	}
	return fs[member%len(fs)]
}

var (
	digitForms   = []form{fPlain, fFull, fHan, fYao, fDaxie, fSpace, fDash, fDot, fStar, fSymbol, fSpan, fBR, fMixed}
	digitWeights = []int{30, 10, 6, 3, 4, 10, 8, 4, 4, 4, 6, 4, 4}
	wechatForms  = []form{fPlain, fUpper, fFull, fHan, fSpace, fSpan, fSymbol, fBR, fCapFirst, fMixed}
	wechatWeight = []int{40, 8, 8, 5, 8, 8, 6, 5, 6, 6}
)

// randomForm draws a scam ad's writing form for a contact kind.
func randomForm(kind scamhunt.ContactKind, r *rand.Rand) form {
	if kind == scamhunt.ContactWeChat {
		return wechatForms[pickWeighted(r, wechatWeight)]
	}
	if kind == scamhunt.ContactPhone && r.IntN(30) == 0 {
		return fPlus86
	}
	return digitForms[pickWeighted(r, digitWeights)]
}

const (
	hanDigits   = "零一二三四五六七八九"
	yaoDigits   = "〇幺二三四五六七八九"
	daxieDigits = "零壹贰叁肆伍陆柒捌玖"
)

// writeValue renders a contact value in a form, as body segments. The
// concatenated segment text is the contact's Raw.
func writeValue(kind scamhunt.ContactKind, v string, f form, r *rand.Rand) []seg {
	groups := groupsOf(kind, v)
	switch f {
	case fSpace:
		return fixedText(strings.Join(groups, " "))
	case fDash:
		return fixedText(strings.Join(groups, "-"))
	case fDot:
		return fixedText(strings.Join(groups, "."))
	case fStar:
		return fixedText(strings.Join(groups, "*"))
	case fSymbol:
		return fixedText(strings.Join(groups, pick(r, []string{"★", "☆"})))
	case fSpan:
		out := make([]seg, len(groups))
		for i, g := range groups {
			out[i] = seg{Text: g, Kind: segSpan, fixed: true}
		}
		return out
	case fBR:
		h := len(groups) / 2
		return []seg{
			{Text: strings.Join(groups[:h], ""), fixed: true},
			{Kind: segBR, fixed: true},
			{Text: strings.Join(groups[h:], ""), fixed: true},
		}
	case fPlus86:
		return fixedText("+86 " + v)
	}
	return fixedText(mapRunes(v, f))
}

func fixedText(s string) []seg { return []seg{{Text: s, fixed: true}} }

// groupsOf splits a value at the places writers break it: phones 3-4-4,
// QQ numbers in fours, WeChat IDs between name and digits.
func groupsOf(kind scamhunt.ContactKind, v string) []string {
	switch kind {
	case scamhunt.ContactPhone:
		if len(v) == 11 {
			return []string{v[:3], v[3:7], v[7:]}
		}
	case scamhunt.ContactWeChat:
		i := strings.IndexAny(v, "0123456789")
		if i > 0 {
			return []string{v[:i], v[i:]}
		}
	}
	var gs []string
	for len(v) > 4 {
		gs = append(gs, v[:4])
		v = v[4:]
	}
	return append(gs, v)
}

// mapRunes rewrites each character of v for the per-character forms.
func mapRunes(v string, f form) string {
	var numerals []rune
	switch f {
	case fHan:
		numerals = []rune(hanDigits)
	case fYao:
		numerals = []rune(yaoDigits)
	case fDaxie:
		numerals = []rune(daxieDigits)
	}
	var b strings.Builder
	for i, c := range v {
		switch {
		case numerals != nil && c >= '0' && c <= '9':
			c = numerals[c-'0']
		case f == fUpper && c >= 'a' && c <= 'z', f == fCapFirst && i == 0 && c >= 'a' && c <= 'z':
			c -= 'a' - 'A'
		case f == fFull && c > ' ' && c < 0x7f:
			c += 0xFEE0
		case f == fMixed && i%2 == 1 && c >= '0' && c <= '9':
			c += 0xFEE0
		}
		b.WriteRune(c)
	}
	return b.String()
}

func segsText(ss []seg) string {
	var b strings.Builder
	for _, s := range ss {
		b.WriteString(s.Text)
	}
	return b.String()
}
