package testsite_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestGBKDetailPages checks the three ways GBK detail pages declare (or do
// not declare) their encoding, and that they decode to the truth.
func TestGBKDetailPages(t *testing.T) {
	b, tr := demo()
	type want struct {
		ctype       string
		meta        string // a tag the head must contain, "" for no charset meta at all
		prescanName string // what an HTML meta prescan finds
	}
	wants := map[string]want{
		"gbk-meta":   {"text/html", `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, "gbk"},
		"gbk-header": {"text/html; charset=GBK", "", ""},
		"gbk-none":   {"text/html", "", ""},
	}
	seen := map[string]int{}
	for _, l := range tr.Listings {
		w, ok := wants[l.Encoding]
		if l.CitySlug != "shenyang" {
			if l.Encoding != "utf-8" {
				t.Errorf("%s: encoding %q outside the GBK city", l.Path, l.Encoding)
			}
			continue
		}
		if !ok {
			t.Fatalf("%s: encoding %q", l.Path, l.Encoding)
		}
		seen[l.Encoding]++
		r := get(t, b.Handler(), l.Path)
		if r.status != http.StatusOK || r.header.Get("Content-Type") != w.ctype {
			t.Errorf("%s: %d %q, want 200 %q", l.Path, r.status, r.header.Get("Content-Type"), w.ctype)
		}
		if utf8.Valid(r.body) {
			t.Errorf("%s: body is valid UTF-8, want GBK bytes", l.Path)
		}
		head, _, _ := bytes.Cut(r.body, []byte("</head>"))
		if bytes.Contains(bytes.ToLower(head), []byte("charset=")) != (w.meta != "") || bytes.Contains(head, []byte("<meta charset")) {
			t.Errorf("%s: head %q: charset meta present = %v, want %v", l.Path, head, !(w.meta == ""), w.meta != "")
		}
		if w.meta != "" {
			i := bytes.Index(r.body, []byte(w.meta))
			if i < 0 || i > 1024 || i < bytes.Index(r.body, []byte("<link ")) {
				t.Errorf("%s: %s at byte %d, want after the link tag and within the first 1024 bytes", l.Path, w.meta, i)
			}
		}
		if _, name, _ := charset.DetermineEncoding(r.body, ""); w.prescanName != "" && name != w.prescanName {
			t.Errorf("%s: prescan finds %q, want %q", l.Path, name, w.prescanName)
		}
		dec, err := simplifiedchinese.GBK.NewDecoder().Bytes(r.body)
		if err != nil {
			t.Fatalf("%s: decode: %v", l.Path, err)
		}
		d := parse(t, string(dec))
		if got := d.Find("h1.job-title").Text(); got != l.Title {
			t.Errorf("%s: decoded title %q, want %q", l.Path, got, l.Title)
		}
		if got := d.Find("div.crumb a").Eq(1).Text(); got != "沈阳兼职" {
			t.Errorf("%s: decoded crumb %q, want 沈阳兼职", l.Path, got)
		}
	}
	for enc := range wants {
		if seen[enc] < 3 {
			t.Errorf("%d GBK detail pages of kind %s, want >= 3", seen[enc], enc)
		}
	}
}

func TestGBKListPages(t *testing.T) {
	b, tr := demo()
	n := 0
	for _, p := range tr.GBKPaths {
		if isDetail(p) {
			continue
		}
		n++
		r := get(t, b.Handler(), p)
		if r.status != http.StatusOK || r.header.Get("Content-Type") != "text/html" {
			t.Errorf("%s: %d %q, want 200 text/html", p, r.status, r.header.Get("Content-Type"))
		}
		if !bytes.Contains(r.body[:min(len(r.body), 512)], []byte(`<meta charset="gbk">`)) {
			t.Errorf("%s: no <meta charset=\"gbk\"> at the top", p)
		}
		if _, name, _ := charset.DetermineEncoding(r.body, "text/html"); name != "gbk" {
			t.Errorf("%s: prescan finds %q, want gbk", p, name)
		}
		dec, err := simplifiedchinese.GBK.NewDecoder().Bytes(r.body)
		if err != nil || !strings.Contains(string(dec), "沈阳") {
			t.Errorf("%s: decoded page lacks 沈阳 (err %v)", p, err)
		}
	}
	if n < 11 {
		t.Errorf("%d GBK city and list pages, want >= 11", n)
	}
}

func TestUTF8PagesDeclareUTF8(t *testing.T) {
	b, tr := demo()
	for _, p := range tr.NonListings {
		if strings.HasPrefix(p, "/shenyang/") {
			continue
		}
		r := get(t, b.Handler(), p)
		if r.header.Get("Content-Type") != "text/html; charset=utf-8" || !bytes.Contains(r.body, []byte(`<meta charset="utf-8">`)) || !utf8.Valid(r.body) {
			t.Errorf("%s: %q, want UTF-8 declared in header and meta", p, r.header.Get("Content-Type"))
		}
	}
}
