package dataset

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// TokenHexLen is how many hex digits of the HMAC a masked value keeps.
const TokenHexLen = 16

// KindPerson is the token prefix of a masked contact name.
const KindPerson = "person"

// minNeedle is the shortest contact text (in runes) searched for in free
// text; shorter ones would erase ordinary words. The contact fields
// themselves are always replaced. A contact name is searched for from
// minNameNeedle runes: most Chinese names have two or three.
const (
	minNeedle     = 3
	minNameNeedle = 2
)

// personal says which contact kinds identify a person and are masked.
// URLs are kept (they name sites and apps), but their text is still
// scanned for phones, QQ numbers and e-mail addresses.
var personal = map[scamhunt.ContactKind]bool{
	scamhunt.ContactPhone: true, scamhunt.ContactQQ: true, scamhunt.ContactWeChat: true,
	scamhunt.ContactEmail: true, scamhunt.ContactTelegram: true,
}

// Patterns of contact details in free text that a record's contacts may not
// list. They run on folded text (lower case, half width, simplified), so
// "ＱＱ", "Qq" and "扣扣" read alike, and only when the text holds one of
// their cue words (regexp scans are the cost of masking). Submatch 1 is
// what is replaced. Phones are found by findPhones.
var patterns = []struct {
	kind scamhunt.ContactKind
	cues []string
	re   *regexp.Regexp
}{
	{scamhunt.ContactQQ, []string{"q", "扣扣", "企鹅", "口口"},
		regexp.MustCompile(`(?:q\s*q|扣扣|企鹅|口口)\s*(?:号码|号)?\s*[:=]?\s*([1-9][0-9]{4,10})`)},
	{scamhunt.ContactWeChat, []string{"微信", "薇信", "威信", "v信", "vx", "wx", "weixin", "wechat"},
		regexp.MustCompile(`(?:微信|薇信|威信|v信|vx|wx|weixin|wechat)\s*(?:号)?\s*[:=]?\s*([a-z][-_a-z0-9]{5,19})`)},
	{scamhunt.ContactTelegram, []string{"telegram", "tg", "电报", "t.me/"},
		regexp.MustCompile(`(?:telegram|\btg\b|电报|t\.me/)\s*[:=]?\s*@?([a-z][a-z0-9_]{4,31})`)},
	{scamhunt.ContactEmail, []string{"@"},
		regexp.MustCompile(`([a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,})`)},
}

// findPhones returns the spans of mobile-like numbers in s: 1, then 3-9,
// then nine more digits, single spaces, dots, stars or dashes allowed
// between digits. Leftmost first, not overlapping.
func findPhones(s string) [][2]int {
	var out [][2]int
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '1' || s[i+1] < '3' || s[i+1] > '9' {
			continue
		}
		j, n := i+2, 2
		for n < 11 && j < len(s) {
			switch {
			case isDigit(s[j]):
				j, n = j+1, n+1
				continue
			case (s[j] == ' ' || s[j] == '.' || s[j] == '*' || s[j] == '-') && j+1 < len(s) && isDigit(s[j+1]):
				j, n = j+2, n+1
				continue
			}
			break
		}
		if n == 11 {
			out = append(out, [2]int{i, j})
			i = j - 1
		}
	}
	return out
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func hasAny(s string, cues []string) bool {
	for _, c := range cues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// masker replaces contact details by keyed hashes. One masker serves one
// export, sequentially.
type masker struct {
	mac hash.Hash
	sum []byte
	// Buffers of fold, reused from field to field.
	buf        []byte
	orig, offs []int
}

func newMasker(key []byte) *masker {
	return &masker{mac: hmac.New(sha256.New, key)}
}

// token is the masked form of a canonical value: kind, ":", the first
// TokenHexLen hex digits of HMAC-SHA256(key, kind "\x00" value).
func (m *masker) token(kind, value string) string {
	m.mac.Reset()
	m.mac.Write([]byte(kind))
	m.mac.Write([]byte{0})
	m.mac.Write([]byte(value))
	m.sum = m.mac.Sum(m.sum[:0])
	return kind + ":" + hex.EncodeToString(m.sum)[:TokenHexLen]
}

// needle is a contact text to find in free text (folded) and its token.
type needle struct{ text, token string }

// Row masks a row in place of its contacts, contact name and every free text
// field, and drops the byte offsets of reasons (they pointed into the
// unmasked text).
func (m *masker) Row(r Row) Row {
	var ns []needle
	addMin := func(text, tok string, least int) {
		text = textnorm.Fold(strings.TrimSpace(text))
		if utf8.RuneCountInString(text) >= least && !strings.ContainsRune(text, 0) {
			ns = append(ns, needle{text, tok})
		}
	}
	add := func(text, tok string) { addMin(text, tok, minNeedle) }
	contacts := make([]scamhunt.Contact, 0, len(r.Contacts))
	for _, c := range r.Contacts {
		if !personal[c.Kind] {
			contacts = append(contacts, c)
			continue
		}
		v := c.Value
		if v == "" {
			v = textnorm.Fold(strings.TrimSpace(c.Raw))
		}
		tok := m.token(string(c.Kind), v)
		add(c.Raw, tok)
		add(c.Value, tok)
		switch c.Kind {
		case scamhunt.ContactPhone:
			add(strings.TrimPrefix(c.Value, "+86"), tok)
		case scamhunt.ContactTelegram:
			add("@"+c.Value, tok)
		}
		contacts = append(contacts, scamhunt.Contact{Kind: c.Kind, Value: tok, Raw: tok})
	}
	if p := strings.TrimSpace(r.ContactPerson); p != "" {
		tok := m.token(KindPerson, textnorm.Fold(p))
		addMin(p, tok, minNameNeedle)
		r.ContactPerson = tok
	}
	for i, c := range contacts {
		if !personal[c.Kind] {
			contacts[i].Value, contacts[i].Raw = m.Text(c.Value, ns), m.Text(c.Raw, ns)
		}
	}
	r.Contacts = contacts
	for _, f := range []*string{&r.URL, &r.City, &r.Category, &r.Title, &r.Body, &r.SalaryText, &r.Company, &r.HumanNote} {
		*f = m.Text(*f, ns)
	}
	reasons := make([]scamhunt.Reason, len(r.Reasons))
	for i, rs := range r.Reasons {
		rs.Match, rs.Note = m.Text(rs.Match, ns), m.Text(rs.Note, ns)
		rs.Start, rs.End = 0, 0
		reasons[i] = rs
	}
	r.Reasons = reasons
	return r
}

// span is a piece of text to replace: byte offsets in the folded text.
type span struct {
	start, end int
	token      string
}

// Text returns s with every occurrence of the needles, every contact the
// classifier's contact finder reads in it (contact.Personal: Chinese
// numerals, spaced-out IDs, spelled-out addresses, disguised labels ...),
// every contact name it names (contact.Names), and every phone, QQ, WeChat,
// e-mail and Telegram pattern, replaced by its token. Matching is on folded
// text, so case, width and traditional characters do not hide a contact.
// Overlapping matches are resolved leftmost first, then longest, so no
// needle survives whole.
func (m *masker) Text(s string, ns []needle) string {
	if s == "" {
		return s
	}
	folded := m.fold(s)
	var spans []span
	foldedAt := func(o int) int { // byte offset in s -> in folded
		k, _ := slices.BinarySearch(m.orig, o)
		return m.offs[k]
	}
	found, names := contact.Personal(s)
	for _, l := range found {
		if personal[l.Kind] {
			spans = append(spans, span{foldedAt(l.ValueStart), foldedAt(l.End), m.token(string(l.Kind), l.Value)})
		}
	}
	for _, n := range names {
		spans = append(spans, span{foldedAt(n.Start), foldedAt(n.End), m.token(KindPerson, n.Name)})
	}
	for _, n := range ns {
		for i := 0; i <= len(folded)-len(n.text); {
			j := strings.Index(folded[i:], n.text)
			if j < 0 {
				break
			}
			spans = append(spans, span{i + j, i + j + len(n.text), n.token})
			_, size := utf8.DecodeRuneInString(folded[i+j:])
			i += j + size
		}
	}
	for _, loc := range findPhones(folded) {
		spans = append(spans, span{loc[0], loc[1], m.token(string(scamhunt.ContactPhone), "+86"+digits(folded[loc[0]:loc[1]]))})
	}
	for _, p := range patterns {
		if !hasAny(folded, p.cues) {
			continue
		}
		for _, loc := range p.re.FindAllStringSubmatchIndex(folded, -1) {
			spans = append(spans, span{loc[2], loc[3], m.token(string(p.kind), folded[loc[2]:loc[3]])})
		}
	}
	if len(spans) == 0 {
		return s
	}
	slices.SortStableFunc(spans, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	at := func(f int) int {
		k, _ := slices.BinarySearch(m.offs, f)
		return m.orig[k]
	}
	var b strings.Builder
	b.Grow(len(s))
	last, end := 0, 0
	for _, sp := range spans {
		if sp.start < end {
			continue
		}
		start := at(sp.start)
		b.WriteString(s[last:start])
		b.WriteString(sp.token)
		end = sp.end
		last = at(sp.end)
	}
	b.WriteString(s[last:])
	return b.String()
}

// fold folds s as textnorm.Fold does, rune by rune, and records where each
// rune starts in s (m.orig) and in the result (m.offs): folding keeps the
// rune count but not the byte count.
func (m *masker) fold(s string) string {
	m.orig, m.offs, m.buf = m.orig[:0], m.offs[:0], m.buf[:0]
	for i, r := range s {
		m.orig = append(m.orig, i)
		m.offs = append(m.offs, len(m.buf))
		m.buf = utf8.AppendRune(m.buf, textnorm.Rune(r))
	}
	m.orig, m.offs = append(m.orig, len(s)), append(m.offs, len(m.buf))
	return string(m.buf)
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
