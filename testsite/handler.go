package testsite

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Content types the board sends.
const (
	typeUTF8 = "text/html; charset=utf-8"
	typeGBK  = "text/html; charset=GBK"
	typeBare = "text/html" // no charset: the page's meta tag or a sniffer decides
	typeText = "text/plain; charset=utf-8"
	typeCSS  = "text/css; charset=utf-8"
)

const robotsTxt = "User-agent: *\nDisallow: /member/\nCrawl-delay: 0\n"

// page is a response before conditional-request handling.
type page struct {
	status   int // 200, 301 or 404
	body     []byte
	ctype    string
	location string // for 301
}

// Handler serves the board: GET and HEAD, with ETag and Last-Modified on
// every page and 304 answers to If-None-Match and If-Modified-Since.
func (b *Board) Handler() http.Handler { return http.HandlerFunc(b.serveHTTP) }

func (b *Board) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p, err := b.page(r.URL.Path)
	if err != nil {
		http.Error(w, "testsite: "+err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	switch p.status {
	case http.StatusMovedPermanently:
		http.Redirect(w, r, p.location, http.StatusMovedPermanently)
		return
	case http.StatusNotFound:
		h.Set("Content-Type", p.ctype)
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write(p.body)
		return
	}
	h.Set("Content-Type", p.ctype)
	h.Set("ETag", etag(p.body))
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", b.lastModified(r.URL.Path, p.body), bytes.NewReader(p.body))
}

func etag(body []byte) string {
	s := sha256.Sum256(body)
	return `"` + hex.EncodeToString(s[:12]) + `"`
}

// lastModified is the date of the edition that first served this exact
// content: an edition 2 page that did not change keeps edition 1's date.
func (b *Board) lastModified(path string, body []byte) time.Time {
	if b.base != nil {
		if p, err := b.base.page(path); err == nil && p.status == http.StatusOK && bytes.Equal(p.body, body) {
			return b.base.modTime
		}
	}
	return b.modTime
}

// page renders the response for a path.
func (b *Board) page(path string) (page, error) {
	switch path {
	case "/":
		return htmlPage(b.renderHome())
	case "/robots.txt":
		return page{status: http.StatusOK, body: []byte(robotsTxt), ctype: typeText}, nil
	case "/static/style.css":
		css, err := fs.ReadFile(files, "static/style.css")
		return page{status: http.StatusOK, body: css, ctype: typeCSS}, err
	case "/links.html":
		return htmlPage(b.renderLinks())
	case "/member/login.html":
		return htmlPage(b.renderSimple(b.tpl.login, "会员登录", nil))
	case "/member/post.html":
		return htmlPage(b.renderSimple(b.tpl.post, "免费发布", nil))
	}
	parts := strings.Split(strings.TrimPrefix(path, "/"), "/")
	switch {
	case len(parts) == 2 && (parts[0] == "news" || parts[0] == "notice"):
		arts, section := b.c.news, "最新资讯"
		if parts[0] == "notice" {
			arts, section = b.c.notices, "网站公告"
		}
		if n, ok := number(parts[1], "", ".html"); ok && n >= 1 && int(n) <= len(arts) {
			return htmlPage(b.renderArticle(arts[n-1], section))
		}
		return b.notFound()
	case len(parts) == 3 && parts[0] == "city" && parts[2] == "":
		for _, o := range b.c.cities.Others {
			if o.Slug == parts[1] {
				return htmlPage(b.renderSimple(b.tpl.other, o.Name+"兼职", o.Name))
			}
		}
		return b.notFound()
	}
	ci := b.c.city(parts[0])
	if ci < 0 {
		return b.notFound()
	}
	slug := parts[0]
	switch len(parts) {
	case 1:
		return page{status: http.StatusMovedPermanently, location: "/" + slug + "/"}, nil
	case 2:
		if parts[1] == "" {
			body, err := b.renderCity(ci, b.listMeta(slug))
			return b.cityPage(slug, body, err)
		}
		if cat(parts[1]) >= 0 {
			return page{status: http.StatusMovedPermanently, location: path + "/"}, nil
		}
	case 3:
		k := cat(parts[1])
		if k < 0 {
			break
		}
		if parts[2] == "" {
			body, err := b.renderList(ci, k, 1, b.listMeta(slug))
			return b.cityPage(slug, body, err)
		}
		if n, ok := number(parts[2], "index_", ".html"); ok && n >= 2 && int(n) <= b.lastPage(ci, k) {
			body, err := b.renderList(ci, k, int(n), b.listMeta(slug))
			return b.cityPage(slug, body, err)
		}
		if id, ok := number(parts[2], "", ".html"); ok {
			if l, found := b.find(id); found && int(l.city) == ci && int(l.cat) == k {
				return b.detailPage(l)
			}
		}
	}
	return b.notFound()
}

func htmlPage(body []byte, err error) (page, error) {
	return page{status: http.StatusOK, body: body, ctype: typeUTF8}, err
}

func (b *Board) notFound() (page, error) {
	body, err := b.renderSimple(b.tpl.notFound, "页面不存在", nil)
	return page{status: http.StatusNotFound, body: body, ctype: typeUTF8}, err
}

func (b *Board) lastPage(ci, cat int) int {
	return max(1, (len(b.chans[ci*numCats+cat])+perPage-1)/perPage)
}

// listMeta is the charset meta of a city or list page: <meta charset="gbk">
// in the GBK city.
func (b *Board) listMeta(slug string) string {
	if slug == gbkCity {
		return "gbk"
	}
	return "utf-8"
}

// cityPage finishes a city or list page: GBK pages are encoded and sent
// without a charset in the header, so their meta tag decides.
func (b *Board) cityPage(slug string, body []byte, err error) (page, error) {
	if err != nil || slug != gbkCity {
		return htmlPage(body, err)
	}
	return encodeGBK(body, typeBare)
}

// encodings of GBK detail pages, by id % 3.
var gbkModes = [3]struct{ meta, ctype, truth string }{
	{"gb2312", typeBare, "gbk-meta"},
	{"none", typeGBK, "gbk-header"},
	{"none", typeBare, "gbk-none"},
}

func (b *Board) detailPage(l listing) (page, error) {
	if b.c.cities.Served[l.city].Slug != gbkCity {
		return htmlPage(b.renderDetail(l, "utf-8"))
	}
	m := gbkModes[l.id%3]
	body, err := b.renderDetail(l, m.meta)
	if err != nil {
		return page{}, err
	}
	return encodeGBK(body, m.ctype)
}

// encodeGBK encodes a rendered page; a character GBK lacks is an error, never
// a silent replacement.
func encodeGBK(body []byte, ctype string) (page, error) {
	out, err := simplifiedchinese.GBK.NewEncoder().Bytes(body)
	if err != nil {
		return page{}, fmt.Errorf("encode gbk: %w", err)
	}
	return page{status: http.StatusOK, body: out, ctype: ctype}, nil
}

// number parses prefix + decimal + suffix strictly: no sign, no leading
// zero, so every page has exactly one URL.
func number(s, prefix, suffix string) (uint32, bool) {
	s, ok := strings.CutPrefix(s, prefix)
	if !ok {
		return 0, false
	}
	if s, ok = strings.CutSuffix(s, suffix); !ok || s == "" || s[0] == '0' || len(s) > 9 {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(s, 10, 32)
	return uint32(n), err == nil
}
