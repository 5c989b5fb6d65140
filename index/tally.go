package index

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/scamhunt/scamhunt"
)

// A Bleve search that sorts by a field or counts facets reads that field's
// doc values for every matching document, and that cost grows with the
// number of matches, not with the page shown: at 100k listings it was most
// of a search's time. The tally keeps in memory the two things that let a
// search avoid it:
//
//   - how the listings divide by facet values (label, scam types, city,
//     site), counted per distinct combination, so a search without text,
//     contact or date filter gets its total and facets without touching a
//     document;
//   - histograms of the sort keys (posted date, and rank = score then
//     posted date), so a sorted search can first restrict itself to the
//     newest or riskiest listings likely to hold the page, and sort only
//     those (see topByKey).
//
// The sort keys themselves are indexed as fixed-width hex keywords, not as
// numbers: Bleve keeps a number's doc value at every precision step, so
// reading one scattered document's key decompressed a block eight times as
// large.
//
// It is built from doc values when the index opens and kept in step by
// every write under the same lock that serialises them.
type tally struct {
	mu     sync.Mutex
	docs   int
	combos map[facetKey]int
	posted hist // dated listings by posted day
	rank   hist // listings by rank bucket
}

// facetKey is one combination of facet values; cats are the folded scam
// types, sorted, joined by catSep.
type facetKey struct {
	label, city, site, cats string
}

const catSep = "\x1f"

// combo is the facet key as the Bleve index keeps it, one keyword per
// document, so counting a text search's facets reads one doc value per
// match instead of four. JSON, because scraped city names can hold any
// character.
func (k facetKey) combo() string {
	b, _ := json.Marshal(append([]string{k.label, k.city, k.site}, splitCats(k.cats)...))
	return string(b)
}

// parseCombo reads a combo back.
func parseCombo(s string) (facetKey, error) {
	var v []string
	if err := json.Unmarshal([]byte(s), &v); err != nil || len(v) < 3 {
		return facetKey{}, fmt.Errorf("facet combination %q is not one this index writes", s)
	}
	return facetKey{label: v[0], city: v[1], site: v[2], cats: strings.Join(v[3:], catSep)}, nil
}

// keys is what the tally counts of one document.
type keys struct {
	facet  facetKey
	posted int64 // Unix seconds; 0 when undated
	rank   int64
}

func keysOf(d document) keys {
	k := keys{facet: facetKey{label: d.label, city: d.city, site: d.site, cats: strings.Join(d.categories, catSep)}}
	k.posted = postedSeconds(d.posted)
	k.rank = rankOf(d.score, d.posted)
	return k
}

// rankBits is where the score sits in a rank: below it, the posted date
// in seconds (2^33 s reaches the year 2242).
const rankBits = 33

// rankOf orders by score (to a thousandth) and then by posted date, newest
// first, undated last, in one number below 2^44, so one range query and one
// sort field serve SortScore.
func rankOf(score float64, posted time.Time) int64 {
	milli := int64(math.Round(min(max(score, 0), 1) * 1000))
	return milli<<rankBits | postedSeconds(posted)
}

// rankKey and newestKey are the indexed, sortable forms of the keys.
func rankKey(rank int64) string     { return fmt.Sprintf("%011x", rank) }
func newestKey(posted int64) string { return fmt.Sprintf("%09x", posted) }

// postedSeconds is posted as Unix seconds clamped to [0, 2^33); 0 for no
// date.
func postedSeconds(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return min(max(t.Unix(), 0), 1<<rankBits-1)
}

// Buckets group sort keys for the histograms and for the narrowing query
// (topByKey), which asks for bucket >= T: a handful of indexed terms, where
// a range over the keys themselves, nearly one per listing, would expand
// into thousands. A bucket is the key with its low bits cut, so it never
// decreases as the key grows: every listing above a bucket's listings in
// the sort is in that bucket or a higher one, which is what makes the
// narrowed page exact.
const (
	postedShift = 16 // about 18 hours
	rankShift   = 20 // the same score, about 12 days
)

func postedBucket(secs int64) int64 { return secs >> postedShift }
func rankBucket(r int64) int64      { return r >> rankShift }

// rankBucketKey and newestBucketKey are the indexed forms of the buckets.
func rankBucketKey(b int64) string   { return fmt.Sprintf("%06x", b) }
func newestBucketKey(b int64) string { return fmt.Sprintf("%05x", b) }

func newTally() *tally {
	return &tally{combos: map[facetKey]int{}, posted: newHist(), rank: newHist()}
}

// add counts a document in (delta 1) or out (delta -1).
func (t *tally) add(k keys, delta int) {
	t.docs += delta
	t.combos[k.facet] += delta
	if t.combos[k.facet] <= 0 {
		delete(t.combos, k.facet)
	}
	if k.posted > 0 {
		t.posted.add(postedBucket(k.posted), delta)
	}
	t.rank.add(rankBucket(k.rank), delta)
}

// replace moves documents from their old keys (nil: new) to their new ones.
func (t *tally) replace(old []*keys, now []keys) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, k := range now {
		if old[i] != nil {
			t.add(*old[i], -1)
		}
		t.add(k, 1)
	}
}

// remove counts documents out.
func (t *tally) remove(old []keys) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range old {
		t.add(k, -1)
	}
}

// covers reports whether the tally alone can count q's matches: q filters
// only by facet values (not by text, contacts, dates or the review
// queue's filters, which the tally does not count).
func covers(q scamhunt.Query, p parsed, contacts []string) bool {
	return p.empty() && len(contacts) == 0 && q.Since.IsZero() && q.Until.IsZero() &&
		!q.Flagged && !q.Unreviewed && !q.NotRemoved && q.SeenAfter.IsZero()
}

// count returns how many listings match q's facet filters and, when
// facets is true, the facet counts over them, as Bleve would report them.
func (t *tally) count(q scamhunt.Query, facets bool) (int, map[string][]scamhunt.FacetCount) {
	label, city, site := string(q.Label), keyword(q.City), keyword(q.Site)
	cats := keywords(q.Categories)
	var m marginals
	total := 0
	t.mu.Lock()
	defer t.mu.Unlock()
	for k, n := range t.combos {
		if label != "" && k.label != label || city != "" && k.city != city || site != "" && k.site != site {
			continue
		}
		if len(cats) > 0 && !slices.ContainsFunc(cats, func(c string) bool { return slices.Contains(splitCats(k.cats), c) }) {
			continue
		}
		total += n
		if facets {
			m.add(k, n)
		}
	}
	if !facets {
		return total, nil
	}
	return total, m.counts(facetSize)
}

// marginals counts listings by each facet's values, from combinations.
type marginals [len(facetFields)]map[string]int

func (m *marginals) add(k facetKey, n int) {
	if m[0] == nil {
		for i := range m {
			m[i] = map[string]int{}
		}
	}
	m[0][k.label] += n
	for _, c := range splitCats(k.cats) {
		m[1][c] += n
	}
	if k.city != "" {
		m[2][k.city] += n
	}
	if k.site != "" {
		m[3][k.site] += n
	}
}

// counts is each facet's values, most frequent first, at most size.
func (m *marginals) counts(size int) map[string][]scamhunt.FacetCount {
	out := make(map[string][]scamhunt.FacetCount, len(facetFields))
	for i, f := range facetFields {
		counts := make([]scamhunt.FacetCount, 0, len(m[i]))
		for v, n := range m[i] {
			counts = append(counts, scamhunt.FacetCount{Value: v, Count: n})
		}
		counts = sortFacet(counts)
		out[f.name] = counts[:min(len(counts), size)]
	}
	return out
}

func splitCats(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, catSep)
}

// threshold returns a lower bound on the sort key such that, by the
// histogram, at least r documents have a key at or above it; ok is false
// when the whole index is needed.
func (t *tally) threshold(h func(*tally) *hist, r int) (int64, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if r >= t.docs {
		return 0, false
	}
	return h(t).threshold(r)
}

// hist counts documents per bucket of a sort key; a bucket is named by
// the lowest key it can hold.
type hist struct {
	n    map[int64]int
	desc []int64 // bucket keys, highest first; nil when stale
}

func newHist() hist { return hist{n: map[int64]int{}} }

func (h *hist) add(bucket int64, delta int) {
	before := h.n[bucket]
	h.n[bucket] += delta
	if h.n[bucket] <= 0 {
		delete(h.n, bucket)
	}
	if (before == 0) != (h.n[bucket] == 0) {
		h.desc = nil
	}
}

func (h *hist) threshold(r int) (int64, bool) {
	if h.desc == nil {
		h.desc = make([]int64, 0, len(h.n))
		for b := range h.n {
			h.desc = append(h.desc, b)
		}
		slices.SortFunc(h.desc, func(a, b int64) int { return cmp.Compare(b, a) })
	}
	acc := 0
	for _, b := range h.desc {
		acc += h.n[b]
		if acc >= r {
			return b, true
		}
	}
	return 0, false
}

func (t *tally) docCount() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.docs
}

// stats counts every listing by facet value, at most statsSize values of
// each facet, most frequent first, as the Meilisearch backend does.
func (t *tally) stats() Stats {
	var m marginals
	t.mu.Lock()
	total := t.docs
	for k, n := range t.combos {
		m.add(k, n)
	}
	t.mu.Unlock()
	return statsOf(total, m.counts(statsSize))
}
