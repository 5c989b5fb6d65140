package classify

import (
	"os"
	"regexp"
	"regexp/syntax"
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
