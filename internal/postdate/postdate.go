package postdate

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// Shanghai is the zone Chinese job boards post in: Asia/Shanghai from the
// zone database, or a fixed +08:00 zone named "CST" on a machine without one
// (China has kept +08:00 without daylight saving since 1991).
func Shanghai() *time.Location { return shanghai() }

var shanghai = sync.OnceValue(func() *time.Location {
	if l, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return l
	}
	return time.FixedZone("CST", 8*3600)
})

// window bounds a result: a posting time more than a day after the fetch is
// impossible, and one more than 30 years before it is a misreading.
const (
	future = 24 * time.Hour
	years  = 30
)

var (
	// 2026-05-01, 2026/5/1, 2026.05.01, 2026年5月1日, 20260501, each with an optional time.
	ymdRe = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})(?:\s*([-/.年])\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})|([0-9]{2})([0-9]{2}))(?:[^0-9]|$)`)
	// 05-01, 5/1, 5月1日
	mdRe = regexp.MustCompile(`(?:^|[^0-9./-])([0-9]{1,2})\s*(?:([-/])|月)\s*([0-9]{1,2})(?:[^0-9./-]|$)`)
	// 09:30, 9:30:15, 9点30, 下午3:30
	hmRe = regexp.MustCompile(`(上午|早上|中午|下午|晚上|凌晨)?\s*([0-9]{1,2})\s*[:点时]\s*([0-9]{2})(?:\s*[:分]\s*([0-9]{2}))?`)
)

// Parse resolves a posted-at text against the fetch time in Asia/Shanghai;
// ok=false when no date is found.
//
// Absolute dates: 2026-05-01, 2026/5/1, 2026.05.01, 2026年5月1日, 20260501,
// RFC 3339 with its own offset; without a year (05-01, 5月1日) the year is
// the fetch year, or the year before when that would put the date more than
// a day after the fetch. Each may carry a time HH:MM[:SS] (上午/下午 too).
// Relative: 刚刚, N秒/分钟/小时/天/周/个月/年前 (digits or Chinese numerals,
// 半小时前, 半个月前), 今天/昨天/前天 with an optional time (midnight
// without one), and a bare time of day, which is today. Impossible dates
// (2026-02-30), dates more than a day after the fetch and dates more than 30
// years before it are not dates. A zero fetch time has no "now": only dates
// that carry their year are resolved, and no window applies.
func Parse(text string, fetched time.Time) (time.Time, bool) {
	loc := shanghai()
	t, ok := rfc3339(strings.TrimSpace(text))
	if ok {
		t = t.In(loc)
	}
	if fetched.IsZero() {
		if !ok {
			t, ok = absolute(textnorm.Fold(text), loc)
		}
		return t, ok
	}
	now := fetched.In(loc)
	if !ok {
		t, ok = parse(textnorm.Fold(text), now, loc)
	}
	if !ok || t.After(now.Add(future)) || t.Before(now.AddDate(-years, 0, 0)) {
		return time.Time{}, false
	}
	return t, true
}

func parse(s string, now time.Time, loc *time.Location) (time.Time, bool) {
	if ymdRe.MatchString(s) {
		return absolute(s, loc)
	}
	if t, ok := relative(s, now, loc); ok {
		return t, true
	}
	if m := mdRe.FindStringSubmatchIndex(s); m != nil {
		mo, d := atoi(s[m[2]:m[3]]), atoi(s[m[6]:m[7]])
		t, ok := at(now.Year(), mo, d, s[m[1]:], loc)
		if ok && t.After(now.Add(future)) {
			t, ok = at(now.Year()-1, mo, d, s[m[1]:], loc)
		}
		return t, ok
	}
	if h, mi, sec, ok := clock(s); ok {
		t := time.Date(now.Year(), now.Month(), now.Day(), h, mi, sec, 0, loc)
		if t.After(now.Add(time.Hour)) { // a time later than the fetch was yesterday's
			t = t.AddDate(0, 0, -1)
		}
		return t, true
	}
	return time.Time{}, false
}

// absolute reads a date with its year.
func absolute(s string, loc *time.Location) (time.Time, bool) {
	m := ymdRe.FindStringSubmatchIndex(s)
	if m == nil {
		return time.Time{}, false
	}
	y := atoi(s[m[2]:m[3]])
	var mo, d int
	if m[4] >= 0 {
		mo, d = atoi(s[m[6]:m[7]]), atoi(s[m[8]:m[9]])
	} else {
		mo, d = atoi(s[m[10]:m[11]]), atoi(s[m[12]:m[13]])
	}
	return at(y, mo, d, s[m[1]:], loc)
}

// rfc3339 reads a machine date such as a <time datetime> attribute.
func rfc3339(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// at builds the date y-mo-d with the time of day found in rest, rejecting
// dates that do not exist.
func at(y, mo, d int, rest string, loc *time.Location) (time.Time, bool) {
	h, mi, sec, ok := clock(rest)
	if !ok {
		h, mi, sec = 0, 0, 0
		if hmRe.MatchString(rest) { // a time was written but is impossible
			return time.Time{}, false
		}
	}
	return valid(y, mo, d, h, mi, sec, loc)
}

func valid(y, mo, d, h, mi, sec int, loc *time.Location) (time.Time, bool) {
	t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d || t.Hour() != h || t.Minute() != mi || t.Second() != sec {
		return time.Time{}, false
	}
	return t, true
}

// clock finds a time of day in s.
func clock(s string) (h, mi, sec int, ok bool) {
	m := hmRe.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, 0, false
	}
	h, mi = atoi(m[2]), atoi(m[3])
	if m[4] != "" {
		sec = atoi(m[4])
	}
	switch m[1] {
	case "下午", "晚上":
		if h < 12 {
			h += 12
		}
	case "中午":
		if h < 11 {
			h += 12
		}
	case "凌晨", "上午", "早上":
		if h == 12 {
			h = 0
		}
	}
	if h > 23 || mi > 59 || sec > 59 {
		return 0, 0, 0, false
	}
	return h, mi, sec, true
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}
