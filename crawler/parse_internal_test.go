package crawler

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func TestRetryAfter(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"-3", 0},
		{"5", 5 * time.Second},
		{" 120 ", 2 * time.Minute},
		{"999999999", 999999999 * time.Second},
		{"99999999999999", retryForever},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{now.Add(48 * time.Hour).Format(http.TimeFormat), 48 * time.Hour},
		{"Wed, 21 Oct 2015 07:28:00 GMT", 0},
		{"soon", 0},
	} {
		if got := retryAfter(c.in, now); got != c.want {
			t.Errorf("retryAfter(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"5", "", now.Format(http.TimeFormat), "-1", "1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d := retryAfter(s, now); d < 0 || d > retryForever {
			t.Fatalf("retryAfter(%q) = %v, outside [0, %v]", s, d, retryForever)
		}
	})
}

func TestBackoffGrowsWithinBounds(t *testing.T) {
	base, limit := 100*time.Millisecond, time.Second
	for tries, want := range map[int][2]time.Duration{
		1: {50 * time.Millisecond, 100 * time.Millisecond},
		2: {100 * time.Millisecond, 200 * time.Millisecond},
		3: {200 * time.Millisecond, 400 * time.Millisecond},
		9: {500 * time.Millisecond, time.Second},
	} {
		for range 50 {
			if d := backoff(tries, base, limit); d < want[0] || d > want[1] {
				t.Fatalf("backoff(%d) = %v, want within %v", tries, d, want)
			}
		}
	}
}

// testTraps are the default trap limits, calendars cut at calendar pages.
func testTraps(calendar int) Traps {
	return Traps{MaxRepeatedSegments: 2, MaxCalendarPages: calendar, MaxURLLength: 2048, MaxPathSegments: 32, MaxPathGrowth: 8}
}

var trapCases = []struct {
	url    string
	growth int
	want   string
}{
	{"http://jz.test/shenyang/chuandan/20261120.html", 0, ""}, // an ID, not a date
	{"http://jz.test/shenyang/chuandan/1234.html", 3, ""},
	{"http://jz.test/news/2026/11/", 0, ""},
	{"http://jz.test/news/2029/01/", 0, "calendar"},
	{"http://jz.test/archive/1970-01-01.html", 0, "calendar"},
	{"http://jz.test/events?date=2031-05-01", 0, "calendar"},
	{"http://jz.test/a/b/a/b/a/", 0, "repeated_segment"},
	{"http://jz.test/a/a/", 0, ""},
	{"http://jz.test/" + strings.Repeat("x/", 40), 0, "deep_path"},
	{"http://jz.test/?q=" + strings.Repeat("x", 3000), 0, "long_url"},
	{"http://jz.test/q1/w2/e3/r4/t5/y6/u7/i8/", 8, ""},
	{"http://jz.test/q1/w2/e3/r4/t5/y6/u7/i8/o9/", 9, "path_growth"},
}

func TestTrap(t *testing.T) {
	for _, c := range trapCases {
		tr := newTrapper(testTraps(30), now)
		u, _ := url.Parse(c.url)
		if got := tr.trap(u, c.url, c.growth); got != c.want {
			t.Errorf("trap(%.60s, growth %d) = %q, want %q", c.url, c.growth, got, c.want)
		}
	}
}

func TestPathGrowth(t *testing.T) {
	for _, c := range []struct {
		page, link string
		want       int // from a page of growth 2
	}{
		{"http://jz.test/a/", "http://jz.test/a/x7/", 3},
		{"http://jz.test/a/p.html", "http://jz.test/a/x7/y8/", 3},
		{"http://jz.test/sz/cuxiao/1.html", "http://jz.test/sz/cuxiao/2.html", 2}, // a sibling
		{"http://jz.test/sz/cuxiao/1.html", "http://jz.test/sz/", 0},              // up
		{"http://jz.test/sz/cuxiao/", "http://jz.test/bj/cuxiao/", 0},             // across
		{"http://jz.test/a/", "http://other.test/a/b/", 0},
	} {
		page, _ := url.Parse(c.page)
		link, _ := url.Parse(c.link)
		if got := pathGrowth(page, link, 2); got != c.want {
			t.Errorf("pathGrowth(%s -> %s) = %d, want %d", c.page, c.link, got, c.want)
		}
	}
}

func TestTrapCalendarCount(t *testing.T) {
	tr := newTrapper(testTraps(3), now)
	var got []string
	for _, s := range []string{"?date=20261101", "?date=20261102", "?date=20261101", "?date=20261103", "?date=20261104", "?page=9"} {
		u, _ := url.Parse("http://jz.test/events" + s)
		got = append(got, tr.trap(u, u.String(), 0))
	}
	want := []string{"", "", "", "", "calendar", ""}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("verdicts (-want +got):\n%s", diff)
	}
}

// trapMemoDiff runs the lines of urls, each at each growth in turn, through
// a trapper with its memo and one judging every URL afresh, and reports
// the first call on which they disagree, or "".
func trapMemoDiff(urls []string, growths []int) string {
	memo, fresh := newTrapper(testTraps(3), now), newTrapper(testTraps(3), now)
	for i, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		g := growths[i%len(growths)]
		if a, b := memo.trap(u, raw, g), fresh.judge(u, raw, g); a != b {
			return fmt.Sprintf("call %d: trap(%.60q, growth %d) = %q with the memo, %q without", i, raw, g, a, b)
		}
	}
	return ""
}

// TestTrapMemoAgrees holds the memo to the verdicts given without it: the
// same URLs again at other path growths, a calendar filling up, a URL cut
// for growth before its dates were counted.
func TestTrapMemoAgrees(t *testing.T) {
	var urls []string
	for range 3 {
		for _, c := range trapCases {
			urls = append(urls, c.url)
		}
		for d := 1; d <= 6; d++ {
			urls = append(urls, fmt.Sprintf("http://jz.test/events/2026-11-%02d/", d), fmt.Sprintf("http://jz.test/a/b/c/d/e/f/g/h/i/j/?date=202611%02d", d))
		}
	}
	if diff := trapMemoDiff(urls, []int{0, 9, 3, 12, 1}); diff != "" {
		t.Error(diff)
	}
}

func FuzzTrap(f *testing.F) {
	for _, c := range trapCases {
		f.Add(c.url + "\n" + c.url)
	}
	f.Add("http://jz.test/cal/2026-11-01/\nhttp://jz.test/cal/2026-11-02/\nhttp://jz.test/cal/2026-11-01/\nhttp://jz.test/cal/2026-11-03/\nhttp://jz.test/cal/2026-11-04/")
	f.Fuzz(func(t *testing.T, raw string) {
		lines := strings.Split(raw, "\n")
		if diff := trapMemoDiff(lines, []int{len(raw) % 12, 0, 10}); diff != "" {
			t.Error(diff)
		}
	})
}

var hrefCases = []struct {
	name, html string
	links      []string
	base       string
}{
	{"anchors and area", `<a href="/a">a</a><AREA HREF='/b'><a name="x">no</a>`, []string{"/a", "/b"}, ""},
	{"link rel next only", `<link rel="stylesheet" href="/s.css"><link rel="next" href="/p2"><link rel="Prev" href="/p0">`, []string{"/p2", "/p0"}, ""},
	{"frames", `<iframe src="/f1"></iframe><frame src="/f2">`, []string{"/f1", "/f2"}, ""},
	{"base", `<base href="http://jz.test/x/"><a href="y">`, []string{"y"}, "http://jz.test/x/"},
	{"meta refresh", `<meta http-equiv="refresh" content="0; URL='/moved'">`, []string{"/moved"}, ""},
	{"duplicate attribute keeps first", `<a href="/one" href="/two">`, []string{"/one"}, ""},
	{"in script not a link", `<script>var s = '<a href="/no">';</script><a href="/yes">`, []string{"/yes"}, ""},
}

func TestHrefs(t *testing.T) {
	for _, c := range hrefCases {
		links, base := hrefs([]byte(c.html))
		if diff := cmp.Diff(c.links, links); diff != "" || base != c.base {
			t.Errorf("%s: links (-want +got):\n%s base %q, want %q", c.name, diff, base, c.base)
		}
	}
}

func FuzzHrefs(f *testing.F) {
	for _, c := range hrefCases {
		f.Add(c.html)
	}
	base, _ := url.Parse("http://jz.test/dir/page.html")
	f.Fuzz(func(t *testing.T, doc string) {
		links, _ := hrefs([]byte(doc))
		if len(links) > maxLinksPerPage {
			t.Fatalf("%d links", len(links))
		}
		for _, l := range links {
			if cu, _, ok := resolve(base, l, DefaultDropParams); ok {
				if again, err := Canonical(cu, DefaultDropParams); err != nil || again != cu {
					t.Fatalf("resolve(%q) = %q, not canonical (%q, %v)", l, cu, again, err)
				}
			}
		}
	})
}
func TestVolatileParams(t *testing.T) {
	page := func(tok string, text string) []byte {
		return []byte(`<a href="/list?k=` + tok + `x1">next</a><input name="k" value="` + tok + `"><p>` + text + `</p>`)
	}
	for _, c := range []struct {
		name         string
		first, again string // URLs
		b1, b2       []byte
		want         []string
	}{
		{"same page, new token", "http://jz.test/list?k=a1b2c3d4e5f6g7&page=2", "http://jz.test/list?k=z9y8x7w6v5u4t3&page=2",
			page("a1b2c3d4e5f6g7", "兼职"), page("z9y8x7w6v5u4t3", "兼职"), []string{"k"}},
		{"the page changed", "http://jz.test/list?k=a1b2c3d4e5f6g7", "http://jz.test/list?k=z9y8x7w6v5u4t3",
			page("a1b2c3d4e5f6g7", "兼职 1"), page("z9y8x7w6v5u4t3", "兼职 2"), nil},
		{"other parameters differ", "http://jz.test/list?k=a1b2c3d4e5f6g7&page=2", "http://jz.test/list?k=z9y8x7w6v5u4t3&page=3",
			page("a1b2c3d4e5f6g7", "兼职"), page("z9y8x7w6v5u4t3", "兼职"), nil},
		{"listing IDs are no tokens", "http://jz.test/job?id=123456789012", "http://jz.test/job?id=123456789013",
			[]byte("not found"), []byte("not found"), nil},
		{"same token twice", "http://jz.test/list?k=a1b2c3d4e5f6g7", "http://jz.test/list?k=a1b2c3d4e5f6g7",
			page("a1b2c3d4e5f6g7", "x"), page("a1b2c3d4e5f6g7", "x"), nil},
	} {
		v := newVolatile()
		u1, _ := url.Parse(c.first)
		u2, _ := url.Parse(c.again)
		v.observe(u1, c.b1)
		got := v.observe(u2, c.b2)
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s: learned (-want +got):\n%s", c.name, diff)
		}
		if diff := cmp.Diff(c.want, v.params("jz.test")); diff != "" {
			t.Errorf("%s: params (-want +got):\n%s", c.name, diff)
		}
	}
}

func FuzzVolatile(f *testing.F) {
	f.Add("http://jz.test/list?k=a1b2c3d4e5f6g7&page=2", "<a href=\"?k=zz11yy22xx33\">", "k")
	f.Add("http://jz.test/?sid=", "k=k=k=", "")
	f.Fuzz(func(t *testing.T, raw, body, k string) {
		u, err := url.Parse(raw)
		if err != nil {
			return
		}
		v := newVolatile()
		v.observe(u, []byte(body))
		v.observe(u, []byte(body+k))
		blankedHash([]byte(body), k, raw)
		hasSessionID(raw)
		dropPathSessions(raw)
	})
}

// TestResolverAgreesWithResolve: the memo gives, for every link from
// every page, what resolving it afresh gives, in any order of pages: links
// relative to a page's directory or query are never taken from it, and a
// host's absolute paths are not shared with another host or scheme.
func TestResolverAgreesWithResolve(t *testing.T) {
	bases := []string{
		"http://board.test/", "http://board.test/beijing/", "http://board.test/beijing/chuandan/10908.html",
		"http://board.test/shanghai/list_2.html?page=2", "https://board.test/job/1.html",
		"http://BOARD.test:80/a/b/", "http://other.test/x/y.html", "http://user@board.test/u/",
	}
	links := []string{
		"/", "/beijing/", "/job/1.html?utm_source=qq&id=3", "/a/../b/./c.html", "/list_%zz.html", "/搜索?q=刷单",
		"10908.html", "../", "?page=3", "#top", "", " /padded.html", "//cdn.test/x.png",
		"http://board.test/job/2.html", "HTTPS://Board.Test/Job/3.html", "http://other.test/", "javascript:void(0)",
		"mailto:hr@board.test", "/a\tb.html",
	}
	drop := []string{"utm_source"}
	for _, order := range [][]int{{0, 1, 2, 3, 4, 5, 6, 7}, {7, 6, 5, 4, 3, 2, 1, 0}, {2, 6, 0, 4, 1, 7, 3, 5}} {
		r := newResolver(drop)
		for round := range 2 { // the second round answers from the memo
			for _, i := range order {
				base, err := url.Parse(bases[i])
				if err != nil {
					t.Fatal(err)
				}
				for _, raw := range links {
					if diff := resolutionDiff(r, base, raw, drop); diff != "" {
						t.Errorf("round %d, %q on %s: %s", round, raw, bases[i], diff)
					}
				}
			}
		}
		if len(r.seen) == 0 {
			t.Error("nothing was memoised")
		}
	}
}

// resolutionDiff is how r's answer for raw on base differs from resolving
// it afresh, or "" when it does not.
func resolutionDiff(r *resolver, base *url.URL, raw string, drop []string) string {
	wantCU, wantU, wantOK := resolve(base, raw, drop)
	gotCU, gotU, gotOK := r.resolve(base, raw)
	if gotCU != wantCU || gotOK != wantOK || (wantU == nil) != (gotU == nil) || (wantU != nil && gotU.String() != wantU.String()) {
		return fmt.Sprintf("got (%q, %v, %v), want (%q, %v, %v)", gotCU, gotU, gotOK, wantCU, wantU, wantOK)
	}
	return ""
}

// FuzzResolver: for any page and link, the memo answers what resolving
// afresh answers, also when another page of the host asked first.
func FuzzResolver(f *testing.F) {
	f.Add("http://board.test/beijing/", "/job/1.html", "http://board.test/a/b/c.html")
	f.Add("https://board.test/x?y=1", "HTTP://Other.test/%zz", "http://board.test/")
	f.Add("http://board.test/", "/a/../b/./c.html?utm_source=1", "http://user@board.test:80/d/")
	f.Fuzz(func(t *testing.T, page, raw, other string) {
		base, err := url.Parse(page)
		if err != nil {
			return
		}
		first, err := url.Parse(other)
		if err != nil {
			return
		}
		drop := []string{"utm_source"}
		r := newResolver(drop)
		r.resolve(first, raw)
		for range 2 {
			if diff := resolutionDiff(r, base, raw, drop); diff != "" {
				t.Fatalf("%q on %s after %s: %s", raw, page, other, diff)
			}
		}
	})
}
