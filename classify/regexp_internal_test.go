package classify

import (
	"os"
	"reflect"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

func TestNeedsDigit(t *testing.T) {
	cases := []struct {
		re   string
		want bool
	}{
		{`千字[0-9]{1,3}(元|块)`, true},
		{`[0-9]+元`, true},
		{`a(1|2)b`, true},
		{`返[^，]{0,3}([0-9]{1,3}%|[一二]倍)`, false},
		{`[0-9]*元`, false},
		{`[0-9.]+元`, false},
		{`(88|98)元?`, true},
		{`(88|费)`, false},
		{`下线[^，]{0,4}(提成|收益)`, false},
	}
	for _, c := range cases {
		tree, err := syntax.Parse(c.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := needsDigit(tree.Simplify()); got != c.want {
			t.Errorf("needsDigit(%s) = %v, want %v", c.re, got, c.want)
		}
	}
}

func TestMaxRunes(t *testing.T) {
	cases := []struct {
		re   string
		want int
	}{
		{`千字[0-9]{1,3}(元|块)`, 6},
		{`(押金|保证金)[^，]{0,3}[0-9]{2,5}(元|块)`, 12},
		{`(88|1288)(元|块)?([^0-9.]|$)`, 6},
		{`[0-9]+元`, -1},
		{`下线.*提成`, -1},
		{`a?b*`, -1},
	}
	for _, c := range cases {
		tree, err := syntax.Parse(c.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := maxRunes(tree.Simplify()); got != c.want {
			t.Errorf("maxRunes(%s) = %d, want %d", c.re, got, c.want)
		}
	}
}

// committedRules loads configs/rules.yaml.
func committedRules(t *testing.T) *Rules {
	t.Helper()
	data, err := os.ReadFile("../configs/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := LoadRules("rules.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestNeedsDigitRules checks the digit shortcut on the committed rules: a
// regexp said to need a digit matches nowhere in the corpus once its digits
// are gone.
func TestNeedsDigitRules(t *testing.T) {
	rs := committedRules(t)
	corpus, err := os.ReadFile("testdata/train.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	noDigits := regexp.MustCompile(`[0-9０-９]`).ReplaceAllString(string(corpus), "")
	n := 0
	for _, r := range rs.rules {
		for i, re := range r.regexps {
			if !r.needDigit[i] {
				continue
			}
			n++
			unanchored := regexp.MustCompile(strings.TrimPrefix(re.String(), "^"))
			if m := unanchored.FindString(noDigits); m != "" {
				t.Errorf("%s regexp %d needs a digit but matches %q", r.id, i, m)
			}
		}
	}
	if n < 5 {
		t.Errorf("only %d regexps need a digit, want the fee and pay ones (at least 5)", n)
	}
}

func TestBadLiteral(t *testing.T) {
	cases := []struct {
		pattern, lit string
		want         bool
	}{
		{"(先|需)[^。]{0,4}购买", "先", true},
		{"(先|需)[^。]{0,4}购买", "购买", false},
		{"(免费)?领取", "领取", true}, // the optional start may be skipped
		{"(免费)*领取", "免费", true},
		{"[0-9]+元", "8", true},
		{"[0-9]+元", "元", false},
		{"[^。]{0,3}元", "任何", true}, // a class that excludes one rune begins with nearly any
		{"(a|b|)c", "c", true},
		{"x{0,2}y", "y", true},
		{"x{1,2}y", "y", false},
	}
	for _, c := range cases {
		re, err := syntax.Parse(c.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if _, bad := badLiteral(re, []string{c.lit}); bad == c.want {
			t.Errorf("literal %q can begin a match of %q: %v, want %v", c.lit, c.pattern, !bad, c.want)
		}
	}
}

func TestTailWords(t *testing.T) {
	cases := []struct {
		re   string
		want []string
	}{
		{`(消费|刷卡).{0,16}(扣除|扣款)`, []string{"扣除", "扣款"}},
		// an alternation Parse factors (扣(?:除|款|费)) is expanded back
		{`(透支|刷卡)[^。]{0,8}(扣除|扣款|扣费)`, []string{"扣除", "扣款", "扣费"}},
		// a last element that can match anything is passed over
		{`(高价收|收购)(微信|vx)([^a-z0-9]|$)`, []string{"微信", "vx"}},
		{`任务[^。]{0,2}(未|没)(完成|做完)`, []string{"完成", "做完"}},
		{`(回款|返款)[0-9]{2,6}(回款|返款)`, []string{"回款", "返款"}},
		// nothing but the gate, or an open tail: no tail words
		{`(回复|发送)`, nil},
		{`护照[^。]{0,8}(公司|代为)?`, nil},
		{`千字[0-9]{1,3}`, nil},
	}
	for _, c := range cases {
		tree, err := syntax.Parse(c.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got := tailWords(tree)
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if len(want) == 0 && len(got) == 0 {
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("tailWords(%s) = %q, want %q", c.re, got, want)
		}
	}
}

// TestGatedRegexps checks the gate on the rules file: most regexps are
// gated on tail words, and the rules find the same on every real text with
// the gate and without it.
func TestGatedRegexps(t *testing.T) {
	gatedRules, openRules := committedRules(t), committedRules(t)
	gated, all := 0, 0
	for _, r := range openRules.rules {
		for i := range r.regexps {
			all++
			if r.gated[i] {
				gated++
			}
			r.gated[i] = false
		}
	}
	if gated*2 < all {
		t.Errorf("%d of %d regexps gated on tail words, want most", gated, all)
	}
	withGate, err := New(gatedRules, nil, Config{})
	if err != nil {
		t.Fatal(err)
	}
	without, err := New(openRules, nil, Config{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range []string{"testdata/real/scam.jsonl", "testdata/real/honest.jsonl", "testdata/real/fresh/scam.jsonl", "testdata/real/fresh/honest.jsonl"} {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		ex, err := ReadLabelled(fh)
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ex {
			a, b := withGate.Classify(e.Listing), without.Classify(e.Listing)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s: gated %+v, ungated %+v", e.Listing.ID, a.Reasons, b.Reasons)
			}
			n++
		}
	}
	if n < 2000 {
		t.Errorf("compared %d texts, want the whole real corpus and fresh set", n)
	}
}

// TestTailWithin checks the grouping of tail words by gated regexp and the
// lookup of one after a trigger: words of other gates, words that start at
// or before the trigger and words that end past its reach do not count.
func TestTailWithin(t *testing.T) {
	var s scratch
	// in the matcher's order (by end), three gates mixed
	s.tails = []tailHit{{2, 0, 2}, {0, 1, 3}, {2, 3, 5}, {0, 4, 6}, {1, 9, 11}, {0, 12, 14}}
	s.groupTails(3)
	if want := []int32{0, 3, 4, 6}; !slices.Equal(s.tailOff, want) {
		t.Fatalf("offsets %v, want %v", s.tailOff, want)
	}
	for g := range int32(3) {
		grp := s.tailsBy[s.tailOff[g]:s.tailOff[g+1]]
		for i, h := range grp {
			if h.gate != g || i > 0 && grp[i-1].end > h.end {
				t.Fatalf("group %d = %v: not gate %d in end order", g, grp, g)
			}
		}
	}
	cases := []struct {
		g, start, end int32
		want          bool
	}{
		{0, 0, 3, true},   // 1..3 starts after 0, ends by 3
		{0, 1, 6, true},   // 1..3 starts at the trigger; 4..6 is after it
		{0, 1, 5, false},  // 4..6 ends past the reach
		{0, 4, 13, false}, // none starts after 4 and ends by 13
		{0, 4, 14, true},  // 12..14
		{1, 0, 11, true},  // gate 1's only word
		{1, 9, 40, false}, // it starts at the trigger, not after
		{2, 0, 4, false},  // 0..2 starts at the trigger, 3..5 ends past 4
		{2, -1, 2, true},  // 0..2
	}
	for _, c := range cases {
		if got := tailWithin(s.tailsBy, s.tailOff, c.g, c.start, c.end); got != c.want {
			t.Errorf("tailWithin(gate %d, after %d, by %d) = %v, want %v", c.g, c.start, c.end, got, c.want)
		}
	}
	// A second field reuses the buffers.
	s.tails = s.tails[:1]
	s.groupTails(3)
	if want := []int32{0, 0, 0, 1}; !slices.Equal(s.tailOff, want) {
		t.Errorf("offsets after reuse %v, want %v", s.tailOff, want)
	}
}
