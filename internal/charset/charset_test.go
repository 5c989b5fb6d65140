package charset_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/scamhunt/scamhunt/internal/charset"
)

func encode(tb testing.TB, e encoding.Encoding, s string) []byte {
	tb.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

const (
	ad = "周末发传单 150元/天，联系王先生，招聘人数5人，工资日结，不收任何费用。"
	// Big5 holds traditional characters only.
	big5Ad = "週末發傳單 150元/天，聯絡王先生，招聘人數5人，工資日結，不收任何費用。"
	// longAd is a description long enough that three stray bytes are few.
	longAd = "万达广场门口派发传单，周六周日两天，每天上午九点到下午五点，中午管一顿饭，工资当天现结。" +
		"要求认真负责，不迟到早退，学生优先录用。本店长期招聘，表现好的可以转长期促销员，提成另算。"
)

func page(head, text string) string {
	return "<html><head>" + head + "<title>jobs</title></head><body><p>" + text + "</p></body></html>"
}

// stray puts bytes that are no valid sequence of any of our charsets' text
// into a page at its first <p>, as a cut upload or a bad copy leaves them.
func stray(b []byte, junk string) []byte {
	i := bytes.Index(b, []byte("<p>")) + 3
	return append(append(append([]byte{}, b[:i]...), junk...), b[i:]...)
}

func TestDecode(t *testing.T) {
	gbk := func(s string) []byte { return encode(t, simplifiedchinese.GBK, s) }
	big5 := func(s string) []byte { return encode(t, traditionalchinese.Big5, s) }
	// A charset declaration placed after 2 KB of other head tags, past the
	// 1,024 bytes the HTML prescan reads.
	late := strings.Repeat(`<link rel="stylesheet" href="/static/a-long-stylesheet-name.css">`, 40) +
		`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`
	tests := []struct {
		name     string
		data     []byte
		hint     string
		force    string
		charset  string
		contains string
	}{
		{"utf-8 with meta", []byte(page(`<meta charset="utf-8">`, ad)), "", "", "utf-8", ad},
		{"utf-8 without any declaration", []byte(page("", ad)), "", "", "utf-8", ad},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, page("", ad)...), "", "", "utf-8", ad},
		{"utf-16le bom", append([]byte{0xFF, 0xFE}, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), page("", ad))...), "", "", "utf-16le", ad},
		{"meta charset gbk", gbk(page(`<meta charset="gbk">`, ad)), "", "", "gbk", ad},
		{"http-equiv gb2312 after other tags", gbk(page(late, ad)), "", "", "gbk", ad},
		{"http-equiv with upper-case attributes", gbk(page(`<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GB2312">`, ad)), "", "", "gbk", ad},
		{"gb18030 meta", encode(t, simplifiedchinese.GB18030, page(`<meta charset="gb18030">`, ad)), "", "", "gb18030", ad},
		{"header charset GBK, no meta", gbk(page("", ad)), "text/html; charset=GBK", "", "gbk", ad},
		{"colly's GB-18030", gbk(page("", ad)), "text/html; charset=GB-18030", "", "gb18030", ad},
		{"header without charset: sniffed", gbk(page("", ad)), "text/html", "", "gb18030", ad},
		{"no declaration: sniffed gbk", gbk(page("", ad)), "", "", "gb18030", ad},
		{"no declaration: sniffed big5", big5(page("", big5Ad)), "", "", "big5", big5Ad},
		{"meta big5", big5(page(`<meta charset="big5">`, big5Ad)), "", "", "big5", big5Ad},
		{"meta says utf-8 over gbk bytes", gbk(page(`<meta charset="utf-8">`, ad)), "", "", "gb18030", ad},
		{"header says utf-8 over gbk bytes, meta says gbk", gbk(page(`<meta charset="gbk">`, ad)), "text/html; charset=utf-8", "", "gbk", ad},
		{"unknown label is passed over", gbk(page(`<meta charset="x-no-such">`, ad)), "", "", "gb18030", ad},
		{"bom beats a wrong header", append([]byte{0xEF, 0xBB, 0xBF}, page("", ad)...), "text/html; charset=gbk", "", "utf-8", ad},
		{"force beats the declaration", gbk(page(`<meta charset="utf-8">`, ad)), "", "gbk", "gbk", ad},
		{"utf-8 declared with three bad bytes stays utf-8", stray([]byte(page(`<meta charset="utf-8">`, longAd)), "\xb5\xc4\xff"), "", "", "utf-8", longAd},
		{"utf-8 header with three bad bytes stays utf-8", stray([]byte(page("", longAd)), "\xb5\xc4\xff"), "text/html; charset=utf-8", "", "utf-8", longAd},
		{"undeclared utf-8 with three bad bytes is sniffed utf-8", stray([]byte(page("", longAd)), "\xb5\xc4\xff"), "", "", "utf-8", longAd},
		{"short utf-8 page with three bad bytes is sniffed utf-8", stray([]byte(page(`<meta charset="utf-8">`, ad)), "\xb5\xc4\xff"), "", "", "utf-8", ad},
		{"gbk declared with a cut character", append(gbk(page(`<meta charset="gbk">`, longAd)), 0xd5), "", "", "gbk", longAd},
		{"undeclared gbk with stray bytes", stray(gbk(page("", longAd)), "\x80\xff"), "", "", "gb18030", longAd},
		{"big5 title only, undeclared", big5("<html><head><title>誠徵週末櫃檯人員 時薪180元</title></head><body></body></html>"), "", "", "big5", "誠徵週末櫃檯人員 時薪180元"},
		{"big5 title, declared late", big5(`<html><head>` + late[:len(late)-len(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`)] + `<meta charset="big5"><title>兼職打工-時薪160-180元-臺北打工網</title></head></html>`), "", "", "big5", "兼職打工-時薪160-180元-臺北打工網"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, cs := charset.Decode(tt.data, tt.hint, tt.force)
			if cs != tt.charset {
				t.Errorf("charset = %q, want %q", cs, tt.charset)
			}
			if !utf8.Valid(body) {
				t.Error("body is not valid UTF-8")
			}
			if !bytes.Contains(body, []byte(tt.contains)) {
				t.Errorf("decoded body lacks %q:\n%s", tt.contains, body)
			}
		})
	}
}

var metaCases = []struct{ html, want string }{
	{`<meta charset="gbk">`, "gbk"},
	{`<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GB2312">`, "GB2312"},
	{`<meta content="text/html;charset='big5'" http-equiv="content-type">`, "big5"},
	{`<head><title>x</title></head><body><meta charset="gbk">`, ""},
	{`<div>x</div><meta charset="gbk">`, ""},
	{`<meta name="description" content="charset=gbk is a word here">`, ""},
	{`<meta name="keywords" content="兼职">`, ""},
	{`<meta http-equiv="content-type" content="text/html; charset">`, ""},
}

func TestMeta(t *testing.T) {
	for _, c := range metaCases {
		if got := charset.Meta([]byte(c.html)); got != c.want {
			t.Errorf("Meta(%q) = %q, want %q", c.html, got, c.want)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		bad  int
		body string
		want bool
	}{
		{0, "", true},
		{2, "ab", true},
		{3, strings.Repeat("兼", 59), false},
		{3, strings.Repeat("兼", 60), true},
		{40, strings.Repeat("兼", 100), false},
	}
	for _, tt := range tests {
		if got := charset.Clean(tt.bad, []byte(tt.body)); got != tt.want {
			t.Errorf("Clean(%d, %d runes) = %v, want %v", tt.bad, utf8.RuneCountInString(tt.body), got, tt.want)
		}
	}
}
