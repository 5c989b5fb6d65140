package contact

import (
	"cmp"
	"slices"
	"strings"

	"github.com/scamhunt/scamhunt"
)

// Find returns every contact in free text in order of appearance,
// de-duplicated by Key. A bare digit run is a phone only if it reads as one
// on its own (a mobile, or a landline with its area code set apart); it is a
// QQ number only after a QQ label.
func Find(text string) []scamhunt.Contact { return scan(text, 0, false) }

// Field parses the value of a labelled field whose label already says the
// kind (the QQ cell of a table, the rest of a "微信：" line): bare digits in
// a QQ field are a QQ number, a bare ID in a WeChat field is a WeChat ID, an
// unseparated landline in a phone field is a phone. It also finds any other
// contacts written in the cell. Kinds e-mail and URL add nothing to Find.
func Field(kind scamhunt.ContactKind, text string) []scamhunt.Contact {
	return scan(text, kindOf(kind), false)
}

func kindOf(k scamhunt.ContactKind) kind {
	switch k {
	case scamhunt.ContactPhone:
		return kindPhone
	case scamhunt.ContactQQ:
		return kindQQ
	case scamhunt.ContactWeChat:
		return kindWeChat
	case scamhunt.ContactTelegram:
		return kindTelegram
	}
	return 0
}

// found is a contact with its rune span, for ordering.
type found struct {
	c    scamhunt.Contact
	s, e int
}

type scanner struct {
	*doc
	def   kind // the field's kind for unlabelled values; 0 in free text
	out   []found
	phone int // index in out of the last mobile phone, or -1
}

// Located is a contact and where its raw text lies: text[Start:End] is Raw,
// and text[ValueStart:End] the value without the label Raw starts with
// ("扣扣：5679 3216" from "5679").
type Located struct {
	scamhunt.Contact
	Start, ValueStart, End int // byte offsets
}

// Locate returns every occurrence of a contact in free text with its byte
// span, in order of appearance: the same contacts as Find, but a contact
// written twice (13812345678, and later 一三八一二三四五六七八) is there
// twice. Spans may nest (an e-mail address and the QQ number inside it).
// Masking replaces these spans.
func Locate(text string) []Located { return scanAll(text, 0, false).located() }

// Personal returns what Locate and Names return, reading text once: every
// contact and contact name, what masking replaces.
func Personal(text string) ([]Located, []Name) {
	sc := scanAll(text, 0, false)
	return sc.located(), sc.names()
}

func (sc *scanner) located() []Located {
	out := make([]Located, len(sc.out))
	for i, f := range sc.out {
		v := f.s
		if ls := sc.chain(f.s); len(ls) > 0 {
			v = min(max(sc.skipFiller(ls[len(ls)-1].e), f.s), f.e)
		}
		out[i] = Located{Contact: f.c, Start: sc.off[f.s], ValueStart: sc.off[v], End: sc.off[f.e]}
	}
	return out
}

func scan(text string, def kind, wide bool) []scamhunt.Contact {
	sc := scanAll(text, def, wide)
	var cs []scamhunt.Contact
	seen := map[string]bool{}
	for _, f := range sc.out {
		if !seen[f.c.Key()] {
			seen[f.c.Key()] = true
			cs = append(cs, f.c)
		}
	}
	return cs
}

// scanAll finds every contact in text, ordered by where it starts; wide
// is doc.wide.
func scanAll(text string, def kind, wide bool) *scanner {
	sc := &scanner{doc: newDoc(text), def: def, phone: -1}
	sc.wide = wide
	sc.web()
	for i := 0; i < len(sc.r); {
		i = max(sc.step(i), i+1)
	}
	slices.SortStableFunc(sc.out, func(a, b found) int { return cmp.Compare(a.s, b.s) })
	return sc
}

func (sc *scanner) emit(k scamhunt.ContactKind, value string, s, e int) {
	if k == scamhunt.ContactPhone && strings.HasPrefix(value, "+861") && len(value) == 14 {
		sc.phone = len(sc.out)
	}
	sc.out = append(sc.out, found{c: scamhunt.Contact{Kind: k, Value: value, Raw: sc.raw(s, e)}, s: s, e: e})
}

// step scans from rune i and returns where to go on.
func (sc *scanner) step(i int) int {
	if sc.used[i] {
		return i + 1
	}
	if ls := sc.chain(i); len(ls) > 0 {
		return sc.labelled(ls)
	}
	c := sc.r[i]
	switch {
	case c == '@' && sc.def != kindWeChat:
		return sc.handle(i)
	case digit(c) >= 0 || c == '+' && digit(sc.at(i+1)) >= 0:
		rn, ok := sc.runAt(i)
		if !ok {
			return i + 1
		}
		if sc.def != 0 {
			if e, ok := sc.value([]label{{s: rn.s, e: rn.s, k: sc.def}}, i); ok {
				return e
			}
		}
		for _, p := range sc.phones(rn, false) {
			sc.emit(scamhunt.ContactPhone, p.value, sc.start(rn, p.a), rn.groups[p.b].e)
		}
		return rn.e
	case isLetter(c) && !isWord(sc.at(i-1)):
		if sc.hasPrefix(i, "wxid_") {
			return sc.ids([]label{{s: i, e: i, k: kindWeChat}}, i)
		}
		if sc.def == kindWeChat || sc.def == kindTelegram {
			return sc.ids([]label{{s: i, e: i, k: sc.def}}, i)
		}
		for i < len(sc.r) && isWord(sc.r[i]) {
			i++
		}
		return i
	}
	return i + 1
}

// start is where the raw text of groups [a, ...] of rn begins.
func (sc *scanner) start(rn run, a int) int {
	if a == 0 {
		return rn.s
	}
	return rn.groups[a].s
}

// chain reads a label at i and any labels joined to it ("电话/微信：").
func (sc *scanner) chain(i int) []label {
	l, ok := sc.labelAt(i)
	if !ok {
		return nil
	}
	ls := []label{l}
	for l.k != kindBlock {
		j := l.e
		for n := 0; n < 3 && j < len(sc.r) && (isConnector(sc.r[j]) || invisible(sc.r[j])); n++ {
			j++
		}
		if j == len(sc.r) {
			break
		}
		nl, ok := sc.labelAt(j)
		if !ok || nl.k == kindBlock {
			break
		}
		ls = append(ls, nl)
		l = nl
	}
	return ls
}

// labelled reads the value after a chain of labels.
func (sc *scanner) labelled(ls []label) int {
	last := ls[len(ls)-1]
	p := sc.skipFiller(last.e)
	if last.k == kindBlock {
		if rn, ok := sc.runAt(p); ok {
			sc.mark(rn.s, rn.e)
			return rn.e
		}
		return last.e
	}
	if p < len(sc.r) && !sc.used[p] {
		n := len(sc.out)
		if e, ok := sc.value(ls, p); ok {
			sc.samePhone(last.e, p, n)
			return e
		}
	}
	sc.sameNumber(ls)
	return last.e
}

// samePhone handles "微信同号13812345678": a WeChat ID said to be the same
// as the phone number is the phone number too, so the WeChat contacts
// found since out[n] that are mobile numbers are also phones when 同号
// stands between the label (ending at l) and the value (at p).
func (sc *scanner) samePhone(l, p, n int) {
	same := false
	for k := l; k+1 < p; k++ {
		if sc.hasPrefix(k, "同号") {
			same = true
			break
		}
	}
	if !same {
		return
	}
	for _, f := range sc.out[n:] {
		if f.c.Kind == scamhunt.ContactWeChat && mobile(f.c.Value) {
			sc.emit(scamhunt.ContactPhone, "+86"+f.c.Value, max(f.s, p), f.e)
		}
	}
}

// value reads the value at p for the kinds of labels ls; the raw text of the
// first contact of a kind starts at that kind's label.
func (sc *scanner) value(ls []label, p int) (int, bool) {
	c := sc.r[p]
	if isLetter(c) {
		e := sc.ids(ls, p)
		return e, e > p
	}
	rn, ok := sc.runAt(p)
	if !ok {
		return 0, false
	}
	n := len(sc.out)
	for _, l := range firstOfKind(ls) {
		switch l.k {
		case kindQQ:
			qq, phone := sc.qqs(rn)
			for _, q := range qq {
				sc.emit(scamhunt.ContactQQ, q.value, sc.labelStart(l, rn, q.a), rn.groups[q.b].e)
			}
			for _, q := range phone {
				sc.emit(scamhunt.ContactPhone, q.value, sc.start(rn, q.a), rn.groups[q.b].e)
			}
		case kindPhone:
			for _, q := range sc.phones(rn, true) {
				sc.emit(scamhunt.ContactPhone, q.value, sc.start(rn, q.a), rn.groups[q.b].e)
			}
		case kindWeChat:
			for _, q := range sc.phones(rn, true) {
				if v := strings.TrimPrefix(q.value, "+86"); mobile(v) {
					sc.emit(scamhunt.ContactWeChat, v, sc.labelStart(l, rn, q.a), rn.groups[q.b].e)
				}
			}
		}
	}
	if len(sc.out) == n {
		return 0, false
	}
	sc.mark(rn.s, rn.e)
	return rn.e, true
}

func (sc *scanner) labelStart(l label, rn run, a int) int {
	if a == 0 {
		return min(l.s, rn.s)
	}
	return rn.groups[a].s
}

// firstOfKind keeps the first label of each kind of a chain.
func firstOfKind(ls []label) []label {
	var out []label
	for _, l := range ls {
		if !slices.ContainsFunc(out, func(o label) bool { return o.k == l.k }) {
			out = append(out, l)
		}
	}
	return out
}

// ids reads an ASCII word at p as a WeChat ID or a Telegram handle, as the
// labels allow, and returns where the value ends. For WeChat a name and
// number written apart are joined back (wechatAt).
func (sc *scanner) ids(ls []label, p int) int {
	e := sc.wordEnd(p)
	dotted := sc.at(e) == '@' || sc.at(e) == '.' && isWord(sc.at(e+1))
	if dotted {
		if _, _, ok := sc.joinID(p, e); !ok || !hasKind(ls, kindWeChat) {
			return e // part of an address: "abc.def", "abc@"
		}
	}
	n := len(sc.out)
	end := p
	for _, l := range firstOfKind(ls) {
		switch l.k {
		case kindWeChat:
			if id, ok, je := sc.wechatAt(p); ok {
				sc.emit(scamhunt.ContactWeChat, id, min(l.s, p), je)
				end = max(end, je)
			}
		case kindTelegram:
			if w := string(sc.r[p:e]); telegramHandle(w) && !dotted {
				sc.emit(scamhunt.ContactTelegram, w, min(l.s, p), e)
				end = max(end, e)
			}
		}
	}
	if len(sc.out) > n {
		sc.mark(p, end)
		return end
	}
	return e
}

func hasKind(ls []label, k kind) bool {
	return slices.ContainsFunc(ls, func(l label) bool { return l.k == k })
}

// wechatID: 6-20 characters, a letter first, then letters, digits, _ or -;
// the internal "wxid_" IDs may be longer.
func wechatID(w string) bool {
	if strings.HasPrefix(w, "wxid_") {
		return len(w) >= 9 && len(w) <= 40 && only(w, "abcdefghijklmnopqrstuvwxyz0123456789_")
	}
	return len(w) >= 6 && len(w) <= 20 && isLetter(rune(w[0])) && only(w, "abcdefghijklmnopqrstuvwxyz0123456789_-")
}

// telegramHandle: 5-32 characters, a letter first, then letters, digits, _.
func telegramHandle(w string) bool {
	return len(w) >= 5 && len(w) <= 32 && isLetter(rune(w[0])) && only(w, "abcdefghijklmnopqrstuvwxyz0123456789_")
}

// only reports whether every byte of s is in set.
func only(s, set string) bool { return strings.Trim(s, set) == "" }

// handle reads a Telegram "@name" at i.
func (sc *scanner) handle(i int) int {
	if p := sc.at(i - 1); isWord(p) || p == '.' {
		return i + 1
	}
	e := i + 1
	for e < len(sc.r) && !sc.used[e] && isWord(sc.r[e]) {
		e++
	}
	w := string(sc.r[i+1 : e])
	if !telegramHandle(w) || sc.at(e) == '.' || sc.at(e) == '@' || sc.at(e) == '-' {
		return e
	}
	sc.emit(scamhunt.ContactTelegram, w, i, e)
	sc.mark(i, e)
	return e
}

// sameNumber handles "13812345678（微信同号）": a WeChat label followed by
// 同号 right after a mobile number makes that number a WeChat ID too.
func (sc *scanner) sameNumber(ls []label) {
	last := ls[len(ls)-1]
	j := last.e
	if isSpace(sc.at(j)) {
		j++
	}
	if sc.phone < 0 || !sc.hasPrefix(j, "同号") && !sc.hasPrefix(j, "同步") {
		return
	}
	var wx *label
	for _, l := range ls {
		if l.k == kindWeChat {
			wx = &l
			break
		}
	}
	p := sc.out[sc.phone]
	if wx == nil || ls[0].s < p.e || ls[0].s-p.e > 3 {
		return
	}
	for k := p.e; k < ls[0].s; k++ {
		if c := sc.r[k]; !isSpace(c) && !strings.ContainsRune("(（/,，、[【", c) {
			return
		}
	}
	sc.emit(scamhunt.ContactWeChat, strings.TrimPrefix(p.c.Value, "+86"), p.s, j+2)
}
