package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
	"github.com/scamhunt/scamhunt/internal/postdate"
	"github.com/scamhunt/scamhunt/internal/salary"
	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// Caps on what one listing keeps of attacker-sized text, in runes.
const (
	maxTitle = 200
	maxBody  = 20000
)

// detail builds the listing of a detail page. A detail without a title is
// not a listing: the page becomes kind other, saying why.
func (e *Extractor) detail(pg *page, why string) scamhunt.Extraction {
	byProfile := strings.HasPrefix(why, "profile")
	title, how := pg.title()
	if title == "" {
		if byProfile {
			return other(why + " but no title found")
		}
		return other(why + " but no title")
	}
	p := pg.p
	l := scamhunt.Listing{
		ID: scamhunt.ListingID(p.URL), Site: p.Site, URL: p.URL, Title: title, FetchedAt: p.FetchedAt,
		Methods: map[string]string{"title": how},
	}
	f := &pg.fields
	// use returns a field's text and, when keep says the listing took
	// something from it, records how it was found.
	use := func(fl field, keep func(string) bool) string {
		v := f[fl].value
		if v != "" && keep(v) {
			l.Methods[fieldNames[fl]] = f[fl].method
		}
		return v
	}
	text := func(string) bool { return true }
	if b, bhow := pg.body(); b != "" {
		l.Body, l.Methods["body"] = b, bhow
	}
	l.SalaryText = use(fSalary, text)
	if l.SalaryText != "" {
		pay := salary.Parse(l.SalaryText)
		l.Pay = &pay
	}
	if l.Pay == nil || l.Pay.Min == 0 && l.Pay.Max == 0 {
		// No labelled pay, or one without a figure (面议): the ad may show
		// it in a box by the title (<div class="price">150元/天</div>) or
		// state it in prose (日入300-800, 时薪25元).
		if c, pay, ok := pg.boxPay(l.Title); ok {
			l.SalaryText, l.Pay, l.Methods["salary"] = c, &pay, "box"
		} else if c, pay, ok := prosePay(l.Title, l.Body); ok {
			l.SalaryText, l.Pay, l.Methods["salary"] = c, &pay, "prose"
		}
	}
	l.Location = use(fLocation, text)
	l.Company = use(fCompany, text)
	l.ContactPerson = use(fContactPerson, text)
	use(fHeadcount, func(s string) bool {
		l.Headcount = headcount(s)
		return l.Headcount > 0
	})
	use(fPosted, func(s string) bool {
		t, ok := postdate.Parse(s, p.FetchedAt)
		l.PostedAt = t
		return ok
	})
	city, cat := crumbCity(pg.w.crumb, e.c.trim)
	if l.City = use(fCity, text); l.City == "" && city != "" {
		l.City, l.Methods["city"] = city, "crumb"
	}
	if l.Category = use(fCategory, text); l.Category == "" && cat != "" {
		l.Category, l.Methods["category"] = cat, "crumb"
	}
	l.Contacts = pg.contacts(l.Methods, l.Title, l.Body)

	if byProfile {
		if l.SalaryText != "" {
			why += " and title+salary found"
		} else {
			why += " and title found, no salary"
		}
	} else {
		why += " and a title from " + titleSources[how]
	}
	return scamhunt.Extraction{Kind: scamhunt.KindDetail, Why: why, Listings: []scamhunt.Listing{l}}
}

// titleSources describe, for Why, where a generic title came from.
var titleSources = map[string]string{
	"h1": "h1", "heading": "the main heading", "meta": "og:title", "title": "<title>", "table": "a labelled cell",
	"dl": "a labelled cell", "li": "a labelled cell", "span": "a labelled cell", "label": "a label line",
}

// names are what the site calls itself: the profile's site_name,
// og:site_name and the texts of links to its home page.
func (pg *page) names() []string {
	var ns []string
	for _, n := range append([]string{pg.siteName, pg.w.siteName}, pg.w.brands...) {
		if n != "" {
			ns = append(ns, n)
		}
	}
	return ns
}

// title picks the ad's title: the profile's; else the first h1 that is not
// the site's name; else the main heading (an h2, h3 or title-classed
// element saying what <title> says); else <title> or og:title without the
// site's name when a labelled 职位名称 cell is only part of it (the
// headline "万达店招聘收银员/理货员 包午餐" over the cell "收银员、理货员"); else
// the labelled cell; else og:title, else <title>.
func (pg *page) title() (string, string) {
	w := &pg.w
	if t := pg.fields[fTitle]; t.rank == rankProfile && t.value != "" {
		return clip(t.value, maxTitle), t.method
	}
	names := pg.names()
	doc, site := splitTitle(w.title, names)
	if siteName(doc) || knownName(doc, names) && utf8.RuneCountInString(doc) <= 16 {
		doc = "" // the site's name alone
	}
	og, _ := splitTitle(w.ogTitle, names)
	if og != "" && !siteName(og) && doc == "" {
		doc = og
	}
	isSite := func(t string) bool { return t == site || t == w.siteName || knownName(t, names) && siteName(t) }
	for _, h := range w.h1 {
		t := oneLine(string(w.out.b[h.start:h.end]))
		if t != "" && !isSite(t) {
			return clip(t, maxTitle), "h1"
		}
	}
	cell := pg.fields[fTitle]
	first := pg.firstField()
	for _, h := range w.heads {
		t := oneLine(string(w.out.b[h.start:h.end]))
		if t == "" || isSite(t) || utf8.RuneCountInString(t) < 4 || sectionHeading(t) {
			continue
		}
		// The heading says what <title> says, or stands right before the
		// ad's labelled fields.
		if doc != "" && related(t, doc) || doc == "" && cell.value != "" && related(t, cell.value) || h.end <= first {
			return clip(t, maxTitle), "heading"
		}
	}
	if cell.value != "" {
		if doc != "" && related(cell.value, doc) && utf8.RuneCountInString(doc) > utf8.RuneCountInString(cell.value) {
			return clip(doc, maxTitle), "title"
		}
		return clip(cell.value, maxTitle), cell.method
	}
	if og != "" && !siteName(og) {
		return clip(og, maxTitle), "meta"
	}
	if doc != "" {
		return clip(doc, maxTitle), "title"
	}
	return "", ""
}

// firstField is where the first label pair of the page's fields was read,
// or -1 when none was.
func (pg *page) firstField() int {
	first := -1
	for _, f := range pg.fields {
		if f.rank > rankProfile && f.rank < rankLabel && f.value != "" && f.at >= 0 && (first < 0 || f.at < first) {
			first = f.at
		}
	}
	return first
}

// sectionWords end the headings of a page's sections (职位信息, 详细描述),
// which are no ad's title.
var sectionWords = []string{"信息", "描述", "详情", "介绍", "要求", "说明", "内容", "职责", "推荐", "职位", "福利"}

// sectionHeading reports whether a heading names a section of the page: a
// label, or a short text ending in a section word.
func sectionHeading(t string) bool {
	if _, ok := labelOf(t); ok {
		return true
	}
	f := textnorm.Fold(t)
	if utf8.RuneCountInString(f) > 8 {
		return false
	}
	for _, w := range sectionWords {
		if strings.HasSuffix(f, w) {
			return true
		}
	}
	return false
}

// body is the ad's text and how it was found: the profile's body, else a
// labelled description (职位描述 in a table cell, dl, list item or beside a
// 详细介绍 heading), else the page's biggest block of prose that is not a
// block of label pairs.
func (pg *page) body() (string, string) {
	if b := pg.fields[fBody]; b.value != "" && b.rank < rankLabel {
		return clip(b.value, maxBody), b.method
	}
	w := &pg.w
	if w.bestPara == 0 {
		return "", ""
	}
	return clip(strings.TrimSpace(string(w.out.b[w.best.start:w.best.end])), maxBody), "block"
}

// contacts gathers the ad's contacts: the phone, QQ and WeChat fields read
// as such (every value, when the page repeats the field), a 联系方式 field,
// then any found in the title and body; the first of each Key is kept.
func (pg *page) contacts(methods map[string]string, title, body string) []scamhunt.Contact {
	var out []scamhunt.Contact
	seen := map[string]bool{}
	add := func(cs []scamhunt.Contact) {
		for _, c := range cs {
			if k := c.Key(); !seen[k] {
				seen[k] = true
				out = append(out, c)
			}
		}
	}
	for _, k := range []struct {
		f    field
		kind scamhunt.ContactKind
	}{{fPhone, scamhunt.ContactPhone}, {fQQ, scamhunt.ContactQQ}, {fWeChat, scamhunt.ContactWeChat}, {fContact, ""}} {
		fd := pg.fields[k.f]
		if fd.value == "" {
			continue
		}
		methods[fieldNames[k.f]] = fd.method
		for _, v := range append([]string{fd.value}, fd.more...) {
			if k.kind == "" {
				add(contact.Find(v))
			} else {
				add(contact.Field(k.kind, v))
			}
		}
	}
	add(contact.Find(title))
	add(contact.Find(body))
	return out
}
