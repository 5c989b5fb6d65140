package crawler

import (
	"bytes"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// tagAttrs are the attributes of a tag that hrefs reads, each the first
// of its name (the tokenizer gives names lower-cased), so a tag costs no
// map and only its wanted values are copied.
type tagAttrs struct {
	href, rel, src, httpEquiv, content string
	has                                uint8
}

const (
	hasHref uint8 = 1 << iota
	hasRel
	hasSrc
	hasHTTPEquiv
	hasContent
)

func (t *tagAttrs) keep(k, v []byte) {
	var dst *string
	var bit uint8
	switch string(k) {
	case "href":
		dst, bit = &t.href, hasHref
	case "rel":
		dst, bit = &t.rel, hasRel
	case "src":
		dst, bit = &t.src, hasSrc
	case "http-equiv":
		dst, bit = &t.httpEquiv, hasHTTPEquiv
	case "content":
		dst, bit = &t.content, hasContent
	default:
		return
	}
	if t.has&bit == 0 {
		*dst, t.has = string(v), t.has|bit
	}
}

// maxLinksPerPage bounds the work a hostile page can cause.
const maxLinksPerPage = 5000

// hrefs returns the link targets of an HTML page in document order: <a>,
// <area>, <link rel=next|prev>, <frame>, <iframe> and <meta refresh>, and
// the <base href> if the page sets one. It only finds URLs to crawl; it
// reads nothing else (extract parses pages).
func hrefs(body []byte) (links []string, base string) {
	z := html.NewTokenizer(bytes.NewReader(body))
	for len(links) < maxLinksPerPage {
		tt := z.Next()
		if tt == html.ErrorToken {
			return links, base
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		if !hasAttr {
			continue
		}
		a := atom.Lookup(name)
		switch a {
		case atom.A, atom.Area, atom.Link, atom.Frame, atom.Iframe, atom.Base, atom.Meta:
		default:
			continue
		}
		var at tagAttrs
		for {
			k, v, more := z.TagAttr()
			at.keep(k, v)
			if !more {
				break
			}
		}
		switch a {
		case atom.A, atom.Area:
			if at.has&hasHref != 0 {
				links = append(links, at.href)
			}
		case atom.Link:
			rel := " " + strings.ToLower(at.rel) + " "
			if strings.Contains(rel, " next ") || strings.Contains(rel, " prev ") {
				links = append(links, at.href)
			}
		case atom.Frame, atom.Iframe:
			if s := at.src; s != "" {
				links = append(links, s)
			}
		case atom.Base:
			if base == "" {
				base = at.href
			}
		case atom.Meta:
			if strings.EqualFold(at.httpEquiv, "refresh") {
				if u := refreshURL(at.content); u != "" {
					links = append(links, u)
				}
			}
		}
	}
	return links, base
}

// refreshURL takes the URL out of a meta refresh: "5; url=/next.html".
func refreshURL(content string) string {
	_, rest, ok := strings.Cut(content, ";")
	if !ok {
		_, rest, ok = strings.Cut(content, ",")
	}
	if !ok {
		return ""
	}
	rest = strings.TrimSpace(rest)
	if len(rest) >= 4 && strings.EqualFold(rest[:3], "url") {
		rest = strings.TrimSpace(rest[3:])
		if r, ok := strings.CutPrefix(rest, "="); ok {
			return strings.Trim(strings.TrimSpace(r), `"'`)
		}
	}
	return ""
}

// skipSchemes are link targets that are not pages.
var skipSchemes = []string{"javascript:", "mailto:", "tel:", "data:", "sms:", "weixin:", "tencent:", "about:"}

// binaryExt are file types never worth fetching for listings.
var binaryExt = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".bmp": true, ".svg": true, ".ico": true,
	".css": true, ".js": true, ".json": true, ".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true,
	".ppt": true, ".zip": true, ".rar": true, ".7z": true, ".gz": true, ".tar": true, ".exe": true, ".apk": true,
	".dmg": true, ".mp3": true, ".mp4": true, ".avi": true, ".mov": true, ".flv": true, ".wmv": true, ".swf": true,
	".woff": true, ".woff2": true, ".ttf": true, ".xml": true, ".txt": true,
}

// resolver memoises resolve for the links a board repeats on every page
// (its navigation, cities, categories, pagination): a link that names its
// scheme and host, or an absolute path, resolves the same from every page
// of a host, so it is parsed and made canonical once a crawl. Resolving
// links was 4% of a demo crawl's CPU.
type resolver struct {
	drop []string
	mu   sync.Mutex
	seen map[string]resolved
}

type resolved struct {
	cu string
	u  *url.URL // shared: callers only read it
	ok bool
}

// resolverMax bounds the memo; past it, it starts afresh (a board's
// repeated links are back in it after a page or two).
const resolverMax = 1 << 12

func newResolver(drop []string) *resolver {
	return &resolver{drop: drop, seen: map[string]resolved{}}
}

func (r *resolver) resolve(base *url.URL, raw string) (string, *url.URL, bool) {
	var key string
	switch {
	case strings.HasPrefix(raw, "/") && !strings.HasPrefix(raw, "//"):
		key = base.Scheme + "://" + base.Host + raw
	case hasPrefixFold(raw, "http://") || hasPrefixFold(raw, "https://"):
		key = raw
	default:
		return resolve(base, raw, r.drop) // relative to the page's directory or query
	}
	r.mu.Lock()
	v, hit := r.seen[key]
	r.mu.Unlock()
	if hit {
		return v.cu, v.u, v.ok
	}
	cu, u, ok := resolve(base, raw, r.drop)
	r.mu.Lock()
	if len(r.seen) >= resolverMax {
		clear(r.seen)
	}
	r.seen[key] = resolved{cu: cu, u: u, ok: ok}
	r.mu.Unlock()
	return cu, u, ok
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// resolve turns a raw href on a page into a canonical absolute URL.
func resolve(base *url.URL, raw string, drop []string) (string, *url.URL, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || raw[0] == '#' {
		return "", nil, false
	}
	low := strings.ToLower(raw)
	for _, p := range skipSchemes {
		if strings.HasPrefix(low, p) {
			return "", nil, false
		}
	}
	ref, err := parseLoose(raw)
	if err != nil {
		return "", nil, false
	}
	cu, err := canonicalURL(base.ResolveReference(ref), drop)
	if err != nil {
		return "", nil, false
	}
	u, err := url.Parse(cu)
	if err != nil {
		return "", nil, false
	}
	return cu, u, true
}

// pathQuery is what Patterns match: path, and ?query when there is one.
func pathQuery(u *url.URL) string {
	if u.RawQuery == "" {
		return u.EscapedPath()
	}
	return u.EscapedPath() + "?" + u.RawQuery
}

// isBinaryPath says whether the path names a file type that is not a page.
func isBinaryPath(p string) bool {
	return binaryExt[strings.ToLower(path.Ext(p))]
}

// isHTML says whether a response is a page to hand on: an HTML or XHTML
// content type, or none and a body that looks like HTML.
func isHTML(contentType string, body []byte) bool {
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "html"):
		return true
	case ct == "" || strings.HasPrefix(ct, "text/plain") || strings.HasPrefix(ct, "application/octet-stream"):
		return strings.Contains(http.DetectContentType(body), "html")
	}
	return false
}
