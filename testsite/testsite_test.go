package testsite_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/scamhunt/scamhunt/testsite"
)

// demo is the default board and its truth, built once for the tests that
// only read it.
var demo = sync.OnceValues(func() (*testsite.Board, testsite.Truth) {
	b, err := testsite.New(testsite.Config{})
	if err != nil {
		panic(err)
	}
	return b, b.Truth()
})

type response struct {
	status int
	header http.Header
	body   []byte
}

// get requests path from h; hdr holds header name/value pairs.
func get(t testing.TB, h http.Handler, path string, hdr ...string) response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return response{rec.Code, rec.Result().Header, rec.Body.Bytes()}
}

// text decodes a response body to UTF-8: GBK when the path is a GBK page.
func text(t testing.TB, tr testsite.Truth, path string, body []byte) string {
	t.Helper()
	if !slices.Contains(tr.GBKPaths, path) {
		return string(body)
	}
	out, err := simplifiedchinese.GBK.NewDecoder().Bytes(body)
	if err != nil {
		t.Fatalf("decode gbk %s: %v", path, err)
	}
	return string(out)
}

func parse(t testing.TB, s string) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		t.Fatalf("parse html: %v", err)
	}
	return d
}

// page fetches and parses a page that must answer 200.
func page(t testing.TB, path string) *goquery.Document {
	t.Helper()
	b, tr := demo()
	r := get(t, b.Handler(), path)
	if r.status != http.StatusOK {
		t.Fatalf("GET %s: status %d", path, r.status)
	}
	return parse(t, text(t, tr, path, r.body))
}

var detailRE = regexp.MustCompile(`^/[a-z]+/[a-z]+/[1-9][0-9]*\.html$`)

func isDetail(p string) bool { return detailRE.MatchString(p) }

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		cfg  testsite.Config
		fail bool
	}{
		{testsite.Config{}, false},
		{testsite.Config{Listings: testsite.MinListings, Edition: 2}, false},
		{testsite.Config{Listings: 100_000, Edition: 1}, false},
		{testsite.Config{Listings: -1}, true},
		{testsite.Config{Listings: testsite.MinListings - 1}, true},
		{testsite.Config{Listings: testsite.MaxListings + 1}, true},
		{testsite.Config{Edition: 3}, true},
		{testsite.Config{Edition: -1}, true},
	}
	for _, tt := range tests {
		err := tt.cfg.Validate()
		if (err != nil) != tt.fail {
			t.Errorf("%+v.Validate() = %v, want failure %v", tt.cfg, err, tt.fail)
		}
		if _, err := testsite.New(tt.cfg); (err != nil) != tt.fail && tt.cfg.Listings < 1000 {
			t.Errorf("New(%+v) = %v, want failure %v", tt.cfg, err, tt.fail)
		}
	}
}

func TestDeterministic(t *testing.T) {
	b1, err := testsite.New(testsite.Config{})
	if err != nil {
		t.Fatal(err)
	}
	b2, err := testsite.New(testsite.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(b1.Paths(), b2.Paths()); diff != "" {
		t.Fatalf("paths differ (-first +second):\n%s", diff)
	}
	for i, p := range b1.Paths() {
		if i%5 != 0 && isDetail(p) {
			continue
		}
		r1, r2 := get(t, b1.Handler(), p), get(t, b2.Handler(), p)
		if r1.status != http.StatusOK || !bytes.Equal(r1.body, r2.body) || r1.header.Get("ETag") != r2.header.Get("ETag") {
			t.Errorf("GET %s: status %d, bodies equal %v: two boards differ", p, r1.status, bytes.Equal(r1.body, r2.body))
		}
	}
	if diff := cmp.Diff(b1.Truth(), b2.Truth()); diff != "" {
		t.Errorf("truth differs (-first +second):\n%s", diff)
	}
}

func TestCounts(t *testing.T) {
	_, tr := demo()
	cities := map[string]bool{}
	scams, hard := 0, 0
	for _, l := range tr.Listings {
		cities[l.CitySlug] = true
		if l.Label == "scam" {
			scams++
		}
		if l.HardNegative {
			hard++
		}
	}
	n := len(tr.Listings)
	if n < 640 {
		t.Errorf("%d listings, want >= 640", n)
	}
	if len(cities) < 8 {
		t.Errorf("listings in %d cities, want >= 8", len(cities))
	}
	if share := float64(scams) / float64(n); share < 0.30 || share > 0.35 {
		t.Errorf("scam share %.3f, want 0.30..0.35", share)
	}
	if share := float64(hard) / float64(n); share < 0.06 || share > 0.10 {
		t.Errorf("hard negative share %.3f, want about 0.08", share)
	}
	forms := map[string]int{}
	for _, l := range tr.Listings {
		for _, f := range []struct{ name, re string }{
			{"元/天", `^[0-9]+(-[0-9]+)?元/天$`}, {"元/小时", `^[0-9]+(-[0-9]+)?元/小时$`}, {"元/月", `^[0-9]+(-[0-9]+)?元/月$`},
			{"元/单", `^[0-9]+(-[0-9]+)?元/单$`}, {"面议", `^面议$`},
			{"今天", `^今天$`}, {"昨天", `^昨天 [0-9]{1,2}:[0-9]{2}$`}, {"天前", `^[2-6]天前$`},
			{"iso", `^2026-[01][0-9]-[0-3][0-9]$`}, {"年月日", `^2026年[0-9]{1,2}月[0-9]{1,2}日$`},
		} {
			if regexp.MustCompile(f.re).MatchString(l.Salary) || regexp.MustCompile(f.re).MatchString(l.Posted) {
				forms[f.name]++
			}
		}
	}
	for _, f := range []string{"元/天", "元/小时", "元/月", "元/单", "面议", "今天", "昨天", "天前", "iso", "年月日"} {
		if forms[f] == 0 {
			t.Errorf("no salary or posting date written as %s", f)
		}
	}
	others := 0
	for _, p := range tr.NonListings {
		if strings.HasPrefix(p, "/city/") {
			others++
		}
	}
	if others < 40 {
		t.Errorf("%d other-city pages, want >= 40", others)
	}
}

func TestEveryPageHasChrome(t *testing.T) {
	b, _ := demo()
	for i, p := range b.Paths() {
		if p == "/robots.txt" || p == "/static/style.css" || i%5 != 0 && isDetail(p) {
			continue
		}
		d := page(t, p)
		checks := []struct {
			sel, want string
		}{
			{".header .logo a", "兼职信息网"},
			{`.header a[href="/member/login.html"]`, "登录"},
			{`.header a[href="/member/post.html"]`, "免费发布"},
			{".hot-cities h3", "热门城市"},
			{".sidebar h3:first-of-type", "最新资讯"},
			{".sidebar h3:last-of-type", "网站公告"},
		}
		for _, c := range checks {
			if got := strings.TrimSpace(d.Find(c.sel).First().Text()); got != c.want {
				t.Errorf("%s: %s = %q, want %q", p, c.sel, got, c.want)
			}
		}
		if n := d.Find(".hot-cities a").Length(); n < 48 {
			t.Errorf("%s: %d hot city links, want >= 48", p, n)
		}
		if d.Find(".sidebar a[href^='/news/']").Length() < 6 || d.Find(".sidebar a[href^='/notice/']").Length() < 3 || d.Find(".footer").Length() != 1 {
			t.Errorf("%s: sidebar or footer incomplete", p)
		}
	}
}
