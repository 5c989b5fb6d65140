package testsite

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
)

// perPage is the number of listings on a list page.
const perPage = 20

// templates holds one parsed template set per page kind, each the layout
// plus the page's "content".
type templates struct {
	home, city, list, detail, article, links, other, login, post, notFound *template.Template
}

func parseTemplates() (*templates, error) {
	base, err := template.ParseFS(files, "templates/layout.html", "templates/item.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	t := &templates{}
	for _, p := range []struct {
		dst  **template.Template
		name string
	}{
		{&t.home, "home"}, {&t.city, "city"}, {&t.list, "list"}, {&t.detail, "detail"},
		{&t.article, "article"}, {&t.links, "links"}, {&t.other, "other"},
		{&t.login, "login"}, {&t.post, "post"}, {&t.notFound, "notfound"},
	} {
		c, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("clone layout: %w", err)
		}
		if *p.dst, err = c.ParseFS(files, "templates/"+p.name+".html"); err != nil {
			return nil, fmt.Errorf("parse %s: %w", p.name, err)
		}
	}
	return t, nil
}

type link struct {
	Href, Text string
}

// chrome is what every page shows around its content. The hot-city strip
// and the sidebar are rendered once (escaped by their templates) and
// reused by every page.
type chrome struct {
	Site, Slogan      string
	Hot               []link
	News, Notices     []link
	HotHTML, SideHTML template.HTML
}

// view is the data of the layout template.
type view struct {
	Title, Keywords, Description string
	Meta                         string // "utf-8" (also ""), "gbk", "gb2312" (a late http-equiv) or "none"
	Chrome                       *chrome
	Page                         any
}

func (b *Board) makeChrome() (chrome, error) {
	c := b.c
	ch := chrome{Site: c.words.Site, Slogan: c.words.Slogan}
	for _, slug := range c.cities.Hot {
		if i := c.city(slug); i >= 0 {
			ch.Hot = append(ch.Hot, link{"/" + slug + "/", c.cities.Served[i].Name})
			continue
		}
		for _, o := range c.cities.Others {
			if o.Slug == slug {
				ch.Hot = append(ch.Hot, link{"/city/" + slug + "/", o.Name})
			}
		}
	}
	for i, a := range c.news {
		ch.News = append(ch.News, link{newsPath(i + 1), a.Title})
	}
	for i, a := range c.notices {
		ch.Notices = append(ch.Notices, link{noticePath(i + 1), a.Title})
	}
	var buf bytes.Buffer
	if err := b.tpl.home.ExecuteTemplate(&buf, "hot", ch); err != nil {
		return chrome{}, fmt.Errorf("render hot cities: %w", err)
	}
	ch.HotHTML = template.HTML(buf.String()) // escaped by the "hot" template
	buf.Reset()
	if err := b.tpl.home.ExecuteTemplate(&buf, "side", ch); err != nil {
		return chrome{}, fmt.Errorf("render sidebar: %w", err)
	}
	ch.SideHTML = template.HTML(buf.String()) // escaped by the "side" template
	return ch, nil
}

func (b *Board) exec(t *template.Template, v view) ([]byte, error) {
	v.Chrome = &b.chrome
	if v.Meta == "" {
		v.Meta = "utf-8"
	}
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return nil, fmt.Errorf("render %q: %w", v.Title, err)
	}
	return buf.Bytes(), nil
}

// item is one row of a listing list.
type item struct {
	Href, Title, Salary, Date, Summary string
}

func (b *Board) item(l listing) item {
	a := b.ad(l)
	return item{Href: b.listingPath(l), Title: a.Title, Salary: a.Salary, Date: a.PostedOn, Summary: a.summary()}
}

func (b *Board) items(idx []int32) []item {
	out := make([]item, len(idx))
	for i, k := range idx {
		out[i] = b.item(b.ls[k])
	}
	return out
}

func (b *Board) siteTitle(s string) string { return s + " - " + b.c.words.Site }

func (b *Board) renderHome() ([]byte, error) {
	var cities []link
	for _, ct := range b.c.cities.Served {
		cities = append(cities, link{"/" + ct.Slug + "/", ct.Name + "兼职"})
	}
	var latest []int32
	for i := len(b.ls) - 1; i >= 0 && len(latest) < 30; i-- {
		latest = append(latest, int32(i))
	}
	return b.exec(b.tpl.home, view{
		Title:       b.c.words.Site + " - " + b.c.words.Slogan,
		Keywords:    "兼职,兼职信息,大学生兼职,周末兼职,日结兼职",
		Description: b.c.words.Site + "提供传单派发、促销导购、服务员、家教、快递分拣等兼职信息。",
		Page: struct {
			Cities []link
			Items  []item
		}{cities, b.items(latest)},
	})
}

type channelLink struct {
	Href, Text string
	Count      int
}

func (b *Board) renderCity(ci int, meta string) ([]byte, error) {
	ct := &b.c.cities.Served[ci]
	var chans []channelLink
	for k := range numCats {
		chans = append(chans, channelLink{b.listPath(ci, k, 1), b.c.jobs[k].Name, len(b.chans[ci*numCats+k])})
	}
	var latest []int32
	for i := len(b.ls) - 1; i >= 0 && len(latest) < 10; i-- {
		if int(b.ls[i].city) == ci {
			latest = append(latest, int32(i))
		}
	}
	return b.exec(b.tpl.city, view{
		Title:       b.siteTitle(ct.Name + "兼职网 " + ct.Name + "兼职信息"),
		Keywords:    ct.Name + "兼职," + ct.Name + "兼职网," + ct.Name + "日结兼职",
		Description: ct.Name + "兼职信息，" + ct.Name + "大学生兼职、周末兼职、日结兼职。",
		Meta:        meta,
		Page: struct {
			City     string
			Channels []channelLink
			Items    []item
		}{ct.Name, chans, b.items(latest)},
	})
}

type pageNum struct {
	N    int
	Href string // "" for the current page
}

func (b *Board) renderList(ci, cat, n int, meta string) ([]byte, error) {
	ct := &b.c.cities.Served[ci]
	all := b.chans[ci*numCats+cat]
	last := max(1, (len(all)+perPage-1)/perPage)
	lo, hi := (n-1)*perPage, min(n*perPage, len(all))
	data := struct {
		City, CityHref, Cat     string
		Items                   []item
		First, Prev, Next, Last string
		Nums                    []pageNum
	}{City: ct.Name, CityHref: "/" + ct.Slug + "/", Cat: b.c.jobs[cat].Name, Items: b.items(all[lo:hi])}
	data.First, data.Last = b.listPath(ci, cat, 1), b.listPath(ci, cat, last)
	if n > 1 {
		data.Prev = b.listPath(ci, cat, n-1)
	}
	if n < last {
		data.Next = b.listPath(ci, cat, n+1)
	}
	for k := max(1, n-2); k <= min(last, n+2); k++ {
		p := pageNum{N: k}
		if k != n {
			p.Href = b.listPath(ci, cat, k)
		}
		data.Nums = append(data.Nums, p)
	}
	title := ct.Name + b.c.jobs[cat].Name
	if n > 1 {
		title += " 第" + strconv.Itoa(n) + "页"
	}
	return b.exec(b.tpl.list, view{
		Title:       b.siteTitle(title),
		Keywords:    ct.Name + b.c.jobs[cat].Name + "," + ct.Name + "兼职",
		Description: ct.Name + b.c.jobs[cat].Name + "兼职信息列表。",
		Meta:        meta,
		Page:        data,
	})
}

func (b *Board) renderDetail(l listing, meta string) ([]byte, error) {
	ct := &b.c.cities.Served[l.city]
	a := b.ad(l)
	return b.exec(b.tpl.detail, view{
		Title:       b.siteTitle(a.Title),
		Keywords:    ct.Name + b.c.jobs[l.cat].Name + "," + ct.Name + "兼职",
		Description: a.summary(),
		Meta:        meta,
		Page: struct {
			City, CityHref, Cat, CatHref string
			Ad                           *ad
		}{ct.Name, "/" + ct.Slug + "/", b.c.jobs[l.cat].Name, b.listPath(int(l.city), int(l.cat), 1), a},
	})
}

type articlePara struct {
	Text string
	Head bool
}

type related struct {
	Href, Title, Summary string
}

func (b *Board) renderArticle(a article, section string) ([]byte, error) {
	var paras []articlePara
	for _, p := range a.Paras {
		if h, ok := strings.CutPrefix(p, "## "); ok {
			paras = append(paras, articlePara{h, true})
		} else {
			paras = append(paras, articlePara{Text: p})
		}
	}
	var rel []related
	for _, n := range a.Related {
		rel = append(rel, related{newsPath(n), b.c.news[n-1].Title, summaryOf(b.c.news[n-1])})
	}
	for _, n := range a.Notices {
		rel = append(rel, related{noticePath(n), b.c.notices[n-1].Title, summaryOf(b.c.notices[n-1])})
	}
	return b.exec(b.tpl.article, view{
		Title:       b.siteTitle(a.Title),
		Keywords:    a.Title,
		Description: summaryOf(a),
		Page: struct {
			Section, Title, Source, Date string
			Paras                        []articlePara
			Related                      []related
		}{section, a.Title, a.Source, a.Date, paras, rel},
	})
}

// summaryOf is the start of an article's text, as 相关内容 blocks show it.
func summaryOf(a article) string {
	var b strings.Builder
	for _, p := range a.Paras {
		if !strings.HasPrefix(p, "## ") {
			b.WriteString(p)
		}
	}
	s := []rune(b.String())
	if len(s) > 90 {
		return string(s[:90]) + "···"
	}
	return string(s)
}

func (b *Board) renderLinks() ([]byte, error) {
	var cities []link
	for _, ct := range b.c.cities.Served {
		cities = append(cities, link{"/" + ct.Slug + "/", ct.Name + "兼职网"})
	}
	l := b.c.links
	return b.exec(b.tpl.links, view{
		Title: b.siteTitle("友情链接"), Keywords: "友情链接", Description: "友情链接",
		Page: struct {
			Intro, Contact string
			Partners       []partner
			Cities         []link
		}{l.Intro, l.Contact, l.Partners, cities},
	})
}

func (b *Board) renderSimple(t *template.Template, title string, data any) ([]byte, error) {
	return b.exec(t, view{Title: b.siteTitle(title), Keywords: title, Description: title, Page: data})
}
