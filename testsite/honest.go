package testsite

import (
	"strconv"

	"github.com/scamhunt/scamhunt"
)

// honestAd writes an ordinary job ad of the listing's channel: company,
// address, hours, requirements, going-rate pay. Hard negatives add the
// reassurances (无需押金, 谨防诈骗) that honest employers write.
func (g *gen) honestAd() *ad {
	w := &g.b.c.words
	hard := g.l.flags&flagHardNeg != 0
	a := &ad{}
	a.Salary = g.pay(pick(g.r, g.job.Pay))
	g.planHonestContacts()

	a.Title = g.str(pick(g.r, g.job.Titles))
	if hard && g.r.IntN(2) == 0 {
		a.Title += pick(g.r, w.HardNegTitles)
	}
	if hard || g.r.IntN(10) > 0 {
		a.Company = g.value("company")
	}
	if g.r.IntN(10) < 7 {
		a.Location = g.city.Name + "市" + g.value("district") + g.value("street")
	} else {
		a.Location = g.value("district") + g.value("landmark") + "附近"
	}
	if g.r.IntN(8) > 0 {
		a.Headcount = g.value("n") + "人"
	} else {
		a.Headcount = pick(g.r, w.HeadcountWords)
	}
	a.Person = g.value("person")

	var ps []para
	var labels []string
	for _, sl := range g.job.Body {
		if sl.Optional && g.r.IntN(10) < 4 {
			continue
		}
		ps = append(ps, g.para(pick(g.r, sl.Texts), -1))
		labels = append(labels, sl.Label)
	}
	ps = format(ps, labels, g.r.IntN(4))
	for i := range g.cs {
		if i > 0 && g.cs[i].body {
			line := append(para{{Text: pick(g.r, []string{"也可以加", "或加", "另可加"})}}, g.labelled(i)...)
			ps = append(ps, append(line, seg{Text: pick(g.r, []string{"咨询。", "，备注姓名。", "，工作时间回复。"})}))
		}
	}
	if hard {
		note := textPara(pick(g.r, w.HardNeg))
		at := len(ps)
		if g.r.IntN(3) == 0 {
			at = g.r.IntN(len(ps) + 1)
		}
		ps = append(ps[:at], append([]para{note}, ps[at:]...)...)
	}
	a.Body = ps
	g.fillCells(a)
	return a
}

// pay draws a salary at the going rate and records {pay}, {paynum} and
// {settle} for the ad's text.
func (g *gen) pay(p paySpec) string {
	g.memo["settle"] = p.Settle
	if p.Unit == "面议" {
		g.memo["pay"], g.memo["paynum"] = "面议", "面议"
		return "面议"
	}
	lo := roundTo(p.Lo[0]+g.r.IntN(p.Lo[1]-p.Lo[0]+1), p.Step)
	hi := lo + roundTo(p.Span[0]+g.r.IntN(p.Span[1]-p.Span[0]+1), p.Step)
	text := strconv.Itoa(lo)
	if hi > lo {
		text += "-" + strconv.Itoa(hi)
	}
	text += "元/" + p.Unit
	g.memo["pay"], g.memo["paynum"] = text, strconv.Itoa(lo)
	return text
}

func roundTo(n, step int) int { return n / step * step }

// planHonestContacts gives an honest ad its phone (sometimes a landline)
// and now and then a WeChat ID or QQ, written plainly.
func (g *gen) planHonestContacts() {
	vr := valueRand(g.l.id, 0)
	var phone plannedContact
	if g.r.IntN(100) < 12 {
		v := landline(g.l.id, g.city.Area, vr)
		phone = plannedContact{kind: scamhunt.ContactPhone, value: v, segs: fixedText(v)}
	} else {
		v := mobile(g.l.id, pick(vr, honestPrefixes))
		f := []form{fPlain, fPlain, fPlain, fSpace, fSpace, fDash}[g.r.IntN(6)]
		phone = plannedContact{kind: scamhunt.ContactPhone, value: v, segs: writeValue(scamhunt.ContactPhone, v, f, g.r)}
	}
	phone.cell = true
	g.cs = append(g.cs, phone)
	switch n := g.r.IntN(100); {
	case n < 15:
		v := wechatID(g.l.id, g.b.c.words.Contact.WeChatNames, valueRand(g.l.id, 2))
		g.cs = append(g.cs, plannedContact{kind: scamhunt.ContactWeChat, value: v, segs: fixedText(v), label: "微信：", cell: true, body: g.r.IntN(2) == 0})
	case n < 20 && (g.job.Slug == "jiajiao" || g.job.Slug == "wangluo" || g.job.Slug == "kefu"):
		v := qq(g.l.id, valueRand(g.l.id, 1))
		g.cs = append(g.cs, plannedContact{kind: scamhunt.ContactQQ, value: v, segs: fixedText(v), label: "QQ：", cell: true, body: g.r.IntN(2) == 0})
	}
}

// fillCells writes the contact table cells of the ad.
func (g *gen) fillCells(a *ad) {
	for _, pc := range g.cs {
		if !pc.cell {
			continue
		}
		t := segsText(pc.segs)
		switch pc.kind {
		case scamhunt.ContactPhone:
			a.Phone = t
		case scamhunt.ContactQQ:
			a.QQ = t
		case scamhunt.ContactWeChat:
			a.WeChat = t
		}
	}
}
