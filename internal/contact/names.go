package contact

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Name is a contact person's name found in free text: Name folded (as
// textnorm.Fold writes it), text[Start:End] as written.
type Name struct {
	Name       string
	Start, End int // byte offsets
}

// nameLabels announce a contact person: after a strong one any two or three
// Chinese characters that end there are a name ("联系人：李四"); after a
// weak one only a surname with a title ("联系张小姐").
var (
	strongNameLabels = []string{"联系人", "联络人", "负责人", "招聘人", "对接人", "招聘专员", "hr"}
	weakNameLabels   = []string{"联系", "找", "咨询", "加", "问"}
)

// titles follow a surname in how ads name their contact: 王先生, 李小姐.
var titles = []string{"先生", "小姐", "女士", "老师", "经理", "主管", "总监", "总", "姐", "哥"}

// notNames are words that follow a contact label but name nobody.
var notNames = map[string]bool{
	"我们": true, "本人": true, "客服": true, "方式": true, "电话": true, "微信": true, "人事": true,
	"老板": true, "即可": true, "公司": true, "我": true, "店长": true, "前台": true, "时间": true,
	"地址": true, "工作": true, "咨询": true, "报名": true, "详情": true, "招聘": true, "请加": true,
}

// surnames are the common Chinese surnames, for names written as surname
// and title anywhere in the text (王先生 on its own).
var surnames = runeSet("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")

// labelStarts are the first runes of the name labels: most runes start
// none, and are passed over at once.
var labelStarts = func() map[rune]bool {
	m := map[rune]bool{}
	for _, l := range append(slices.Clone(strongNameLabels), weakNameLabels...) {
		r, _ := utf8.DecodeRuneInString(l)
		m[r] = true
	}
	return m
}()

func runeSet(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

// Names returns the contact people's names written in free text: a name
// after a contact label (联系人：王先生, 负责人 李四, 联系张小姐) and a common
// surname with a title anywhere (王先生). Masking replaces them.
func Names(text string) []Name { return newDoc(text).names() }

func (d *doc) names() []Name {
	var out []Name
	for i := 0; i < len(d.r); {
		if e, ok := d.nameAfterLabel(i); ok {
			out = append(out, d.name(e.s, e.e))
			i = e.e
			continue
		}
		if e, ok := d.titled(i); ok && (i == 0 || !isHan(d.r[i-1]) || d.titledAfterWord(i)) {
			out = append(out, d.name(i, e))
			i = e
			continue
		}
		i++
	}
	return out
}

type runeSpan struct{ s, e int }

func (d *doc) name(s, e int) Name {
	return Name{Name: string(d.r[s:e]), Start: d.off[s], End: d.off[e]}
}

// nameAfterLabel reads a contact label at i and the name after it.
func (d *doc) nameAfterLabel(i int) (runeSpan, bool) {
	if !labelStarts[d.r[i]] {
		return runeSpan{}, false
	}
	for _, strong := range []bool{true, false} {
		labels := weakNameLabels
		if strong {
			labels = strongNameLabels
		}
		for _, l := range labels {
			if !d.hasPrefix(i, l) || isLetter(d.at(i-1)) && isLetter(rune(l[0])) {
				continue
			}
			p := i + len([]rune(l))
			for n := 0; n < 3 && p < len(d.r) && (isSpace(d.r[p]) || strings.ContainsRune(":：-—→>", d.r[p])); n++ {
				p++
			}
			if e, ok := d.titled(p); ok {
				return runeSpan{p, e}, true
			}
			if !strong {
				continue
			}
			e := p
			for e < len(d.r) && isHan(d.r[e]) && e-p < 4 {
				e++
			}
			if n := e - p; n >= 2 && n <= 3 && !isHan(d.at(e)) && !notNames[string(d.r[p:e])] {
				return runeSpan{p, e}, true
			}
		}
	}
	return runeSpan{}, false
}

// titled reads a surname and a title at i ("王先生") and returns its end.
func (d *doc) titled(i int) (int, bool) {
	if i >= len(d.r) || !surnames[d.r[i]] {
		return 0, false
	}
	for _, t := range titles {
		if d.hasPrefix(i+1, t) {
			return i + 1 + len([]rune(t)), true
		}
	}
	return 0, false
}

// titledAfterWord allows a titled name right after other Chinese text only
// for the two-character titles, which do not start ordinary words the way
// 总 and 哥 do (总部, 哥们).
func (d *doc) titledAfterWord(i int) bool {
	e, _ := d.titled(i)
	return e-i >= 3
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }
