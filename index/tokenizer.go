package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// spaceTokenizer is the tokenizer of the gram fields: it splits on white
// space, as Bleve's whitespace tokenizer does, and gives the same tokens,
// but it counts them first and allocates them in one slab. Bleve's gives
// every field a 1,024-slot stream and every token its own allocation; on a
// listing's six gram fields (a token per character and per character
// pair) that was 8% of a crawl's CPU.
//
// Unlike Bleve's, it does not stop at a byte that is not UTF-8: such a
// byte belongs to the token around it. The terms this package makes are
// valid UTF-8, so the two agree on every field it writes.
const spaceTokenizer = "scamhunt_space"

func init() {
	if err := registry.RegisterTokenizer(spaceTokenizer, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return spaceTokens{}, nil
	}); err != nil {
		panic(err)
	}
}

type spaceTokens struct{}

// Tokenize returns the runs of non-space runes of input, positions from 1.
func (spaceTokens) Tokenize(input []byte) analysis.TokenStream {
	n := 0
	eachRun(input, func(int, int) { n++ })
	if n == 0 {
		return nil
	}
	slab := make([]analysis.Token, n)
	out := make(analysis.TokenStream, n)
	i := 0
	eachRun(input, func(start, end int) {
		slab[i] = analysis.Token{Term: input[start:end:end], Start: start, End: end, Position: i + 1, Type: analysis.AlphaNumeric}
		out[i] = &slab[i]
		i++
	})
	return out
}

// eachRun calls fn with the byte range of every run of non-space runes.
func eachRun(b []byte, fn func(start, end int)) {
	start := -1
	for i := 0; i < len(b); {
		c := b[i]
		size, space := 1, false
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
		} else {
			var r rune
			r, size = utf8.DecodeRune(b[i:])
			space = r != utf8.RuneError && unicode.IsSpace(r)
		}
		switch {
		case space && start >= 0:
			fn(start, i)
			start = -1
		case !space && start < 0:
			start = i
		}
		i += size
	}
	if start >= 0 {
		fn(start, len(b))
	}
}

// asciiSpace is unicode.IsSpace for the ASCII range.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
