package contact

import (
	"strings"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// Query interprets a search query typed by a user as the contacts it may
// denote ("138 1234 5678", "１３８-1234-5678", "一三八一二三四五六七八",
// "+8613812345678", "扣扣 56793216", "薇信 abc_123") and returns them
// canonical; a query with no contact in it returns nil.
//
// A user types less than a poster writes, so Query reads more into a bare
// query than Find reads into an ad: a query of digits alone is a phone if it
// can be one (landlines need no separator) and else, unless it reads as a
// range, date or decimal ("3000-5000"), a QQ number of 5 to 11 digits
// (eight digits are both: a QQ number and a Hong Kong phone); a
// bare token shaped like an ID with an underscore, three digits, or a dash
// and a digit in it ("abc_123", "job2026", "zhang-san88", not "iphone15")
// is a WeChat ID and, if it fits, a Telegram handle. Each mobile number is also
// returned as the WeChat ID of the same digits and the other way round,
// because ads give one number for both.
func Query(q string) []scamhunt.Contact {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil
	}
	cs := Find(q)
	if n := digitsOnly(q); len(cs) == 0 && n > 0 {
		// "3000-5000", "2026.11", "10/20" are ranges, decimals and dates.
		// Eight digits read as a Hong Kong phone are as likely a QQ
		// number, which comes first.
		if cs = scan(q, kindPhone, true); (len(cs) == 0 || n == 8) && !strings.ContainsAny(textnorm.Fold(q), "-~/.:") {
			cs = append(Field(scamhunt.ContactQQ, q), cs...)
		}
	}
	if len(cs) == 0 && !strings.ContainsAny(q, " \t\n") {
		id := textnorm.Fold(q)
		if wechatID(id) && idLike(id) {
			cs = append(cs, scamhunt.Contact{Kind: scamhunt.ContactWeChat, Value: id, Raw: q})
			if telegramHandle(id) {
				cs = append(cs, scamhunt.Contact{Kind: scamhunt.ContactTelegram, Value: id, Raw: q})
			}
		}
	}
	return aliases(cs)
}

// idLike tells an ID typed bare from a word such as "iphone15" or
// "t-shirt": it has an underscore, three digits, or a dash and a digit.
func idLike(id string) bool {
	digits := 0
	for _, c := range id {
		if isASCIIDigit(c) {
			digits++
		}
	}
	return strings.Contains(id, "_") || digits >= 3 || strings.Contains(id, "-") && digits > 0
}

// digitsOnly counts the digits of q when it is digits (in any script) with
// separators and nothing else; it is 0 otherwise.
func digitsOnly(q string) int {
	d := newDoc(q)
	n := 0
	for i, c := range d.r {
		switch {
		case digit(c) >= 0:
			n++
		case c == '+' && i == 0, isSpace(c), isSep(c), invisible(c):
		default:
			return 0
		}
	}
	return n
}

// aliases adds the WeChat ID of each mobile number and the phone of each
// WeChat ID that is a mobile number.
func aliases(cs []scamhunt.Contact) []scamhunt.Contact {
	var out []scamhunt.Contact
	seen := map[string]bool{}
	add := func(c scamhunt.Contact) {
		if !seen[c.Key()] {
			seen[c.Key()] = true
			out = append(out, c)
		}
	}
	for _, c := range cs {
		add(c)
		switch v := strings.TrimPrefix(c.Value, "+86"); {
		case c.Kind == scamhunt.ContactPhone && mobile(v) && len(c.Value) == 14:
			add(scamhunt.Contact{Kind: scamhunt.ContactWeChat, Value: v, Raw: c.Raw})
		case c.Kind == scamhunt.ContactWeChat && mobile(c.Value):
			add(scamhunt.Contact{Kind: scamhunt.ContactPhone, Value: "+86" + c.Value, Raw: c.Raw})
		}
	}
	return out
}
