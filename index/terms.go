package index

import (
	"slices"
	"strings"
	"unicode"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// Both backends index the same terms, made here: text is folded
// (textnorm.Fold), then split into words (letters, digits, '_') and runs of
// CJK characters. A CJK run is indexed as its characters (unigrams) and its
// overlapping character pairs (bigrams), so any substring of one or more
// characters can be found: 处理 is a bigram of 待处理, and a query of two or
// more characters needs all of its bigrams.

const (
	// maxQueryRunes, maxTerms and maxRunRunes bound the work one typed query
	// can cause.
	maxQueryRunes = 256
	maxTerms      = 16
	maxRunRunes   = 32
)

// isCJK reports whether r belongs to a script written without spaces
// between words.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
}

// token is a word or a CJK run of folded text.
type token struct {
	text string
	cjk  bool
}

// tokenize splits folded text into words and CJK runs; every other rune
// separates them.
func tokenize(s string) []token {
	var out []token
	start, kind := 0, 0 // kind: 0 separator, 1 word, 2 CJK
	flush := func(end int) {
		if kind != 0 {
			out = append(out, token{text: s[start:end], cjk: kind == 2})
		}
	}
	for i, r := range s {
		k := 0
		switch {
		case isCJK(r):
			k = 2
		case isWord(r):
			k = 1
		}
		if k != kind {
			flush(i)
			start, kind = i, k
		}
	}
	flush(len(s))
	return out
}

func bigrams(rs []rune) []string {
	out := make([]string, 0, len(rs)-1)
	for i := 0; i+1 < len(rs); i++ {
		out = append(out, string(rs[i:i+2]))
	}
	return out
}

// grams is the indexed form of some text.
type grams struct {
	uni   []string // every CJK character
	bi    []string // per CJK run of two or more characters, its bigrams joined by spaces
	words []string
}

// add indexes one more piece of (unfolded) text.
func (g *grams) add(text string) {
	for _, t := range tokenize(textnorm.Fold(text)) {
		if !t.cjk {
			g.words = append(g.words, t.text)
			continue
		}
		rs := []rune(t.text)
		for _, r := range rs {
			g.uni = append(g.uni, string(r))
		}
		if len(rs) > 1 {
			g.bi = append(g.bi, strings.Join(bigrams(rs), " "))
		}
	}
}

// term is one part of a typed query; every term must match.
type term struct {
	text  string   // folded, as typed; what highlights mark
	cjk   bool     // a CJK run
	grams []string // its bigrams, for a CJK run of two or more characters
}

// parsed is a typed query as both backends search it: the terms of the text
// and, when contact.Query reads the text as contacts, their values. A
// listing matches when it has one of the contacts OR all of the terms.
type parsed struct {
	terms    []term
	contacts []string
}

// parseText interprets a typed query. It never fails: any text yields some
// (possibly empty) set of terms.
func parseText(s string) parsed {
	if rs := []rune(s); len(rs) > maxQueryRunes {
		s = string(rs[:maxQueryRunes])
	}
	var p parsed
	seen := map[string]bool{}
	for _, t := range tokenize(textnorm.Fold(s)) {
		if len(p.terms) == maxTerms {
			break
		}
		rs := []rune(t.text)
		if len(rs) > maxRunRunes {
			rs = rs[:maxRunRunes]
		}
		tm := term{text: string(rs), cjk: t.cjk}
		if seen[tm.text] {
			continue
		}
		seen[tm.text] = true
		if t.cjk && len(rs) > 1 {
			tm.grams = bigrams(rs)
		}
		p.terms = append(p.terms, tm)
	}
	p.contacts = contactValues(contact.Query(s))
	return p
}

// empty reports whether the query text asks for nothing, so it matches all.
func (p parsed) empty() bool { return len(p.terms) == 0 && len(p.contacts) == 0 }

// contactFilter is the set of indexed contact values a Query.Contact filter
// written in any form stands for. Text that contact.Query does not read as
// a contact (an e-mail address, say) is looked up as written.
func contactFilter(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if v := contactValues(contact.Query(s)); len(v) > 0 {
		return v
	}
	if v := contactKey(s); v != "" {
		return []string{v}
	}
	return nil
}

// contactKey is how a contact value is indexed: folded, trimmed, without
// backslashes (see keyword).
func contactKey(v string) string {
	return strings.TrimSpace(textnorm.Fold(strings.ReplaceAll(v, `\`, "")))
}

// contactValues returns the indexed values of contacts: each canonical
// value and, for phones, the digits without '+' and the national form, so
// 13812345678 typed bare finds +8613812345678 and 0912345678 finds
// +886912345678. A Hong Kong or Macau number has no national form here:
// its eight digits alone are how a QQ number is indexed, and a typed 8-digit
// query already asks for both (contact.Query).
func contactValues(cs []scamhunt.Contact) []string {
	var out []string
	for _, c := range cs {
		v := contactKey(c.Value)
		if v == "" {
			continue
		}
		out = append(out, v)
		if c.Kind != scamhunt.ContactPhone || !strings.HasPrefix(v, "+") {
			continue
		}
		digits := v[1:]
		out = append(out, digits)
		if rest, ok := strings.CutPrefix(digits, "86"); ok && rest != "" {
			if rest[0] == '1' {
				out = append(out, rest) // mobile
			} else {
				out = append(out, "0"+rest) // landline with its trunk prefix
			}
		} else if rest, ok := strings.CutPrefix(digits, "886"); ok && rest != "" {
			out = append(out, "0"+rest) // a Taiwan mobile with its trunk prefix
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
