package e2e_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// lgAd is one ad of the 零工通 board, and what a crawl must find of it.
type lgAd struct {
	id          int
	title       string
	pay         string
	min, max    float64
	area, phone string
	desc        string
	contacts    []string // canonical values
}

// lgAds are the board's ads. Its detail pages name no title in a heading
// and their <title> is the same on every page, so the generic extractor
// cannot find titles: the operator's profile must.
var lgAds = []lgAd{
	{101, "万达超市理货员 周末两天", "150元/天", 150, 150, "朝阳区红旗街", "13904317726", "超市货架整理，周六周日两天，包午餐，当天结算。", []string{"+8613904317726"}},
	{102, "奶茶店店员 晚班", "20元/小时", 20, 20, "南岗区学府路", "15567093312", "点单和制作饮品，晚上六点到十点，有培训。", []string{"+8615567093312"}},
	{103, "发传单-时薪18-22元", "18-22元/小时", 18, 22, "重庆路商圈", "18904419235", "商场门口派发传单，每天四小时，另可加QQ 2734419081 咨询。", []string{"+8618904419235", "2734419081"}},
	{204, "快递分拣夜班 双11", "日结180-220元", 180, 220, "空港物流园", "18643158820", "双十一期间快递分拣，晚8点到早6点，管夜宵。", []string{"+8618643158820"}},
	{205, "车展礼仪 两天", "300元/天", 300, 300, "国际会展中心", "17743122908", "车展礼仪接待，身高165以上，统一着装。", []string{"+8617743122908"}},
	{206, "家教 初二数学", "120元/次", 120, 120, "和平区三好街", "13019236640", "每周二、四晚上辅导初二数学，每次两小时。", []string{"+8613019236640"}},
}

// lgBoard serves the 零工通 board, a layout of its own written for this
// test: a home page, two list pages, ads at /post/show.php?id=N.
func lgBoard(t *testing.T) *httptest.Server {
	t.Helper()
	frame := func(body string) string {
		return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>零工通 - 岗位详情</title></head><body>
<div class="bar"><a href="/">零工通</a> <a href="/list/1.html">最新岗位</a></div>` + body + `
<div class="bt">零工通 客服电话 4008001234 · 意见反馈</div></body></html>`
	}
	list := func(ads []lgAd, next string) string {
		var b strings.Builder
		b.WriteString(`<ul class="posts">`)
		for _, a := range ads {
			fmt.Fprintf(&b, `<li><a href="/post/show.php?id=%d">%s</a> <em>%s</em> <i>%s</i></li>`, a.id, a.title, a.pay, a.area)
		}
		b.WriteString(`</ul>`)
		if next != "" {
			fmt.Fprintf(&b, `<p class="more"><a href="%s">下一页</a></p>`, next)
		}
		return frame(b.String())
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "User-agent: *\nDisallow:\n") })
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, frame(`<p class="jt">零工通：身边的零工，当天结算</p><a href="/list/1.html">看岗位</a>`))
	})
	mux.HandleFunc("/list/1.html", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, list(lgAds[:3], "/list/2.html")) })
	mux.HandleFunc("/list/2.html", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, list(lgAds[3:], "")) })
	mux.HandleFunc("/post/show.php", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.Atoi(r.URL.Query().Get("id"))
		i := slices.IndexFunc(lgAds, func(a lgAd) bool { return a.id == id })
		if i < 0 {
			http.NotFound(w, r)
			return
		}
		a := lgAds[i]
		io.WriteString(w, frame(fmt.Sprintf(`<div class="job">
<p class="jt">%s</p>
<div class="kv"><span class="lb">报酬</span><span class="vl">%s</span></div>
<div class="kv"><span class="lb">位置</span><span class="vl">%s</span></div>
<div class="kv"><span class="lb">电话</span><span class="vl">%s</span></div>
<div class="txt"><p>%s</p></div></div>`, a.title, a.pay, a.area, a.phone, a.desc)))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// save fetches a page of the board into dir, as an operator saves one.
func save(t *testing.T, dir, pageURL, name string) string {
	t.Helper()
	resp, err := http.Get(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestWriteProfileAndCrawl writes a profile for a board no profile exists
// for, as an operator would: save two ads, let `profile suggest` propose a
// profile, add what it could not propose (the title), check it on a third
// ad with `profile check`, crawl with --config, and find every listing with
// its title, pay and contacts.
func TestWriteProfileAndCrawl(t *testing.T) {
	srv := lgBoard(t)
	dir := t.TempDir()
	adURL := func(a lgAd) string { return fmt.Sprintf("%s/post/show.php?id=%d", srv.URL, a.id) }
	a := save(t, dir, adURL(lgAds[0]), "a.html")
	b := save(t, dir, adURL(lgAds[4]), "b.html")
	c := save(t, dir, adURL(lgAds[2]), "c.html")

	prof := filepath.Join(dir, "lg.yaml")
	runCLI(t, "profile", "suggest", a, b, "--url", adURL(lgAds[0]), "--url", adURL(lgAds[4]), "--name", "linggong", "--out", prof)
	data, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	yaml := string(data)
	for _, want := range []string{`detail_url: '^/post/show\.php\?id=[0-9]+$'`, `salary: 'span:containsOwn("报酬") + span'`,
		`phone: 'span:containsOwn("电话") + span'`, `body: 'div.txt'`, "# title: the generic extractor found none"} {
		if !strings.Contains(yaml, want) {
			t.Errorf("proposed profile lacks %s:\n%s", want, yaml)
		}
	}
	// Every page has the same <title>: it names no site, and holds no title.
	if strings.Contains(yaml, "site_name:") || strings.Contains(yaml, "    title: ") {
		t.Errorf("suggest proposed a site name or title selector from a <title> all pages share:\n%s", yaml)
	}

	// The operator's edits: the title selector, and a fast crawl of a
	// loopback board.
	yaml = strings.Replace(yaml, "  detail:\n", "  detail:\n    title: p.jt\n", 1)
	yaml = strings.Replace(yaml, "crawl:\n", "crawl:\n  politeness:\n    delay: 'off'\n", 1)
	if err := os.WriteFile(prof, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}

	out := runCLI(t, "profile", "check", "--json", prof, "--url", adURL(lgAds[2]), c)
	var check struct {
		Kind   string `json:"kind"`
		Fields []struct {
			Field   string   `json:"field"`
			Profile []string `json:"profile"`
			Generic string   `json:"generic"`
			Used    string   `json:"used"`
		} `json:"fields"`
	}
	if err := json.Unmarshal([]byte(out), &check); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	fields := map[string]int{}
	for i, f := range check.Fields {
		fields[f.Field] = i
	}
	title, salary := check.Fields[fields["title"]], check.Fields[fields["salary"]]
	if check.Kind != "detail" || title.Used != "profile" || len(title.Profile) != 1 || title.Profile[0] != lgAds[2].title || title.Generic == lgAds[2].title {
		t.Errorf("check: kind %s, title %+v; want the profile's title %q where the generic extractor misses it", check.Kind, title, lgAds[2].title)
	}
	if salary.Used != "profile" || len(salary.Profile) != 1 || salary.Profile[0] != lgAds[2].pay {
		t.Errorf("check: salary %+v", salary)
	}
	// The table an operator reads says the same.
	table := runCLI(t, "profile", "check", prof, "--url", adURL(lgAds[2]), c)
	if !strings.Contains(table, "p.jt") || !strings.Contains(table, lgAds[2].title) {
		t.Errorf("check table:\n%s", table)
	}

	dataDir := t.TempDir()
	runCLI(t, "crawl", "--config", prof, "--start", srv.URL+"/", "--data", dataDir, "--log-level", "warn")
	recs := records(t, dataDir)
	for _, ad := range lgAds {
		r, ok := recs[adURL(ad)]
		if !ok {
			t.Errorf("%s not indexed", adURL(ad))
			continue
		}
		l := r.Listing
		if l.Partial || l.Site != "linggong" || l.Title != ad.title {
			t.Errorf("%s: partial %v site %q title %q, want a full listing of linggong titled %q", adURL(ad), l.Partial, l.Site, l.Title, ad.title)
		}
		if l.Pay == nil || l.Pay.Min != ad.min || l.Pay.Max != ad.max {
			t.Errorf("%s: pay %+v, want %v-%v", adURL(ad), l.Pay, ad.min, ad.max)
		}
		var got []string
		for _, c := range l.Contacts {
			got = append(got, c.Value)
		}
		slices.Sort(got)
		want := slices.Clone(ad.contacts)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: contacts %q, want %q", adURL(ad), got, want)
		}
	}
	if len(recs) != len(lgAds) {
		var urls []string
		for u := range recs {
			urls = append(urls, u)
		}
		t.Errorf("%d listings indexed, want the board's %d: %q", len(recs), len(lgAds), urls)
	}
}
