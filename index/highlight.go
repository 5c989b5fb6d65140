package index

import (
	"slices"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// Highlights are computed here, from the stored record and the parsed
// query, the same way for both backends: the folded field text is searched
// for each folded query term, and because folding maps rune to rune the
// marks land on the same runes of the original text. Spans carry plain text;
// the UI escapes it and adds the markup.

// bodyWindow is how many runes of the body a highlight shows, around the
// first match.
const bodyWindow = 160

// highlights marks in the title and body of r every query term and the
// written form (Raw) of each of r's contacts whose value is in contacts.
func highlights(r scamhunt.Record, p parsed, contacts []string) map[string][]scamhunt.Span {
	var needles [][]rune
	for _, t := range p.terms {
		needles = append(needles, []rune(t.text))
	}
	for _, c := range r.Listing.Contacts {
		if c.Raw == "" {
			continue
		}
		for _, v := range contactValues([]scamhunt.Contact{c}) {
			if slices.Contains(contacts, v) {
				needles = append(needles, []rune(textnorm.Fold(c.Raw)))
				break
			}
		}
	}
	if len(needles) == 0 {
		return nil
	}
	out := map[string][]scamhunt.Span{}
	if s := spans(r.Listing.Title, needles, 0); s != nil {
		out["title"] = s
	}
	if s := spans(r.Listing.Body, needles, bodyWindow); s != nil {
		out["body"] = s
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// spans splits text into marked and unmarked runs, or returns nil when no
// needle occurs. With window > 0 a longer text is cut to window runes
// around the first mark, an ellipsis standing for what was cut.
func spans(text string, needles [][]rune, window int) []scamhunt.Span {
	orig := []rune(text)
	folded := []rune(textnorm.Fold(text))
	if len(orig) != len(folded) {
		return nil
	}
	marks := make([]bool, len(folded))
	first := -1
	for _, n := range needles {
		if len(n) == 0 {
			continue
		}
		for i := 0; i+len(n) <= len(folded); i++ {
			if slices.Equal(folded[i:i+len(n)], n) {
				for j := i; j < i+len(n); j++ {
					marks[j] = true
				}
				if first < 0 || i < first {
					first = i
				}
			}
		}
	}
	if first < 0 {
		return nil
	}
	start, end := 0, len(orig)
	if window > 0 && len(orig) > window {
		start = max(0, first-window/4)
		end = min(len(orig), start+window)
		start = max(0, end-window)
	}
	var out []scamhunt.Span
	for i := start; i < end; {
		j := i
		for j < end && marks[j] == marks[i] {
			j++
		}
		out = append(out, scamhunt.Span{Text: string(orig[i:j]), Mark: marks[i]})
		i = j
	}
	if start > 0 {
		out = slices.Insert(out, 0, scamhunt.Span{Text: "…"})
	}
	if end < len(orig) {
		out = append(out, scamhunt.Span{Text: "…"})
	}
	return out
}
