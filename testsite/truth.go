package testsite

import (
	"strconv"

	"github.com/scamhunt/scamhunt"
)

// Truth is the ground truth of a board, for tests and evaluation only; it
// is never served over HTTP.
type Truth struct {
	Listings    []TruthListing // one per detail page, by ascending id
	NonListings []string       // pages that must not become listings: home, city homes, list pages, news, notices, links, other cities
	Disallowed  []string       // robots-disallowed pages that pages link to
	GBKPaths    []string       // pages served GBK-encoded
	Clusters    []Cluster      // contacts shared by scam listings across cities

	// Edition 2 only: how it differs from edition 1.
	Removed []string // detail pages of edition 1 that now answer 404
	Added   []string // detail pages new in edition 2
	Changed []string // detail pages whose ad was edited
}

// TruthListing is what a correct extractor and classifier would say about
// one detail page.
type TruthListing struct {
	Path, City, CitySlug, Category, CategorySlug, Title string

	Label        string // "scam" or "legit"
	ScamType     string // a scamhunt.Categories id; "" for legit
	HardNegative bool   // honest ad using scam words to reassure (无需押金, 谨防诈骗)
	// Contacts are canonical (phones +86 E.164, QQ digits, WeChat
	// lower-case); Raw is one way the page writes it, text as rendered
	// (spans joined, <br> dropped).
	Contacts []scamhunt.Contact
	Encoding string // "utf-8", "gbk-meta", "gbk-header" or "gbk-none"

	Salary   string // the salary cell
	Company  string // the company cell; "" when the row is omitted
	Posted   string // the 发布时间 cell as written
	PostedOn string // the posting date, YYYY-MM-DD
}

// Cluster is a contact shared by the scam listings at Paths (a gang).
type Cluster struct {
	Contact scamhunt.Contact // Raw is empty: each listing writes it differently
	Paths   []string
}

// Truth returns the board's ground truth. It generates every ad, so on a
// big board it takes a while.
func (b *Board) Truth() Truth {
	t := Truth{Disallowed: []string{"/member/login.html", "/member/post.html"}}
	gbk := b.c.city(gbkCity)
	for _, l := range b.ls {
		t.Listings = append(t.Listings, b.truthListing(l))
		if l.flags&flagFresh != 0 {
			t.Added = append(t.Added, b.listingPath(l))
		}
		if l.flags&flagRev != 0 {
			t.Changed = append(t.Changed, b.listingPath(l))
		}
	}
	for _, l := range b.removed {
		t.Removed = append(t.Removed, b.listingPath(l))
	}
	t.NonListings = append(t.NonListings, "/", "/links.html")
	for i := range b.c.news {
		t.NonListings = append(t.NonListings, newsPath(i+1))
	}
	for i := range b.c.notices {
		t.NonListings = append(t.NonListings, noticePath(i+1))
	}
	for _, o := range b.c.cities.Others {
		t.NonListings = append(t.NonListings, "/city/"+o.Slug+"/")
	}
	for ci := range b.c.cities.Served {
		city := b.cityPaths(ci)
		t.NonListings = append(t.NonListings, city...)
		if ci == gbk {
			t.GBKPaths = append(t.GBKPaths, city...)
			for _, l := range b.ls {
				if int(l.city) == ci {
					t.GBKPaths = append(t.GBKPaths, b.listingPath(l))
				}
			}
		}
	}
	for gi, g := range b.gangs {
		c := Cluster{Contact: b.gangContact(gi)}
		for _, id := range g.members {
			if l, ok := b.find(id); ok {
				c.Paths = append(c.Paths, b.listingPath(l))
			}
		}
		t.Clusters = append(t.Clusters, c)
	}
	return t
}

func (b *Board) truthListing(l listing) TruthListing {
	ct := &b.c.cities.Served[l.city]
	a := b.ad(l)
	tl := TruthListing{
		Path: b.listingPath(l), City: ct.Name, CitySlug: ct.Slug,
		Category: b.c.jobs[l.cat].Name, CategorySlug: catSlugs[l.cat],
		Title: a.Title, Label: string(scamhunt.LabelLegit), HardNegative: l.flags&flagHardNeg != 0,
		Contacts: a.contacts, Encoding: "utf-8",
		Salary: a.Salary, Company: a.Company, Posted: a.Posted, PostedOn: a.PostedOn,
	}
	if l.scam >= 0 {
		tl.Label, tl.ScamType = string(scamhunt.LabelScam), scamhunt.Categories[l.scam]
	}
	if ct.Slug == gbkCity {
		tl.Encoding = gbkModes[l.id%3].truth
	}
	return tl
}

// gangContact is the canonical contact gang gi shares.
func (b *Board) gangContact(gi int) scamhunt.Contact {
	k := b.gangs[gi].kind
	v := scamValue(k, clusterBase+uint32(gi), b.c.words.Contact.WeChatNames)
	return scamhunt.Contact{Kind: k, Value: canonical(k, v)}
}

// Paths returns every path the board answers 200 for, in a stable order:
// the site pages (including /robots.txt, /static/style.css and the
// robots-disallowed /member/ pages), news, notices, other cities, then each
// served city's home, list pages and detail pages.
func (b *Board) Paths() []string {
	ps := []string{"/", "/robots.txt", "/static/style.css", "/links.html", "/member/login.html", "/member/post.html"}
	for i := range b.c.news {
		ps = append(ps, newsPath(i+1))
	}
	for i := range b.c.notices {
		ps = append(ps, noticePath(i+1))
	}
	for _, o := range b.c.cities.Others {
		ps = append(ps, "/city/"+o.Slug+"/")
	}
	for ci := range b.c.cities.Served {
		ps = append(ps, b.cityPaths(ci)...)
		for _, k := range b.ls {
			if int(k.city) == ci {
				ps = append(ps, b.listingPath(k))
			}
		}
	}
	return ps
}

// cityPaths are a served city's home and every list page.
func (b *Board) cityPaths(ci int) []string {
	ps := []string{"/" + b.c.cities.Served[ci].Slug + "/"}
	for k := range numCats {
		for n := 1; n <= b.lastPage(ci, k); n++ {
			ps = append(ps, b.listPath(ci, k, n))
		}
	}
	return ps
}

func (b *Board) listingPath(l listing) string {
	return "/" + b.c.cities.Served[l.city].Slug + "/" + catSlugs[l.cat] + "/" + strconv.FormatUint(uint64(l.id), 10) + ".html"
}

func (b *Board) listPath(ci, cat, n int) string {
	p := "/" + b.c.cities.Served[ci].Slug + "/" + catSlugs[cat] + "/"
	if n > 1 {
		p += "index_" + strconv.Itoa(n) + ".html"
	}
	return p
}

func newsPath(n int) string   { return "/news/" + strconv.Itoa(n) + ".html" }
func noticePath(n int) string { return "/notice/" + strconv.Itoa(n) + ".html" }
