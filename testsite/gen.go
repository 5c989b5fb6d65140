package testsite

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/scamhunt/scamhunt"
)

// ad is one listing's text, as its detail page shows it. The exported
// fields are what the templates read.
type ad struct {
	Title     string
	Salary    string
	Location  string
	Headcount string
	Person    string
	Phone     string // cell text; "" omits the row
	QQ        string
	WeChat    string
	Company   string
	Posted    string // as the detail page writes it ("3天前", "2026年11月3日" ...)
	PostedOn  string // the date, YYYY-MM-DD, as list pages write it
	Body      []para

	contacts []scamhunt.Contact
}

// summary is the start of the body text, for list pages.
func (a *ad) summary() string {
	var b strings.Builder
	for _, p := range a.Body {
		b.WriteString(p.text())
		if b.Len() > 400 {
			break
		}
	}
	return truncate(b.String(), 60)
}

// plannedContact is one contact of an ad and how the ad writes it.
type plannedContact struct {
	kind  scamhunt.ContactKind
	value string // as the poster has it: digits, "0431-85678901", a WeChat ID
	segs  []seg  // the value as written
	label string // 薇信, 扣扣 ... before the value in the body
	cell  bool   // written in its table cell
	body  bool   // written in the body
	used  bool   // already placed in the body
}

// gen generates one ad. Everything it draws comes from r, seeded by the
// listing id, so an ad reads the same on every page and every start.
type gen struct {
	b    *Board
	l    listing
	r    *rand.Rand
	city *cityData
	job  *jobData
	scam *scamData // nil for an honest ad
	gbk  bool
	memo map[string]string
	cs   []plannedContact
}

// ad generates the text of listing l.
func (b *Board) ad(l listing) *ad {
	g := &gen{
		b:    b,
		l:    l,
		r:    rand.New(rand.NewPCG(seedHi^uint64(l.id), seedLo)),
		city: &b.c.cities.Served[l.city],
		job:  &b.c.jobs[l.cat],
		memo: make(map[string]string, 16),
	}
	g.gbk = g.city.Slug == gbkCity
	var a *ad
	if l.scam >= 0 {
		g.scam = &b.c.scams[l.scam]
		a = g.scamAd()
	} else {
		a = g.honestAd()
	}
	a.Posted, a.PostedOn = g.posted()
	g.revise(a)
	g.plantAttack(a)
	for _, pc := range g.cs {
		if pc.cell || pc.body {
			a.contacts = append(a.contacts, scamhunt.Contact{Kind: pc.kind, Value: canonical(pc.kind, pc.value), Raw: segsText(pc.segs)})
		}
	}
	return a
}

// value resolves a placeholder; each name takes one value per ad.
func (g *gen) value(name string) string {
	if v, ok := g.memo[name]; ok {
		return v
	}
	w := &g.b.c.words
	var v string
	switch name {
	case "city":
		v = g.city.Name
	case "district":
		v = pick(g.r, g.city.Districts)
	case "street":
		v = pick(g.r, g.city.Streets)
	case "landmark":
		v = pick(g.r, g.city.Landmarks)
	case "school":
		v = pick(g.r, g.city.Schools)
	case "brand":
		v = pick(g.r, w.Brands)
	case "job":
		v = pick(g.r, g.job.Job)
	case "addr":
		v = g.city.Name + "市" + g.value("district") + g.value("street") + strconv.Itoa(1+g.r.IntN(399)) + "号" + g.str(pick(g.r, w.AddrSuffix))
	case "company":
		if g.scam != nil {
			v = g.str(pick(g.r, g.scam.Companies))
		} else {
			v = g.str(pick(g.r, g.job.Companies))
		}
	case "person":
		if g.scam != nil && g.r.IntN(5) > 0 {
			v = pick(g.r, w.ScamPersons)
		} else {
			v = pick(g.r, w.Surnames) + pick(g.r, w.Honorifics)
		}
	case "n":
		if g.scam != nil {
			v = pick(g.r, []string{"3", "5", "8", "10", "20", "30", "50", "100"})
		} else {
			v = strconv.Itoa(1 + g.r.IntN(15))
		}
	default:
		v = g.varValue(name)
	}
	g.memo[name] = v
	return v
}

func (g *gen) varValue(name string) string {
	if g.scam != nil {
		if vs := g.scam.Vars[name]; len(vs) > 0 {
			return pick(g.r, vs)
		}
	} else if vs := g.job.Vars[name]; len(vs) > 0 {
		return pick(g.r, vs)
	}
	if vs := g.b.c.words.Vars[name]; len(vs) > 0 {
		return pick(g.r, vs)
	}
	return ""
}

// str expands a template to plain text (titles, cells).
func (g *gen) str(t tmpl) string {
	var b strings.Builder
	for _, p := range t.parts {
		if p.name == "" {
			b.WriteString(p.lit)
		} else {
			b.WriteString(g.value(p.name))
		}
	}
	return b.String()
}

// para expands a template to a body paragraph. {c} is the labelled contact
// ci; {phone} the first contact's value as written.
func (g *gen) para(t tmpl, ci int) para {
	var out para
	text := func(s string) {
		if n := len(out); n > 0 && out[n-1].Kind == segText && !out[n-1].fixed {
			out[n-1].Text += s
			return
		}
		out = append(out, seg{Text: s})
	}
	for _, p := range t.parts {
		switch {
		case p.name == "":
			text(p.lit)
		case p.name == "c" && ci >= 0:
			out = append(out, g.labelled(ci)...)
		case p.name == "phone" && len(g.cs) > 0:
			g.cs[0].used = true
			out = append(out, g.cs[0].segs...)
		default:
			text(g.value(p.name))
		}
	}
	return out
}

// labelled writes contact ci with its label (薇信：, 扣扣 ...).
func (g *gen) labelled(ci int) []seg {
	pc := &g.cs[ci]
	pc.used = true
	if pc.label == "" {
		return pc.segs
	}
	return append([]seg{{Text: pc.label, fixed: true}}, pc.segs...)
}

// contactLine is a line of the body that gives contact ci ("有意者添加{c}").
func (g *gen) contactLine(ci int) para {
	lines := g.b.c.words.Contact.Lines
	var t tmpl
	switch g.cs[ci].kind {
	case scamhunt.ContactWeChat:
		t = pick(g.r, lines.WeChat)
	case scamhunt.ContactQQ:
		t = pick(g.r, lines.QQ)
	default:
		t = pick(g.r, lines.Phone)
	}
	return g.para(t, ci)
}

// format lays out slot paragraphs in one of the styles boards use: plain,
// 【标签】, 标签：, or numbered.
func format(ps []para, labels []string, style int) []para {
	n := 0
	for i, p := range ps {
		if labels[i] == "" || style == 0 {
			continue
		}
		var head string
		switch style {
		case 1:
			head = "【" + labels[i] + "】"
		case 2:
			head = labels[i] + "："
		default:
			n++
			head = strconv.Itoa(n) + "、" + labels[i] + "："
		}
		ps[i] = append(para{{Text: head}}, p...)
	}
	return ps
}

// posted writes the posting date the ways boards do.
func (g *gen) posted() (text, on string) {
	ref := g.b.today
	if g.b.base != nil && g.l.flags&flagFresh == 0 {
		ref = g.b.base.today
	}
	age := ref - int(g.l.day)
	d := dayTime(int(g.l.day))
	on = d.Format("2006-01-02")
	hm := strconv.Itoa(8+g.r.IntN(13)) + ":" + pad(uint64(g.r.IntN(60)), 2)
	switch {
	case age <= 0:
		return "今天", on
	case age == 1:
		return "昨天 " + hm, on
	case age < 7 && g.r.IntN(5) < 3:
		return strconv.Itoa(age) + "天前", on
	case g.r.IntN(2) == 0:
		return on, on
	}
	return d.Format("2006年1月2日"), on
}

// revise applies an edition 2 change to the ad.
func (g *gen) revise(a *ad) {
	if g.l.flags&flagRev == 0 {
		return
	}
	r := rand.New(rand.NewPCG(uint64(g.l.id), seedEdition2))
	a.Title = pick(r, []string{"【急招】", "【加急】", "【更新】", "【仍在招】"}) + a.Title
	left := strconv.Itoa(2 + r.IntN(8))
	a.Headcount = left + "人"
	note := "（11月27日更新：岗位仍在招聘，还差" + left + "人。）"
	if g.scam != nil {
		note = pick(r, []string{"【最新】佣金上调，名额只剩" + left + "个！", "更新：今天报名的优先安排，还剩" + left + "个位置。"})
	}
	a.Body = append(a.Body, textPara(note))
}

// plantAttack puts XSS strings into the three marked ads; the board
// escapes them like any text.
func (g *gen) plantAttack(a *ad) {
	switch g.l.attack {
	case 1:
		a.Title += `<script>alert("xss")</script>`
		a.Body = append([]para{textPara(`<script>alert(document.cookie)</script>`)}, a.Body...)
	case 2:
		a.Title = `"><img src=x onerror=alert(1)>` + a.Title
		a.Body = append(a.Body, textPara(`详情见："><img src=x onerror=alert(document.domain)>`))
	case 3:
		a.Body = append(a.Body, textPara(`</p><script src="//evil.invalid/x.js"></script><p onclick="alert(1)">点击领取</p>`))
		a.Person += `<b onmouseover=alert(1)>`
	}
}
