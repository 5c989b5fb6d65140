package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// textBuf accumulates display text: runs of white space become one space,
// block boundaries one newline, and nothing leads or trails. It is
// textnorm.Space applied line by line, done while the text is written so
// the page is copied once. Zero-width characters (used to break up
// contacts) are dropped, and so are U+FFFD and invalid UTF-8, the marks of
// stray bytes, which say nothing of the ad.
type textBuf struct {
	b      []byte
	space  bool // white space seen since the last rune written
	brk    bool // a block boundary seen since the last rune written
	inline bool // block boundaries count as spaces (one-line field text)
	limit  int  // stop writing past this many bytes; 0: no limit
	full   bool // the limit was reached
}

// write appends the text s and returns how many visible runes it added.
func (t *textBuf) write(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if t.limit > 0 && len(t.b) >= t.limit {
			t.full = true
			return n
		}
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || (r >= utf8.RuneSelf && unicode.IsSpace(r)):
			t.space = true
			continue
		case zeroWidth(r):
			continue
		}
		if len(t.b) > 0 {
			if t.brk {
				t.b = append(t.b, '\n')
			} else if t.space {
				t.b = append(t.b, ' ')
			}
		}
		t.brk, t.space = false, false
		t.b = utf8.AppendRune(t.b, r)
		n++
	}
	return n
}

// lineBreak marks a block boundary.
func (t *textBuf) lineBreak() {
	if t.inline {
		t.space = true
		return
	}
	t.brk = true
}

// sep marks a boundary between table cells: a space.
func (t *textBuf) sep() { t.space = true }

func zeroWidth(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', utf8.RuneError:
		return true
	}
	return false
}

// kindOf sorts elements for the text walk.
type tagKind uint8

const (
	tagInline tagKind = iota
	tagBlock          // breaks lines: div, p, li, h1 ...
	tagCell           // td, th: separated by a space
	tagBreak          // br
	tagSkip           // never text: script, style, form controls ...
)

func kindOf(n *html.Node) tagKind {
	switch n.DataAtom {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Center, atom.Dd, atom.Details,
		atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure,
		atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header,
		atom.Hgroup, atom.Hr, atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Pre,
		atom.Section, atom.Summary, atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Ul,
		atom.Caption, atom.Legend, atom.Body, atom.Html:
		return tagBlock
	case atom.Td, atom.Th:
		return tagCell
	case atom.Br:
		return tagBreak
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Object, atom.Embed,
		atom.Svg, atom.Math, atom.Select, atom.Option, atom.Optgroup, atom.Datalist, atom.Textarea,
		atom.Button, atom.Input, atom.Head, atom.Title, atom.Meta, atom.Link, atom.Base, atom.Img,
		atom.Video, atom.Audio, atom.Canvas, atom.Map, atom.Area, atom.Frameset, atom.Frame:
		return tagSkip
	}
	return tagInline
}

// hidden reports whether an element is not shown: the hidden attribute or
// an inline display:none / visibility:hidden.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// attr returns the value of the element's attribute key.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// render writes the visible text of n's subtree into t.
func render(t *textBuf, n *html.Node) {
	for c := n.FirstChild; c != nil && !t.full; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			t.write(c.Data)
		case html.ElementNode:
			k := kindOf(c)
			if k == tagSkip || hidden(c) {
				continue
			}
			switch k {
			case tagBreak:
				t.lineBreak()
				continue
			case tagBlock:
				t.lineBreak()
			case tagCell:
				t.sep()
			}
			render(t, c)
			switch k {
			case tagBlock:
				t.lineBreak()
			case tagCell:
				t.sep()
			}
		}
	}
}

// blockText is the visible text of n with paragraphs as lines.
func blockText(n *html.Node) string {
	var t textBuf
	render(&t, n)
	return string(t.b)
}

// lineText is the visible text of n on one line, as for a field value:
// <br> and blocks inside become spaces.
func lineText(n *html.Node) string {
	t := textBuf{inline: true}
	render(&t, n)
	return string(t.b)
}

// textUpTo is n's visible text, on one line or with paragraphs as lines,
// when it is at most limit bytes long; ok is false for a longer text, which
// is not rendered in full.
func textUpTo(n *html.Node, limit int, inline bool) (s string, ok bool) {
	t := textBuf{inline: inline, limit: limit + 1}
	render(&t, n)
	return string(t.b), !t.full && len(t.b) <= limit
}

// oneLine turns a span of block text into field text.
func oneLine(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", " ")
}

// clip cuts s to at most n runes.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}
