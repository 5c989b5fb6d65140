package web

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt"
)

func TestMarkSpans(t *testing.T) {
	text := "拜师费188元，先交押金" // 拜师费 is bytes 0-9, 押金 is bytes 24-30
	tests := []struct {
		name   string
		ranges [][2]int
		want   []scamhunt.Span
	}{
		{"none", nil, []scamhunt.Span{{Text: text}}},
		{"one", [][2]int{{0, 9}}, []scamhunt.Span{{Text: "拜师费", Mark: true}, {Text: "188元，先交押金"}}},
		{"two unordered", [][2]int{{24, 30}, {0, 9}},
			[]scamhunt.Span{{Text: "拜师费", Mark: true}, {Text: "188元，先交"}, {Text: "押金", Mark: true}}},
		{"overlapping merged", [][2]int{{0, 6}, {3, 12}}, []scamhunt.Span{{Text: "拜师费188", Mark: true}, {Text: "元，先交押金"}}},
		{"touching merged", [][2]int{{0, 3}, {3, 6}}, []scamhunt.Span{{Text: "拜师", Mark: true}, {Text: "费188元，先交押金"}}},
		{"mid-rune start dropped", [][2]int{{1, 9}}, []scamhunt.Span{{Text: text}}},
		{"mid-rune end dropped", [][2]int{{0, 8}}, []scamhunt.Span{{Text: text}}},
		{"past the end dropped", [][2]int{{24, 31}}, []scamhunt.Span{{Text: text}}},
		{"negative dropped", [][2]int{{-3, 3}}, []scamhunt.Span{{Text: text}}},
		{"empty and reversed dropped", [][2]int{{3, 3}, {9, 3}}, []scamhunt.Span{{Text: text}}},
		{"to the end", [][2]int{{24, 30}}, []scamhunt.Span{{Text: "拜师费188元，先交"}, {Text: "押金", Mark: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, markSpans(text, tt.ranges)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if got := markSpans("", [][2]int{{0, 1}}); got != nil {
		t.Errorf("empty text: %v", got)
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("前", 50) + "拜师费" + strings.Repeat("后", 50)
	start := strings.Index(long, "拜师费")
	tests := []struct {
		name       string
		text       string
		start, end int
		n          int
		want       []scamhunt.Span
	}{
		{"cut both sides", long, start, start + 9, 3, []scamhunt.Span{{Text: "…"}, {Text: "前前前"}, {Text: "拜师费", Mark: true}, {Text: "后后后"}, {Text: "…"}}},
		{"whole text", "加拜师费", 3, 12, 40, []scamhunt.Span{{Text: "加"}, {Text: "拜师费", Mark: true}}},
		{"at the start", "拜师费吗", 0, 9, 40, []scamhunt.Span{{Text: "拜师费", Mark: true}, {Text: "吗"}}},
		{"invalid", "拜师费", 2, 9, 40, nil},
		{"no span", "拜师费", 0, 0, 40, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, excerpt(tt.text, tt.start, tt.end, tt.n)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestReasonViewsFallBackToMatch(t *testing.T) {
	l := scamhunt.Listing{Title: "高薪", Body: "日结拜师费"}
	rs := []scamhunt.Reason{
		{Rule: "a", Category: "baishi", Field: "body", Match: "拜师费", Start: 6, End: 15},
		{Rule: "b", Category: "baishi", Field: "body", Match: "拜师费", Start: 7, End: 15},    // mid-rune
		{Rule: "c", Category: "deposit", Field: "title", Match: "押金", Start: 0, End: 900},  // out of range
		{Rule: "d", Category: "nope", Field: "contacts", Match: "vx123", Start: 0, End: 3}, // no text field
		{Rule: "e", Category: "", Field: "structure", Match: "无公司名"},                       // structural
		{Rule: "f", Category: "signal", Field: "body", Match: "日结", Start: 0, End: 6},
	}
	got := bundled(t).reasonViews(l, rs)
	want := []reasonView{
		{Reason: rs[0], CategoryName: "拜师收徒", FieldName: "正文", Context: []scamhunt.Span{{Text: "日结"}, {Text: "拜师费", Mark: true}}},
		{Reason: rs[1], CategoryName: "拜师收徒", FieldName: "正文"},
		{Reason: rs[2], CategoryName: "先交费用", FieldName: "标题"},
		{Reason: rs[3], CategoryName: "nope", FieldName: "联系方式"},
		{Reason: rs[4], CategoryName: "", FieldName: "structure"},
		{Reason: rs[5], CategoryName: "常见迹象", FieldName: "正文", Context: []scamhunt.Span{{Text: "日结", Mark: true}, {Text: "拜师费"}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestLinkURL(t *testing.T) {
	tests := map[string]string{
		"https://jobs.example/a?b=1":   "https://jobs.example/a?b=1",
		"HTTP://Jobs.Example/x":        "http://Jobs.Example/x",
		" http://a.example/ ":          "http://a.example/",
		"javascript:alert(1)":          "",
		" JaVaScRiPt:alert(1)":         "",
		"data:text/html,<script>":      "",
		"//evil.example/x":             "",
		"/listing/1":                   "",
		"http://user:pw@evil.example/": "",
		"vbscript:msgbox":              "",
		"http:///nohost":               "",
		"https://例子.测试/招聘":             "https://%E4%BE%8B%E5%AD%90.%E6%B5%8B%E8%AF%95/%E6%8B%9B%E8%81%98",
	}
	for in, want := range tests {
		if got := linkURL(in); got != want {
			t.Errorf("linkURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzMark checks evidence marking on hostile text and offsets: no panic,
// the spans give the text back, and every span is valid UTF-8 when the text
// is.
func FuzzMark(f *testing.F) {
	f.Add("拜师费188元，先交押金", 0, 9, 24, 30)
	f.Add("拜师费", 1, 9, -1, 400)
	f.Add("</mark><script>", 2, 7, 7, 15)
	f.Add("", 0, 0, 0, 1)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int) {
		spans := markSpans(text, [][2]int{{s1, e1}, {s2, e2}})
		var b strings.Builder
		for _, s := range spans {
			b.WriteString(s.Text)
			if s.Text == "" {
				t.Errorf("empty span in %v", spans)
			}
			if utf8.ValidString(text) && !utf8.ValidString(s.Text) {
				t.Errorf("span %q splits a rune", s.Text)
			}
		}
		if b.String() != text {
			t.Errorf("spans %v do not give back %q", spans, text)
		}
		ex := excerpt(text, s1, e1, 5)
		if ex != nil && !validSpan(text, s1, e1) {
			t.Errorf("excerpt of an invalid span")
		}
		for _, s := range ex {
			if s.Mark && s.Text != text[s1:e1] {
				t.Errorf("excerpt marks %q, want %q", s.Text, text[s1:e1])
			}
			if utf8.ValidString(text) && !utf8.ValidString(s.Text) {
				t.Errorf("excerpt span %q splits a rune", s.Text)
			}
		}
	})
}
