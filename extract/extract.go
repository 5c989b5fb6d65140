package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// Extractor turns pages of one board into listings, with the board's
// Profile where it has one and the generic extractor everywhere else. It is
// pure and safe for concurrent use.
type Extractor struct {
	c *compiled
}

var _ scamhunt.Extractor = (*Extractor)(nil)

// New compiles a profile into an Extractor. The zero Profile gives the
// generic extractor.
func New(p Profile) (*Extractor, error) {
	c, err := p.compile()
	if err != nil {
		return nil, fmt.Errorf("extract profile: %w", err)
	}
	return &Extractor{c: c}, nil
}

// page is one Extract call's state.
type page struct {
	p        scamhunt.Page
	siteName string // the profile's site_name
	u        *url.URL
	root     *html.Node
	w        walker
	fields   [nFields]found // generic fields overlaid with the profile's
}

// Extract decides what kind of page p is, and why, and returns its listings:
// one for a detail page, partial ones for the rows of an index page, none
// otherwise. The profile's URL patterns are tried first, then the page's
// structure. Only a page that cannot be read is an error.
func (e *Extractor) Extract(p scamhunt.Page) (scamhunt.Extraction, error) {
	u, err := url.Parse(p.URL)
	if err != nil {
		return scamhunt.Extraction{}, fmt.Errorf("extract %s: %w", p.URL, err)
	}
	if p.Status >= 400 {
		return other(fmt.Sprintf("http status %d", p.Status)), nil
	}
	if len(bytes.TrimSpace(p.Body)) == 0 {
		return other("empty page"), nil
	}
	pg, err := e.read(p, u)
	if err != nil {
		return scamhunt.Extraction{}, fmt.Errorf("extract %s: %w", p.URL, err)
	}

	path := u.Path
	if path == "" {
		path = "/"
	}
	pq := path
	if u.RawQuery != "" {
		pq += "?" + u.RawQuery
	}
	c := e.c
	switch {
	case matches(c.otherURL, path, pq):
		return other("profile other_url matched"), nil
	case matches(c.detailURL, path, pq):
		return e.detail(pg, "profile detail_url matched"), nil
	case matches(c.indexURL, path, pq):
		return e.index(pg, "profile index_url matched", e.rowNodes(pg)), nil
	case matches(c.articleURL, path, pq):
		return scamhunt.Extraction{Kind: scamhunt.KindArticle, Why: "profile article_url matched" + pg.proseNote(), Listings: []scamhunt.Listing{}}, nil
	}
	return e.byStructure(pg), nil
}

// read parses a page and walks it once: the generic fields, overlaid with
// the profile's.
func (e *Extractor) read(p scamhunt.Page, u *url.URL) (*page, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(p.Body))
	if err != nil {
		return nil, err
	}
	pg := &page{p: p, u: u, root: doc.Nodes[0], siteName: e.c.siteName}
	pg.w.chrome, pg.w.host = e.c.chrome, u.Host
	pg.w.run(pg.root)
	pg.fields = pg.w.fields
	e.profileFields(pg)
	return pg, nil
}

// matches reports whether a URL pattern matches the path, or the path and
// query (/show.php?id=12) as the crawler's patterns see them.
func matches(re *regexp.Regexp, path, pathQuery string) bool {
	return re != nil && (re.MatchString(path) || pathQuery != path && re.MatchString(pathQuery))
}

func other(why string) scamhunt.Extraction {
	return scamhunt.Extraction{Kind: scamhunt.KindOther, Why: why, Listings: []scamhunt.Listing{}}
}

// byStructure decides a page's kind from what it holds: two labelled job
// fields, or job evidence weighed together (a contact, pay, job words, one
// field) make a detail, unless the page is a news story (long prose under a
// date or source line); long prose makes an article, many similar rows with
// links an index.
func (e *Extractor) byStructure(pg *page) scamhunt.Extraction {
	job := pg.jobFields()
	if len(job) >= 2 {
		return e.detail(pg, "labelled job fields ("+strings.Join(job, ", ")+")")
	}
	ev := pg.evidence(job)
	prose := pg.w.bestPara
	rows := e.rowNodes(pg)
	news := prose >= articleProse && pg.byline() || prose >= shortProse && pg.sourceLine()
	if ev.ad() && !news && (len(rows) < minRows || len(job) == 1 || ev.contact && ev.pay) {
		return e.detail(pg, "job evidence ("+ev.String()+")")
	}
	fieldNote := "no labelled job fields"
	if len(job) == 1 {
		fieldNote = "only one labelled job field (" + job[0] + ")"
	}
	switch {
	case prose >= articleProse || prose >= shortProse && len(rows) < minRows:
		why := fmt.Sprintf("article: long prose (%d chars), %s", prose, fieldNote)
		if pg.byline() {
			why += ", date byline"
		}
		return scamhunt.Extraction{Kind: scamhunt.KindArticle, Why: why, Listings: []scamhunt.Listing{}}
	case len(rows) >= minRows || e.c.row != nil && len(rows) > 0:
		return e.index(pg, "", rows)
	}
	return other(fmt.Sprintf("%s, no listing rows, little prose (%d chars)", fieldNote, prose))
}

// jobFields names the job fields the page labels: the evidence of a detail page.
func (pg *page) jobFields() []string {
	var out []string
	if pg.fields[fSalary].value != "" {
		out = append(out, "salary")
	}
	if pg.fields[fLocation].value != "" {
		out = append(out, "location")
	}
	for _, f := range []field{fContactPerson, fPhone, fQQ, fWeChat, fContact} {
		if pg.fields[f].value != "" {
			out = append(out, "contact")
			break
		}
	}
	if pg.fields[fHeadcount].value != "" {
		out = append(out, "headcount")
	}
	return out
}

// bylineRe finds the date or source line of a news story.
var bylineRe = regexp.MustCompile(`\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|(来源|作者|发布时间|发布日期|发布于|时间|編輯|编辑)\s*[:：]`)

// byline reports whether a short line of the page gives a date or source.
func (pg *page) byline() bool {
	for line := range strings.SplitSeq(string(pg.w.out.b), "\n") {
		if len(line) <= 240 && bylineRe.MatchString(textnorm.Fold(line)) {
			return true
		}
	}
	return false
}

// sourceRe finds the source or author line of a news story (来源：长春晚报).
var sourceRe = regexp.MustCompile(`(来源|作者|编辑|责任编辑|记者|通讯员)\s*[:：]`)

// sourceLine reports whether a short line of the page names a news
// source or author.
func (pg *page) sourceLine() bool {
	for line := range strings.SplitSeq(string(pg.w.out.b), "\n") {
		if len(line) <= 240 && sourceRe.MatchString(textnorm.Fold(line)) {
			return true
		}
	}
	return false
}

func (pg *page) proseNote() string {
	return fmt.Sprintf(" (prose %d chars)", pg.w.bestPara)
}

// profileFields overlays the fields the profile's selectors find: the
// first match of each, every match of a contact field.
func (e *Extractor) profileFields(pg *page) {
	if e.c.nDetail == 0 {
		return
	}
	var hits [nFields][]*html.Node
	e.matchFields(pg.root, &hits)
	for f, nodes := range hits {
		var fd found
		for _, n := range nodes {
			var v string
			switch field(f) {
			case fBody:
				v = strings.TrimSpace(blockText(n))
			case fCity:
				v = clip(cityOf(lineText(n), e.c.trim), 200)
			default:
				v = clip(strings.TrimFunc(lineText(n), trimValue), 200)
			}
			switch {
			case v == "" || v == fd.value || slices.Contains(fd.more, v):
			case fd.value == "":
				fd = found{value: v, method: "profile", rank: rankProfile, at: -1}
			case len(fd.more) < maxMore:
				fd.more = append(fd.more, v)
			}
		}
		if fd.value != "" {
			pg.fields[f] = fd
		}
	}
}

// matchFields finds every field's selector matches in one pass over the
// tree, instead of one query per field, skipping the profile's chrome.
func (e *Extractor) matchFields(n *html.Node, hits *[nFields][]*html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || e.c.chrome != nil && e.c.chrome.Match(c) {
			continue
		}
		for f, m := range e.c.detail {
			if m != nil && (len(hits[f]) == 0 || multi(field(f)) && len(hits[f]) <= maxMore) && m.Match(c) {
				hits[f] = append(hits[f], c)
			}
		}
		e.matchFields(c, hits)
	}
}
