package classify

import (
	"cmp"
	"math"
	"math/bits"
	"strings"
	"unicode"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
	"github.com/scamhunt/scamhunt/internal/salary"
)

// The structural features, in the order of the model file's "dense" list.
// Each is about [0, 4]; their reasons' rule ids are "model.<name>".
const (
	featPayAboveRate = iota // log2 of pay over the going rate for the work, 0 at or below it
	featIMOnly              // reachable only through QQ/WeChat/Telegram: no phone, e-mail or company
	featIMContact           // a QQ/WeChat/Telegram contact
	featPhone               // a phone number
	featNoCompany           // no company named
	featObfuscated          // a contact written in a disguised form
	featURL                 // a link to follow
	featShort               // short, SMS-style text
	featEmoji               // emoji and decorative symbols per 100 runes
	featExclaim             // exclamation marks per 100 runes
	featSections            // board-style sections (【岗位职责】...) a real employer writes
	nDense
)

var denseNames = [nDense]string{
	"pay_above_rate", "im_only", "im_contact", "phone", "no_company", "obfuscated_contact",
	"url", "short_text", "emoji", "exclaim", "sections",
}

// denseNotes explains each structural feature in a reason.
var denseNotes = [nDense]string{
	"pay far above the going rate for the work",
	"contact only through QQ/WeChat/Telegram, no phone or company",
	"asks to be contacted on QQ/WeChat/Telegram",
	"gives a phone number",
	"names no company",
	"contact written in a disguised form",
	"link to an app or site",
	"short, SMS-style ad",
	"many emoji and decorative symbols",
	"many exclamation marks",
	"structured like a real job description",
}

// gram is one distinct hashed character n-gram of a listing, with its
// first occurrence (compact runes [start, start+n) of field).
type gram struct {
	bucket uint32
	field  int8
	n      int8
	start  int32
}

// ngramFields are the fields n-grams are taken from.
var ngramFields = [...]int{0, 1, 2} // title, body, salary

// hashStep extends an n-gram's hash by one rune: FNV-1a over rune values,
// digits folded to '0'. The model file depends on it (ModelFormat names
// it); do not change it.
func hashStep(h uint32, r rune) uint32 {
	if isDigit(r) {
		r = '0'
	}
	h ^= uint32(r)
	return h * 16777619
}

const fnvOffset = 2166136261

// collectGrams collects the distinct n-grams (1..maxN) of the n-gram
// fields into s.grams, using buckets hash buckets, and returns the feature
// value each carries: 1/sqrt(count), so long ads do not outweigh short
// ones.
func (s *scratch) collectGrams(views []view, buckets uint32, maxN int) float64 {
	total := 0
	for _, fi := range ngramFields {
		total += len(views[fi].comp) * maxN
	}
	size := 64
	for size < 2*total {
		size *= 2
	}
	if cap(s.seen) < size {
		s.seen = make([]uint32, size)
	}
	s.seen = s.seen[:size]
	clear(s.seen)
	s.grams = s.grams[:0]
	mask, smask := buckets-1, uint32(size-1)
	for _, fi := range ngramFields {
		comp, word := views[fi].comp, views[fi].word
		for i := range comp {
			h := uint32(fnvOffset)
			for n := 1; n <= maxN && i+n <= len(comp); n++ {
				if !word[i+n-1] {
					break
				}
				h = hashStep(h, comp[i+n-1])
				b := h & mask
				if !insert(s.seen, smask, b) {
					continue
				}
				s.grams = append(s.grams, gram{bucket: b, field: int8(fi), n: int8(n), start: int32(i)})
			}
		}
	}
	if len(s.grams) == 0 {
		return 0
	}
	return 1 / math.Sqrt(float64(len(s.grams)))
}

// insert adds bucket b to the open-addressing set seen (0 marks a free
// slot) and reports whether it was new.
func insert(seen []uint32, mask, b uint32) bool {
	i := (b * 0x9e3779b1) >> 7 & mask
	for {
		switch seen[i] {
		case 0:
			seen[i] = b + 1
			return true
		case b + 1:
			return false
		}
		i = (i + 1) & mask
	}
}

// structural fills s.dense with the structural features of l.
func (rs *Rules) structural(l *scamhunt.Listing, views []view, m *ruleMatch, s *scratch) {
	d := &s.dense
	*d = [nDense]float64{}
	pay := payOf(l)
	d[featPayAboveRate] = rs.payAboveRate(pay, m.rates)

	cs := listingContacts(l)
	s.contacts = cs
	var im, phone, other bool
	for _, c := range cs {
		switch c.Kind {
		case scamhunt.ContactQQ, scamhunt.ContactWeChat, scamhunt.ContactTelegram:
			im = true
		case scamhunt.ContactPhone:
			phone = true
		case scamhunt.ContactURL:
			d[featURL] = 1
		default:
			other = true
		}
		if contact.Obfuscated(c) {
			d[featObfuscated] = 1
		}
	}
	company := strings.TrimSpace(l.Company) != ""
	if im {
		d[featIMContact] = 1
		if !phone && !other && !company {
			d[featIMOnly] = 1
		}
	}
	if phone {
		d[featPhone] = 1
	}
	if !company {
		d[featNoCompany] = 1
	}

	n, emoji, excl := 0, 0, 0
	for _, fi := range [...]int{0, 1} {
		for _, r := range views[fi].full {
			n++
			switch {
			case r == '!':
				excl++
			case r >= 0x2600 && unicode.In(r, unicode.So):
				emoji++
			}
		}
	}
	if n < 80 {
		d[featShort] = 1
	}
	if n > 0 {
		d[featEmoji] = min(4, 100*float64(emoji)/float64(n))
		d[featExclaim] = min(4, 100*float64(excl)/float64(n))
	}
	d[featSections] = min(4, float64(bits.OnesCount32(m.sections)))
}

// payOf returns the listing's structured pay, parsing its salary text (or,
// failing that, its title) when the extractor left none.
func payOf(l *scamhunt.Listing) scamhunt.Salary {
	if l.Pay != nil && (l.Pay.Min > 0 || l.Pay.Max > 0) {
		return *l.Pay
	}
	if l.SalaryText != "" {
		if p := salary.Parse(l.SalaryText); p.Min > 0 || p.Max > 0 {
			return p
		}
	}
	if l.Title != "" {
		return salary.Parse(l.Title)
	}
	return scamhunt.Salary{}
}

// payAboveRate compares pay with the going rate of the first kind of work
// the listing mentions (the default rate if none): log2(pay/rate), clipped
// to [0, 4].
func (rs *Rules) payAboveRate(p scamhunt.Salary, kinds []bool) float64 {
	v := max(p.Min, p.Max)
	if v <= 0 {
		return 0
	}
	rate := rs.defaultRate
	for i, ok := range kinds {
		if ok {
			rate = rs.rates[i]
			break
		}
	}
	var ref float64
	switch p.Period {
	case "hour":
		ref = cmp.Or(rate.Hour, rs.defaultRate.Hour)
	case "day":
		ref = cmp.Or(rate.Day, rs.defaultRate.Day)
	case "week":
		ref = 6 * cmp.Or(rate.Day, rs.defaultRate.Day)
	case "month":
		ref = cmp.Or(rate.Month, rs.defaultRate.Month)
	}
	if ref <= 0 {
		return 0
	}
	return min(4, max(0, math.Log2(v/ref)))
}

// sectionWords are the headings of a board-style job description; the
// sections feature counts those in the body.
var sectionWords = []string{"岗位职责", "职位描述", "任职要求", "任职资格", "岗位要求", "工作时间", "工作地点", "薪资待遇", "福利待遇", "工作内容"}
