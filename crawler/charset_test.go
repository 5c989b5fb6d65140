package crawler_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

const (
	simplifiedAd = "兼职信息网：周末发传单，150元/天，日结。工作地点：沈阳市和平区。联系人：王先生。" +
		"要求：学生优先，认真负责，不收任何押金和培训费。警惕刷单、打字员等诈骗信息，凡是要求先交钱的都是骗子。"
	// gb18030Ad has 䶮 (U+4DAE), which only GB18030's four-byte form encodes.
	gb18030Ad     = simplifiedAd + "招聘单位：刘䶮文化传媒。"
	traditionalAd = "兼職信息網：週末派發傳單，每天150元，當日結算。工作地點：台北市信義區。聯絡人：王先生。" +
		"要求：學生優先，認真負責，不收任何押金與培訓費。小心刷單、打字員等詐騙訊息，凡是要求先繳錢的都是騙子。"
)

// chinesePage renders an ad page with a long head, so a <meta> placed after
// it lies beyond the 1024 bytes the standard prescan reads.
func chinesePage(text, meta string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head>\n")
	b.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1">` + "\n")
	for i := range 12 {
		fmt.Fprintf(&b, `<link rel="stylesheet" href="/static/css/theme-%02d.css?v=20261120" media="screen and (min-width: %dpx)">`+"\n", i, 320+i*40)
	}
	b.WriteString(`<meta name="keywords" content="part-time jobs, weekend jobs, students, flyers, promoters">` + "\n")
	b.WriteString(meta)
	b.WriteString("\n<title>ad</title></head><body><div class=\"job-desc\"><p>" + text + "</p></div></body></html>")
	return b.String()
}

func TestCharsets(t *testing.T) {
	encs := []struct {
		label, want string // declared label, Page.Charset expected when declared
		enc         encoding.Encoding
		text        string
		sniffed     string // Page.Charset expected when undeclared
	}{
		{"gbk", "gbk", simplifiedchinese.GBK, simplifiedAd, "gb18030"},
		{"gb2312", "gbk", simplifiedchinese.GBK, simplifiedAd, "gb18030"},
		{"gb18030", "gb18030", simplifiedchinese.GB18030, gb18030Ad, "gb18030"},
		{"big5", "big5", traditionalchinese.Big5, traditionalAd, "big5"},
	}
	type page struct {
		body        []byte
		contentType string
	}
	routes := map[string]page{}
	type want struct{ text, charset string }
	wants := map[string]want{}
	for _, e := range encs {
		for _, where := range []string{"header", "meta", "http-equiv", "none"} {
			ct, meta, charset := "text/html", "", e.sniffed
			switch where {
			case "header":
				ct, charset = "text/html; charset="+strings.ToUpper(e.label), e.want
			case "meta":
				meta, charset = `<meta charset="`+e.label+`">`, e.want
			case "http-equiv":
				meta, charset = `<meta http-equiv="Content-Type" content="text/html; charset=`+e.label+`">`, e.want
			}
			raw, err := e.enc.NewEncoder().String(chinesePage(e.text, meta))
			if err != nil {
				t.Fatalf("encode %s: %v", e.label, err)
			}
			path := "/" + e.label + "-" + where + ".html"
			routes[path] = page{body: []byte(raw), contentType: ct}
			wants[path] = want{text: e.text, charset: charset}
		}
	}
	index := "<html><body>"
	for path := range routes {
		index += `<a href="` + path + `">x</a>`
	}
	index += "</body></html>"
	srv, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, index)
			return
		}
		p, ok := routes[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", p.contentType)
		w.Write(p.body)
	}))
	pages, _ := crawlOnce(t, fastConfig(t, srv.URL+"/"))
	for path, w := range wants {
		t.Run(strings.TrimPrefix(path, "/"), func(t *testing.T) {
			p, ok := pages[path]
			if !ok {
				t.Fatalf("page %s not crawled", path)
			}
			if diff := cmp.Diff(w.charset, p.Charset); diff != "" {
				t.Errorf("Charset (-want +got):\n%s", diff)
			}
			if !strings.Contains(string(p.Body), "<p>"+w.text+"</p>") {
				t.Errorf("body does not hold the ad text decoded; got %.300q", p.Body)
			}
		})
	}
}

// TestCharsetHeaderLies checks that a wrong header charset (a server default
// of utf-8 over a GBK page) yields to the page's own meta.
func TestCharsetHeaderLies(t *testing.T) {
	raw, _ := simplifiedchinese.GBK.NewEncoder().String(chinesePage(simplifiedAd, `<meta charset="gbk">`))
	srv, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(raw))
	}))
	pages, _ := crawlOnce(t, fastConfig(t, srv.URL+"/"))
	p := pages["/"]
	if p.Charset != "gbk" || !strings.Contains(string(p.Body), simplifiedAd) {
		t.Errorf("got charset %q body %.200q, want gbk and the ad text", p.Charset, p.Body)
	}
}

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return u
}

// TestCharsetStrayBytes checks that a page declared UTF-8 (in the header or
// a meta) keeps its charset and its ad through a few stray bytes, as a cut
// upload leaves them, instead of being re-guessed as GB18030.
func TestCharsetStrayBytes(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><title>ad</title></head><body><p>` + simplifiedAd + `</p></body></html>`
	i := strings.Index(page, "<p>") + 3
	raw := page[:i] + "\xb5\xc4\xff" + page[i:]
	srv, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><body><a href="/header.html">a</a><a href="/meta.html">b</a></body></html>`)
			return
		}
		if r.URL.Path == "/header.html" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		} else {
			w.Header().Set("Content-Type", "text/html")
		}
		fmt.Fprint(w, raw)
	}))
	pages, _ := crawlOnce(t, fastConfig(t, srv.URL+"/"))
	for _, path := range []string{"/header.html", "/meta.html"} {
		p, ok := pages[path]
		if !ok {
			t.Fatalf("page %s not crawled", path)
		}
		if p.Charset != "utf-8" || !strings.Contains(string(p.Body), simplifiedAd) {
			t.Errorf("%s: charset %q, body %.200q; want utf-8 and the ad text", path, p.Charset, p.Body)
		}
	}
}
