package contact

import (
	"unicode"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// doc is the input seen three ways at once: the source bytes (for Raw), the
// original runes (to tell full-width from narrow) and the folded runes the
// scanner reads. Rune i of each view is the same character, so a span found
// in the folded runes is a span of the source.
type doc struct {
	src  string
	orig []rune
	r    []rune // folded by textnorm.Rune: narrow, lower-case, simplified
	off  []int  // byte offset in src of rune i; off[len(r)] == len(src)
	used []bool // rune i already belongs to a contact, a URL or an e-mail
	// wide reads a bare 8-digit number in a phone field as a Hong Kong
	// phone whatever script is around it: a typed search wants every
	// contact the digits could be.
	wide bool
}

func newDoc(s string) *doc {
	n := utf8.RuneCountInString(s)
	d := &doc{src: s, off: make([]int, 0, n+1), orig: make([]rune, 0, n), r: make([]rune, 0, n)}
	for i, c := range s { // an invalid byte comes back as one RuneError of width 1
		d.off = append(d.off, i)
		d.orig = append(d.orig, c)
		d.r = append(d.r, textnorm.Rune(c))
	}
	d.off = append(d.off, len(s))
	d.used = make([]bool, len(d.r))
	return d
}

// raw is the source text of runes [i, j).
func (d *doc) raw(i, j int) string { return d.src[d.off[i]:d.off[j]] }

// at is the folded rune i, or 0 outside the text.
func (d *doc) at(i int) rune {
	if i < 0 || i >= len(d.r) {
		return 0
	}
	return d.r[i]
}

func (d *doc) mark(i, j int) {
	for k := i; k < j && k < len(d.used); k++ {
		d.used[k] = true
	}
}

func (d *doc) free(i, j int) bool {
	for k := i; k < j; k++ {
		if d.used[k] {
			return false
		}
	}
	return true
}

// hasPrefix reports whether the folded runes at i spell w.
func (d *doc) hasPrefix(i int, w string) bool {
	for _, c := range w {
		if d.at(i) != c {
			return false
		}
		i++
	}
	return true
}

// digit is the value of a rune written as a digit in a contact: ASCII (full
// width is folded before), circled, or a Chinese numeral in its common, formal
// (壹贰叁) and spoken (幺, 两) forms. It is -1 for anything else.
func digit(r rune) int {
	switch {
	case '0' <= r && r <= '9':
		return int(r - '0')
	case '①' <= r && r <= '⑨':
		return int(r-'①') + 1
	}
	switch r {
	case '〇', '零', '⓪':
		return 0
	case '一', '壹', '幺':
		return 1
	case '二', '贰', '两':
		return 2
	case '三', '叁':
		return 3
	case '四', '肆':
		return 4
	case '五', '伍':
		return 5
	case '六', '陆':
		return 6
	case '七', '柒':
		return 7
	case '八', '捌':
		return 8
	case '九', '玖':
		return 9
	}
	return -1
}

func isASCIIDigit(r rune) bool { return '0' <= r && r <= '9' }

func isLetter(r rune) bool { return 'a' <= r && r <= 'z' }

// isWord is a rune that continues an ASCII identifier.
func isWord(r rune) bool { return isLetter(r) || isASCIIDigit(r) || r == '_' }

// invisible runes are dropped wherever they appear: zero-width spaces and
// joiners, variation selectors, the keycap combiner of "1️⃣".
func invisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2060', '\ufeff', '\ufe0e', '\ufe0f', '\u20e3', '\u00ad':
		return true
	}
	return false
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' }

// isStar is a masking character: "138****5678".
func isStar(r rune) bool { return r == '*' || r == '∗' || r == '×' || r == '⁎' }

// isSep is a rune posters put between the digits of a number to hide it from
// filters: punctuation such as . - / | · and decorative symbols (★☆♥ and
// emoji). Punctuation that separates items of a list (, 、 ; :) is not.
func isSep(r rune) bool {
	switch r {
	case '.', '-', '_', '/', '|', '\\', '·', '•', '・', '‧', '∙', '—', '–', '―', '~', '(', ')', '=', '+', '^', '`', '"', '\'':
		return true
	}
	return unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || (unicode.Is(unicode.Sm, r) && r != '<' && r != '>')
}

// fullWidth reports whether r is a full-width letter or digit, a disguise.
func fullWidth(r rune) bool {
	return ('０' <= r && r <= '９') || ('Ａ' <= r && r <= 'Ｚ') || ('ａ' <= r && r <= 'ｚ')
}
