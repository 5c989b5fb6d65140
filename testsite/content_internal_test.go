package testsite

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
)

func TestGBKCheckFailsLoudly(t *testing.T) {
	tests := []struct {
		in   string
		fail bool
	}{
		{"长春兼职 刷單 傭金 １３８ 〇幺 ★☆ 【急招】", false},
		{"加💚领任务", true},
		{"a • b", true},
	}
	for _, tt := range tests {
		err := gbkEncodable(tt.in, "test")
		if (err != nil) != tt.fail {
			t.Errorf("gbkEncodable(%q) = %v, want failure %v", tt.in, err, tt.fail)
		}
	}
	c, err := loadContent()
	if err != nil {
		t.Fatal(err)
	}
	c.words.HardNeg = append(c.words.HardNeg, "谨防诈骗😀")
	if err := c.check(); err == nil || !strings.Contains(err.Error(), "not encodable in GBK") {
		t.Errorf("check with an emoji in content = %v, want a GBK error", err)
	}
}

func TestParseTmpl(t *testing.T) {
	tests := []struct {
		in   string
		want []part
		fail bool
	}{
		{in: "日结{pay}，加{c}", want: []part{{lit: "日结"}, {name: "pay"}, {lit: "，加"}, {name: "c"}}},
		{in: "no placeholders", want: []part{{lit: "no placeholders"}}},
		{in: "{a}{b}", want: []part{{name: "a"}, {name: "b"}}},
		{in: "unclosed {pay", fail: true},
		{in: "stray } brace", fail: true},
		{in: "empty {}", fail: true},
		{in: "bad {Pay}", fail: true},
	}
	for _, tt := range tests {
		got, err := parseTmpl(tt.in)
		if (err != nil) != tt.fail {
			t.Errorf("parseTmpl(%q) error %v, want failure %v", tt.in, err, tt.fail)
			continue
		}
		if diff := cmp.Diff(tt.want, got.parts, cmp.AllowUnexported(part{})); !tt.fail && diff != "" {
			t.Errorf("parseTmpl(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestUnresolvedPlaceholderFails(t *testing.T) {
	c, err := loadContent()
	if err != nil {
		t.Fatal(err)
	}
	bad, _ := parseTmpl("急招{nosuchvar}")
	c.jobs[0].Titles = append(c.jobs[0].Titles, bad)
	if err := c.check(); err == nil || !strings.Contains(err.Error(), "{nosuchvar}") {
		t.Errorf("check with an unknown placeholder = %v, want an error naming it", err)
	}
}

func TestWriteValue(t *testing.T) {
	tests := []struct {
		kind string
		v    string
		f    form
		want string
	}{
		{"phone", "13843125678", fPlain, "13843125678"},
		{"phone", "13843125678", fFull, "１３８４３１２５６７８"},
		{"phone", "13843125678", fHan, "一三八四三一二五六七八"},
		{"phone", "13843125678", fYao, "幺三八四三幺二五六七八"},
		{"phone", "13843125678", fDaxie, "壹叁捌肆叁壹贰伍陆柒捌"},
		{"phone", "13843125678", fSpace, "138 4312 5678"},
		{"phone", "13843125678", fDash, "138-4312-5678"},
		{"phone", "13843125678", fSpan, "13843125678"},
		{"phone", "13843125678", fPlus86, "+86 13843125678"},
		{"qq", "2563817749", fDot, "2563.8177.49"},
		{"wechat", "hy_8866", fUpper, "HY_8866"},
		{"wechat", "hy8866", fSpace, "hy 8866"},
		{"wechat", "hy8866", fFull, "ｈｙ８８６６"},
		{"wechat", "hy8866", fMixed, "hy8８6６"},
	}
	for _, tt := range tests {
		got := segsText(writeValue(scamhunt.ContactKind(tt.kind), tt.v, tt.f, nil))
		if got != tt.want {
			t.Errorf("writeValue(%s, %q, %d) = %q, want %q", tt.kind, tt.v, tt.f, got, tt.want)
		}
	}
}
