package postdate

import (
	"regexp"
	"strings"
	"time"
)

var (
	// 3分钟前, 两小时前, 半个月前, 1 周之前, 3 days ago
	agoRe = regexp.MustCompile(`([0-9]+|[零一二两三四五六七八九十]+|半)\s*个?\s*(秒钟|秒|分钟|分|小时|钟头|天|日|周|星期|礼拜|月|年)\s*之?前` +
		`|([0-9]+)\s*(second|minute|min|hour|day|week|month|year)s?\s+ago`)
	// 今天 09:30, 昨天, 前天 12:30, yesterday
	dayRe = regexp.MustCompile(`大前天|前天|昨天|昨日|今天|今日|yesterday|today`)
)

// maxAgo bounds a relative count, so "99999999999天前" cannot overflow.
const maxAgo = 100000

// relative resolves 刚刚, "N units ago" and 今天/昨天/前天 against now.
func relative(s string, now time.Time, loc *time.Location) (time.Time, bool) {
	if strings.Contains(s, "刚刚") || strings.Contains(s, "刚才") || strings.Contains(s, "just now") {
		return now, true
	}
	if m := agoRe.FindStringSubmatch(s); m != nil {
		num, unit := m[1], m[2]
		if num == "" {
			num, unit = m[3], m[4]
		}
		return ago(now, num, unit)
	}
	if m := dayRe.FindStringIndex(s); m != nil {
		back := daysBack[s[m[0]:m[1]]]
		d := now.AddDate(0, 0, -back)
		h, mi, sec, ok := clock(s[m[1]:])
		if !ok {
			h, mi, sec = 0, 0, 0
		}
		return time.Date(d.Year(), d.Month(), d.Day(), h, mi, sec, 0, loc), true
	}
	return time.Time{}, false
}

func ago(now time.Time, num, unit string) (time.Time, bool) {
	if num == "半" {
		switch unit {
		case "小时", "钟头":
			return now.Add(-30 * time.Minute), true
		case "天", "日":
			return now.Add(-12 * time.Hour), true
		case "月":
			return now.AddDate(0, 0, -15), true
		case "年":
			return now.AddDate(0, -6, 0), true
		}
		return time.Time{}, false
	}
	n := atoi(num)
	if n < 0 {
		n = chinese(num)
	}
	if n < 0 || n > maxAgo {
		return time.Time{}, false
	}
	switch unit {
	case "秒钟", "秒", "second":
		return now.Add(-time.Duration(n) * time.Second), true
	case "分钟", "分", "minute", "min":
		return now.Add(-time.Duration(n) * time.Minute), true
	case "小时", "钟头", "hour":
		return now.Add(-time.Duration(n) * time.Hour), true
	case "天", "日", "day":
		return now.AddDate(0, 0, -n), true
	case "周", "星期", "礼拜", "week":
		return now.AddDate(0, 0, -7*n), true
	case "月", "month":
		return now.AddDate(0, -n, 0), true
	case "年", "year":
		return now.AddDate(-n, 0, 0), true
	}
	return time.Time{}, false
}

// daysBack is how many days before the fetch a day word means.
var daysBack = map[string]int{"大前天": 3, "前天": 2, "昨天": 1, "昨日": 1, "yesterday": 1}

// cnDigits are the Chinese numerals of counts.
var cnDigits = map[rune]int{'零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// chinese reads a count below 100 in Chinese numerals: 三, 十五, 二十, 两.
func chinese(s string) int {
	n, cur := 0, -1
	for _, r := range s {
		switch d, ok := cnDigits[r]; {
		case ok:
			cur = d
		case r == '十' && n == 0:
			n, cur = max(cur, 1)*10, -1
		default:
			return -1
		}
	}
	return n + max(cur, 0)
}
