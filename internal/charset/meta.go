package charset

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// metaLimit is how far into a page the head is searched for a charset.
const metaLimit = 64 << 10

// Meta finds the charset a <meta charset> or <meta http-equiv="Content-Type"
// content="...; charset=..."> declares anywhere in the head, not only in the
// first 1,024 bytes the HTML prescan reads: boards put it after long runs of
// other meta and link tags. It stops where the body starts.
func Meta(raw []byte) string {
	if len(raw) > metaLimit {
		raw = raw[:metaLimit]
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body", "div", "table", "p", "ul", "h1":
				return ""
			case "meta":
				if hasAttr {
					if cs := metaTagCharset(z); cs != "" {
						return cs
					}
				}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" {
				return ""
			}
		}
	}
}

func metaTagCharset(z *html.Tokenizer) string {
	var charset, content string
	var httpEquiv bool
	for {
		k, v, more := z.TagAttr()
		switch strings.ToLower(string(k)) {
		case "charset":
			charset = string(v)
		case "content":
			content = string(v)
		case "http-equiv":
			httpEquiv = strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
		}
		if !more {
			break
		}
	}
	if charset != "" {
		return strings.TrimSpace(charset)
	}
	if !httpEquiv {
		return ""
	}
	low := asciiLower(content) // same length as content, unlike strings.ToLower
	i := strings.Index(low, "charset")
	if i < 0 {
		return ""
	}
	v, ok := strings.CutPrefix(strings.TrimLeft(content[i+len("charset"):], " \t"), "=")
	if !ok {
		return ""
	}
	v = strings.Trim(strings.TrimSpace(v), `"'`)
	if j := strings.IndexAny(v, `;"' `); j >= 0 {
		v = v[:j]
	}
	return v
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
