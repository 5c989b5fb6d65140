package testsite_test

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/scamhunt/scamhunt/testsite"
)

// TestCrawlReachesEveryPage follows every link from / (skipping the
// robots-disallowed /member/) and checks that each resolves and that the
// crawl finds exactly the board's pages.
func TestCrawlReachesEveryPage(t *testing.T) {
	b, tr := demo()
	h := b.Handler()
	seen := map[string]bool{"/": true}
	queue := []string{"/"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		r := get(t, h, p)
		if r.status != http.StatusOK {
			t.Errorf("GET %s: status %d", p, r.status)
			continue
		}
		d := parse(t, text(t, tr, p, r.body))
		for _, n := range d.Find("a[href]").Nodes {
			href := attr(n.Attr, "href")
			if !strings.HasPrefix(href, "/") || strings.HasPrefix(href, "//") {
				t.Errorf("%s links to %q: want host-relative links only", p, href)
				continue
			}
			if strings.HasPrefix(href, "/member/") {
				if !slices.Contains(tr.Disallowed, href) {
					t.Errorf("%s links to %s, not in Truth.Disallowed", p, href)
				}
				continue
			}
			if !seen[href] {
				seen[href] = true
				queue = append(queue, href)
			}
		}
	}
	var want []string
	for _, p := range b.Paths() {
		if p != "/robots.txt" && p != "/static/style.css" && !strings.HasPrefix(p, "/member/") {
			want = append(want, p)
		}
	}
	got := slices.Sorted(func(yield func(string) bool) {
		for p := range seen {
			if !yield(p) {
				return
			}
		}
	})
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("crawled pages differ from Paths (-want +got):\n%s", diff)
	}
}

func attr(as []html.Attribute, key string) string {
	for _, a := range as {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

var pageNumRE = regexp.MustCompile(`index_([0-9]+)\.html$`)

// TestListPages checks every list page: 20 items (fewer only on the last),
// 首页/上一页/下一页/尾页 links, and that every detail page is listed once.
func TestListPages(t *testing.T) {
	_, tr := demo()
	listed := map[string]int{}
	multi := 0
	for _, p := range tr.NonListings {
		if !regexp.MustCompile(`^/[a-z]+/[a-z]+/(index_[0-9]+\.html)?$`).MatchString(p) || strings.HasPrefix(p, "/city/") {
			continue
		}
		d := page(t, p)
		items := d.Find("ul.job-list li.job-item")
		if d.Find("p.empty").Length() == 1 {
			if items.Length() != 0 {
				t.Errorf("%s: empty channel with %d items", p, items.Length())
			}
			continue
		}
		n := 1
		if m := pageNumRE.FindStringSubmatch(p); m != nil {
			n, _ = strconv.Atoi(m[1])
		}
		base := pageNumRE.ReplaceAllString(p, "")
		pages := d.Find("div.pages")
		last := pages.Find("a").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Text() == "尾页" })
		lastHref, _ := last.Attr("href")
		lastN := 1
		if m := pageNumRE.FindStringSubmatch(lastHref); m != nil {
			lastN, _ = strconv.Atoi(m[1])
		}
		if lastN > 2 {
			multi++
		}
		wantItems := perPageOrRest(n, lastN, countIn(tr, base))
		if items.Length() != wantItems {
			t.Errorf("%s: %d items, want %d", p, items.Length(), wantItems)
		}
		if got := pages.Find("span.current").Text(); got != strconv.Itoa(n) {
			t.Errorf("%s: current page %q, want %d", p, got, n)
		}
		links := map[string]string{}
		pages.Find("a").Each(func(_ int, s *goquery.Selection) {
			links[s.Text()], _ = s.Attr("href")
		})
		want := map[string]string{"首页": base, "尾页": lastHref}
		if n > 1 {
			want["上一页"] = pagePath(base, n-1)
		}
		if n < lastN {
			want["下一页"] = pagePath(base, n+1)
		}
		for k := max(1, n-2); k <= min(lastN, n+2); k++ {
			if k != n {
				want[strconv.Itoa(k)] = pagePath(base, k)
			}
		}
		if diff := cmp.Diff(want, links); diff != "" {
			t.Errorf("%s: pager links (-want +got):\n%s", p, diff)
		}
		items.Each(func(_ int, s *goquery.Selection) {
			href, _ := s.Find("a.job-link").Attr("href")
			listed[href]++
			if s.Find("span.job-salary").Text() == "" || s.Find("span.job-date").Text() == "" || s.Find("p.job-summary").Text() == "" {
				t.Errorf("%s: item %s lacks salary, date or summary", p, href)
			}
		})
	}
	if multi == 0 {
		t.Error("no channel has more than two list pages")
	}
	for _, l := range tr.Listings {
		if listed[l.Path] != 1 {
			t.Errorf("%s is listed %d times on list pages, want once", l.Path, listed[l.Path])
		}
	}
	if len(listed) != len(tr.Listings) {
		t.Errorf("list pages link %d detail pages, truth has %d", len(listed), len(tr.Listings))
	}
}

func countIn(tr testsite.Truth, base string) int {
	n := 0
	for _, l := range tr.Listings {
		if strings.HasPrefix(l.Path, base) {
			n++
		}
	}
	return n
}

func perPageOrRest(n, last, total int) int {
	if n < last {
		return 20
	}
	return total - (last-1)*20
}

func pagePath(base string, n int) string {
	if n == 1 {
		return base
	}
	return base + "index_" + strconv.Itoa(n) + ".html"
}

func TestDetailPagesMatchTruth(t *testing.T) {
	_, tr := demo()
	for _, l := range tr.Listings {
		d := page(t, l.Path)
		crumb := d.Find("div.crumb a")
		got := []string{
			strings.TrimSpace(d.Find("h1.job-title").Text()),
			strings.TrimSuffix(crumb.Eq(1).Text(), "兼职"),
			crumb.Eq(2).Text(),
			d.Find("td.salary").Text(),
			d.Find("td.company").Text(),
			d.Find("td.posted").Text(),
		}
		want := []string{l.Title, l.City, l.Category, l.Salary, l.Company, l.Posted}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: (-truth +page):\n%s", l.Path, diff)
		}
	}
}

func TestRobots(t *testing.T) {
	b, _ := demo()
	r := get(t, b.Handler(), "/robots.txt")
	want := "User-agent: *\nDisallow: /member/\nCrawl-delay: 0\n"
	if r.status != http.StatusOK || string(r.body) != want || r.header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("robots.txt: %d %q %q, want 200 %q", r.status, r.header.Get("Content-Type"), r.body, want)
	}
}

func TestStatusAndType(t *testing.T) {
	b, tr := demo()
	l := tr.Listings[0]
	wrongCat := strings.Replace(l.Path, "/"+l.CategorySlug+"/", "/"+otherCat(l.CategorySlug)+"/", 1)
	id := strings.TrimSuffix(l.Path[strings.LastIndex(l.Path, "/")+1:], ".html")
	tests := []struct {
		path, wantType string
		status         int
	}{
		{"/", "text/html; charset=utf-8", 200},
		{"/changchun/", "text/html; charset=utf-8", 200},
		{"/changchun/chuandan/", "text/html; charset=utf-8", 200},
		{"/shenyang/", "text/html", 200},
		{"/shenyang/kefu/", "text/html", 200},
		{"/news/1.html", "text/html; charset=utf-8", 200},
		{"/notice/3.html", "text/html; charset=utf-8", 200},
		{"/links.html", "text/html; charset=utf-8", 200},
		{"/city/haerbin/", "text/html; charset=utf-8", 200},
		{"/member/login.html", "text/html; charset=utf-8", 200},
		{"/static/style.css", "text/css; charset=utf-8", 200},
		{l.Path, "text/html; charset=utf-8", 200},
		{"/changchun", "", 301},
		{"/changchun/chuandan", "", 301},
		{"/nope", "text/html; charset=utf-8", 404},
		{"/nope/", "text/html; charset=utf-8", 404},
		{"/changchun/nope/", "text/html; charset=utf-8", 404},
		{"/changchun/chuandan/index_1.html", "text/html; charset=utf-8", 404},
		{"/changchun/chuandan/index_999.html", "text/html; charset=utf-8", 404},
		{"/changchun/chuandan/index_02.html", "text/html; charset=utf-8", 404},
		{"/changchun/chuandan/0.html", "text/html; charset=utf-8", 404},
		{"/changchun/chuandan/99999999.html", "text/html; charset=utf-8", 404},
		{wrongCat, "text/html; charset=utf-8", 404},
		{"/" + l.CitySlug + "/" + l.CategorySlug + "/0" + id + ".html", "text/html; charset=utf-8", 404},
		{"/city/changchun/", "text/html; charset=utf-8", 404},
		{"/city/nowhere/", "text/html; charset=utf-8", 404},
		{"/news/0.html", "text/html; charset=utf-8", 404},
		{"/news/99.html", "text/html; charset=utf-8", 404},
		{"/notice/1", "text/html; charset=utf-8", 404},
	}
	for _, tt := range tests {
		r := get(t, b.Handler(), tt.path)
		if r.status != tt.status || tt.wantType != "" && r.header.Get("Content-Type") != tt.wantType {
			t.Errorf("GET %s: %d %q, want %d %q", tt.path, r.status, r.header.Get("Content-Type"), tt.status, tt.wantType)
		}
	}
}

func otherCat(slug string) string {
	if slug == "kefu" {
		return "mote"
	}
	return "kefu"
}

func TestOtherCityPages(t *testing.T) {
	_, tr := demo()
	n := 0
	for _, p := range tr.NonListings {
		if strings.HasPrefix(p, "/city/") {
			n++
			if d := page(t, p); !strings.Contains(d.Find(".main").Text(), "该城市暂无兼职信息") {
				t.Errorf("%s does not say 该城市暂无兼职信息", p)
			}
		}
	}
	if n < 40 {
		t.Errorf("%d other-city pages, want >= 40", n)
	}
}

func TestSeedArticle(t *testing.T) {
	d := page(t, "/news/1.html")
	body := d.Find(".article .content").Text()
	for _, w := range []string{"差评", "投诉", "188", "288", "888", "拜师费", "敲诈勒索"} {
		if !strings.Contains(body, w) {
			t.Errorf("seed article lacks %q", w)
		}
	}
	rel := d.Find(".related li")
	if d.Find(".related h3").Text() != "相关内容" || rel.Length() < 6 {
		t.Fatalf("related block: %q with %d items", d.Find(".related h3").Text(), rel.Length())
	}
	rel.Each(func(_ int, s *goquery.Selection) {
		if href, _ := s.Find("a").Attr("href"); href == "" || s.Find("a").Text() == "" || !strings.HasSuffix(s.Find("p").Text(), "···") {
			t.Errorf("related item %q lacks a link, title or summary", s.Text())
		}
	})
}
