package textnorm_test

import (
	"testing"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt/internal/textnorm"
)

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"刷單返傭金", "刷单返佣金"},
		{"１３８ＡＢＣ", "138abc"},
		{"加ＶＸ：ａｂｃ", "加vx:abc"},
		{"兼職　日結", "兼职 日结"},
		{"保證金", "保证金"},
		{"Ｑｑ：５６７９３", "qq:56793"},
		{"plain ascii", "plain ascii"},
		{"ｶﾀｶﾅ", "ｶﾀｶﾅ"},
	}
	for _, c := range cases {
		if got := textnorm.Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSpace(t *testing.T) {
	if got := textnorm.Space("  日结\u3000\n 150元 \u00a0/天 "); got != "日结 150元 /天" {
		t.Errorf("Space = %q", got)
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"刷單", "１３８", "\xff\xfe", "Ａ\u3000b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := textnorm.Fold(s)
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(s) {
			t.Fatalf("Fold(%q) = %q changes the rune count", s, got)
		}
	})
}
