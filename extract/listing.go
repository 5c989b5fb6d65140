package extract

import (
	"strings"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
	"github.com/scamhunt/scamhunt/internal/postdate"
	"github.com/scamhunt/scamhunt/internal/salary"
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
	l.SalaryText = use(fSalary, text)
	if l.SalaryText != "" {
		pay := salary.Parse(l.SalaryText)
		l.Pay = &pay
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
	if b, bhow := pg.body(); b != "" {
		l.Body, l.Methods["body"] = b, bhow
	}
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
	"h1": "h1", "meta": "og:title", "title": "<title>", "table": "a labelled cell",
	"dl": "a labelled cell", "li": "a labelled cell", "span": "a labelled cell", "label": "a label line",
}

// title picks the ad's title: the profile's, else the first h1 that is not
// the site's name, else a labelled 职位名称, else og:title, else <title>
// without the site-name suffix.
func (pg *page) title() (string, string) {
	w := &pg.w
	if t := pg.fields[fTitle]; t.rank == rankProfile && t.value != "" {
		return clip(t.value, maxTitle), t.method
	}
	_, site := splitTitle(w.title)
	for _, h := range w.h1 {
		t := oneLine(string(w.out.b[h.start:h.end]))
		if t != "" && t != site && t != w.siteName {
			return clip(t, maxTitle), "h1"
		}
	}
	if t := pg.fields[fTitle]; t.value != "" {
		return clip(t.value, maxTitle), t.method
	}
	if t, _ := splitTitle(w.ogTitle); t != "" && !siteName(t) {
		return clip(t, maxTitle), "meta"
	}
	if t, _ := splitTitle(w.title); t != "" && !siteName(t) {
		return clip(t, maxTitle), "title"
	}
	return "", ""
}

// body is the ad's text and how it was found: the profile's body, else a
// labelled description cell (职位描述 in a table or dl), else the page's
// biggest block of prose.
func (pg *page) body() (string, string) {
	if b := pg.fields[fBody]; b.value != "" && b.rank <= rankDL {
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
