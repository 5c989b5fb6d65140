package postdate_test

import (
	"testing"
	"time"

	"github.com/scamhunt/scamhunt/internal/postdate"
)

var cst = postdate.Shanghai()

// fetched is 2026-05-10 15:04:05 in Shanghai.
var fetched = time.Date(2026, 5, 10, 15, 4, 5, 0, cst)

func date(y int, mo time.Month, d, h, mi, s int) time.Time {
	return time.Date(y, mo, d, h, mi, s, 0, cst)
}

var cases = []struct {
	in   string
	want time.Time // zero: no date
}{
	{"2026-05-01", date(2026, 5, 1, 0, 0, 0)},
	{"2026/5/1", date(2026, 5, 1, 0, 0, 0)},
	{"2026.05.01", date(2026, 5, 1, 0, 0, 0)},
	{"2026年5月1日", date(2026, 5, 1, 0, 0, 0)},
	{"2026 年 05 月 01 日", date(2026, 5, 1, 0, 0, 0)},
	{"20260501", date(2026, 5, 1, 0, 0, 0)},
	{"２０２６－０５－０１", date(2026, 5, 1, 0, 0, 0)},
	{"发布时间：2026-05-01 09:30", date(2026, 5, 1, 9, 30, 0)},
	{"2026-05-01 09:30:15", date(2026, 5, 1, 9, 30, 15)},
	{"2026年5月1日 下午3:30", date(2026, 5, 1, 15, 30, 0)},
	{"2026年5月1日 晚上8点15", date(2026, 5, 1, 20, 15, 0)},
	{"2025-12-31 23:59", date(2025, 12, 31, 23, 59, 0)},
	{"2024-02-29", date(2024, 2, 29, 0, 0, 0)},
	{"2026-05-01T01:30:00Z", date(2026, 5, 1, 9, 30, 0)},
	{"2026-05-01T09:30:00+08:00", date(2026, 5, 1, 9, 30, 0)},
	{"05-01", date(2026, 5, 1, 0, 0, 0)},
	{"5月1日", date(2026, 5, 1, 0, 0, 0)},
	{"5月1日 08:00", date(2026, 5, 1, 8, 0, 0)},
	{"05-10 18:00", date(2026, 5, 10, 18, 0, 0)},
	{"05-12", date(2025, 5, 12, 0, 0, 0)},
	{"12-25", date(2025, 12, 25, 0, 0, 0)},
	{"更新于 5/9", date(2026, 5, 9, 0, 0, 0)},
	{"刚刚", fetched},
	{"3分钟前", fetched.Add(-3 * time.Minute)},
	{"30秒前", fetched.Add(-30 * time.Second)},
	{"2小时前", fetched.Add(-2 * time.Hour)},
	{"两个小时前", fetched.Add(-2 * time.Hour)},
	{"半小时前", fetched.Add(-30 * time.Minute)},
	{"今天", date(2026, 5, 10, 0, 0, 0)},
	{"今天 09:30", date(2026, 5, 10, 9, 30, 0)},
	{"昨天 12:30", date(2026, 5, 9, 12, 30, 0)},
	{"前天", date(2026, 5, 8, 0, 0, 0)},
	{"大前天 7:05", date(2026, 5, 7, 7, 5, 0)},
	{"3天前", date(2026, 5, 7, 15, 4, 5)},
	{"三天前", date(2026, 5, 7, 15, 4, 5)},
	{"十五天前", date(2026, 4, 25, 15, 4, 5)},
	{"1周前", date(2026, 5, 3, 15, 4, 5)},
	{"2 星期前", date(2026, 4, 26, 15, 4, 5)},
	{"半个月前", date(2026, 4, 25, 15, 4, 5)},
	{"3个月前", date(2026, 2, 10, 15, 4, 5)},
	{"1年前", date(2025, 5, 10, 15, 4, 5)},
	{"5 days ago", date(2026, 5, 5, 15, 4, 5)},
	{"yesterday 10:00", date(2026, 5, 9, 10, 0, 0)},
	{"09:30", date(2026, 5, 10, 9, 30, 0)},
	{"23:30", date(2026, 5, 9, 23, 30, 0)},

	{"", time.Time{}},
	{"面议", time.Time{}},
	{"2026-02-30", time.Time{}},
	{"2026-13-01", time.Time{}},
	{"2025-02-29", time.Time{}},
	{"2026-05-01 25:00", time.Time{}},
	{"2027-05-01", time.Time{}},
	{"1990-01-01", time.Time{}},
	{"13812345678", time.Time{}},
	{"99999999999天前", time.Time{}},
	{"长期有效", time.Time{}},
}

func TestParse(t *testing.T) {
	for _, c := range cases {
		got, ok := postdate.Parse(c.in, fetched)
		if ok != !c.want.IsZero() || ok && (!got.Equal(c.want) || got.Location() != cst) {
			t.Errorf("Parse(%q) = %v, %v; want %v", c.in, got, ok, c.want)
		}
	}
}

// TestParseUTCFetch: a fetch time in another zone still resolves dates in
// Shanghai; 23:30 UTC on May 9 is already May 10 there.
func TestParseUTCFetch(t *testing.T) {
	f := time.Date(2026, 5, 9, 23, 30, 0, 0, time.UTC)
	got, ok := postdate.Parse("今天 07:00", f)
	if want := date(2026, 5, 10, 7, 0, 0); !ok || !got.Equal(want) {
		t.Errorf("Parse = %v, %v; want %v", got, ok, want)
	}
}

func TestParseZeroFetch(t *testing.T) {
	if got, ok := postdate.Parse("2026-05-01 09:30", time.Time{}); !ok || !got.Equal(date(2026, 5, 1, 9, 30, 0)) {
		t.Errorf("Parse with zero fetch = %v, %v", got, ok)
	}
	for _, s := range []string{"3天前", "05-01", "今天", "09:30"} {
		if got, ok := postdate.Parse(s, time.Time{}); ok {
			t.Errorf("Parse(%q) with zero fetch = %v, want no date", s, got)
		}
	}
}

func TestShanghai(t *testing.T) {
	if _, off := time.Date(2026, 7, 1, 0, 0, 0, 0, cst).Zone(); off != 8*3600 {
		t.Errorf("Shanghai offset %d, want 28800", off)
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range cases {
		f.Add(c.in, fetched.Unix())
	}
	f.Fuzz(func(t *testing.T, s string, unix int64) {
		at := time.Unix(unix%(1<<34), 0) // within ±500 years of 1970
		got, ok := postdate.Parse(s, at)
		if !ok {
			return
		}
		if d := got.Sub(at); d > 24*time.Hour || got.Before(at.AddDate(-30, 0, 0)) {
			t.Errorf("Parse(%q, %v) = %v, outside the window", s, at, got)
		}
	})
}
