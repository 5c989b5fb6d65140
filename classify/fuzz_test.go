package classify_test

import (
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/classify"
)

// FuzzClassify feeds attacker-written text to Classify: it must not panic,
// the score stays in [0, 1] and every reason points at its match.
func FuzzClassify(f *testing.F) {
	seeds := []struct{ title, body, salary string }{
		{"手机兼职", "淘宝刷单，本金+佣金秒返，一单一结，加薇信 kk8866", "日结300"},
		{"ＶＩＰ兼職", "🔥急招！淘寶刷 ★ 單，本金＋傭金秒返🎉 拜師費１８８元", ""},
		{"周末发传单", "公司直招，不收任何押金和费用，凡收取押金的均为骗子", "150元/天"},
		{"", "\xff\xfe刷\x00单", "\u200b"},
		{"押金", "押金：无。押金0元。不收押金、", "0.5元/单"},
		{"收徒", strings.Repeat("拜师费188元，", 50), "月入过万"},
		{"", "", ""},
	}
	for _, s := range seeds {
		f.Add(s.title, s.body, s.salary)
	}
	c := newClassifier(f)
	f.Fuzz(func(t *testing.T, title, body, salary string) {
		l := scamhunt.Listing{ID: "f", Title: title, Body: body, SalaryText: salary}
		v := c.Classify(l)
		if err := checkEvidence(l, v); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzReadLabelled checks that labelled JSONL never panics the reader.
func FuzzReadLabelled(f *testing.F) {
	f.Add(`{"id":"a","title":"刷单","label":"scam","category":"shuadan","contacts":["QQ 56793",{"kind":"qq","raw":"扣扣 7788"}]}`)
	f.Add(`{"label":"legit"}` + "\n\n{")
	f.Fuzz(func(t *testing.T, in string) {
		ex, err := classify.ReadLabelled(strings.NewReader(in))
		if err == nil {
			for _, e := range ex {
				if !e.Label.Valid() {
					t.Fatalf("example %q has label %q", e.Listing.ID, e.Label)
				}
			}
		}
	})
}

// FuzzLoadRules checks that no rules file panics the loader.
func FuzzLoadRules(f *testing.F) {
	f.Add("bias: -4\nrules:\n  - id: a.b\n    category: signal\n    weight: 1\n    patterns: [x]\n")
	f.Add("rules:\n  - id: a.b\n    category: deposit\n    weight: 2\n    regexps:\n      - pattern: '押金[0-9]+'\n        literals: [押金]\n    context:\n      - patterns: [不收]\n        window: 4\n")
	f.Fuzz(func(t *testing.T, in string) {
		rs, err := classify.LoadRules("f.yaml", []byte(in))
		if err != nil {
			return
		}
		c, err := classify.New(rs, nil, classify.Config{})
		if err != nil {
			t.Fatal(err)
		}
		v := c.Classify(scamhunt.Listing{Body: "押金200元 x 刷单 " + in})
		if v.Score < 0 || v.Score > 1 {
			t.Fatalf("score %v", v.Score)
		}
	})
}

// FuzzParseContactList checks allow and block list parsing.
func FuzzParseContactList(f *testing.F) {
	f.Add("# list\n138-0013-8000\n加V: abc_123\n")
	f.Add("QQ 56793\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		cs, err := classify.ParseContactList([]byte(in))
		if err == nil {
			for _, c := range cs {
				if c.Value == "" || c.Kind == "" {
					t.Fatalf("contact %+v without kind or value", c)
				}
			}
		}
	})
}
