package contact

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// kind is what a label announces.
type kind uint8

const (
	kindPhone kind = iota + 1
	kindQQ
	kindWeChat
	kindTelegram
	kindBlock // a number that is not a contact: order, ID card, postcode ...
)

// word is one label as written after folding. Plain labels are the honest
// names (微信, QQ, 电话); the others are disguises. A strict label is so short
// (q, v, 微, 扣) that it counts only right before ":", an arrow or a number;
// an id label (威, 薇, common in names) only right before a WeChat ID with a
// digit in it. notAfter lists runes that make the label part of a word
// (折扣, 回扣).
type word struct {
	w        string
	k        kind
	plain    bool
	strict   bool
	id       bool
	notAfter string
}

var words = []word{
	{w: "电话", k: kindPhone, plain: true}, {w: "手机", k: kindPhone, plain: true},
	{w: "座机", k: kindPhone, plain: true}, {w: "固话", k: kindPhone, plain: true},
	{w: "热线", k: kindPhone, plain: true}, {w: "tel", k: kindPhone, plain: true},
	{w: "致电", k: kindPhone, plain: true}, {w: "拨打", k: kindPhone, plain: true},
	{w: "来电", k: kindPhone, plain: true}, {w: "电联", k: kindPhone, plain: true},
	{w: "📞", k: kindPhone, plain: true}, {w: "☎", k: kindPhone, plain: true},
	{w: "📱", k: kindPhone, plain: true}, {w: "phone", k: kindPhone, plain: true},
	{w: "mobile", k: kindPhone, plain: true}, {w: "whatsapp", k: kindPhone, plain: true},

	{w: "qq", k: kindQQ, plain: true}, {w: "q", k: kindQQ, strict: true},
	{w: "加q", k: kindQQ}, {w: "+q", k: kindQQ}, {w: "扣扣", k: kindQQ},
	{w: "加qq", k: kindQQ, plain: true}, {w: "+qq", k: kindQQ, plain: true}, {w: "加扣扣", k: kindQQ},
	{w: "抠抠", k: kindQQ}, {w: "蔻蔻", k: kindQQ}, {w: "叩叩", k: kindQQ},
	{w: "寇寇", k: kindQQ}, {w: "企鹅", k: kindQQ}, {w: "秋秋", k: kindQQ},
	{w: "球球", k: kindQQ}, {w: "🐧", k: kindQQ},
	{w: "扣", k: kindQQ, strict: true, notAfter: "折克回倒预实"},

	{w: "微信", k: kindWeChat, plain: true}, {w: "weixin", k: kindWeChat, plain: true},
	{w: "wechat", k: kindWeChat, plain: true}, {w: "薇信", k: kindWeChat},
	{w: "威信", k: kindWeChat}, {w: "徽信", k: kindWeChat}, {w: "维信", k: kindWeChat},
	{w: "溦信", k: kindWeChat}, {w: "唯信", k: kindWeChat}, {w: "微芯", k: kindWeChat},
	{w: "v信", k: kindWeChat}, {w: "vx", k: kindWeChat}, {w: "wx", k: kindWeChat},
	{w: "加v", k: kindWeChat}, {w: "+v", k: kindWeChat}, {w: "v", k: kindWeChat, strict: true},
	{w: "加微", k: kindWeChat}, {w: "+微", k: kindWeChat},
	{w: "加微信", k: kindWeChat, plain: true}, {w: "+微信", k: kindWeChat, plain: true},
	{w: "加薇信", k: kindWeChat}, {w: "加威信", k: kindWeChat}, {w: "加vx", k: kindWeChat},
	{w: "加wx", k: kindWeChat}, {w: "加v信", k: kindWeChat}, {w: "微", k: kindWeChat, strict: true},
	{w: "绿泡泡", k: kindWeChat}, {w: "💬", k: kindWeChat}, {w: "🟢", k: kindWeChat},
	{w: "💚", k: kindWeChat}, {w: "卫星", k: kindWeChat},
	{w: "威", k: kindWeChat, id: true}, {w: "薇", k: kindWeChat, id: true},

	{w: "电报", k: kindTelegram, plain: true}, {w: "telegram", k: kindTelegram, plain: true},
	{w: "tg", k: kindTelegram, plain: true}, {w: "纸飞机", k: kindTelegram},
	{w: "飞机号", k: kindTelegram}, {w: "✈", k: kindTelegram},

	{w: "单号", k: kindBlock}, {w: "编号", k: kindBlock}, {w: "身份证", k: kindBlock},
	{w: "证号", k: kindBlock}, {w: "卡号", k: kindBlock}, {w: "银行卡", k: kindBlock},
	{w: "工号", k: kindBlock}, {w: "邮编", k: kindBlock}, {w: "邮政编码", k: kindBlock},
	{w: "流水号", k: kindBlock}, {w: "学号", k: kindBlock}, {w: "验证码", k: kindBlock},
	{w: "邀请码", k: kindBlock}, {w: "房号", k: kindBlock}, {w: "税号", k: kindBlock},
	{w: "信用代码", k: kindBlock},
}

// byFirst indexes the labels by first rune, longest first.
var byFirst = sync.OnceValue(func() map[rune][]word {
	m := map[rune][]word{}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w.w)
		m[r] = append(m[r], w)
	}
	for _, ws := range m {
		slices.SortFunc(ws, func(a, b word) int { return utf8.RuneCountInString(b.w) - utf8.RuneCountInString(a.w) })
	}
	return m
})

// label is a label found in the text: runes [s, e).
type label struct {
	s, e     int
	k        kind
	disguise bool // a disguised word, or a plain one with symbols inside ("微★信", "q q")
}

// labelAt matches the longest label starting at rune i. Multi-rune labels
// may have one separator or space between their runes ("微 信", "Q q"); ASCII
// labels must stand apart from surrounding letters so "wx" does not match
// inside "wxid_" nor "tel" inside "hotel".
func (d *doc) labelAt(i int) (label, bool) {
	c := d.at(i)
	if d.used[i] || (isWord(c) && isWord(d.at(i-1))) {
		return label{}, false
	}
	for _, w := range byFirst()[c] {
		e, split, ok := d.matchWord(i, w.w)
		if !ok || !d.free(i, e) {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(w.w)
		if isLetter(last) && isLetter(d.at(e)) {
			continue
		}
		if w.strict && !d.strictOK(e) || w.id && !d.idOK(e) ||
			w.notAfter != "" && strings.ContainsRune(w.notAfter, d.at(i-1)) {
			continue
		}
		return label{s: i, e: e, k: w.k, disguise: !w.plain || split}, true
	}
	return label{}, false
}

func (d *doc) matchWord(i int, w string) (end int, split, ok bool) {
	first := true
	for _, c := range w {
		if !first && d.at(i) != c && (isSpace(d.at(i)) || isSep(d.at(i)) || isStar(d.at(i))) && d.at(i+1) == c {
			i++
			split = true
		}
		if d.at(i) != c {
			return 0, false, false
		}
		first = false
		i++
	}
	return i, split, true
}

// strictOK: a one-character label (q, v, 微, 扣) must be followed by ":",
// by an arrow ("→", "->", "-") before a number, or by a number of five
// digits or more whose first group has three ("3099 3600 4", not "Q1 2026");
// 微 may also be followed by an ASCII ID right away. So "Q1季度", "微商",
// "扣款" and "扣 3 天" are not labels.
func (d *doc) strictOK(e int) bool {
	if d.at(e-1) == '微' && isLetter(d.at(e)) {
		return true
	}
	j := e
	for n := 0; n < 3 && (d.at(j) == ' ' || isArrow(d.at(j))); n++ {
		j++
	}
	if d.at(j) == ':' && j-e <= 1 {
		return true
	}
	if digit(d.at(j)) < 0 {
		return false
	}
	rn, ok := d.runAt(j)
	if !ok || len(rn.groups[0].digits) < 3 {
		return false
	}
	n := 0
	for _, g := range rn.groups {
		n += len(g.digits)
	}
	return n >= 5
}

// idOK: an id label (威, 薇) must be followed, after ":", an arrow or a
// space, by a WeChat ID with a digit in it: "威-nana_4839977", "薇 job2994820",
// not "小薇 Lily" nor "张薇：13812345678".
func (d *doc) idOK(e int) bool {
	j := e
	for n := 0; n < 3 && (d.at(j) == ' ' || d.at(j) == ':' || isArrow(d.at(j))); n++ {
		j++
	}
	if !isLetter(d.at(j)) || isWord(d.at(j-1)) {
		return false
	}
	id, ok, _ := d.wechatAt(j)
	return ok && strings.ContainsAny(id, "0123456789")
}

// isArrow points from a label to its value: "球球→", "q->", "威-".
func isArrow(r rune) bool {
	switch r {
	case '→', '⇒', '➡', '➔', '➜', '➝', '➞', '⟶', '⇨', '⇢', '>', '-', '—', '=', '~':
		return true
	}
	return false
}

// fillers may stand between a label and its value: "QQ号码：", "微信联系我 ".
var fillers = []string{"号码", "号", "码", "账号", "帐号", "是", "为", "同号", "搜索", "搜",
	"添加", "加", "私聊", "私信", "联系", "咨询", "群号", "群", "直接", "请", "我"}

// skipFiller moves past punctuation, spaces and filler words after a label,
// up to a short distance; it stops at anything that could start a value.
func (d *doc) skipFiller(i int) int {
	for n := 0; n < 12 && i < len(d.r) && !d.used[i]; n++ {
		c := d.r[i]
		if d.hasPrefix(i, "id") && !isWord(d.at(i+2)) {
			i += 2
			continue
		}
		if digit(c) >= 0 || isLetter(c) {
			return i
		}
		if invisible(c) || isSpace(c) || unicode.IsPunct(c) || unicode.IsSymbol(c) {
			i++
			continue
		}
		skipped := false
		for _, f := range fillers {
			if d.hasPrefix(i, f) {
				i += utf8.RuneCountInString(f)
				skipped = true
				break
			}
		}
		if !skipped {
			return i
		}
	}
	return i
}

// isConnector joins labels of one value: "电话/微信：", "QQ、微信".
func isConnector(r rune) bool {
	switch r {
	case '/', '、', '或', '和', '&', '|', ',', '+', ' ':
		return true
	}
	return false
}
