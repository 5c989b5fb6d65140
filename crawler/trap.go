package crawler

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// maxShapes bounds the memory of calendar detection; past it every new
// date-bearing URL shape counts as a trap.
const maxShapes = 10000

// trapper cuts URL spaces that never end: repeated path segments
// (/a/b/a/b/a/b/ from relative links on soft-404 pages), very long URLs,
// paths deeper than MaxPathSegments, paths that keep growing (each link
// leading below the page it is on, MaxPathGrowth times in a row: random
// directories under random directories) and calendars. A calendar is found
// by its dates: URLs that differ only in a date (path /2026/11/,
// 2026-11-20, or a query value of date, month, day ...) share a shape, and
// once a shape has MaxCalendarPages distinct dates, further dates are cut.
// Dates more than a year ahead or before 1990 are cut at once: no job
// board lists them. Session IDs are not cut but dropped from the URL
// (Canonical, and volatile for the ones found by watching pages).
type trapper struct {
	maxRepeat int
	maxCal    int
	maxLen    int
	maxSegs   int
	maxGrowth int
	now       time.Time
	volatile  *volatile

	mu     sync.Mutex
	shapes map[string]map[string]bool // shape -> dates seen (at most maxCal+1)
	// judged memoizes the verdict on each canonical URL judged in full
	// (not cut for path growth first): a board links the same URLs from
	// every page, and the verdict on a URL never changes once given (a
	// date shape's seen dates only grow). At most trapMemoMax entries; past
	// it, it starts afresh.
	judged map[string]string
}

// trapMemoMax bounds the trapper's memo, as resolverMax does the resolver's.
const trapMemoMax = 1 << 12

func newTrapper(t Traps, now time.Time) *trapper {
	return &trapper{maxRepeat: t.MaxRepeatedSegments, maxCal: t.MaxCalendarPages, maxLen: t.MaxURLLength,
		maxSegs: t.MaxPathSegments, maxGrowth: t.MaxPathGrowth, now: now, volatile: newVolatile(),
		shapes: map[string]map[string]bool{}, judged: map[string]string{}}
}

var (
	reYear    = regexp.MustCompile(`^(19|20|21)\d\d$`)
	reMonth   = regexp.MustCompile(`^(0?[1-9]|1[0-2])$`)
	reDay     = regexp.MustCompile(`^(0?[1-9]|[12]\d|3[01])$`)
	reSepDate = regexp.MustCompile(`^((?:19|20|21)\d\d)[-_.](0?[1-9]|1[0-2])(?:[-_.](0?[1-9]|[12]\d|3[01]))?$`)
	reDateKey = regexp.MustCompile(`(?i)^(date|day|days|month|year|ym|ymd|d|m|y|cal|calendar|week|time|dt|start|end|begin)$`)
	reDigits  = regexp.MustCompile(`^[\d\-_./:]+$`)
	reLead    = regexp.MustCompile(`^((?:19|20|21)\d\d)`)
)

// trap returns why the canonical URL u, reached by growth links in a row
// that each led below their page, is a trap, or "".
func (t *trapper) trap(u *url.URL, canonical string, growth int) string {
	t.mu.Lock()
	reason, ok := t.judged[canonical]
	t.mu.Unlock()
	if !ok {
		reason = t.judge(u, canonical, growth)
		if reason == "path_growth" {
			return reason // not judged in full: its dates were not counted
		}
		t.mu.Lock()
		if len(t.judged) >= trapMemoMax {
			clear(t.judged)
		}
		t.judged[canonical] = reason
		t.mu.Unlock()
		return reason
	}
	// The checks run in judge's order: the URL's length and depth first,
	// then the growth of the path that led to it.
	if reason != "long_url" && reason != "deep_path" && growth > t.maxGrowth {
		return "path_growth"
	}
	return reason
}

// judge is trap without the memo.
func (t *trapper) judge(u *url.URL, canonical string, growth int) string {
	if len(canonical) > t.maxLen {
		return "long_url"
	}
	segs := strings.Split(strings.Trim(u.EscapedPath(), "/"), "/")
	if len(segs) > t.maxSegs {
		return "deep_path"
	}
	if growth > t.maxGrowth {
		return "path_growth"
	}
	count := map[string]int{}
	for _, s := range segs {
		if s == "" {
			continue
		}
		if count[s]++; count[s] > t.maxRepeat {
			return "repeated_segment"
		}
	}
	shape, dates, far := t.datesOf(u.Host, segs, u.RawQuery)
	if len(dates) == 0 {
		return ""
	}
	if far {
		return "calendar"
	}
	key := strings.Join(dates, "|")
	t.mu.Lock()
	defer t.mu.Unlock()
	seen, ok := t.shapes[shape]
	if !ok {
		if len(t.shapes) >= maxShapes {
			return "calendar"
		}
		seen = map[string]bool{}
		t.shapes[shape] = seen
	}
	if seen[key] {
		return ""
	}
	if len(seen) >= t.maxCal {
		return "calendar"
	}
	seen[key] = true
	return ""
}

// datesOf replaces the dates in a URL by placeholders: shape is the URL
// with {date} for each, dates the values; far reports an implausible date.
// Path dates are written with separators (2026-11-20) or as segments
// (/2026/11/20/); bare numbers are listing IDs, not dates.
func (t *trapper) datesOf(host string, segs []string, rawQuery string) (shape string, dates []string, far bool) {
	out := make([]string, 0, len(segs))
	for i := 0; i < len(segs); i++ {
		s := segs[i]
		if m := reSepDate.FindStringSubmatch(strings.TrimSuffix(s, dotExt(lastExt(s)))); m != nil {
			dates = append(dates, s)
			far = far || t.farYear(m[1])
			out = append(out, "{date}"+dotExt(lastExt(s)))
			continue
		}
		if reYear.MatchString(s) && i+1 < len(segs) && reMonth.MatchString(stem(segs[i+1])) {
			d := s + "/" + segs[i+1]
			j := i + 2
			if j < len(segs) && reDay.MatchString(stem(segs[j])) {
				d += "/" + segs[j]
				j++
			}
			dates = append(dates, d)
			far = far || t.farYear(s)
			out = append(out, "{date}")
			i = j - 1
			continue
		}
		out = append(out, s)
	}
	var q []string
	for _, kv := range strings.Split(rawQuery, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if v != "" && reDigits.MatchString(v) && (reDateKey.MatchString(k) || reSepDate.MatchString(v)) {
			dates = append(dates, k+"="+v)
			if m := reLead.FindStringSubmatch(v); m != nil {
				far = far || t.farYear(m[1])
			}
			q = append(q, k+"={date}")
			continue
		}
		q = append(q, kv)
	}
	return host + "/" + strings.Join(out, "/") + "?" + strings.Join(q, "&"), dates, far
}

func stem(seg string) string {
	b, _, _ := strings.Cut(seg, ".")
	return b
}

func lastExt(seg string) string {
	if i := strings.LastIndexByte(seg, '.'); i > 0 {
		if e := seg[i+1:]; e != "" && !reDigits.MatchString(e) {
			return e
		}
	}
	return ""
}

func dotExt(ext string) string {
	if ext == "" {
		return ""
	}
	return "." + ext
}

func (t *trapper) farYear(y string) bool {
	n, err := strconv.Atoi(y)
	return err == nil && (n > t.now.Year()+1 || n < 1990)
}

// pathGrowth is the growth of a link to link from page, whose own growth
// is from: one more when the link leads into a directory below the page's
// own, the same for a page beside it, and 0 for anywhere else.
func pathGrowth(page, link *url.URL, from int) int {
	if canonicalHost(page.Host) != canonicalHost(link.Host) {
		return 0
	}
	pd, ld := dirOf(page.EscapedPath()), dirOf(link.EscapedPath())
	switch {
	case ld == pd:
		return from
	case strings.HasPrefix(ld, pd):
		return from + 1
	}
	return 0
}

// dirOf is a path up to and including its last slash.
func dirOf(p string) string {
	return p[:strings.LastIndexByte(p, '/')+1]
}
