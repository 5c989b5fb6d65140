package testsite

import (
	"slices"

	"github.com/scamhunt/scamhunt"
)

// Emoji some scam titles carry; never on GBK pages, which cannot encode them.
var titleEmoji = []string{"🔥", "💰", "✅", "⚡", "🎉"}

// scamAd writes a scam of the listing's type, either as a short SMS-style
// blurb or a long board-style ad, with contacts written the ways scammers
// write them; some in traditional characters or with symbols breaking
// keywords.
func (g *gen) scamAd() *ad {
	w := &g.b.c.words
	s := g.scam
	a := &ad{}
	g.memo["pay"] = g.str(pick(g.r, s.Salary))
	a.Salary = g.memo["pay"]
	g.planScamContacts()

	a.Title = g.str(pick(g.r, s.Titles))
	if g.r.Float64() < s.Company {
		a.Company = g.value("company")
	}
	if g.r.IntN(100) < 55 {
		a.Location = g.str(pick(g.r, w.ScamPlaces))
	} else {
		a.Location = g.city.Name + "市" + g.value("district")
	}
	if g.r.IntN(2) == 0 {
		a.Headcount = g.value("n") + "人"
	} else {
		a.Headcount = pick(g.r, w.HeadcountWords)
	}
	a.Person = g.value("person")

	if g.r.IntN(100) < 45 {
		a.Body = g.smsBody()
	} else {
		a.Body = g.longBody()
	}
	if g.r.IntN(100) < 15 {
		p := 0.5 + g.r.Float64()/2
		conv := func(t string) string { return toTrad(t, w.trad, p, g.r) }
		for i := range a.Body {
			a.Body[i] = a.Body[i].mapText(conv)
		}
		if g.r.IntN(5) < 3 {
			a.Title = conv(a.Title)
		}
	}
	if g.r.IntN(100) < 20 {
		brk := func(t string) string { return breakWords(t, w.BreakWords, w.BreakSymbols, g.r) }
		for i := range a.Body {
			a.Body[i] = a.Body[i].mapText(brk)
		}
		if g.r.IntN(2) == 0 {
			a.Title = brk(a.Title)
		}
	}
	if !g.gbk && g.r.IntN(100) < 8 {
		a.Title = pick(g.r, titleEmoji) + a.Title
	}
	g.fillCells(a)
	return a
}

// smsBody is one short blurb plus lines for contacts it does not name.
func (g *gen) smsBody() []para {
	t := pick(g.r, g.scam.SMS)
	ci := -1
	if t.has("c") {
		ci = g.firstBodyContact()
	}
	ps := []para{g.para(t, ci)}
	return append(ps, g.contactLines()...)
}

// longBody is a board-style ad built slot by slot, contacts at the end (or
// before the closing urge).
func (g *gen) longBody() []para {
	var ps []para
	var labels []string
	slots := slices.Clone(g.scam.Long)
	if n := len(slots); n > 3 && g.r.IntN(5) == 0 {
		i := 1 + g.r.IntN(n-2)
		slots[i], slots[i+1] = slots[i+1], slots[i]
	}
	for _, sl := range slots {
		if sl.Optional && g.r.IntN(100) < 35 {
			continue
		}
		ps = append(ps, g.para(pick(g.r, sl.Texts), -1))
		labels = append(labels, sl.Label)
	}
	ps = format(ps, labels, g.r.IntN(4))
	lines := g.contactLines()
	if last := len(slots) - 1; slots[last].Slot == "urge" && labels[len(labels)-1] == "" && g.r.IntN(2) == 0 {
		tail := ps[len(ps)-1]
		return append(append(ps[:len(ps)-1], lines...), tail)
	}
	return append(ps, lines...)
}

func (g *gen) contactLines() []para {
	var ps []para
	for i := range g.cs {
		if g.cs[i].body && !g.cs[i].used {
			ps = append(ps, g.contactLine(i))
		}
	}
	return ps
}

func (g *gen) firstBodyContact() int {
	for i, pc := range g.cs {
		if pc.body {
			return i
		}
	}
	return -1
}

// Contact sets scam ads use, with weights: QQ or WeChat only is most common.
var (
	scamKindSets = [][]scamhunt.ContactKind{
		{scamhunt.ContactWeChat},
		{scamhunt.ContactQQ},
		{scamhunt.ContactQQ, scamhunt.ContactWeChat},
		{scamhunt.ContactPhone, scamhunt.ContactWeChat},
		{scamhunt.ContactPhone},
		{scamhunt.ContactPhone, scamhunt.ContactQQ},
		{scamhunt.ContactPhone, scamhunt.ContactQQ, scamhunt.ContactWeChat},
	}
	scamKindWeights = []int{30, 22, 16, 14, 8, 5, 5}
)

// planScamContacts picks the ad's contacts. A gang member carries the
// gang's contact, written in its own form.
func (g *gen) planScamContacts() {
	kinds := scamKindSets[pickWeighted(g.r, scamKindWeights)]
	var gk scamhunt.ContactKind
	if g.l.cluster >= 0 {
		gk = g.b.gangs[g.l.cluster].kind
		if !slices.Contains(kinds, gk) {
			kinds = []scamhunt.ContactKind{gk, kinds[0]}
		}
	}
	w := &g.b.c.words.Contact
	for _, k := range []scamhunt.ContactKind{scamhunt.ContactPhone, scamhunt.ContactQQ, scamhunt.ContactWeChat} {
		if !slices.Contains(kinds, k) {
			continue
		}
		serial, f := g.l.id, randomForm(k, g.r)
		if g.l.cluster >= 0 && k == gk {
			serial, f = clusterBase+uint32(g.l.cluster), clusterForm(k, int(g.l.member))
		}
		pc := plannedContact{kind: k, value: scamValue(k, serial, w.WeChatNames)}
		switch k {
		case scamhunt.ContactPhone:
			pc.label = pick(g.r, w.PhoneLabels)
		case scamhunt.ContactQQ:
			pc.label = pick(g.r, w.QQLabels)
		default:
			pc.label = pick(g.r, w.WeChatLabels)
			if !g.gbk && g.r.IntN(25) == 0 {
				pc.label = "💚"
			}
		}
		sep := pick(g.r, w.Seps)
		if k == scamhunt.ContactWeChat && (sep == "" || sep == "-") && endsASCIILetter(pc.label) {
			sep = "："
		}
		pc.label += sep
		pc.segs = writeValue(k, pc.value, f, g.r)
		pc.cell = f != fSpan && f != fBR && g.r.IntN(100) < 55
		pc.body = !pc.cell || g.r.IntN(100) < 60
		g.cs = append(g.cs, pc)
	}
	if g.firstBodyContact() < 0 {
		g.cs[0].body = true
	}
}

// endsASCIILetter reports whether a label would run into a WeChat ID
// (vx + hy8866) without a separator.
func endsASCIILetter(s string) bool {
	if s == "" {
		return false
	}
	c := s[len(s)-1]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
