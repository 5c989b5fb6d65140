package realcorpus_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt/classify/internal/realcorpus"
)

func good() realcorpus.Record {
	return realcorpus.Record{ID: "news-0123456789", Body: "在家刷单，日赚300", Label: "scam", Category: "shuadan",
		Source: "http://news.test/a.html", SourceType: "news quote", Date: "2021-03", Kind: "ad"}
}

func TestCheck(t *testing.T) {
	cases := []struct {
		name string
		edit func(*realcorpus.Record)
		want string
	}{
		{"good scam", func(*realcorpus.Record) {}, ""},
		{"good warning", func(r *realcorpus.Record) { r.Label, r.Category, r.Kind = "legit", "warning", "warning" }, ""},
		{"good other", func(r *realcorpus.Record) { r.Category, r.Kind, r.Date = "other", "sms", "" }, ""},
		{"no id", func(r *realcorpus.Record) { r.ID = " " }, "no id"},
		{"no text", func(r *realcorpus.Record) { r.Body = "" }, "no text"},
		{"no source", func(r *realcorpus.Record) { r.Source = "" }, "no source"},
		{"source type", func(r *realcorpus.Record) { r.SourceType = "blog" }, `source_type "blog": want one of news quote, police bulletin, judgment, dataset, forum`},
		{"date", func(r *realcorpus.Record) { r.Date = "2021/03/04" }, `date "2021/03/04": want YYYY, YYYY-MM, YYYY-MM-DD or empty`},
		{"label", func(r *realcorpus.Record) { r.Label = "suspicious" }, `label "suspicious": want scam or legit`},
		{"scam category", func(r *realcorpus.Record) { r.Category = "warning" }, `scam category "warning": want one of shuadan, baishi, deposit, typing, advance, review_extortion, downline, other`},
		{"legit category", func(r *realcorpus.Record) { r.Label = "legit" }, `legit category "shuadan": want one of honest_ad, warning, message, news, chat`},
		{"scam kind", func(r *realcorpus.Record) { r.Kind = "warning" }, `kind "warning" of a scam text: want one of ad, sms, chat, post`},
		{"legit kind", func(r *realcorpus.Record) { r.Label, r.Category, r.Kind = "legit", "honest_ad", "sms" }, `kind "sms" of a legit text: want one of ad, warning, message, news, chat`},
		{"too long", func(r *realcorpus.Record) { r.Body = strings.Repeat("字", realcorpus.MaxRunes+1) }, "text longer than 4000 runes: quote the ad, not the article"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := good()
			c.edit(&r)
			got := ""
			if err := r.Check(); err != nil {
				got = err.Error()
			}
			if got != c.want {
				t.Errorf("Check() = %q, want %q", got, c.want)
			}
		})
	}
}

func TestKey(t *testing.T) {
	a := realcorpus.Record{Body: "兼職刷單，動動手指，月入過萬!"}
	b := realcorpus.Record{Body: "兼职 刷单 动动手指 月入过万"}
	c := realcorpus.Record{Body: "兼职刷单，动动手指，月入过千"}
	if a.Key() != b.Key() {
		t.Errorf("Key(%q) = %q, Key(%q) = %q: want equal (script, spacing, punctuation)", a.Body, a.Key(), b.Body, b.Key())
	}
	if a.Key() == c.Key() {
		t.Errorf("Key(%q) = Key(%q): want different", a.Body, c.Body)
	}
}

func line(file string, n int, edit func(*realcorpus.Record)) realcorpus.Line {
	r := good()
	edit(&r)
	return realcorpus.Line{Record: r, File: file, N: n}
}

func TestMerge(t *testing.T) {
	dev := []realcorpus.Line{
		line("dev", 1, func(r *realcorpus.Record) { r.ID, r.Kind = "dev-1", "" }), // kind from the table
		line("dev", 2, func(r *realcorpus.Record) {
			r.ID, r.Body, r.Label, r.Category, r.Kind = "dev-2", "凡是刷单都是诈骗", "legit", "warning", ""
		}), // kind from the category
		line("dev", 3, func(r *realcorpus.Record) {
			r.ID, r.Body, r.Source = "dev-3", "网站几千条都可以发", "https://www.xgupiao.com/x"
		}),
	}
	gathered := []realcorpus.Line{
		line("a.jsonl", 1, func(r *realcorpus.Record) { r.ID, r.Body = "a-1", "在家刷單, 日賺300!" }), // a copy of dev-1
		line("a.jsonl", 2, func(r *realcorpus.Record) { r.ID, r.Body = "a-2", "sealed text" }),
		line("a.jsonl", 3, func(r *realcorpus.Record) { r.ID, r.Body, r.SourceType = "a-3", "无来源类型", "" }),
		line("a.jsonl", 4, func(r *realcorpus.Record) { r.ID, r.Body = "dev-2", "另一条文字" }),
		line("a.jsonl", 5, func(r *realcorpus.Record) { r.ID, r.Body, r.Kind = "a-5", "好兄弟，有钱一起赚", "chat" }),
	}
	res := realcorpus.Merge([][]realcorpus.Line{dev, gathered},
		map[string]map[int]bool{"a.jsonl": {2: true}}, map[string]string{"dev-1": "ad"})
	var ids []string
	for _, r := range res.Records {
		ids = append(ids, r.ID+"/"+r.Kind)
	}
	if diff := cmp.Diff([]string{"dev-2/warning", "a-5/chat", "dev-1/ad"}, ids); diff != "" {
		t.Errorf("kept (-want +got):\n%s", diff)
	}
	var drops []string
	for _, d := range res.Dropped {
		drops = append(drops, d.ID+": "+d.Why)
	}
	want := []string{
		"dev-3: source xgupiao.com is evaluation data or generated (REAL_DATA_SOURCES.md §3, §4)",
		"a-1: same text as dev:1 (dev-1)",
		"a-2: listed by the sealed-overlap check",
		`a-3: source_type "": want one of news quote, police bulletin, judgment, dataset, forum`,
		"dev-2: id dev-2 already taken by another text",
	}
	if diff := cmp.Diff(want, drops); diff != "" {
		t.Errorf("dropped (-want +got):\n%s", diff)
	}
	if res.Read["a.jsonl"] != 5 || res.Kept["a.jsonl"] != 1 || res.Kept["dev"] != 2 {
		t.Errorf("read %v kept %v, want a.jsonl 5 read 1 kept, dev 2 kept", res.Read, res.Kept)
	}
}

func TestReadWrite(t *testing.T) {
	recs := []realcorpus.Record{good()}
	recs[0].Body = "<b>加薇信</b> & 日结"
	var buf bytes.Buffer
	if err := realcorpus.Write(&buf, recs); err != nil {
		t.Fatal(err)
	}
	wantLine := `{"id":"news-0123456789","title":"","body":"<b>加薇信</b> & 日结","label":"scam","category":"shuadan","source":"http://news.test/a.html","source_type":"news quote","date":"2021-03","kind":"ad"}` + "\n"
	if buf.String() != wantLine {
		t.Errorf("Write = %s, want %s", buf.String(), wantLine)
	}
	got, err := realcorpus.Read(strings.NewReader("\n"+buf.String()), "x.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]realcorpus.Line{{Record: recs[0], File: "x.jsonl", N: 2}}, got); diff != "" {
		t.Errorf("Read (-want +got):\n%s", diff)
	}
	if _, err := realcorpus.Read(strings.NewReader("{}\n{"), "x.jsonl"); err == nil || err.Error() != "x.jsonl:2: unexpected end of JSON input" {
		t.Errorf("Read of a broken line: %v", err)
	}
}

func TestParseSealed(t *testing.T) {
	got, err := realcorpus.ParseSealed(strings.NewReader("a.jsonl\t3\tid-3\nb.jsonl\t10\t\n\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[int]bool{"a.jsonl": {3: true}, "b.jsonl": {10: true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseSealed (-want +got):\n%s", diff)
	}
	if _, err := realcorpus.ParseSealed(strings.NewReader("a.jsonl\tthree\tx\n")); err == nil {
		t.Error("ParseSealed accepted a line without a line number")
	}
}

func TestReadKinds(t *testing.T) {
	got, err := realcorpus.ReadKinds(strings.NewReader("# comment\nzz01-1\tchat\n\nhb-2\tsms\n"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"zz01-1": "chat", "hb-2": "sms"}, got); diff != "" {
		t.Errorf("ReadKinds (-want +got):\n%s", diff)
	}
	if _, err := realcorpus.ReadKinds(strings.NewReader("no tab here\n")); err == nil {
		t.Error("ReadKinds accepted a line without a tab")
	}
}

func TestReadContext(t *testing.T) {
	got, err := realcorpus.ReadContext(strings.NewReader("# guide\n# more\nzz01-1\tarranging a meeting\n\nhb-2\tfilm review\n"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"zz01-1": "arranging a meeting", "hb-2": "film review"}, got); diff != "" {
		t.Errorf("ReadContext (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"no tab here\n", "zz01-1\t\n", "a\tx\na\ty\n"} {
		if _, err := realcorpus.ReadContext(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadContext(%q) succeeded", bad)
		}
	}
}

func TestMarkContext(t *testing.T) {
	line := good()
	line.ID, line.Body, line.Kind = "zz01-1", "先生,你要找工作吗?", "chat"
	honest := good()
	honest.ID, honest.Label, honest.Category, honest.Kind = "h-1", "legit", "warning", "warning"
	recs := []realcorpus.Record{good(), line, honest}
	if err := realcorpus.MarkContext(recs, map[string]string{"zz01-1": "greeting"}); err != nil {
		t.Fatal(err)
	}
	if recs[0].Context || !recs[1].Context || recs[2].Context {
		t.Errorf("context marks %v %v %v, want only the chat line", recs[0].Context, recs[1].Context, recs[2].Context)
	}
	var buf bytes.Buffer
	if err := realcorpus.Write(&buf, recs[:2]); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(buf.String()), "\n"); strings.Contains(lines[0], "context") ||
		!strings.HasSuffix(lines[1], `"kind":"chat","context":true}`) {
		t.Errorf("written records:\n%s\nwant context only on the chat line, after kind", buf.String())
	}
	if err := realcorpus.MarkContext(recs, map[string]string{"h-1": "x"}); err == nil {
		t.Error("MarkContext marked an honest text")
	}
	if err := realcorpus.MarkContext(recs, map[string]string{"gone-1": "x"}); err == nil || !strings.Contains(err.Error(), "gone-1") {
		t.Errorf("MarkContext of an unknown id: %v, want an error naming it", err)
	}
}

func TestFamily(t *testing.T) {
	for src, want := range map[string]string{
		"http://www.zz01.net/sbn/389.html":                 "zz01.net",
		"https://GAT.xizang.gov.cn/xwzx/202112/t2021.html": "gat.xizang.gov.cn",
		"ZCSSR/url#29": "github.com/ZCSSR/url",
		"lazyparser/weloveinterns/JD-1.md@0123456789abcdef0123": "github.com/lazyparser/weloveinterns",
		"github.com/typst/packages#2999":                        "github.com/typst/packages",
	} {
		if got := realcorpus.Family(src); got != want {
			t.Errorf("Family(%q) = %q, want %q", src, got, want)
		}
	}
}
