package classify

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// occ is one occurrence of a rule in a field, in compact runes [start, end),
// with the factor its contexts left it (1: untouched, 0: cancelled) and the
// context pattern that set the factor.
type occ struct {
	rule       int32
	field      int8
	start, end int32
	factor     float64
	by         string
	re         bool // a regexp's match, not a keyword
}

// ctxOcc is one occurrence of a context pattern.
type ctxOcc struct {
	rule, sub  int32
	field      int8
	start, end int32
}

// tailHit is an occurrence [start, end) of a tail word of gated regexp
// gate (rule.gate).
type tailHit struct {
	gate, start, end int32
}

// tailWithin reports whether a tail word of gated regexp g starts after
// start and ends by end. tails holds the field's tail words grouped by
// gate, the group of g at tails[off[g]:off[g+1]], each group in the order
// the matcher found them: by end.
func tailWithin(tails []tailHit, off []int32, g, start, end int32) bool {
	for _, h := range tails[off[g]:off[g+1]] {
		if h.end > end {
			return false
		}
		if h.start > start {
			return true
		}
	}
	return false
}

// groupTails sorts s.tails by gate into s.tailsBy (a counting sort, which
// keeps each gate's words in the matcher's order) and sets s.tailOff to
// the groups' offsets.
func (s *scratch) groupTails(gates int32) {
	s.tailOff = resize(s.tailOff, int(gates)+1)
	for _, h := range s.tails {
		s.tailOff[h.gate+1]++
	}
	for g := int32(1); g <= gates; g++ {
		s.tailOff[g] += s.tailOff[g-1]
	}
	s.tailsBy = resize(s.tailsBy, len(s.tails))
	next := s.tailOff[:gates] // advanced past each group as it fills, then restored
	for _, h := range s.tails {
		s.tailsBy[next[h.gate]] = h
		next[h.gate]++
	}
	// next[g] now holds group g's end, the start of group g+1.
	copy(s.tailOff[1:], next)
	s.tailOff[0] = 0
}

// trigger is a literal of regexp sub of rule found at compact rune start.
type trigger struct {
	rule, sub, start int32
}

// regexpReach bounds a regexp match in runes: a regexp is tried anchored at
// each occurrence of one of its literals, on the next regexpReach runes.
const regexpReach = 40

// ruleMatch is what the rules found in a listing.
type ruleMatch struct {
	occs    []occ     // surviving occurrences (factor > 0), grouped by rule
	best    []float64 // rule -> strongest surviving factor (0: no hit)
	sums    [nCats]float64
	total   float64
	rates   []bool // going-rate kinds the listing mentions
	regions []bool // pay regions the listing names
	// topics counts the occurrences of each topic's words in the title
	// and body.
	topics [nTopics]int
	// sections has bit i set when the body has section heading i.
	sections uint32
}

// The categories as indexes: the scam types in scamhunt.Categories order,
// then signal and warning.
const nCats = 9

// catWarning is the index of the warning rules' category.
const catWarning = nCats - 1

var catNames = [nCats]string{"shuadan", "baishi", "deposit", "typing", "advance", "review_extortion", "downline", CategorySignal, CategoryWarning}

func catIndex(c string) int {
	for i, n := range catNames {
		if n == c {
			return i
		}
	}
	return -1
}

// match runs every rule over the views of a listing. views[i] is field
// fieldNames[i]. The result lives in s and is valid until s is reused.
func (rs *Rules) match(views []view, s *scratch) *ruleMatch {
	m := &s.rm
	m.occs = m.occs[:0]
	m.best = resize(m.best, len(rs.rules))
	m.rates = resize(m.rates, len(rs.rates))
	m.regions = resize(m.regions, len(rs.regions))
	m.sums = [nCats]float64{}
	m.total, m.sections = 0, 0
	m.topics = [nTopics]int{}
	s.ctxs = s.ctxs[:0]
	raw := s.raw[:0]

	for fi := range views {
		v := &views[fi]
		if len(v.comp) == 0 {
			continue
		}
		s.hits = rs.ac.scan(v.comp, s.hits[:0])
		s.trig, s.tails = s.trig[:0], s.tails[:0]
		s.stops, s.cstops = s.stops[:0], s.cstops[:0]
		for _, h := range s.hits {
			if fi <= 1 && rs.topicStop[h.pat] {
				s.stops = append(s.stops, h)
			}
			if rs.ctxStop[h.pat] {
				s.cstops = append(s.cstops, h)
			}
		}
		for _, h := range s.hits {
			for _, rt := range rs.rateRefs[h.pat] {
				m.rates[rt] = true
			}
			for _, rg := range rs.regionRefs[h.pat] {
				m.regions[rg] = true
			}
			if sec := rs.sectionRefs[h.pat]; sec >= 0 && fi == 1 {
				m.sections |= 1 << sec
			}
			if fi <= 1 && len(rs.topicRefs[h.pat]) > 0 && !inside(s.stops, h, false) {
				for _, tp := range rs.topicRefs[h.pat] {
					m.topics[tp]++
				}
			}
			refs := rs.refs[h.pat]
			if len(refs) == 0 {
				continue
			}
			if refs[0].ascii && !wordBounded(v, h.start, h.end) {
				continue
			}
			for _, r := range refs {
				switch r.kind {
				case refKeyword:
					if rs.rules[r.rule].fields.has(fi) {
						raw = append(raw, occ{rule: r.rule, field: int8(fi), start: h.start, end: h.end, factor: 1})
					}
				case refLiteral:
					if rs.rules[r.rule].fields.has(fi) {
						s.trig = append(s.trig, trigger{r.rule, r.sub, h.start})
					}
				case refTail:
					s.tails = append(s.tails, tailHit{r.sub, h.start, h.end})
				case refContext:
					if inside(s.cstops, h, true) {
						continue
					}
					s.ctxs = append(s.ctxs, ctxOcc{rule: r.rule, sub: r.sub, field: int8(fi), start: h.start, end: h.end})
				}
			}
		}
		if len(s.trig) > 0 {
			raw = rs.runRegexps(v, fi, s, raw)
		}
	}

	// Keep only the context occurrences of rules that occurred: common
	// context words (不, 无, 非) stand for many rules and would otherwise
	// dominate the sort.
	s.hasRaw = resize(s.hasRaw, len(rs.rules))
	for _, o := range raw {
		s.hasRaw[o.rule] = true
	}
	s.ctxs = slices.DeleteFunc(s.ctxs, func(x ctxOcc) bool { return !s.hasRaw[x.rule] })
	slices.SortStableFunc(s.ctxs, func(a, b ctxOcc) int {
		return cmp.Or(cmp.Compare(a.rule, b.rule), cmp.Compare(a.sub, b.sub))
	})
	// Drop occurrences of a rule nested in another of the same rule and
	// field ("刷单" inside "刷单返利"), then apply contexts.
	slices.SortFunc(raw, func(a, b occ) int {
		return cmp.Or(cmp.Compare(a.rule, b.rule), cmp.Compare(a.field, b.field), cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	// (nested in any earlier one, not only the one before it: a short
	// match skipped between two longer ones must not let the next through)
	var reach int32 // the furthest end kept so far for this rule and field
	for i, o := range raw {
		same := i > 0 && raw[i-1].rule == o.rule && raw[i-1].field == o.field
		if same && o.end <= reach {
			continue
		}
		reach = o.end
		o.factor, o.by = rs.applyContexts(views, o, s.ctxs)
		if o.factor == 0 {
			continue
		}
		if o.factor > m.best[o.rule] {
			m.best[o.rule] = o.factor
		}
		m.occs = append(m.occs, o)
	}
	s.raw = raw
	for i, f := range m.best {
		if f == 0 {
			continue
		}
		r := rs.rules[i]
		w := r.weight * f * (1 + repeatBoost*float64(m.distinct(views, int32(i))-1))
		m.sums[catIndex(r.category)] += w
		m.total += w
	}
	return m
}

// flagged reports whether the rules of one scam type, gated by the
// warning probability pw, sum to the rules file's flag_min (never, when it
// is 0).
func (rs *Rules) flagged(m *ruleMatch, pw float64) bool {
	if rs.flagMin <= 0 {
		return false
	}
	for k, w := range m.sums[:nTypes] {
		if w*gate(k, pw) >= rs.flagMin {
			return true
		}
	}
	return false
}

// repeatBoost raises a rule for each further distinct word it matched in a
// listing, up to maxDistinct words: "补单", "冲销量" and "空包" together say
// more than any one of them.
const (
	repeatBoost = 0.25
	maxDistinct = 3
)

// distinct counts the distinct words (folded) of rule i's surviving
// occurrences, up to maxDistinct.
func (m *ruleMatch) distinct(views []view, i int32) int {
	var seen [maxDistinct][]rune
	n := 0
	for _, o := range m.occs {
		if o.rule != i {
			continue
		}
		w := views[o.field].comp[o.start:o.end]
		dup := false
		for _, x := range seen[:n] {
			if slices.Equal(x, w) {
				dup = true
				break
			}
		}
		if !dup {
			seen[n] = w
			n++
			if n == maxDistinct {
				break
			}
		}
	}
	return max(n, 1)
}

// runRegexps tries each regexp anchored at each occurrence of its literals
// in v (on the next regexpReach runes) and appends the matches to raw. A
// match that starts with a digit must not continue a number ("888元" in
// "3888元" is no match).
func (rs *Rules) runRegexps(v *view, fi int, s *scratch, raw []occ) []occ {
	// The triggers are tried in the matcher's order, unsorted: the two
	// literals of one regexp that start at the same rune (提现, 提现手续费)
	// give the same occurrence twice, which match drops as nested, and are
	// rarer (about 2 in 130 triggers of a 1 KB ad) than a sort costs.
	if len(s.tails) > 0 {
		s.groupTails(rs.gates)
	}
	// The compact text as UTF-8, with the byte offset of every rune and
	// the number of ASCII digits before it; a regexp that needs a digit is
	// not tried where none is within its reach.
	s.cbuf, s.cidx, s.ndig = s.cbuf[:0], s.cidx[:0], s.ndig[:0]
	nd := int32(0)
	for _, r := range v.comp {
		s.cidx = append(s.cidx, int32(len(s.cbuf)))
		s.ndig = append(s.ndig, nd)
		s.cbuf = utf8.AppendRune(s.cbuf, r)
		if isDigit(r) {
			nd++
		}
	}
	s.cidx = append(s.cidx, int32(len(s.cbuf)))
	s.ndig = append(s.ndig, nd)
	n := int32(len(v.comp))
	for _, t := range s.trig {
		if t.start > 0 && isDigit(v.comp[t.start]) && isDigit(v.comp[t.start-1]) {
			continue
		}
		r := rs.rules[t.rule]
		end := min(n, t.start+r.reach[t.sub])
		if r.needDigit[t.sub] && s.ndig[end] == s.ndig[t.start] {
			continue // no digit within reach
		}
		if r.gated[t.sub] && (len(s.tails) == 0 || !tailWithin(s.tailsBy, s.tailOff, r.gate[t.sub], t.start, end)) {
			continue // none of the words it ends with within reach
		}
		text := s.cbuf[s.cidx[t.start]:s.cidx[end]]
		loc := r.regexps[t.sub].FindIndex(text)
		if loc == nil || loc[1] == 0 {
			continue
		}
		stop := t.start + int32(utf8.RuneCount(text[:loc[1]]))
		raw = append(raw, occ{rule: t.rule, field: int8(fi), start: t.start, end: stop, factor: 1, re: true})
	}
	return raw
}

// applyContexts returns the factor the rule's contexts leave occurrence o,
// and the context pattern that set it. A context pattern inside the
// keyword is part of it (无 in 无需收货) and does not count; inside a
// regexp's match it does (入职 in 推荐朋友入职奖励).
// ctxs must be sorted by rule and context.
func (rs *Rules) applyContexts(views []view, o occ, ctxs []ctxOcc) (float64, string) {
	r := rs.rules[o.rule]
	if len(r.contexts) == 0 {
		return 1, ""
	}
	factor, by := 1.0, ""
	for ci, c := range r.contexts {
		if c.factor >= factor {
			continue
		}
		i, _ := slices.BinarySearchFunc(ctxs, [2]int32{o.rule, int32(ci)}, func(x ctxOcc, k [2]int32) int {
			return cmp.Or(cmp.Compare(x.rule, k[0]), cmp.Compare(x.sub, k[1]))
		})
		for _, x := range ctxs[i:] {
			if x.rule != o.rule || int(x.sub) != ci {
				break
			}
			if !o.re && int(x.field) == int(o.field) && x.start >= o.start && x.end <= o.end {
				continue // part of the keyword (不 in 不用收货), not its context
			}
			if c.window > 0 && !near(&views[o.field], o, x, c) {
				continue
			}
			v := &views[x.field]
			factor = c.factor
			by = string(v.comp[x.start:x.end])
			break
		}
	}
	return factor, by
}

// near reports whether context occurrence x is within the window of o on
// the context's side, in the same field and sentence. Overlapping
// occurrences (a context "非刷单" around a hit "刷单") always count.
func near(v *view, o occ, x ctxOcc, c context) bool {
	if int(x.field) != int(o.field) {
		return false
	}
	overlap := x.start < o.end && o.start < x.end
	ok := overlap
	if !ok && (c.side == around || c.side == before) && x.end <= o.start && o.start-x.end <= c.window {
		ok = true
	}
	if !ok && (c.side == around || c.side == after) && x.start >= o.end && x.start-o.end <= c.window {
		ok = true
	}
	if !ok {
		return false
	}
	lo, hi := min(o.start, x.start), max(o.end, x.end)-1
	if c.clause {
		return overlap || v.cl[lo] == v.cl[hi]
	}
	return overlap || v.sent[lo] == v.sent[hi]
}

// wordBounded reports whether compact runes [start, end) are not part of a
// longer ASCII word in the folded text.
func wordBounded(v *view, start, end int32) bool {
	i, j := v.at[start], v.at[end-1]
	if i > 0 && isASCIILetter(v.full[i-1]) {
		return false
	}
	if int(j)+1 < len(v.full) && isASCIILetter(v.full[j+1]) {
		return false
	}
	return true
}

func isASCIILetter(r rune) bool { return 'a' <= r && r <= 'z' }

// resize returns f with length n and every element zero, reusing its
// array when it is large enough.
func resize[T any](f []T, n int) []T {
	if cap(f) < n {
		return make([]T, n)
	}
	f = f[:n]
	clear(f)
	return f
}

// inside reports whether h lies within one of spans; with longer, within
// one longer than h (a context_not phrase masks the context words it
// holds, not itself when a rule names the whole phrase as a context).
func inside(spans []hit, h hit, longer bool) bool {
	for _, sp := range spans {
		if sp.start <= h.start && h.end <= sp.end && (!longer || sp.end-sp.start > h.end-h.start) {
			return true
		}
	}
	return false
}
