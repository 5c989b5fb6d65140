package classify

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// naive finds every occurrence of every pattern by brute force.
func naive(patterns []string, text []rune) []hit {
	var out []hit
	for end := 1; end <= len(text); end++ {
		for id, p := range patterns {
			pr := []rune(p)
			if len(pr) == 0 || len(pr) > end {
				continue
			}
			if slices.Equal(text[end-len(pr):end], pr) {
				out = append(out, hit{pat: int32(id), start: int32(end - len(pr)), end: int32(end)})
			}
		}
	}
	return out
}

func sortHits(h []hit) []hit {
	slices.SortFunc(h, func(a, b hit) int {
		if a.end != b.end {
			return int(a.end - b.end)
		}
		return int(a.pat - b.pat)
	})
	return h
}

func TestMatcher(t *testing.T) {
	cases := []struct {
		name     string
		patterns []string
		text     string
	}{
		{"overlaps", []string{"刷单", "单", "刷单返利", "返利", "单返"}, "刷单返利刷单单"},
		{"classic", []string{"he", "she", "his", "hers"}, "ushers and his hers"},
		{"empty pattern", []string{"", "a"}, "aaa"},
		{"astral", []string{"💚v", "v信"}, "加💚v信"},
		{"no match", []string{"押金"}, "不收任何费用"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newMatcher(c.patterns)
			text := []rune(c.text)
			got := sortHits(m.scan(text, nil))
			want := sortHits(naive(c.patterns, text))
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(hit{})); diff != "" {
				t.Errorf("scan (-naive +matcher):\n%s", diff)
			}
		})
	}
}

// TestMatcherRandom compares the automaton with brute force on random
// patterns and texts over a small alphabet, where overlaps abound.
func TestMatcherRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("刷单返利押金ab")
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 300 {
		seen := map[string]bool{}
		var patterns []string
		for range 1 + r.IntN(12) {
			p := word(1 + r.IntN(4))
			if !seen[p] {
				seen[p] = true
				patterns = append(patterns, p)
			}
		}
		text := []rune(word(r.IntN(40)))
		got := sortHits(newMatcher(patterns).scan(text, nil))
		want := sortHits(naive(patterns, text))
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(hit{})); diff != "" {
			t.Fatalf("patterns %q text %q (-naive +matcher):\n%s", patterns, string(text), diff)
		}
	}
}

// FuzzMatcher checks the automaton against brute force on fuzzed patterns
// (separated by |) and text.
func FuzzMatcher(f *testing.F) {
	f.Add("刷单|单|刷单返利", "刷单返利刷单")
	f.Add("he|she|his|hers", "ushers")
	f.Fuzz(func(t *testing.T, pats, text string) {
		seen := map[string]bool{}
		var patterns []string
		for _, p := range strings.Split(pats, "|") {
			// The matcher works on runes and wants distinct patterns, as
			// rules.go guarantees: invalid bytes all read as U+FFFD.
			p = string([]rune(p))
			if !seen[p] && len(patterns) < 50 {
				seen[p] = true
				patterns = append(patterns, p)
			}
		}
		rs := []rune(text)
		if len(rs) > 200 {
			rs = rs[:200]
		}
		got := sortHits(newMatcher(patterns).scan(rs, nil))
		want := sortHits(naive(patterns, rs))
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(hit{})); diff != "" {
			t.Fatalf("(-naive +matcher):\n%s", diff)
		}
	})
}

func TestViewCompact(t *testing.T) {
	cases := []struct {
		in, comp string
	}{
		{"刷 ★ 單", "刷单"},
		{"Ｖ信：ａｂｃ", "v信:abc"},
		{"日薪1.5万", "日薪1.5万"},
		{"加q:56793.***6", "加q:567936"},
		{"拍丶单", "拍单"},
		{"押金，无\n押金", "押金,无\n押金"},
		{"\xff刷", "刷"},
	}
	for _, c := range cases {
		var v view
		v.reset("body", c.in)
		if got := string(v.comp); got != c.comp {
			t.Errorf("compact(%q) = %q, want %q", c.in, got, c.comp)
		}
		for i := range v.comp {
			s, e := v.span(int32(i), int32(i+1))
			if s < 0 || e > len(c.in) || s >= e {
				t.Errorf("compact(%q): rune %d spans [%d:%d]", c.in, i, s, e)
			}
		}
	}
}
