package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// record is one labelled line of the corpus, in the JSONL form
// classify.ReadLabelled reads.
type record struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Body     string `json:"body"`
	Salary   string `json:"salary,omitempty"`
	Company  string `json:"company,omitempty"`
	City     string `json:"city,omitempty"`
	Label    string `json:"label"`
	Category string `json:"category,omitempty"`
}

// scamBank holds the hand-written fragments of one scam type.
type scamBank struct {
	titles    []string // ad titles
	hooks     []string // opening lines
	mechanics []string // what the "work" is: the lines that make it this scam
	money     []string // pay and fee lines
	perks     []string // easy, no experience, from home
	sms       []string // whole short ads, placeholders filled
	salaries  []string // salary field values ("" allowed)
	keys      []string // words a poster would disguise with separators
}

// honestBank holds the fragments of one kind of honest job.
type honestBank struct {
	kind     string
	titles   []string
	duties   []string
	reqs     []string
	pay      []string // salary field values
	times    []string
	places   []string
	extras   []string // benefits, notes
	short    []string // whole short ads
	company  []string
	noFirm   float64 // share of ads with no company
	imShare  float64 // share of ads giving WeChat or QQ
	warnings float64 // share of ads with a fee warning
}

// bank is one writer's whole set of fragments. The training and held-out
// corpora come from different banks, written separately.
type bank struct {
	prefix       string
	cities       []string
	persons      []string
	fakeFirms    []string
	apps         []string
	shops        []string
	urgency      []string
	closers      []string // scam sign-offs
	warnings     []string // honest fee and fraud warnings (hard negatives)
	honestIM     []string // honest lines offering WeChat/QQ
	scams        map[string]*scamBank
	honest       []*honestBank
	disguiseJobs []string // honest-looking job names scams hide behind
}

// gen draws from a bank with its own random source.
type gen struct {
	r    *rand.Rand
	b    *bank
	city string // the city of the listing being written
}

func (g *gen) pick(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[g.r.IntN(len(xs))]
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// some picks between lo and hi distinct items of xs in random order.
func (g *gen) some(xs []string, lo, hi int) []string {
	n := lo
	if hi > lo {
		n += g.r.IntN(hi - lo + 1)
	}
	n = min(n, len(xs))
	idx := g.r.Perm(len(xs))[:n]
	out := make([]string, n)
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

func (g *gen) between(lo, hi, step int) int {
	return lo + step*g.r.IntN((hi-lo)/step+1)
}

var luckyFees = []int{88, 98, 128, 168, 188, 198, 288, 298, 388, 588, 688, 888, 1288}
var plainFees = []int{30, 50, 60, 80, 100, 120, 150, 200, 260, 300, 350, 500}

// fill replaces the placeholders of a fragment.
func (g *gen) fill(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(g.value(s[i+1 : i+j]))
		s = s[i+j+1:]
	}
}

func (g *gen) value(key string) string {
	switch key {
	case "fee":
		if g.chance(0.6) {
			return strconv.Itoa(g.pick2(luckyFees))
		}
		return strconv.Itoa(g.pick2(plainFees))
	case "lucky":
		return strconv.Itoa(g.pick2(luckyFees))
	case "day":
		return strconv.Itoa(g.between(200, 800, 50))
	case "day2":
		lo := g.between(200, 500, 50)
		return fmt.Sprintf("%d-%d", lo, lo+g.between(100, 500, 100))
	case "order":
		return strconv.Itoa(g.between(3, 40, 1))
	case "month":
		return strconv.Itoa(g.between(8000, 30000, 1000))
	case "pct":
		return strconv.Itoa(g.between(5, 40, 5))
	case "n":
		return strconv.Itoa(g.between(2, 20, 1))
	case "min":
		return strconv.Itoa(g.between(10, 60, 10))
	case "contact":
		return g.scamContact()
	case "phone":
		return g.phone()
	case "qq":
		return g.qq()
	case "wx":
		return g.wxID()
	case "city":
		if g.city != "" {
			return g.city
		}
		return g.pick(g.b.cities)
	case "person":
		return g.pick(g.b.persons)
	case "app":
		return g.pick(g.b.apps)
	case "shop":
		return g.pick(g.b.shops)
	case "job":
		return g.pick(g.b.disguiseJobs)
	case "hhour":
		return strconv.Itoa(g.between(16, 40, 1))
	case "hday":
		return strconv.Itoa(g.between(100, 240, 10))
	case "hmonth":
		lo := g.between(3500, 9000, 500)
		return fmt.Sprintf("%d-%d", lo, lo+g.between(1000, 4000, 500))
	case "hcontact":
		return g.honestContact()
	case "url":
		return fmt.Sprintf("http://%s.%s/%s", g.word(5), g.pick([]string{"com", "cn", "top", "vip", "xyz"}), g.pick([]string{"app", "dl", "reg", "h5", "join"}))
	}
	return "{" + key + "}"
}

func (g *gen) pick2(xs []int) int { return xs[g.r.IntN(len(xs))] }

func (g *gen) word(n int) string {
	const letters = "abcdefghijkmnpqrstuvwxyz"
	b := make([]byte, n)
	for i := range b {
		b[i] = letters[g.r.IntN(len(letters))]
	}
	return string(b)
}

func (g *gen) phone() string {
	prefixes := []string{"138", "139", "135", "136", "137", "150", "151", "152", "157", "158", "159", "182", "183", "187", "188", "130", "131", "132", "155", "156", "185", "186", "133", "153", "177", "180", "189", "199"}
	return g.pick(prefixes) + fmt.Sprintf("%08d", g.r.IntN(100000000))
}

func (g *gen) qq() string {
	n := 5 + g.r.IntN(6)
	b := []byte{byte('1' + g.r.IntN(9))}
	for len(b) < n {
		b = append(b, byte('0'+g.r.IntN(10)))
	}
	return string(b)
}

func (g *gen) wxID() string {
	switch g.r.IntN(4) {
	case 0:
		return g.word(2+g.r.IntN(4)) + strconv.Itoa(100+g.r.IntN(9900))
	case 1:
		return g.word(3) + "_" + g.word(3) + strconv.Itoa(g.r.IntN(99))
	case 2:
		return g.phone()
	}
	return strings.ToUpper(g.word(1)) + g.word(4) + strconv.Itoa(1000+g.r.IntN(9000))
}

var cnDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
var cnCapital = []string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}

// disguise writes digits the ways scam posters do to dodge filters.
func (g *gen) disguise(digits string) string {
	switch g.r.IntN(6) {
	case 0: // full width
		var b strings.Builder
		for _, r := range digits {
			if r >= '0' && r <= '9' {
				r += '０' - '0'
			}
			b.WriteRune(r)
		}
		return b.String()
	case 1:
		var b strings.Builder
		for _, r := range digits {
			if r >= '0' && r <= '9' {
				b.WriteString(cnDigits[r-'0'])
			} else {
				b.WriteRune(r)
			}
		}
		return b.String()
	case 2:
		var b strings.Builder
		for _, r := range digits {
			if r >= '0' && r <= '9' {
				b.WriteString(cnCapital[r-'0'])
			} else {
				b.WriteRune(r)
			}
		}
		return b.String()
	case 3:
		return strings.Join(strings.Split(digits, ""), " ")
	case 4:
		if len(digits) > 4 {
			return digits[:len(digits)/2] + "." + strings.Repeat("*", 1+g.r.IntN(3)) + digits[len(digits)/2:]
		}
	}
	if len(digits) > 6 {
		return digits[:3] + "-" + digits[3:7] + "-" + digits[7:]
	}
	return digits
}

// scamContact renders an IM or phone contact the way scam ads do, mostly
// disguised.
func (g *gen) scamContact() string {
	wx, qq := g.wxID(), g.qq()
	forms := []func() string{
		func() string { return "薇信：" + wx },
		func() string { return "V信 " + wx },
		func() string { return "vx：" + wx },
		func() string { return "加v " + wx },
		func() string { return "💚 " + wx },
		func() string { return "威信号 " + wx },
		func() string { return "wx/" + wx },
		func() string { return "➕V：" + wx },
		func() string { return "微信：" + wx },
		func() string { return "扣扣 " + g.disguise(qq) },
		func() string { return "企鹅 " + qq },
		func() string { return "Q：" + g.disguise(qq) },
		func() string { return "q q " + qq },
		func() string { return "加扣" + g.disguise(qq) },
		func() string { return "QQ " + qq },
		func() string { return "☎ " + g.disguise(g.phone()) },
		func() string { return "飞机 @" + g.word(6) },
		func() string { return "TG：@" + g.word(5) + "_" + g.word(3) },
		func() string { return "联系：" + g.disguise(g.phone()) },
		func() string { return "电话：" + g.phone() },
		func() string { return "联系电话 " + g.phone() },
		func() string { return "手机" + g.phone() + "（微信同号）" },
		func() string { return g.pick(g.b.persons) + " " + g.phone() },
		func() string { return "报名电话：" + g.phone() },
		func() string { return "详询" + g.phone() },
	}
	return forms[g.r.IntN(len(forms))]()
}

// honestContact renders an employer's contact line.
func (g *gen) honestContact() string {
	p := g.phone()
	forms := []string{
		"联系电话：" + p,
		"电话：" + p + "（" + g.pick(g.b.persons) + "）",
		"联系人：" + g.pick(g.b.persons) + "，" + p,
		"有意者请致电" + p,
		"电话/微信同号：" + p,
		"简历请投递至 hr" + strconv.Itoa(g.r.IntN(99)) + "@" + g.word(6) + ".com",
		"报名电话 " + p[:3] + "-" + p[3:7] + "-" + p[7:],
		"请拨打 0" + strconv.Itoa(10+g.r.IntN(89)) + "-" + strconv.Itoa(60000000+g.r.IntN(39999999)) + " 咨询",
		"联系" + g.pick(g.b.persons) + "：" + p,
		"有意者带身份证直接到店面试",
		"请将简历发送至邮箱 jobs@" + g.word(5) + ".cn，合适者通知面试",
		"感兴趣的同学请在平台上直接报名",
	}
	return g.pick(forms)
}

// transform applies the tricks of real posts: traditional characters,
// emoji, separators inside key words, full-width digits.
func (g *gen) transform(s string, keys []string, trad, emoji, split float64) string {
	if g.chance(split) {
		for _, k := range g.some(keys, 1, 2) {
			s = strings.Replace(s, k, g.splitWord(k), 1)
		}
	}
	if g.chance(emoji) {
		s = g.sprinkle(s)
	}
	if g.chance(trad) {
		s = toTraditional(s)
	}
	return s
}

var separators = []string{" ", "★", "*", "·", "/", "☆", "-", "丶", "❤", "_", "  "}

func (g *gen) splitWord(w string) string {
	sep := g.pick(separators)
	rs := []rune(w)
	var b strings.Builder
	for i, r := range rs {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

var emojis = []string{"💰", "🔥", "✅", "👉", "📱", "💵", "⭐", "🎉", "❗", "👍", "💯", "🧧", "✨", "➡️"}

func (g *gen) sprinkle(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
		if (r == '，' || r == '。' || r == '！' || r == '\n') && g.chance(0.35) {
			b.WriteString(g.pick(emojis))
		}
	}
	if g.chance(0.5) {
		return g.pick(emojis) + b.String()
	}
	return b.String()
}

// join joins sentences with sep, dropping the end punctuation each
// sentence brings so none is doubled.
func join(parts []string, sep string) string {
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		p = strings.TrimRight(p, "。！，、；～ ")
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
