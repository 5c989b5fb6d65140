package contact

import (
	"slices"
	"strings"

	"github.com/scamhunt/scamhunt"
)

// Obfuscated reports whether c.Raw is written in a disguised form: full-width
// letters or digits, Chinese or circled numerals, separators or symbols
// inside a number, a number split across lines, invisible characters, a
// disguised label (薇信, vx, 扣扣, 企鹅, 纸飞机 ... or a label with symbols
// inside such as "微★信"), a WeChat ID split between its name and number
// ("vip★1818211", "lily 5443730"), or "#" for "@". A phone written the usual way
// ("138-1234-5678", "138 1234 5678", "0431-8888 6666", "+86 138...") is not
// disguised. It is a feature for the classifier: honest posters have no
// reason to hide their number from filters.
func Obfuscated(c scamhunt.Contact) bool {
	d := newDoc(c.Raw)
	for _, o := range d.orig {
		if fullWidth(o) || o == '\n' || o == '\r' || invisible(o) {
			return true
		}
	}
	switch c.Kind {
	case scamhunt.ContactEmail:
		return strings.Contains(c.Raw, "#")
	case scamhunt.ContactURL:
		return false
	case scamhunt.ContactWeChat:
		if d.splitID() {
			return true
		}
	}
	for i := 0; i < len(d.r); i++ {
		if c.Kind != scamhunt.ContactPhone {
			if l, ok := d.labelAt(i); ok && l.k != kindBlock {
				if l.disguise {
					return true
				}
				i = l.e - 1
				continue
			}
		}
		if digit(d.r[i]) < 0 && (d.r[i] != '+' || digit(d.at(i+1)) < 0) {
			continue
		}
		rn, ok := d.runAt(i)
		if !ok {
			continue
		}
		for _, g := range rn.groups {
			if !isASCIIDigit(d.r[g.s]) {
				return true
			}
		}
		if len(rn.groups) > 1 && (c.Kind != scamhunt.ContactPhone || !plainPhone(d, rn)) {
			return true
		}
		i = rn.e - 1
	}
	return false
}

// plainPhone: the groups and gaps of rn are how phone numbers are usually
// printed.
func plainPhone(d *doc, rn run) bool {
	gs := rn.groups
	var gaps []string
	for k := 1; k < len(gs); k++ {
		gaps = append(gaps, string(d.r[gs[k-1].e:gs[k].s]))
	}
	plainGap := func(g string) bool { return slices.Contains([]string{" ", "-", ")", ") ", " - "}, g) }
	code := strings.TrimPrefix(gs[0].digits, "00")
	abroad := code == codeTW || code == codeHK || code == codeMacau
	if len(gs) > 1 && (code == "86" || abroad) {
		if !plainGap(gaps[0]) {
			return false
		}
		gs, gaps = gs[1:], gaps[1:]
	}
	var lens []int
	all := ""
	for _, g := range gs {
		lens = append(lens, len(g.digits))
		all += g.digits
	}
	same := true
	for _, g := range gaps {
		same = same && g == gaps[0] && plainGap(g)
	}
	switch {
	case len(gs) == 1:
		return true
	case mobile(all):
		return same && slices.Equal(lens, []int{3, 4, 4})
	case twMobile(all): // 0912-345-678, 0912-345678
		return same && (slices.Equal(lens, []int{4, 3, 3}) || slices.Equal(lens, []int{4, 6}))
	case abroad && len(all) == 9 && all[0] == '9': // after +886: 912 345 678, 912-345678, 9 1234 5678
		return same && (slices.Equal(lens, []int{3, 3, 3}) || slices.Equal(lens, []int{3, 6}) || slices.Equal(lens, []int{1, 4, 4}))
	case len(all) == 8:
		return same && slices.Equal(lens, []int{4, 4}) // 9123 4567
	case strings.HasPrefix(all, "400") || strings.HasPrefix(all, "800"):
		return same && (slices.Equal(lens, []int{3, 3, 4}) || slices.Equal(lens, []int{3, 7}))
	case all[0] == '0':
		for _, g := range gaps {
			if !plainGap(g) {
				return false
			}
		}
		rest := lens[1:]
		return (lens[0] == 3 || lens[0] == 4) && (slices.Equal(rest, []int{7}) || slices.Equal(rest, []int{8}) ||
			slices.Equal(rest, []int{4, 4}) || slices.Equal(rest, []int{3, 4}) || slices.Equal(rest, []int{4, 3}))
	}
	return false
}
