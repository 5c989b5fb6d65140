package extract

import (
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// The single pass of the generic extractor. walker visits every element
// once, skipping chrome, and on the way
//   - writes the page's visible text (textBuf), remembering where each
//     element's text starts and ends, so any element's text is a slice of
//     one buffer;
//   - reads <title>, og:title, h1 and the breadcrumb;
//   - takes labelled fields from table rows, dl lists, li and span pairs;
//   - scores blocks of prose to find the description;
//   - finds the biggest group of similar sibling rows holding links.
// Label lines ("薪资：150元/天") are read from the text afterwards.

// stats sums a subtree for the parent's decisions.
type stats struct {
	text    int  // visible runes
	link    int  // visible runes inside links
	para    int  // runes of prose this element owns: its text and its inline/p-like children's
	links   int  // <a href> elements
	maxLink int  // runes of the longest link
	local   bool // holds a link to this site
	block   bool // holds block-level elements
	pairs   int  // label/value pairs read inside it
}

// kid is a visited child element.
type kid struct {
	n          *html.Node
	st         stats
	start, end int // its text in walker.out.b
}

type span struct{ start, end int }

// found is a field value and how it was found; lower rank wins, and among
// equal ranks the first on the page.
type found struct {
	value  string
	method string
	rank   int
	at     int      // offset in walker.out.b where it was found
	more   []string // further values of a contact field (two phone rows)
}

// maxMore caps the further values kept of one contact field.
const maxMore = 8

// multi reports whether a field keeps every value found, not just the
// first: an ad may give two phones, and both matter.
func multi(f field) bool { return f == fPhone || f == fQQ || f == fWeChat || f == fContact }

// Ranks of the ways a field is found.
const (
	rankProfile = iota
	rankTable
	rankDL
	rankLI
	rankSpan
	rankLabel
)

var rankMethods = [...]string{"profile", "table", "dl", "li", "span", "label"}

// crumbLink is one link of the breadcrumb.
type crumbLink struct{ text, href string }

// Thresholds of the structure tests.
const (
	maxLabelText = 64  // bytes of text a label cell can hold
	maxPairText  = 600 // bytes of text a "标签：值" cell or item can hold
	minPara      = 8   // runes of prose for a block to be a description
	maxLinkShare = 35  // per cent of a description's text that may be links
	minRows      = 5   // similar rows for an index
	minRowLink   = 4   // runes of a row's link text
	longRowLink  = 8   // runes of a link that is a row on its own
	articleProse = 300 // runes of prose that make a page an article whatever else it holds
	shortProse   = 120 // runes of prose that make a page without rows an article
)

type walker struct {
	chrome cascadia.Matcher // the profile's chrome selectors, or nil
	host   string
	out    textBuf
	kids   []kid

	title, ogTitle, siteName string
	brands                   []string // texts of links to the site's home page (its logo)
	h1                       []span
	heads                    []span // h2, h3 and title-classed leaves: headline candidates
	fields                   [nFields]found
	crumb                    []crumbLink
	best                     span
	bestPara                 int
	fieldBox                 span // the best block of prose among those holding label pairs
	fieldPara                int
	pairs                    int // label/value pairs read so far
	rows                     []*html.Node
	rowSig                   string
	rowSpan                  span
	rowText                  int // runes of text in rows
	pays                     []payBox
}

// run walks the page from root, then reads label lines from its text and
// drops fields that came from inside listing rows.
func (w *walker) run(root *html.Node) {
	w.out.b = make([]byte, 0, 4096)
	w.kids = make([]kid, 0, 64)
	w.walk(root, false)
	if w.bestPara == 0 {
		w.best, w.bestPara = w.fieldBox, w.fieldPara
	}
	at := 0
	for line := range strings.SplitSeq(string(w.out.b), "\n") {
		labelPairs(line, func(p pair) { w.set(p.f, p.value, rankLabel, at) })
		at += len(line) + 1
	}
	// Fields inside the rows of a list (a related-jobs box, an index page)
	// belong to other ads.
	if len(w.rows) > 0 {
		for f := range w.fields {
			if a := w.fields[f].at; a >= w.rowSpan.start && a < w.rowSpan.end {
				w.fields[f] = found{}
			}
		}
	}
}

// set records a field value found by the method of rank r.
func (w *walker) set(f field, v string, r, at int) {
	if f == fIgnore || v == "" {
		return
	}
	if f == fBody {
		v = strings.TrimSpace(v)
	} else {
		v = clip(strings.TrimFunc(oneLine(v), trimValue), 200)
	}
	if v == "" {
		return
	}
	if r < rankLabel {
		w.pairs++
	}
	cur := &w.fields[f]
	switch {
	case cur.value == "" || r < cur.rank:
		*cur = found{value: v, method: rankMethods[r], rank: r, at: at}
	case multi(f) && r == cur.rank && v != cur.value && !slices.Contains(cur.more, v) && len(cur.more) < maxMore:
		cur.more = append(cur.more, v)
	}
}

// text is a visited element's text on one line; raw keeps its lines.
func (w *walker) text(k kid) string { return oneLine(w.raw(k)) }

func (w *walker) raw(k kid) string { return string(w.out.b[k.start:k.end]) }

// walk visits n's children and returns n's stats.
func (w *walker) walk(n *html.Node, inLink bool) stats {
	var st stats
	base, start, pairs := len(w.kids), len(w.out.b), w.pairs
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			r := w.out.write(c.Data)
			st.text += r
			if inLink {
				st.link += r
			} else {
				st.para += r
			}
		case html.ElementNode:
			start := len(w.out.b)
			cs, ok := w.element(c, inLink)
			if !ok {
				continue
			}
			w.kids = append(w.kids, kid{c, cs, start, len(w.out.b)})
			st.text += cs.text
			st.link += cs.link
			st.links += cs.links
			st.maxLink = max(st.maxLink, cs.maxLink)
			st.local = st.local || cs.local
			k := kindOf(c)
			if k != tagInline || cs.block {
				st.block = true
			}
			if k == tagInline || !cs.block && proseBox(c) {
				st.para += cs.text - cs.link
			}
		}
	}
	kids := w.kids[base:]
	switch n.DataAtom {
	case atom.Tr:
		w.rowPairs(kids)
	case atom.Dl:
		w.dlPairs(kids)
	case atom.Li:
		w.liPairs(kids, span{start, len(w.out.b)})
	case atom.P, atom.Div, atom.Span, atom.Section, atom.Label:
		if !st.block || leafPairs(kids, len(w.out.b)-start) {
			w.pairOfKids(kids, rankSpan)
		}
	}
	if len(kids) >= minRows {
		w.groupRows(kids)
	}
	w.kids = w.kids[:base]
	st.pairs = w.pairs - pairs
	return st
}

// element visits one element; ok is false when it is skipped (not text,
// hidden, chrome) or is a <br>.
func (w *walker) element(n *html.Node, inLink bool) (stats, bool) {
	switch n.DataAtom {
	case atom.Title:
		if w.title == "" {
			w.title = lineText(n)
		}
		return stats{}, false
	case atom.Meta:
		w.meta(n)
		return stats{}, false
	case atom.Head:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				w.element(c, false)
			}
		}
		return stats{}, false
	}
	k := kindOf(n)
	if k == tagSkip || hidden(n) {
		return stats{}, false
	}
	if k == tagBreak {
		w.out.lineBreak()
		return stats{}, false
	}
	if n.DataAtom != atom.Body && n.DataAtom != atom.Html {
		if isCrumb(n) {
			w.readCrumb(n)
			return stats{}, false
		}
		if w.chrome != nil && w.chrome.Match(n) || chromeByName(n) || chromeByHeading(n) {
			if len(w.brands) < maxBrands {
				budget := 400
				w.findBrands(n, &budget)
			}
			if w.crumb == nil {
				if c := findCrumb(n); c != nil {
					w.readCrumb(c)
				}
			}
			return stats{}, false
		}
	}
	switch k {
	case tagBlock:
		w.out.lineBreak()
	case tagCell:
		w.out.sep()
	}
	start := len(w.out.b)
	href := ""
	if n.DataAtom == atom.A {
		href = strings.TrimSpace(attr(n, "href"))
	}
	st := w.walk(n, inLink || href != "")
	end := len(w.out.b)
	switch k {
	case tagBlock:
		w.out.lineBreak()
	case tagCell:
		w.out.sep()
	}
	if href != "" && !inLink && len(w.brands) < maxBrands && w.homeHref(href) {
		w.brand(lineText(n))
	}
	if href != "" && !inLink {
		st.links++
		st.link = st.text
		st.maxLink = st.text
		st.local = st.local || w.isLocal(href)
	}
	if !st.block && st.links == 0 && st.text > 0 && st.text <= maxPayText && len(w.pays) < maxPayBoxes {
		w.payBox(n, start, end)
	}
	switch {
	case n.DataAtom == atom.H1:
		w.h1 = append(w.h1, span{start, end})
	case len(w.heads) < maxHeads && !st.block && st.text >= 2 && st.text <= maxTitleHead && headlike(n):
		w.heads = append(w.heads, span{start, end})
	}
	if k != tagInline && st.para >= minPara && st.link*100 <= st.text*maxLinkShare && !footerText(w.out.b[start:end]) {
		// A block of label pairs (a job card, a field table) is the
		// description only when the page has no other prose.
		switch {
		case st.pairs < 2 && st.para > w.bestPara:
			w.best, w.bestPara = span{start, end}, st.para
		case st.pairs >= 2 && st.para > w.fieldPara:
			w.fieldBox, w.fieldPara = span{start, end}, st.para
		}
	}
	return st, true
}

// footerWords mark the site's own small print (版权所有, 客服电话, ICP备案),
// which is never an ad's description, whatever its class.
var footerWords = []string{"版权所有", "版權所有", "copyright", "Copyright", "©", "ICP备", "ICP證", "客服电话", "客服热线", "客服電話", "意见反馈", "关于我们"}

// maxFooter is the longest text, in bytes, read as a footer.
const maxFooter = 600

// footerText reports whether a short block reads as the site's footer.
func footerText(b []byte) bool {
	if len(b) > maxFooter {
		return false
	}
	s := string(b)
	for _, w := range footerWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// proseBox reports whether a block element without blocks inside reads as a
// paragraph of its parent.
func proseBox(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Center, atom.Blockquote, atom.Pre, atom.Section, atom.Article:
		return true
	}
	return false
}

// meta reads og:title and og:site_name.
func (w *walker) meta(n *html.Node) {
	switch strings.ToLower(attr(n, "property") + attr(n, "name")) {
	case "og:title":
		if w.ogTitle == "" {
			w.ogTitle = oneLine(textnorm.Space(attr(n, "content")))
		}
	case "og:site_name":
		if w.siteName == "" {
			w.siteName = oneLine(textnorm.Space(attr(n, "content")))
		}
	}
}

// Bounds on the headline and brand candidates kept.
const (
	maxBrands    = 4
	maxHeads     = 8
	maxTitleHead = 100 // runes
)

// headlike reports whether an element can be the page's main heading: an
// h2 or h3, or an element whose class or id says title (job-title,
// pos_title, subject).
func headlike(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H2, atom.H3:
		return true
	case atom.A, atom.Li, atom.Td, atom.Th, atom.Dt, atom.Dd, atom.Label:
		return false
	}
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		v := strings.ToLower(a.Val)
		if strings.Contains(v, "title") || strings.Contains(v, "subject") || strings.Contains(v, "jobname") ||
			strings.Contains(v, "job-name") || strings.Contains(v, "job_name") || strings.Contains(v, "headline") {
			return true
		}
	}
	return false
}

// homeHref reports whether href leads to this site's home page.
func (w *walker) homeHref(href string) bool {
	if !homeLink(href) {
		return false
	}
	u, err := url.Parse(href)
	return err == nil && (u.Host == "" || strings.EqualFold(u.Host, w.host))
}

// brand keeps the text of a link to the home page as one of the site's
// names, unless it is a generic word such as 首页.
func (w *walker) brand(t string) {
	t = strings.TrimSpace(t)
	n := utf8.RuneCountInString(t)
	if n < 2 || n > 16 || homeWords[textnorm.Fold(t)] || slices.Contains(w.brands, t) {
		return
	}
	w.brands = append(w.brands, t)
}

// homeWords are texts of home links that name no site.
var homeWords = map[string]bool{"首页": true, "返回首页": true, "网站首页": true, "回到首页": true, "主页": true, "home": true, "返回": true, "logo": true}

// findBrands looks for links to the home page inside a chrome box (the logo
// in a header), visiting at most *budget elements.
func (w *walker) findBrands(n *html.Node, budget *int) {
	for c := n.FirstChild; c != nil && *budget > 0 && len(w.brands) < maxBrands; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		*budget--
		if c.DataAtom == atom.A {
			if href := strings.TrimSpace(attr(c, "href")); href != "" && w.homeHref(href) {
				t := lineText(c)
				if t == "" {
					t = attr(c, "title")
				}
				w.brand(t)
			}
			continue
		}
		if kindOf(c) != tagSkip {
			w.findBrands(c, budget)
		}
	}
}

// isLocal reports whether href points into this site.
func (w *walker) isLocal(href string) bool {
	l := strings.ToLower(href)
	switch {
	case strings.HasPrefix(l, "#"), strings.HasPrefix(l, "javascript:"), strings.HasPrefix(l, "mailto:"),
		strings.HasPrefix(l, "tel:"), strings.HasPrefix(l, "data:"):
		return false
	case strings.HasPrefix(l, "http://"):
		l = l[len("http://"):]
	case strings.HasPrefix(l, "https://"):
		l = l[len("https://"):]
	case strings.HasPrefix(l, "//"):
		l = l[2:]
	default:
		// Relative, unless a scheme (weixin:, sms:) comes before any path.
		colon, path := strings.IndexByte(l, ':'), strings.IndexAny(l, "/?#")
		return colon < 0 || path >= 0 && path < colon
	}
	if i := strings.IndexAny(l, "/?#"); i >= 0 {
		l = l[:i]
	}
	return l == strings.ToLower(w.host)
}

// readCrumb keeps the steps of the first breadcrumb on the page: its links
// and the plain text between the separators (the last step of a crumb is
// often not a link).
func (w *walker) readCrumb(n *html.Node) {
	if w.crumb != nil {
		return
	}
	w.crumb = []crumbLink{}
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				for step := range strings.FieldsFuncSeq(c.Data, crumbSep) {
					if step = crumbStep(step); step != "" {
						w.crumb = append(w.crumb, crumbLink{text: step})
					}
				}
			case c.Type != html.ElementNode || kindOf(c) == tagSkip || hidden(c):
			case c.DataAtom == atom.A:
				if t := crumbStep(lineText(c)); t != "" {
					w.crumb = append(w.crumb, crumbLink{t, attr(c, "href")})
				}
			default:
				visit(c)
			}
		}
	}
	visit(n)
}

func crumbSep(r rune) bool {
	switch r {
	case '>', '›', '»', '＞', '→', '/', '|', '｜', '-', '—':
		return true
	}
	return false
}

// crumbStep trims a breadcrumb step and drops the 当前位置： that opens one.
func crumbStep(s string) string {
	s = textnorm.Space(s)
	for _, p := range crumbStarts {
		s = strings.TrimPrefix(s, p)
	}
	return strings.TrimSpace(strings.Trim(s, ":： "))
}

// findCrumb looks for a breadcrumb inside a chrome box (a header that holds
// the 当前位置 line), without descending into big link strips.
func findCrumb(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom == atom.A || kindOf(c) == tagSkip {
			continue
		}
		if isCrumb(c) {
			return c
		}
		if f := findCrumb(c); f != nil {
			return f
		}
	}
	return nil
}
