package contact

import (
	"strings"
	"unicode"
)

// A WeChat ID is usually a name and a number ("lily5443730"), and posters
// break it there: "lily 5443730", "vip★1818211", "fafa_ 6333911", "tt_" and
// "2797002" on two lines, or the number in Chinese numerals
// ("xiaomei七一零八一二六"). After a WeChat label, or in a WeChat field,
// such a name and number are read as one ID.

// minIDDigits is how many digits the number part of a split ID needs, so a
// word and a small figure after it ("vip 3个月") are not joined.
const minIDDigits = 4

// wechatAt reads the WeChat ID written at p, which must start with an ASCII
// letter: the ASCII word there, or a name and number split apart and joined
// back (see joinID). It returns the canonical ID, whether it passes
// wechatID, and where it ends.
func (d *doc) wechatAt(p int) (id string, ok bool, e int) {
	e = d.wordEnd(p)
	if v, je, ok := d.joinID(p, e); ok {
		return v, true, je
	}
	id = string(d.r[p:e])
	if !wechatID(id) {
		if v, se, ok := d.spacedID(p, e); ok {
			return v, true, se
		}
	}
	return id, wechatID(id), e
}

// maxSpacedChunks bounds how many pieces a spaced-out ID is read from;
// past a valid ID, pieces longer than maxSpacedChunk are words of their own.
const (
	maxSpacedChunks = 8
	maxSpacedChunk  = 3
)

// spacedID reads an ID typed with spaces inside it, "ab c_9 9 9" for
// abc_999: the word [p, e) is too short to be an ID, so the ASCII words
// after it, each one space apart, are joined on until the ID is valid, and
// then while the pieces stay short (spaced typing) or are digits or "_"
// (the rest of its number). A unit after it ("12元") means a price, not an
// ID.
func (d *doc) spacedID(p, e int) (string, int, bool) {
	id := string(d.r[p:e])
	end := e
	for n := 0; n < maxSpacedChunks; n++ {
		if d.at(end) != ' ' || !isWord(d.at(end+1)) || d.used[end+1] {
			break
		}
		ce := d.wordEnd(end + 1)
		chunk := string(d.r[end+1 : ce])
		if wechatID(id) && len(chunk) > maxSpacedChunk && strings.Trim(chunk, "0123456789_") != "" {
			break
		}
		if len(id)+len(chunk) > 20 || mobile(chunk) {
			break // a mobile number is a contact of its own
		}
		id, end = id+chunk, ce
	}
	if end == e || !wechatID(id) || !d.idEndOK(end) {
		return "", 0, false
	}
	return id, end, true
}

// wordEnd is the end of the ASCII word (letters, digits, _ and -) at p.
func (d *doc) wordEnd(p int) int {
	e := p
	for e < len(d.r) && !d.used[e] && (isWord(d.r[e]) || d.r[e] == '-') {
		e++
	}
	return e
}

// joinID joins the name [p, e) with the number after it: glued Chinese
// numerals, or digits of any script after a gap of white space (one line
// break at most) and at most one symbol ("★", "☆", "*", "."). The name must
// have no digit and end in a letter or "_"; the number must have at least
// minIDDigits digits, stand alone (no letter, unit, "@" or further digits
// right after it) and not be a mobile number, which is a contact of its own.
// It returns the joined ID and its end when it passes wechatID.
func (d *doc) joinID(p, e int) (string, int, bool) {
	if e-p < 2 || e >= len(d.r) {
		return "", 0, false
	}
	for _, c := range d.r[p:e] {
		if isASCIIDigit(c) {
			return "", 0, false
		}
	}
	if last := d.r[e-1]; !isLetter(last) && last != '_' {
		return "", 0, false
	}
	k, ok := d.idGap(e)
	if !ok || k == e && isASCIIDigit(d.at(k)) {
		return "", 0, false
	}
	b := make([]byte, 0, e-p+12)
	for _, c := range d.r[p:e] {
		b = append(b, byte(c))
	}
	n := len(b)
	for ; k < len(d.r) && !d.used[k] && digit(d.r[k]) >= 0 && len(b) <= 20; k++ {
		b = append(b, byte('0'+digit(d.r[k])))
	}
	num := string(b[n:])
	if len(num) < minIDDigits || mobile(num) || !d.idEndOK(k) {
		return "", 0, false
	}
	if id := string(b); wechatID(id) {
		return id, k, true
	}
	return "", 0, false
}

// idGap skips the gap between the name and the number of a split ID from i
// and reports whether a digit follows it.
func (d *doc) idGap(i int) (int, bool) {
	symbols, lines := 0, 0
	for n := 0; n < 8 && i < len(d.r) && !d.used[i]; n++ {
		c := d.r[i]
		switch {
		case digit(c) >= 0:
			return i, true
		case invisible(c):
		case isSpace(c):
			if c == '\n' {
				lines++
			}
		case c == '.' || isStar(c) || unicode.Is(unicode.So, c) || c == '·' || c == '•' || c == '・':
			symbols++
		default:
			return i, false
		}
		if symbols > 1 || lines > 1 {
			return i, false
		}
		i++
	}
	return i, false
}

// idEndOK: what follows the number of a split ID ends it: not a letter or
// digit, a unit, "@", or a separator before more digits ("abc 2026-11-20").
func (d *doc) idEndOK(k int) bool {
	c := d.at(k)
	if isWord(c) || digit(c) >= 0 || c == '@' || c == '-' || isUnit(c) {
		return false
	}
	if isSep(c) || isStar(c) || c == ':' || c == ',' {
		return digit(d.at(k+1)) < 0
	}
	return true
}

// splitID reports whether a WeChat ID in the text is written split apart
// ("vip★1818211", "lily 5443730"), for Obfuscated.
func (d *doc) splitID() bool {
	for i := 0; i < len(d.r); i++ {
		if !isLetter(d.r[i]) || isWord(d.at(i-1)) {
			continue
		}
		e := d.wordEnd(i)
		if _, _, ok := d.joinID(i, e); ok {
			return true
		}
		i = e
	}
	return false
}
