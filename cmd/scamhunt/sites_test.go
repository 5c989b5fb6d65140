package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestBundledSitesLoad(t *testing.T) {
	names, err := siteNames()
	if err != nil || len(names) == 0 {
		t.Fatalf("site profiles: %v %v", names, err)
	}
	for _, n := range names {
		p, err := loadSite(n)
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		if p.Name != n || p.Crawl.Site != n {
			t.Errorf("%s: name %q, crawl site %q", n, p.Name, p.Crawl.Site)
		}
	}
	out, _, err := run(t, "", "sites")
	if err != nil || !strings.Contains(out, "demo") {
		t.Errorf("scamhunt sites: %v\n%s", err, out)
	}
}

// TestSiteProfileErrors holds the promise to operators writing a profile:
// a mistake is reported with the file, the line and the key.
func TestSiteProfileErrors(t *testing.T) {
	cases := []struct {
		name, yaml string
		want       []string
	}{
		{"unknown key", "name: x\ncrawl:\n  start: [\"http://board.test/\"]\n  politenes:\n    parallelism: 2\n", []string{"x.yaml", "line 4", "politenes"}},
		{"bad pattern", "name: x\ncrawl:\n  start: [\"http://board.test/\"]\n  patterns:\n    detail:\n      - '^/job/(\\d+\\.html$'\n", []string{"x.yaml:6", "crawl.patterns.detail[0]", "missing closing )"}},
		{"bad selector", "name: x\ncrawl:\n  start: [\"http://board.test/\"]\nextract:\n  detail:\n    title: 'h1[class'\n", []string{"x.yaml:6", "extract.detail.title"}},
		{"not yaml", "name: [x\n", []string{"x.yaml"}},
		{"detail pattern written twice", "name: x\ndetail_url: '^/job/'\ncrawl:\n  start: [\"http://board.test/\"]\nextract:\n  detail_url: '^/job/[0-9]+'\n",
			[]string{"x.yaml:6", "extract.detail_url", "written once", "line 2"}},
		{"unknown extract key", "name: x\nextract:\n  detial:\n    title: h1\n", []string{"x.yaml", "line 3", "detial"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "x.yaml")
			if err := os.WriteFile(file, []byte(c.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := loadSiteFile(file)
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// TestExtractCommand checks `scamhunt extract` prints one JSON object per
// file with the page kind, why, and the listings with structured fields.
func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	detail := filepath.Join(dir, "job.html")
	page := `<html><head><meta charset="utf-8"><title>周末发传单 - 兼职网</title></head><body>
<h1>周末发传单</h1>
<table><tr><th>薪资：</th><td>150元/天 日结</td></tr>
<tr><th>工作地点：</th><td>长春市朝阳区红旗街</td></tr>
<tr><th>联系人：</th><td>王先生</td></tr>
<tr><th>联系电话：</th><td>１３８ ４３１２ ５６７８</td></tr>
<tr><th>发布时间：</th><td>3天前</td></tr></table>
<div class="desc"><p>红旗街万达广场门口发传单，周六周日两天，每天上午9点到下午5点，当天结算工资。</p></div>
</body></html>`
	if err := os.WriteFile(detail, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.html")
	out, _, err := run(t, "", "extract", "--url", "http://board.test/job/1.html", "--fetched", "2026-11-20T10:00:00+08:00", detail, missing)
	if err == nil {
		t.Error("a missing file must fail the run")
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d output lines, want one per file:\n%s", len(lines), out)
	}
	var got struct {
		File     string `json:"file"`
		Kind     string `json:"kind"`
		Why      string `json:"why"`
		Listings []struct {
			Title    string `json:"title"`
			Contacts []struct{ Kind, Value, Raw string }
			Pay      struct {
				Min, Max   float64
				Period     string
				Settlement string
			} `json:"pay"`
			PostedAt string `json:"posted_at"`
		} `json:"listings"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatal(err)
	}
	if got.Kind != "detail" || got.Why == "" || len(got.Listings) != 1 {
		t.Fatalf("got kind %q why %q with %d listings", got.Kind, got.Why, len(got.Listings))
	}
	l := got.Listings[0]
	if l.Title != "周末发传单" || len(l.Contacts) != 1 || l.Contacts[0].Value != "+8613843125678" {
		t.Errorf("listing %+v", l)
	}
	if l.Pay.Min != 150 || l.Pay.Period != "day" || l.Pay.Settlement != "日结" {
		t.Errorf("pay %+v", l.Pay)
	}
	if !strings.HasPrefix(l.PostedAt, "2026-11-17") {
		t.Errorf("posted_at %q, want 3 days before the fetch", l.PostedAt)
	}
	if !strings.Contains(lines[1], `"error"`) {
		t.Errorf("missing file line: %s", lines[1])
	}
}

// TestProfileDocs holds docs/profiles.md to the format: its example board's
// profile loads, and every key a profile file can hold is documented.
func TestProfileDocs(t *testing.T) {
	data, err := os.ReadFile("../../docs/profiles.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	_, rest, ok := strings.Cut(doc, "## An example board")
	if !ok {
		t.Fatal("docs/profiles.md has no example board")
	}
	_, block, ok := strings.Cut(rest, "```yaml\n")
	if !ok {
		t.Fatal("the example board has no yaml block")
	}
	block, _, _ = strings.Cut(block, "```")
	p, err := decodeSite("docs/profiles.md", []byte(block))
	if err != nil {
		t.Fatalf("the example profile does not load: %v", err)
	}
	if p.Name != "youpin" || p.Extract.DetailURL == "" || p.Crawl.Patterns.Detail[0] != p.Extract.DetailURL {
		t.Errorf("example profile %+v", p)
	}
	for _, key := range yamlKeys(reflect.TypeOf(siteProfile{}), "") {
		// A key is documented as `key`, or as `section.key` in a table.
		last := key[strings.LastIndex(key, ".")+1:]
		if !strings.Contains(doc, "`"+key+"`") && !strings.Contains(doc, "`"+last+"`") && !strings.Contains(doc, "."+last+"`") {
			t.Errorf("docs/profiles.md does not document %s", key)
		}
	}
}

// yamlKeys lists the dotted YAML keys of a struct type, leaves only.
func yamlKeys(t reflect.Type, prefix string) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" || !f.IsExported() {
			continue
		}
		key := prefix + tag
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ft.Name() != "Duration" {
			out = append(out, yamlKeys(ft, key+".")...)
			continue
		}
		out = append(out, key)
	}
	return out
}
