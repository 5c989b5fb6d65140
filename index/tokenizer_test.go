package index

import (
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	"github.com/google/go-cmp/cmp"
)

// tokenizerCases are gram fields as bleveDoc writes them, and white space
// of every kind Bleve's tokenizer splits on.
var tokenizerCases = []string{
	"",
	"   ",
	"刷 单 返 利",
	"刷单 单返 返利 日结 结算",
	"qq 56793216 wx abc_123",
	" 开头 和 结尾 ",
	"多个  空格\t制表\n换行\r\n回车",
	"全角\u3000空格 不换行\u00a0空格 下一行\u0085结束",
	"é à ü ß", // two-byte runes that are not space
	"单",
	"a",
}

// TestSpaceTokenizerMatchesBleve: the gram fields' tokenizer gives exactly
// the tokens of Bleve's whitespace tokenizer, which indexes built before
// it used: the same terms, offsets, positions and types.
func TestSpaceTokenizerMatchesBleve(t *testing.T) {
	for _, in := range tokenizerCases {
		checkSameTokens(t, in)
	}
}

// TestSpaceTokenizerOwnsNoSpareCapacity: a token's term cannot grow into
// the next token's bytes.
func TestSpaceTokenizerOwnsNoSpareCapacity(t *testing.T) {
	got := spaceTokens{}.Tokenize([]byte("刷单 返利"))
	if len(got) != 2 {
		t.Fatalf("got %d tokens, want 2", len(got))
	}
	if c := cap(got[0].Term); c != len("刷单") {
		t.Errorf("first term has capacity %d, want %d", c, len("刷单"))
	}
}

func checkSameTokens(t *testing.T, in string) {
	t.Helper()
	want := plain(whitespace.TokenizerConstructor(nil, nil))
	got := spaceTokens{}.Tokenize([]byte(in))
	if diff := cmp.Diff(tokensOf(want.Tokenize([]byte(in))), tokensOf(got)); diff != "" {
		t.Errorf("tokens of %q differ from Bleve's whitespace tokenizer (-want +got):\n%s", in, diff)
	}
}

func plain(tk analysis.Tokenizer, err error) analysis.Tokenizer {
	if err != nil {
		panic(err)
	}
	return tk
}

// tokensOf is a token stream as comparable values.
func tokensOf(ts analysis.TokenStream) []analysis.Token {
	var out []analysis.Token
	for _, tk := range ts {
		c := *tk
		c.Term = append([]byte(nil), c.Term...)
		out = append(out, c)
	}
	return out
}

// FuzzSpaceTokenizer: on any valid UTF-8 (what the gram fields hold) the
// tokenizer agrees with Bleve's; on any input at all it covers only
// non-space bytes and never panics.
func FuzzSpaceTokenizer(f *testing.F) {
	for _, in := range tokenizerCases {
		f.Add(in)
	}
	f.Add("\xff\xfe 单")
	f.Fuzz(func(t *testing.T, in string) {
		got := spaceTokens{}.Tokenize([]byte(in))
		end := 0
		for i, tk := range got {
			if tk.Start < end || tk.End <= tk.Start || tk.End > len(in) || tk.Position != i+1 {
				t.Fatalf("token %d %+v out of order in %q", i, tk, in)
			}
			end = tk.End
		}
		if utf8.ValidString(in) {
			checkSameTokens(t, in)
		}
	})
}
