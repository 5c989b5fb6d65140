package main

import (
	"fmt"
	"strings"
)

// scam writes one scam ad of category cat in a randomly chosen style.
func (g *gen) scam(cat string) record {
	sb := g.b.scams[cat]
	g.city = g.pick(g.b.cities)
	rec := record{Label: "scam", Category: cat, City: g.city}
	rec.Title = g.fill(g.pick(sb.titles))
	rec.Salary = g.fill(g.pick(sb.salaries))
	if g.chance(0.3) {
		rec.Company = g.fill(g.pick(g.b.fakeFirms))
	}
	var body string
	switch g.r.IntN(6) {
	case 0, 1:
		body = g.scamBoard(sb)
	case 2:
		body = g.fill(g.pick(sb.sms))
		if g.chance(0.5) {
			body += g.pick([]string{" ", "\n", "，"}) + g.fill(g.pick(g.b.urgency))
		}
	case 3:
		body = g.scamList(sb)
	case 4:
		body = g.scamChat(sb)
	default:
		body = g.scamDisguised(sb)
		rec.Title = g.fill(g.pick([]string{"招聘{job}", "{job}（可兼职）", "急招{job}数名", "{job} 在家办公", "{city}{job}"}))
		if g.chance(0.5) {
			rec.Company = g.fill(g.pick(g.b.fakeFirms))
		}
	}
	rec.Body = g.transform(body, sb.keys, 0.15, 0.25, 0.2)
	rec.Title = g.transform(rec.Title, sb.keys, 0.1, 0.15, 0.1)
	return rec
}

func (g *gen) scamBoard(sb *scamBank) string {
	labels := [][]string{
		{"【工作内容】", "【岗位介绍】", "工作内容：", "■ 做什么", "一、工作内容"},
		{"【薪资待遇】", "【收入】", "待遇：", "■ 收入", "二、薪资"},
		{"【要求】", "【招聘要求】", "要求：", "■ 要求", "三、要求"},
		{"【联系方式】", "【报名方式】", "联系：", "■ 报名", "四、咨询"},
	}
	v := g.r.IntN(5)
	var parts []string
	parts = append(parts, g.fill(g.pick(sb.hooks)))
	parts = append(parts, labels[0][v]+strings.Join(g.fillAll(g.some(sb.mechanics, 1, 3)), "；"))
	parts = append(parts, labels[1][v]+strings.Join(g.fillAll(g.some(sb.money, 1, 2)), "；"))
	parts = append(parts, labels[2][v]+strings.Join(g.fillAll(g.some(sb.perks, 1, 3)), "，"))
	if g.chance(0.6) {
		parts = append(parts, g.fill(g.pick(g.b.urgency)))
	}
	parts = append(parts, labels[3][v]+g.fill("{contact}"))
	if g.chance(0.5) {
		parts = append(parts, g.fill(g.pick(g.b.closers)))
	}
	return strings.Join(parts, g.pick([]string{"\n", "\n", " ", "\n\n"}))
}

func (g *gen) scamList(sb *scamBank) string {
	lines := []string{g.fill(g.pick(sb.hooks))}
	items := append(g.fillAll(g.some(sb.mechanics, 1, 2)), g.fillAll(g.some(sb.money, 1, 2))...)
	items = append(items, g.fillAll(g.some(sb.perks, 1, 2))...)
	g.r.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
	num := g.r.IntN(3)
	for i, it := range items {
		switch num {
		case 0:
			lines = append(lines, fmt.Sprintf("%d、%s", i+1, it))
		case 1:
			lines = append(lines, fmt.Sprintf("%d.%s", i+1, it))
		default:
			lines = append(lines, "✔"+it)
		}
	}
	lines = append(lines, g.fill(g.pick([]string{"有意者{contact}", "咨询{contact}", "{contact}（备注兼职）", "报名请加 {contact}", "{contact}"})))
	return strings.Join(lines, "\n")
}

func (g *gen) scamChat(sb *scamBank) string {
	var parts []string
	parts = append(parts, g.fill(g.pick(sb.hooks)))
	for _, m := range g.some(sb.mechanics, 1, 2) {
		parts = append(parts, g.fill(m))
	}
	parts = append(parts, g.fill(g.pick(sb.money)))
	if g.chance(0.7) {
		parts = append(parts, g.fill(g.pick(sb.perks)))
	}
	parts = append(parts, g.fill(g.pick(g.b.closers)))
	parts = append(parts, g.fill("{contact}"))
	return join(parts, g.pick([]string{"。", "！", "，", "～"}))
}

// scamDisguised hides the scam in an ad that opens like an ordinary job.
func (g *gen) scamDisguised(sb *scamBank) string {
	hb := g.b.honest[g.r.IntN(len(g.b.honest))]
	parts := []string{
		g.fill("【岗位职责】" + g.pick(hb.duties)),
		g.fill(strings.Join(g.some(sb.mechanics, 1, 2), "；")),
		g.fill("【任职要求】" + g.pick(hb.reqs)),
		g.fill(g.pick(sb.money)),
	}
	if g.chance(0.5) {
		parts = append(parts, g.fill(g.pick(g.b.warnings)))
	}
	parts = append(parts, g.fill("{contact}"))
	return strings.Join(parts, "\n")
}

func (g *gen) fillAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = g.fill(x)
	}
	return out
}

// honest writes one honest ad of the kind hb in a randomly chosen style.
func (g *gen) honest(hb *honestBank) record {
	g.city = g.pick(g.b.cities)
	rec := record{Label: "legit", City: g.city}
	rec.Title = g.fill(g.pick(hb.titles))
	rec.Salary = g.fill(g.pick(hb.pay))
	if !g.chance(hb.noFirm) {
		rec.Company = g.fill(g.pick(hb.company))
	}
	var body string
	switch g.r.IntN(5) {
	case 0, 1:
		body = g.honestBoard(hb)
	case 2:
		body = g.honestPlain(hb)
	case 3:
		if len(hb.short) > 0 {
			body = g.fill(g.pick(hb.short))
		} else {
			body = g.honestPlain(hb)
		}
	default:
		body = g.honestNumbered(hb)
	}
	if g.chance(hb.imShare) {
		body += g.pick([]string{"\n", " ", "。"}) + g.fill(g.pick(g.b.honestIM))
	}
	if g.chance(hb.warnings) {
		w := g.fill(g.pick(g.b.warnings))
		if g.chance(0.5) {
			body = w + g.pick([]string{"\n", " "}) + body
		} else {
			body += g.pick([]string{"\n", " ", "。"}) + w
		}
	}
	rec.Body = g.transform(body, nil, 0.08, 0.06, 0)
	return rec
}

func (g *gen) honestBoard(hb *honestBank) string {
	var b strings.Builder
	heads := [][]string{
		{"【岗位职责】", "岗位职责：", "工作内容：", "【工作内容】"},
		{"【任职要求】", "任职要求：", "岗位要求：", "【招聘要求】"},
		{"【工作时间】", "工作时间：", "上班时间：", "【时间】"},
		{"【工作地点】", "工作地点：", "地址：", "【地点】"},
		{"【薪资福利】", "薪资待遇：", "福利：", "【待遇】"},
	}
	v := g.r.IntN(4)
	sections := [][]string{
		g.some(hb.duties, 1, 3), g.some(hb.reqs, 1, 3), {g.pick(hb.times)}, {g.pick(hb.places)}, g.some(hb.extras, 1, 3),
	}
	for i, sec := range sections {
		b.WriteString(heads[i][v])
		for j, s := range sec {
			if len(sec) > 1 {
				fmt.Fprintf(&b, "%d、", j+1)
			}
			b.WriteString(g.fill(s))
			b.WriteString("；")
		}
		b.WriteString(g.pick([]string{"\n", " ", ""}))
	}
	b.WriteString(g.fill("{hcontact}"))
	return b.String()
}

func (g *gen) honestPlain(hb *honestBank) string {
	parts := []string{g.fill(g.pick(hb.duties)), g.fill(g.pick(hb.reqs)), g.fill(g.pick(hb.times)),
		g.fill(g.pick(hb.places))}
	if g.chance(0.6) {
		parts = append(parts, g.fill(g.pick(hb.extras)))
	}
	parts = append(parts, g.fill("{hcontact}"))
	return join(parts, g.pick([]string{"。", "，", " ", "\n"}))
}

func (g *gen) honestNumbered(hb *honestBank) string {
	items := append(g.fillAll(g.some(hb.duties, 1, 2)), g.fillAll(g.some(hb.reqs, 1, 2))...)
	items = append(items, g.fill(g.pick(hb.times)), g.fill(g.pick(hb.extras)))
	var lines []string
	for i, it := range items {
		lines = append(lines, fmt.Sprintf("%d.%s", i+1, it))
	}
	lines = append(lines, g.fill(g.pick(hb.places)), g.fill("{hcontact}"))
	return strings.Join(lines, "\n")
}
