package charset_test

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/scamhunt/scamhunt/internal/charset"
)

// FuzzDecode checks that any bytes under any Content-Type and override
// decode to valid UTF-8 with a charset named; that valid UTF-8 without a BOM,
// override or declaration is left alone; and that a page declared in its own
// charset keeps its text whatever few stray bytes are added to it.
func FuzzDecode(f *testing.F) {
	for _, c := range metaCases {
		f.Add([]byte(c.html), "text/html", "")
	}
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(page(`<meta charset="gbk">`, longAd)))
	b5, _ := traditionalchinese.Big5.NewEncoder().Bytes([]byte(page("", big5Ad)))
	f.Add(gbk, "", "")
	f.Add(b5, "text/html", "")
	f.Add([]byte(page(`<meta charset="utf-8">`, longAd)), "text/html; charset=utf-8", "")
	f.Add([]byte("\xef\xbb\xbf<p>caf\xe9</p>"), "text/html; charset=utf-8", "")
	f.Add([]byte("<meta charset=\"gb-18030\"><p>\xd5\xd0\xc6\xb8</p>"), "", "")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "text/html; charset=big5", "")
	f.Add([]byte("\xfe\xff\x00<"), "text/html; charset=utf-16", "")
	f.Add([]byte("\xbc\xe6\xd6\xb0"), "", "gbk")
	f.Fuzz(func(t *testing.T, raw []byte, contentType, force string) {
		body, name := charset.Decode(raw, contentType, force)
		if !utf8.Valid(body) {
			t.Fatalf("Decode(%q, %q, %q) gave invalid UTF-8 (%s)", raw, contentType, force, name)
		}
		if name == "" {
			t.Fatalf("Decode(%q, %q, %q): no charset named", raw, contentType, force)
		}
		if force == "" && contentType == "" && charset.Meta(raw) == "" && utf8.Valid(raw) &&
			!bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) && !bytes.HasPrefix(raw, []byte("\xfe\xff")) && !bytes.HasPrefix(raw, []byte("\xff\xfe")) {
			if name != "utf-8" || !bytes.Equal(body, raw) {
				t.Errorf("undeclared valid UTF-8 decoded as %s, changed", name)
			}
		}
		// The declared UTF-8 page with the fuzzer's bytes (up to three) put
		// in its text keeps its charset and its ad.
		if len(raw) <= 3 {
			p := stray([]byte(page(`<meta charset="utf-8">`, longAd)), string(raw))
			body, name := charset.Decode(p, "", "")
			if name != "utf-8" || !bytes.Contains(body, []byte(longAd)) {
				t.Errorf("utf-8 page with %q added decoded as %s", raw, name)
			}
		}
	})
}
