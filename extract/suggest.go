package extract

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"

	"github.com/scamhunt/scamhunt"
)

// Suggest proposes a Profile from two or three saved detail pages of one
// board, for an operator to edit: for each field the generic extractor
// reads structurally (a labelled cell, a heading, the description block) it
// finds the element holding the value and keeps the first CSS selector
// that reads every page's value the same way; the site name is the <title>
// suffix the pages repeat; the detail URL pattern generalises the pages'
// URLs (figures become [0-9]+, differing path steps [^/]+). A field the
// generic extractor found on fewer than two of the pages, or no selector
// reads alike on all of them, gets none.
func Suggest(pages []scamhunt.Page) (Suggestion, error) {
	if len(pages) == 0 {
		return Suggestion{}, errors.New("suggest: no pages")
	}
	e, err := New(Profile{})
	if err != nil {
		return Suggestion{}, err
	}
	var pgs []*page
	var titles []string
	for i, p := range pages {
		u, err := url.Parse(p.URL)
		if err != nil {
			return Suggestion{}, fmt.Errorf("suggest: page %d: %w", i+1, err)
		}
		pg, err := e.read(p, u)
		if err != nil {
			return Suggestion{}, fmt.Errorf("suggest: page %d (%s): %w", i+1, p.URL, err)
		}
		// A page is an ad by its evidence, with or without a title the
		// generic extractor can find: the profile may be what gives it one.
		if ev := pg.evidence(pg.jobFields()); !ev.ad() {
			ex := e.byStructure(pg)
			return Suggestion{}, fmt.Errorf("suggest: page %d (%s) is no ad to the generic extractor (%s: %s); give saved detail pages", i+1, p.URL, ex.Kind, ex.Why)
		}
		pgs = append(pgs, pg)
		titles = append(titles, pg.w.title)
	}
	var s Suggestion
	s.Profile.SiteName = commonSuffix(titles)
	for _, pg := range pgs {
		pg.siteName = s.Profile.SiteName
	}
	s.Profile.DetailURL = urlPattern(pages)
	need := min(2, len(pgs))
	for _, f := range suggestFields {
		values := make([]string, len(pgs))
		nodes := make([]*html.Node, len(pgs))
		found := 0
		for i, pg := range pgs {
			values[i], nodes[i] = pg.suggestValue(f)
			if nodes[i] != nil {
				found++
			}
		}
		fs := FieldSuggestion{Field: fieldNames[f], Values: values}
		if found >= need {
			fs.Selector = agreeingSelector(f, pgs, values, nodes)
		}
		*s.Profile.Detail.ptrs()[f] = fs.Selector
		s.Fields = append(s.Fields, fs)
	}
	return s, nil
}

// Suggestion is Suggest's answer: the proposed Profile, and for each field
// what the generic extractor read on each page and the selector chosen.
type Suggestion struct {
	Profile Profile
	Fields  []FieldSuggestion
}

// FieldSuggestion is one detail field of a Suggestion.
type FieldSuggestion struct {
	Field    string   // the key in Fields: title, salary ...
	Selector string   // "" when no selector reads the value alike on every page
	Values   []string // what the generic extractor read on each page, "" where nothing
}

// suggestFields are the detail fields Suggest looks for; city and category
// come from breadcrumbs, which the generic extractor reads well.
var suggestFields = []field{fTitle, fSalary, fLocation, fHeadcount, fContactPerson, fPhone, fQQ, fWeChat, fCompany, fPosted, fBody}

// suggestValue is what the generic extractor reads for field f on the page
// and the element it sits in, or a nil node when the value has no element
// of its own (a label line, the <title>, pay in prose).
func (pg *page) suggestValue(f field) (string, *html.Node) {
	var v string
	switch f {
	case fTitle:
		// Even a title read from <title> may stand in the page as well.
		t, how := pg.title()
		if t == "" || how == "label" {
			return t, nil
		}
		v = t
	case fBody:
		b, how := pg.body()
		if b == "" || how == "label" {
			return b, nil
		}
		want := squashed(b)
		return b, findOuter(pg.root, func(n *html.Node) bool {
			t, ok := textUpTo(n, 2*len(b)+64, false)
			return ok && squashed(t) == want
		})
	default:
		fd := pg.fields[f]
		if fd.value == "" || fd.rank == rankLabel {
			return fd.value, nil
		}
		v = fd.value
	}
	return v, findNode(pg.root, func(n *html.Node) bool {
		t, ok := textUpTo(n, len(v)+64, true)
		return ok && clip(strings.TrimFunc(t, trimValue), 200) == v
	})
}

// fieldText is an element's text as a profile selector reads it.
func fieldText(n *html.Node) string { return clip(strings.TrimFunc(lineText(n), trimValue), 200) }

// squashed drops white space, for comparing blocks of text.
func squashed(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// findNode is the deepest element for which ok holds, outside script and
// the like; the first in document order among equals.
func findNode(root *html.Node, ok func(*html.Node) bool) *html.Node {
	var best *html.Node
	var visit func(n *html.Node) bool
	visit = func(n *html.Node) bool {
		hit := false
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || kindOf(c) == tagSkip || hidden(c) {
				continue
			}
			if visit(c) {
				return true
			}
			if ok(c) {
				best, hit = c, true
				break
			}
		}
		return hit
	}
	visit(root)
	return best
}

// findOuter is the outermost element for which ok holds: the box of a
// description rather than its one paragraph.
func findOuter(root *html.Node, ok func(*html.Node) bool) *html.Node {
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || kindOf(c) == tagSkip || hidden(c) {
			continue
		}
		if ok(c) {
			return c
		}
		if n := findOuter(c, ok); n != nil {
			return n
		}
	}
	return nil
}

// agreeingSelector is the first candidate selector, built from the pages'
// elements, that reads each page's value on every page that has one.
func agreeingSelector(f field, pgs []*page, values []string, nodes []*html.Node) string {
	var cands []string
	for _, n := range nodes {
		if n == nil {
			continue
		}
		for _, c := range selectorsFor(n) {
			if !slices.Contains(cands, c) {
				cands = append(cands, c)
			}
		}
	}
	for _, c := range cands {
		m, err := cascadia.ParseGroup(c)
		if err != nil {
			continue
		}
		agree := true
		for i, pg := range pgs {
			if values[i] == "" {
				continue
			}
			n := cascadia.Query(pg.root, m)
			switch {
			case n == nil:
				agree = false
			case f == fBody:
				agree = squashed(blockText(n)) == squashed(values[i])
			default:
				agree = fieldText(n) == values[i]
			}
			if !agree {
				break
			}
		}
		if agree {
			return c
		}
	}
	return ""
}

// selectorsFor builds CSS selectors for an element, most telling first: by
// the label before it (td:containsOwn("薪资") + td), by id, by class, by its
// parent's class.
func selectorsFor(n *html.Node) []string {
	var out []string
	tag := n.Data
	if p := prevElement(n); p != nil {
		if lt := labelText(p); lt != "" {
			out = append(out, fmt.Sprintf(`%s:containsOwn(%s) + %s`, p.Data, strconv.Quote(lt), tag))
		}
	}
	if id := attr(n, "id"); cssName(id) {
		out = append(out, tag+"#"+id)
	}
	for c := range strings.FieldsSeq(attr(n, "class")) {
		if cssName(c) {
			out = append(out, tag+"."+c)
		}
	}
	if par := n.Parent; par != nil && par.Type == html.ElementNode {
		for c := range strings.FieldsSeq(attr(par, "class")) {
			if cssName(c) {
				out = append(out, par.Data+"."+c+" > "+tag)
			}
		}
		if id := attr(par, "id"); cssName(id) {
			out = append(out, par.Data+"#"+id+" > "+tag)
		}
	}
	if tag == "h1" || tag == "h2" {
		out = append(out, tag)
	}
	return out
}

// labelText is the text of a label element (薪资：) without its colon, or ""
// when the element is no label.
func labelText(n *html.Node) string {
	t := strings.TrimSpace(lineText(n))
	if len(t) > maxLabelText {
		return ""
	}
	if _, ok := labelOf(t); !ok {
		return ""
	}
	return strings.TrimRight(t, ":： ")
}

func prevElement(n *html.Node) *html.Node {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		if p.Type == html.ElementNode {
			return p
		}
	}
	return nil
}

// cssNameRe is a class or id usable in a selector and likely stable across
// pages: no figures (item-3182, ad_77 vary from page to page).
var cssNameRe = regexp.MustCompile(`^[A-Za-z_-][A-Za-z_-]*$`)

func cssName(s string) bool { return s != "" && len(s) <= 40 && cssNameRe.MatchString(s) }

// commonSuffix is the site's name as the pages' <title>s repeat it: the
// last separated segment they all end with, "" when they share none.
func commonSuffix(titles []string) string {
	if len(titles) < 2 {
		if len(titles) == 1 {
			_, site := splitTitle(titles[0], nil)
			return site
		}
		return ""
	}
	first := titles[0]
	i, sep := lastSep(first)
	if i < 0 {
		return ""
	}
	tail := strings.TrimSpace(first[i+len(sep):])
	if tail == "" || utf8.RuneCountInString(tail) > 24 {
		return ""
	}
	same := true
	for _, t := range titles[1:] {
		t = strings.TrimSpace(t)
		if !strings.HasSuffix(t, tail) || t == tail {
			return ""
		}
		same = same && t == strings.TrimSpace(first)
	}
	if same {
		return "" // one <title> for every page says nothing of where the ad's ends
	}
	return tail
}

// urlPattern generalises the pages' URL paths (and queries) into one
// anchored pattern: figures become [0-9]+, and path steps that still differ
// become [^/]+. It is "" when the pages have no http(s) URLs or paths of
// different depths.
func urlPattern(pages []scamhunt.Page) string {
	var steps [][]string
	var query []string
	for _, p := range pages {
		u, err := url.Parse(p.URL)
		if err != nil || u.Scheme != "http" && u.Scheme != "https" {
			return ""
		}
		parts := strings.Split(u.Path, "/")
		for i, s := range parts {
			parts[i] = generalise(s)
		}
		if len(steps) > 0 && len(parts) != len(steps[0]) {
			return ""
		}
		steps = append(steps, parts)
		query = append(query, generalise(u.RawQuery))
	}
	out := make([]string, len(steps[0]))
	for i := range out {
		out[i] = steps[0][i]
		for _, s := range steps[1:] {
			if s[i] != out[i] {
				out[i] = `[^/]+`
			}
		}
	}
	pat := "^" + strings.Join(out, "/")
	q := query[0]
	for _, o := range query[1:] {
		if o != q {
			q = `[^#]*`
		}
	}
	if q != "" {
		pat += `\?` + q
	}
	return pat + "$"
}

var digitsRe = regexp.MustCompile(`[0-9]+`)

// generalise quotes one path step or query for a pattern, figures as [0-9]+.
func generalise(s string) string {
	parts := digitsRe.Split(s, -1)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return strings.Join(parts, "[0-9]+")
}
