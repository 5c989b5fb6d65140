package extract_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/scamhunt/scamhunt/extract"
)

func encode(tb testing.TB, e encoding.Encoding, s string) []byte {
	tb.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestDecodeFile(t *testing.T) {
	const (
		ad = "周末发传单 150元/天，联系王先生，招聘人数5人，工资日结，不收任何费用。"
		// Big5 holds traditional characters only.
		big5Ad = "週末發傳單 150元/天，聯絡王先生，招聘人數5人，工資日結，不收任何費用。"
	)
	page := func(head string) string {
		return "<html><head>" + head + "<title>兼职</title></head><body><p>" + ad + "</p></body></html>"
	}
	gbk := func(s string) []byte { return encode(t, simplifiedchinese.GBK, s) }
	// A charset declaration placed after 2 KB of other head tags, past the
	// 1,024 bytes the HTML prescan reads.
	late := strings.Repeat(`<link rel="stylesheet" href="/static/a-long-stylesheet-name.css">`, 40) +
		`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`
	tests := []struct {
		name    string
		data    []byte
		hint    string
		charset string
	}{
		{"utf-8 with meta", []byte(page(`<meta charset="utf-8">`)), "", "utf-8"},
		{"utf-8 without any declaration", []byte(page("")), "", "utf-8"},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, page("")...), "", "utf-8"},
		{"utf-16le bom", append([]byte{0xFF, 0xFE}, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), page(""))...), "", "utf-16le"},
		{"meta charset gbk", gbk(page(`<meta charset="gbk">`)), "", "gbk"},
		{"http-equiv gb2312 after other tags", gbk(page(late)), "", "gbk"},
		{"http-equiv with upper-case attributes", gbk(page(`<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GB2312">`)), "", "gbk"},
		{"gb18030 meta", encode(t, simplifiedchinese.GB18030, page(`<meta charset="gb18030">`)), "", "gb18030"},
		{"header charset GBK, no meta", gbk(page("")), "text/html; charset=GBK", "gbk"},
		{"colly's GB-18030", gbk(page("")), "text/html; charset=GB-18030", "gb18030"},
		{"header without charset: sniffed gbk", gbk(page("")), "text/html", "gbk"},
		{"no declaration: sniffed gbk", gbk(page("")), "", "gbk"},
		{"no declaration: sniffed big5", encode(t, traditionalchinese.Big5, strings.NewReplacer(ad, big5Ad, "兼职", "兼職").Replace(page(""))), "", "big5"},
		{"meta says utf-8 over gbk bytes", gbk(page(`<meta charset="utf-8">`)), "", "gbk"},
		{"unknown label is passed over", gbk(page(`<meta charset="x-no-such">`)), "", "gbk"},
		{"bom beats a wrong header", append([]byte{0xEF, 0xBB, 0xBF}, page("")...), "text/html; charset=gbk", "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, cs, err := extract.DecodeFile(tt.data, tt.hint)
			if err != nil {
				t.Fatal(err)
			}
			if cs != tt.charset {
				t.Errorf("charset = %q, want %q", cs, tt.charset)
			}
			if !utf8.Valid(body) {
				t.Error("body is not valid UTF-8")
			}
			want := ad
			if tt.charset == "big5" {
				want = big5Ad
			}
			if !bytes.Contains(body, []byte(want)) {
				t.Errorf("decoded body lacks %q:\n%s", want, body)
			}
		})
	}
}

// TestDecodeCases checks the charsets of the golden cases stored as a
// crawl would have them on disk.
func TestDecodeCases(t *testing.T) {
	want := map[string]string{
		"demo/detail_gbk_nometa":            "gbk",
		"demo/detail_gbk_meta_late":         "gbk",
		"demo/detail_gbk_header":            "gbk",
		"tableboard/detail":                 "gbk",
		"tableboard/detail_contact_br":      "gbk",
		"tableboard/generic_notice":         "gbk",
		"tableboard/generic_detail_big5":    "big5",
		"demo/detail_plain":                 "utf-8",
		"mobile/generic_detail_traditional": "utf-8",
	}
	seen := 0
	for _, c := range loadCases(t) {
		cs, ok := want[c.site+"/"+c.name]
		if !ok {
			continue
		}
		seen++
		if got := c.page(t).Charset; got != cs {
			t.Errorf("%s: charset %q, want %q", c.file, got, cs)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d cases named here", seen, len(want))
	}
}
