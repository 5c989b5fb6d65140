package classify

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
)

// Evidence limits.
const (
	maxPerRule    = 3    // occurrences of one rule given as reasons
	maxGrams      = 5    // n-grams given as reasons for the scam score
	maxTypeGrams  = 3    // n-grams given as reasons for a model-named scam type
	minGramWeight = 0.05 // smallest n-gram contribution worth showing
	minDense      = 0.25 // smallest structural contribution worth showing
	maxReasons    = 20
	minTypeProb   = 0.7 // the model names a scam type the rules did not at this probability
)

// Reason rule ids of model features.
const (
	RuleNGram    = "model.ngram"
	RuleCategory = "model.category"
	RuleText     = "model.text"
	RuleWarning  = "model.warning"
)

// evidence gathers the reasons of one verdict.
type evidence struct {
	c       *Classifier
	s       *scratch
	l       *scamhunt.Listing
	reasons []scamhunt.Reason
	spans   []gspan // compact spans already shown, to avoid repeating words
}

type gspan struct {
	field      int8
	start, end int32
}

func (e *evidence) overlaps(f int8, start, end int32) bool {
	for _, p := range e.spans {
		if p.field == f && start < p.end && p.start < end {
			return true
		}
	}
	return false
}

// rules adds the surviving rule occurrences.
func (e *evidence) rules() {
	n, last := 0, int32(-1)
	for _, o := range e.s.rm.occs {
		if o.rule != last {
			n, last = 0, o.rule
		}
		if n == maxPerRule {
			continue
		}
		n++
		r := e.c.rules.rules[o.rule]
		v := &e.s.views[o.field]
		start, end := v.span(o.start, o.end)
		note := r.description
		if o.factor < 1 {
			note += fmt.Sprintf(" (lowered ×%.2g by context 「%s」)", o.factor, o.by)
		}
		e.reasons = append(e.reasons, scamhunt.Reason{
			Rule: r.id, Category: r.category, Weight: round(r.weight * o.factor),
			Field: v.field, Match: v.orig[start:end], Start: start, End: end, Note: note,
		})
		e.spans = append(e.spans, gspan{o.field, o.start, o.end})
	}
}

// model adds the n-grams and structural features that pushed the score up
// most, and, for a text that reads as a warning, how much that lowered its
// scam words.
func (e *evidence) model() {
	h := &e.c.model.scam
	if pw := e.s.pw; pw >= 0.5 {
		// The warning probability also cut the positive n-grams and
		// topics; the reason counts the rules, which name words.
		cut := 0.0
		for k, x := range e.s.rm.sums {
			if k != catWarning {
				cut += h.rules[k] * x * pw
			}
		}
		if cut > 0 {
			e.reasons = append(e.reasons, scamhunt.Reason{Rule: RuleWarning, Category: CategoryWarning, Weight: round(-cut),
				Field: FieldBody, Note: fmt.Sprintf("reads as a warning or report about a scam, not the offer itself (p=%.2f): its scam words count ×%.2f", pw, 1-pw)})
		}
	}
	var sum float64
	for _, g := range e.s.grams {
		sum += float64(h.grams[g.bucket])
	}
	gg := gramGate(e.s.pw, sum)
	e.grams(maxGrams, CategorySignal, "character n-gram the model weighs towards scam",
		func(g gram) float64 { return float64(h.grams[g.bucket]) * e.s.scale * gg })
	for i, x := range e.s.dense {
		w, _ := h.denseTerm(i, x, e.s.pw)
		if w < minDense {
			continue
		}
		r := scamhunt.Reason{Rule: "model." + denseNames[i], Category: CategorySignal, Weight: round(w), Note: denseNotes[i]}
		e.locate(i, &r)
		e.reasons = append(e.reasons, r)
	}
}

// grams adds up to k n-grams with the largest positive contribution under
// weight, skipping words already shown.
func (e *evidence) grams(k int, category, note string, weight func(gram) float64) int {
	type cand struct {
		g gram
		w float64
	}
	var top []cand
	for _, g := range e.s.grams {
		w := weight(g)
		if w < minGramWeight {
			continue
		}
		if len(top) == 4*k && w <= top[len(top)-1].w {
			continue
		}
		i, _ := slices.BinarySearchFunc(top, w, func(c cand, w float64) int { return cmp.Compare(w, c.w) })
		top = slices.Insert(top, i, cand{g, w})
		if len(top) > 4*k {
			top = top[:4*k]
		}
	}
	added := 0
	for _, c := range top {
		if added == k {
			break
		}
		end := c.g.start + int32(c.g.n)
		if e.overlaps(c.g.field, c.g.start, end) {
			continue
		}
		v := &e.s.views[c.g.field]
		start, stop := v.span(c.g.start, end)
		e.reasons = append(e.reasons, scamhunt.Reason{
			Rule: RuleNGram, Category: category, Weight: round(c.w),
			Field: v.field, Match: v.orig[start:stop], Start: start, End: stop, Note: note,
		})
		e.spans = append(e.spans, gspan{c.g.field, c.g.start, end})
		added++
	}
	return added
}

// locate points a structural feature's reason at the words it is about.
func (e *evidence) locate(feat int, r *scamhunt.Reason) {
	l := e.l
	switch feat {
	case featPayAboveRate:
		if l.SalaryText != "" {
			r.Field, r.Match, r.End = FieldSalary, l.SalaryText, len(l.SalaryText)
		} else {
			r.Field, r.Match, r.End = FieldTitle, l.Title, len(l.Title)
		}
		return
	case featIMOnly, featIMContact, featObfuscated, featURL, featPhone:
		for _, c := range e.s.contacts {
			if !contactFits(feat, c) || c.Raw == "" {
				continue
			}
			for _, f := range [...]struct {
				name, text string
			}{{FieldTitle, l.Title}, {FieldBody, l.Body}} {
				if i := strings.Index(f.text, c.Raw); i >= 0 {
					r.Field, r.Match, r.Start, r.End = f.name, c.Raw, i, i+len(c.Raw)
					return
				}
			}
			r.Field, r.Match = "contacts", c.Raw
			return
		}
		r.Field = "contacts"
	case featNoCompany:
		r.Field = FieldCompany
	default:
		r.Field = FieldBody
	}
}

func contactFits(feat int, c scamhunt.Contact) bool {
	switch feat {
	case featIMOnly, featIMContact:
		return c.Kind == scamhunt.ContactQQ || c.Kind == scamhunt.ContactWeChat || c.Kind == scamhunt.ContactTelegram
	case featURL:
		return c.Kind == scamhunt.ContactURL
	case featPhone:
		return c.Kind == scamhunt.ContactPhone
	case featObfuscated:
		return contact.Obfuscated(c)
	}
	return false
}

// categories names the scam types of a flagged listing: those whose rules
// reach the rules file's category_min and half the strongest type's sum,
// then the model's type when it is sure (p >= minTypeProb).
func (e *evidence) categories() []string {
	type found struct {
		k int
		w float64
	}
	var fs []found
	top := 0.0
	for k := range nTypes {
		top = max(top, e.s.rm.sums[k])
	}
	for k := range nTypes {
		if w := e.s.rm.sums[k]; w >= e.c.rules.categoryMin && w >= top/2 {
			fs = append(fs, found{k, w})
		}
	}
	slices.SortStableFunc(fs, func(a, b found) int { return cmp.Compare(b.w, a.w) })
	if e.c.model != nil {
		p := e.c.model.cat.probs(e.s.grams, e.s.scale, &e.s.dense, &e.s.rm.sums)
		best := 0
		for k := range p {
			if p[k] > p[best] {
				best = k
			}
		}
		known := slices.ContainsFunc(fs, func(f found) bool { return f.k == best })
		// a scam of no job type (a phishing SMS) is named no job type
		if best != typeOther && !known && p[best] >= minTypeProb {
			fs = append(fs, found{best, 0})
			ch := &e.c.model.cat
			note := fmt.Sprintf("character n-gram the model associates with %s (p=%.2f)", catNames[best], p[best])
			n := e.grams(maxTypeGrams, catNames[best], note, func(g gram) float64 {
				if w := ch.row(g.bucket); w != nil {
					return float64(w[best]) * e.s.scale
				}
				return 0
			})
			if n == 0 {
				e.reasons = append(e.reasons, scamhunt.Reason{Rule: RuleCategory, Category: catNames[best], Weight: round(p[best]),
					Field: FieldBody, Note: fmt.Sprintf("the model's scam type for the listing as a whole (p=%.2f)", p[best])})
			}
		}
	}
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = catNames[f.k]
	}
	return out
}

// ensureSpan makes sure a flagged verdict points at words in the listing:
// when no reason has a span, the start of the title (or body) is given.
func (e *evidence) ensureSpan() {
	for _, r := range e.reasons {
		if r.End > 0 {
			return
		}
	}
	for _, f := range [...]struct{ name, text string }{{FieldTitle, e.l.Title}, {FieldBody, e.l.Body}, {FieldSalary, e.l.SalaryText}} {
		if f.text == "" {
			continue
		}
		end := len(f.text)
		if n := 0; utf8.RuneCountInString(f.text) > 40 {
			for i := range f.text {
				if n == 40 {
					end = i
					break
				}
				n++
			}
		}
		e.reasons = append(e.reasons, scamhunt.Reason{Rule: RuleText, Category: CategorySignal, Field: f.name,
			Match: f.text[:end], End: end, Note: "no single phrase stands out; the listing as a whole scored high"})
		return
	}
}

// sorted returns the reasons strongest first, at most maxReasons, keeping
// for every category its strongest reason and one reason with a span.
func (e *evidence) sorted() []scamhunt.Reason {
	rs := e.reasons
	slices.SortStableFunc(rs, func(a, b scamhunt.Reason) int { return cmp.Compare(b.Weight, a.Weight) })
	if len(rs) <= maxReasons {
		if rs == nil {
			return []scamhunt.Reason{}
		}
		return rs
	}
	kept := slices.Clone(rs[:maxReasons])
	has := func(f func(scamhunt.Reason) bool) bool { return slices.ContainsFunc(kept, f) }
	for _, r := range rs[maxReasons:] {
		if !has(func(k scamhunt.Reason) bool { return k.Category == r.Category }) ||
			(r.End > 0 && !has(func(k scamhunt.Reason) bool { return k.End > 0 })) {
			kept = append(kept, r)
		}
	}
	return kept
}
