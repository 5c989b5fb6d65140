package extract

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
	"github.com/scamhunt/scamhunt/internal/postdate"
	"github.com/scamhunt/scamhunt/internal/salary"
)

// rowNodes are the listing rows of a page: the profile's index.row
// matches, else the generic walk's biggest group of similar rows.
func (e *Extractor) rowNodes(pg *page) []*html.Node {
	if e.c.row != nil {
		return cascadia.QueryAll(pg.root, e.c.row)
	}
	return pg.w.rows
}

// index builds the partial listings of an index page's rows.
func (e *Extractor) index(pg *page, why string, rows []*html.Node) scamhunt.Extraction {
	city, cat := crumbCity(pg.w.crumb, e.c.trim)
	ls := []scamhunt.Listing{}
	seen := map[string]bool{}
	for _, r := range rows {
		l, ok := e.row(pg, r)
		if !ok || seen[l.URL] {
			continue
		}
		seen[l.URL] = true
		if city != "" {
			l.City, l.Methods["city"] = city, "crumb"
		}
		if cat != "" {
			l.Category, l.Methods["category"] = cat, "crumb"
		}
		ls = append(ls, l)
	}
	switch {
	case why != "":
		why = fmt.Sprintf("%s: %d rows", why, len(ls))
	case e.c.row != nil:
		why = fmt.Sprintf("index: %d rows matched index.row", len(ls))
	default:
		why = fmt.Sprintf("index: %d similar rows with links (%s)", len(ls), pg.w.rowSig)
	}
	return scamhunt.Extraction{Kind: scamhunt.KindIndex, Why: why, Listings: ls}
}

// row reads one index row into a partial listing; ok is false for a row
// without a usable link or title.
func (e *Extractor) row(pg *page, r *html.Node) (scamhunt.Listing, bool) {
	sel := &e.c.rowSel
	link, how := firstLink(r), "row"
	if sel[rowLink] != nil {
		if n := cascadia.Query(r, sel[rowLink]); n != nil {
			link, how = n, "profile"
		}
	}
	if link == nil {
		return scamhunt.Listing{}, false
	}
	ref, err := url.Parse(strings.TrimSpace(attr(link, "href")))
	if err != nil {
		return scamhunt.Listing{}, false
	}
	abs := pg.u.ResolveReference(ref)
	switch abs.Scheme {
	case "http", "https", "file", "":
	default:
		return scamhunt.Listing{}, false // javascript:, mailto:, tel: ...
	}
	abs.Fragment = ""
	l := scamhunt.Listing{
		URL: abs.String(), Site: pg.p.Site, FetchedAt: pg.p.FetchedAt, Partial: true,
		Methods: map[string]string{},
	}
	l.ID = scamhunt.ListingID(l.URL)

	var vals [nRowFields]string
	for i, m := range sel {
		if m == nil || i == rowLink {
			continue
		}
		if n := cascadia.Query(r, m); n != nil {
			vals[i] = strings.TrimSpace(lineText(n))
		}
	}
	methods := [nRowFields]string{}
	for i, v := range vals {
		if v != "" {
			methods[i] = "profile"
		}
	}
	title, cells := rowCells(r, link)
	if vals[rowTitle] == "" {
		vals[rowTitle], methods[rowTitle] = title, how
	}
	var loc string
	for _, c := range cells {
		labelled := false
		labelPairs(c, func(p pair) {
			labelled = true
			switch p.f {
			case fSalary:
				if vals[rowSalary] == "" {
					vals[rowSalary], methods[rowSalary] = p.value, "label"
				}
			case fPosted:
				if vals[rowPosted] == "" {
					vals[rowPosted], methods[rowPosted] = p.value, "label"
				}
			case fLocation:
				if loc == "" {
					loc = clip(p.value, 200)
				}
			}
		})
		switch {
		case labelled, slices.Contains(vals[:], c):
		case salaryLike(c):
			if vals[rowSalary] == "" {
				vals[rowSalary], methods[rowSalary] = c, "row"
			}
		case dateLike(c, pg):
			if vals[rowPosted] == "" {
				vals[rowPosted], methods[rowPosted] = c, "row"
			}
		case methods[rowSummary] != "profile" && utf8.RuneCountInString(c) > utf8.RuneCountInString(vals[rowSummary]):
			vals[rowSummary], methods[rowSummary] = c, "row"
		}
	}
	if l.Title = clip(vals[rowTitle], maxTitle); l.Title == "" {
		return scamhunt.Listing{}, false
	}
	l.Methods["title"] = methods[rowTitle]
	if s := vals[rowSalary]; s != "" {
		pay := salary.Parse(s)
		l.SalaryText, l.Pay, l.Methods["salary"] = s, &pay, methods[rowSalary]
	}
	if loc != "" {
		l.Location, l.Methods["location"] = loc, "label"
	}
	if s := vals[rowSummary]; s != "" {
		l.Body, l.Methods["body"] = clip(s, maxBody), methods[rowSummary]
	}
	if s := vals[rowPosted]; s != "" {
		if t, ok := postdate.Parse(s, pg.p.FetchedAt); ok {
			l.PostedAt, l.Methods["posted"] = t, methods[rowPosted]
		}
	}
	seen := map[string]bool{}
	for _, c := range append(contact.Find(l.Title), contact.Find(l.Body)...) {
		if !seen[c.Key()] {
			seen[c.Key()] = true
			l.Contacts = append(l.Contacts, c)
		}
	}
	return l, true
}

// firstLink is the row's first <a href>, the row itself when it is one.
func firstLink(r *html.Node) *html.Node {
	if r.DataAtom == atom.A && attr(r, "href") != "" {
		return r
	}
	for c := r.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if l := firstLink(c); l != nil {
			return l
		}
	}
	return nil
}

// rowCells splits a row into its title (the link's text, or the first part
// of a link that wraps the whole row) and the texts of its other parts.
func rowCells(r, link *html.Node) (title string, cells []string) {
	var parts []string
	named := -1 // the part whose class names it the title (span.name, span.title)
	for c := link.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && kindOf(c) != tagSkip {
			if t := lineText(c); t != "" {
				if named < 0 && titleClass(c) {
					named = len(parts)
				}
				parts = append(parts, t)
			}
		}
	}
	if len(parts) >= 2 {
		if named < 0 {
			named = 0
		}
		title = parts[named]
		cells = append(append(cells, parts[:named]...), parts[named+1:]...)
	} else {
		title = lineText(link)
	}
	if title == "" {
		title = strings.TrimSpace(attr(link, "title"))
	}
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c == link || kindOf(c) == tagSkip || hidden(c) {
				continue
			}
			if contains(c, link) {
				visit(c)
				continue
			}
			if t := lineText(c); t != "" {
				cells = append(cells, t)
			}
		}
	}
	if r != link {
		visit(r)
	}
	return title, cells
}

// titleClass reports whether an element's class says it holds a title or
// name (58-style rows wrap <span class="address"> and <span class="name"> in
// one link).
func titleClass(n *html.Node) bool {
	for c := range strings.FieldsSeq(strings.ToLower(attr(n, "class"))) {
		if c == "name" || c == "title" || c == "tit" || c == "job-name" || c == "jobname" || c == "job_name" || strings.HasSuffix(c, "-title") || strings.HasSuffix(c, "_title") {
			return true
		}
	}
	return false
}

func contains(n, d *html.Node) bool {
	for p := d.Parent; p != nil; p = p.Parent {
		if p == n {
			return true
		}
	}
	return false
}

// dateLike reports whether a short row cell is a posting date.
func dateLike(s string, pg *page) bool {
	if utf8.RuneCountInString(s) > 24 {
		return false
	}
	_, ok := postdate.Parse(s, pg.p.FetchedAt)
	return ok
}

// salaryLike reports whether a short row cell is pay.
func salaryLike(s string) bool {
	if utf8.RuneCountInString(s) > 30 || !strings.ContainsAny(s, "元薪块¥￥kK") && !strings.Contains(s, "面议") {
		return false
	}
	p := salary.Parse(s)
	return p.Min > 0 || p.Max > 0 || p.Negotiable
}

// groupRows finds the set of similar siblings (same tag and class) that
// read as listing rows, and keeps it if it holds more text than the page's
// best so far: a list of ads with summaries beats a list of channel names.
func (w *walker) groupRows(kids []kid) {
	type group struct {
		tag             atom.Atom
		class           string
		all, rows, text int
	}
	var gs [8]group
	n := 0
	for _, k := range kids {
		cls := attr(k.n, "class")
		i := 0
		for i < n && (gs[i].tag != k.n.DataAtom || gs[i].class != cls) {
			i++
		}
		if i == n {
			if n == len(gs) {
				continue
			}
			gs[i] = group{tag: k.n.DataAtom, class: cls}
			n++
		}
		gs[i].all++
		if rowLike(k.st) {
			gs[i].rows++
			gs[i].text += k.st.text
		}
	}
	for _, g := range gs[:n] {
		if g.rows < minRows || g.rows*5 < g.all*3 || g.text <= w.rowText {
			continue
		}
		w.rowText = g.text
		w.rows = w.rows[:0]
		for _, k := range kids {
			if k.n.DataAtom == g.tag && attr(k.n, "class") == g.class && rowLike(k.st) {
				if len(w.rows) == 0 {
					w.rowSpan.start = k.start
				}
				w.rows = append(w.rows, k.n)
				w.rowSpan.end = k.end
			}
		}
		w.rowSig = g.tag.String()
		if g.class != "" {
			w.rowSig += "." + strings.Join(strings.Fields(g.class), ".")
		}
	}
}

// rowLike reports whether an element reads as a listing row: a link into
// the site with a title-sized text, and more than the bare link unless the
// link is long.
func rowLike(s stats) bool {
	return s.links >= 1 && s.local && s.maxLink >= minRowLink && (s.text > s.link+1 || s.maxLink >= longRowLink)
}
