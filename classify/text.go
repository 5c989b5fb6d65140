package classify

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// view is one field of a listing prepared for matching.
//
// full is the field folded by textnorm.Rune, one rune per rune of the
// original; off[i] is the byte offset of rune i in the original text
// (off[len(full)] is its length). compact is full without the separators
// scam posters put between characters to dodge keyword filters (white
// space, symbols, emoji, dots and dashes), so "刷★单" and "刷 单" read as
// "刷单"; at[j] is the index in full of compact rune j. Clause punctuation
// and line breaks stay, because they bound contexts. sent[j] numbers the
// sentence compact rune j is in, cl[j] its clause (sentences split at
// commas).
type view struct {
	field string
	orig  string
	full  []rune
	off   []int32
	comp  []rune
	at    []int32
	sent  []int32
	cl    []int32
	word  []bool // word[j]: compact rune j can be part of an n-gram
	trad  int    // traditional-only ideographs in the field (flagTraditional)
}

// reset prepares v for text, reusing its buffers.
func (v *view) reset(field, text string) {
	v.field, v.orig = field, text
	v.full, v.off = v.full[:0], v.off[:0]
	v.comp, v.at, v.sent, v.cl = v.comp[:0], v.at[:0], v.sent[:0], v.cl[:0]
	v.word = v.word[:0]
	v.trad = 0
	for i, r := range text {
		v.full = append(v.full, r)
		v.off = append(v.off, int32(i))
	}
	v.off = append(v.off, int32(len(text)))
	sent, cl := int32(0), int32(0)
	tab := runeTable()
	for i, r := range v.full {
		in := infoIn(tab, r)
		v.full[i] = in.fold
		if in.flags&flagTraditional != 0 {
			v.trad++
		}
		if in.flags&flagDropped != 0 {
			// A dot between digits is a decimal point, not a separator.
			if in.fold != '.' || i == 0 || i+1 >= len(v.full) || !isDigit(v.full[i-1]) || !isDigit(infoIn(tab, v.full[i+1]).fold) {
				continue
			}
		}
		v.comp = append(v.comp, in.fold)
		v.word = append(v.word, in.flags&flagWord != 0)
		v.at = append(v.at, int32(i))
		v.sent = append(v.sent, sent)
		v.cl = append(v.cl, cl)
		if in.flags&flagSentence != 0 {
			sent++
		}
		if in.flags&(flagSentence|flagClause) != 0 {
			cl++
		}
	}
	foldPhrases(v.comp, tab)
}

// phraseFolds are the words Taiwan and Hong Kong write where the mainland
// writes another of the same length (連結 for 链接, 點選 for 点击, 簡訊 for
// 短信, 儲值 for 充值, 兼差 for 兼职): folding runes to simplified
// characters leaves them apart, so a rule written with the mainland word
// missed '請點選以下連結進行驗證'. Each is folded in the compact view to the
// mainland word; being the same length, no offset moves. 登入 reads 登录
// (请及时登入手机银行网站 is the phishing SMS's 请登录). 轉帳 and 帳號 read
// 转账 and 账号; 帳戶 stays 帐户, a word the rules list beside 账户 (read
// as 账户 it joined the notice topic's 您的账户, and the model took TW
// phishing for a bank's notice).
var phraseFolds = map[[2]rune][2]rune{
	{'连', '结'}: {'链', '接'},
	{'点', '选'}: {'点', '击'},
	{'简', '讯'}: {'短', '信'},
	{'讯', '息'}: {'信', '息'},
	{'网', '路'}: {'网', '络'},
	{'软', '体'}: {'软', '件'},
	{'影', '片'}: {'视', '频'},
	{'储', '值'}: {'充', '值'},
	{'兼', '差'}: {'兼', '职'},
	{'转', '帐'}: {'转', '账'},
	{'帐', '号'}: {'账', '号'},
	{'登', '入'}: {'登', '录'},
	// and the mule recruiter's 咔 for 卡, written to slip past filters
	// (收个人一类银行咔): 银行咔 and 一类咔 read 银行卡 and 一类卡
	{'行', '咔'}: {'行', '卡'},
	{'类', '咔'}: {'类', '卡'},
}

// foldPhrases folds the phraseFolds words of a compact view in place.
func foldPhrases(c []rune, tab []runeInfo) {
	for i := 0; i+1 < len(c); i++ {
		if infoIn(tab, c[i]).flags&flagPhrase == 0 {
			continue
		}
		k := [2]rune{c[i], c[i+1]}
		to, ok := phraseFolds[k]
		if !ok || straddles(c, i, k) {
			continue
		}
		c[i], c[i+1] = to[0], to[1]
		i++
	}
}

// straddles reports whether the phrase k at c[i:i+2] is the tail of one
// word and the head of the next, not the phrase: 地点|选择, 重点|选拔,
// 电影|片段.
func straddles(c []rune, i int, k [2]rune) bool {
	switch k {
	case [2]rune{'点', '选'}:
		if i+2 < len(c) {
			switch c[i+2] {
			case '择', '拔', '购', '取', '手', '举', '项', '修', '定', '用', '出', '派':
				return true
			}
		}
	case [2]rune{'影', '片'}:
		return i > 0 && c[i-1] == '电'
	}
	return false
}

// span returns the byte offsets in the original text of compact runes
// [i, j).
func (v *view) span(i, j int32) (int, int) {
	return int(v.off[v.at[i]]), int(v.off[v.at[j-1]+1])
}

// runeInfo is what the views need to know of a rune: its folded form and,
// of that, whether it is a separator, a word rune, or ends a sentence or
// clause.
type runeInfo struct {
	fold  rune
	flags uint8
}

const (
	flagDropped uint8 = 1 << iota
	flagWord
	flagSentence
	flagClause
	flagPhrase      // begins a phraseFolds key (the folded rune)
	flagTraditional // a traditional-only ideograph: it folds to another
)

// phraseStarts are the runes that begin a phraseFolds key.
var phraseStarts = sync.OnceValue(func() map[rune]bool {
	m := map[rune]bool{}
	for k := range phraseFolds {
		m[k[0]] = true
	}
	return m
})

// runeTable caches runeInfo for the Basic Multilingual Plane: folding is
// the hottest step of a classification.
var runeTable = sync.OnceValue(func() []runeInfo {
	t := make([]runeInfo, 0x10000)
	for r := range t {
		t[r] = makeInfo(rune(r))
	}
	return t
})

func makeInfo(r rune) runeInfo {
	f := textnorm.Rune(r)
	in := runeInfo{fold: f}
	if dropped(f) {
		in.flags |= flagDropped
	}
	if wordRune(f) {
		in.flags |= flagWord
	}
	if sentenceEnd(f) {
		in.flags |= flagSentence
	}
	if f == ',' || f == '，' {
		in.flags |= flagClause
	}
	if phraseStarts()[f] {
		in.flags |= flagPhrase
	}
	if f != r && isHan(r) && isHan(f) {
		in.flags |= flagTraditional
	}
	return in
}

// infoIn returns r's runeInfo from tab (runeTable, fetched once for a
// loop over a text), or computes it for a rune beyond the table.
func infoIn(tab []runeInfo, r rune) runeInfo {
	if uint32(r) < uint32(len(tab)) {
		return tab[r]
	}
	return makeInfo(r)
}

// dropped reports whether r is a separator the compact view removes.
func dropped(r rune) bool {
	if r >= 0x4e00 && r <= 0x9fff && r != '丶' {
		return false
	}
	switch r {
	case '\n':
		return false
	case '*', '.', '·', '•', '‧', '-', '–', '—', '_', '|', '/', '\\', '~', '～', '\'', '"', '`', '^', '#', '…', '“', '”', '‘', '’', '丶', '\u200b', '\u200c', '\u200d', '\ufeff':
		return true
	}
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\r' || r == '\v' || r == '\f' || r == '+' || r == '=' || r == '<' || r == '>'
	}
	if unicode.IsSpace(r) || unicode.Is(unicode.Variation_Selector, r) || unicode.In(r, unicode.Cf) {
		return true
	}
	return unicode.In(r, unicode.Sm, unicode.Sk, unicode.So)
}

// sentenceEnd reports whether r ends a sentence; contexts do not reach
// across it.
func sentenceEnd(r rune) bool {
	switch r {
	case '。', '!', '！', '?', '？', ';', '；', '\n':
		return true
	}
	return false
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// wordRune reports whether r can be part of an n-gram: letters, digits and
// CJK ideographs, not punctuation.
func wordRune(r rune) bool {
	if r >= 0x4e00 && r <= 0x9fff {
		return true
	}
	if r < utf8.RuneSelf {
		return isASCIIWord(r)
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isASCIIWord reports whether r is an ASCII letter or digit; keywords made
// of them must not match inside a longer ASCII word.
func isASCIIWord(r rune) bool {
	return 'a' <= r && r <= 'z' || isDigit(r)
}
