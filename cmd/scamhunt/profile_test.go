package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// boardPage is a saved detail page of a board with its own layout.
func boardPage(t *testing.T, dir, name, title, pay, area, phone string) string {
	t.Helper()
	page := fmt.Sprintf(`<html><head><meta charset="utf-8"><title>%s_兼职_帮帮网</title></head><body>
<div class="hdr"><a href="/">帮帮网</a></div>
<div class="post"><div class="post-name">%s</div>
<p class="f"><i>工资</i><b class="v">%s</b></p>
<p class="f"><i>地点</i><b class="v">%s</b></p>
<p class="f"><i>电话</i><b class="v">%s</b></p>
<section class="txt"><p>周末两天，每天六小时，当天结算工资，不收任何费用。</p></section></div></body></html>`, title, title, pay, area, phone)
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestProfileSuggestCheckExtract walks the profile tools as an operator
// does: suggest a profile from two saved pages, check it on a third, read
// the third with extract --config.
func TestProfileSuggestCheckExtract(t *testing.T) {
	dir := t.TempDir()
	a := boardPage(t, dir, "a.html", "超市理货员 周末", "150元/天", "朝阳区红旗街", "13904317726")
	b := boardPage(t, dir, "b.html", "奶茶店店员 晚班", "20元/小时", "南岗区学府路", "15567093312")
	c := boardPage(t, dir, "c.html", "发传单 日结", "120元/天", "重庆路", "18904419235")
	prof := filepath.Join(dir, "bang.yaml")
	_, stderr, err := run(t, "", "profile", "suggest", a, b, "--url", "http://bang.test/job/1.html", "--url", "http://bang.test/job/22.html", "--out", prof)
	if err != nil {
		t.Fatalf("suggest: %v\n%s", err, stderr)
	}
	p, err := loadSiteFile(prof)
	if err != nil {
		t.Fatalf("the proposed profile does not load: %v", err)
	}
	if p.Name != "bang.test" || p.DetailURL != `^/job/[0-9]+\.html$` || p.Extract.Detail.Salary != `i:containsOwn("工资") + b` || p.Extract.SiteName != "帮帮网" {
		t.Errorf("proposed profile %+v", p)
	}
	if len(p.Crawl.Patterns.Detail) != 1 || p.Crawl.Patterns.Detail[0] != p.DetailURL {
		t.Errorf("crawl detail patterns %q, want the one detail_url", p.Crawl.Patterns.Detail)
	}

	out, _, err := run(t, "", "profile", "check", prof, "--url", "http://bang.test/job/333.html", c)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"with the profile  detail", "salary", `i:containsOwn("工资") + b`, "120元/天", "+8618904419235 [span]", "profile"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	out, _, err = run(t, "", "profile", "check", "--json", prof, "--url", "http://bang.test/news/1.html", c)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Kind   string `json:"kind"`
		Fields []struct {
			Field, Used string
			Profile     []string
		} `json:"fields"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	// Off the detail pattern the page is judged by structure, and the
	// profile's selectors still apply.
	if got.Kind != "detail" || got.Fields[1].Field != "salary" || got.Fields[1].Used != "profile" || len(got.Fields[1].Profile) != 1 || got.Fields[1].Profile[0] != "120元/天" {
		t.Errorf("check --json: %s", out)
	}

	out, _, err = run(t, "", "extract", "--config", prof, "--url", "http://bang.test/job/333.html", c)
	if err != nil {
		t.Fatal(err)
	}
	var ex struct {
		Kind     string `json:"kind"`
		Listings []struct {
			Title   string            `json:"title"`
			Site    string            `json:"site"`
			Methods map[string]string `json:"methods"`
		} `json:"listings"`
	}
	if err := json.Unmarshal([]byte(out), &ex); err != nil {
		t.Fatal(err)
	}
	if ex.Kind != "detail" || len(ex.Listings) != 1 || ex.Listings[0].Title != "发传单 日结" || ex.Listings[0].Site != "bang.test" || ex.Listings[0].Methods["title"] != "profile" {
		t.Errorf("extract --config: %s", out)
	}
	if _, _, err := run(t, "", "extract", "--config", prof, "--site", "demo", c); err == nil || !strings.Contains(err.Error(), "exclusive") {
		t.Errorf("--site with --config: %v", err)
	}
	if _, _, err := run(t, "", "profile", "check", prof, "--url", "http://a/1", "--url", "http://a/2", c); err == nil {
		t.Error("check took two --url for one page")
	}
}
