package textnorm

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

//go:embed t2s.tsv
var t2sData string

var t2s = sync.OnceValue(func() map[rune]rune {
	m := make(map[rune]rune, 4200)
	for line := range strings.Lines(t2sData) {
		tr, rest, ok := strings.Cut(strings.TrimRight(line, "\r\n"), "\t")
		if !ok {
			continue
		}
		a, _ := utf8.DecodeRuneInString(tr)
		b, _ := utf8.DecodeRuneInString(rest)
		if a != utf8.RuneError && b != utf8.RuneError {
			m[a] = b
		}
	}
	return m
})

// Rune folds one rune: full-width and other width variants to their narrow
// form, upper-case ASCII to lower case, traditional to simplified Chinese.
func Rune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if r == '\u3000' {
		return ' '
	}
	if p := width.LookupRune(r); p.Kind() == width.EastAsianFullwidth || p.Kind() == width.EastAsianHalfwidth {
		if n := p.Narrow(); n != 0 && (n < utf8.RuneSelf) {
			r = n
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			return r
		}
	}
	if s, ok := t2s()[r]; ok {
		return s
	}
	if unicode.IsUpper(r) {
		if l := unicode.ToLower(r); utf8.RuneLen(l) > 0 {
			return l
		}
	}
	return r
}

// Fold returns s with every rune folded by Rune. The result has exactly as
// many runes as s; invalid UTF-8 bytes become U+FFFD, one rune each.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(Rune(r))
	}
	return b.String()
}

// Space collapses runs of white space (including the ideographic space and
// no-break space) to one ASCII space and trims the ends, for display text.
func Space(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}
