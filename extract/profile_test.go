package extract_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/extract"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		p       extract.Profile
		wantErr []string // substrings of the error; nil means valid
	}{
		{"zero profile is the generic extractor", extract.Profile{}, nil},
		{"full profile", extract.Profile{
			DetailURL: `^/job/\d+\.html$`, IndexURL: `^/list/$`, ArticleURL: `^/news/`, OtherURL: `^/member/`,
			Detail:   extract.Fields{Title: "h1", Salary: `td:containsOwn("薪资") + td`, Body: "div.desc"},
			Index:    extract.IndexRows{Row: "ul.list li", Link: "a.t", Posted: "span.d"},
			Chrome:   []string{"#hd", "div.side, div.ft"},
			CityTrim: "兼职",
		}, nil},
		{"bad detail_url", extract.Profile{DetailURL: `^/job/(\d+.html$`}, []string{"detail_url", `^/job/(\d+.html$`}},
		{"bad article_url", extract.Profile{ArticleURL: `[news`}, []string{"article_url", "[news"}},
		{"bad detail selector", extract.Profile{Detail: extract.Fields{Salary: "td[class"}}, []string{"detail.salary", "td[class"}},
		{"bad contact_person selector", extract.Profile{Detail: extract.Fields{ContactPerson: "span::"}}, []string{"detail.contact_person", "span::"}},
		{"bad index row", extract.Profile{Index: extract.IndexRows{Row: "li>>a"}}, []string{"index.row", "li>>a"}},
		{"row selectors need a row", extract.Profile{Index: extract.IndexRows{Salary: "span.s"}}, []string{"index.salary", "needs index.row"}},
		{"bad chrome selector", extract.Profile{Chrome: []string{"#hd", "div..x"}}, []string{"chrome[1]", "div..x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				if _, err := extract.New(tt.p); err != nil {
					t.Fatalf("New() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want an error naming %q", tt.wantErr)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate() = %q, want it to contain %q", err, w)
				}
			}
			if _, err := extract.New(tt.p); err == nil {
				t.Error("New() accepted a profile Validate rejects")
			}
		})
	}
}

// TestDemoProfile checks the demo board's URL space (the testsite brief)
// against the profile's patterns: each path must reach the right kind.
func TestDemoProfile(t *testing.T) {
	p := demoProfile(t)
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	type res struct{ other, detail, index, article *regexp.Regexp }
	r := res{regexp.MustCompile(p.OtherURL), regexp.MustCompile(p.DetailURL), regexp.MustCompile(p.IndexURL), regexp.MustCompile(p.ArticleURL)}
	kind := func(path string) string {
		switch {
		case r.other.MatchString(path):
			return "other"
		case r.detail.MatchString(path):
			return "detail"
		case r.index.MatchString(path):
			return "index"
		case r.article.MatchString(path):
			return "article"
		}
		return "structure"
	}
	for path, want := range map[string]string{
		"/":                               "index",
		"/changchun/":                     "index",
		"/changchun/chuandan/":            "index",
		"/shenyang/shougong/index_7.html": "index",
		"/changchun/chuandan/1234.html":   "detail",
		"/shenyang/wangluo/3002.html":     "detail",
		"/beijing/mote/1.html":            "detail",
		"/news/3.html":                    "article",
		"/notice/12.html":                 "article",
		"/city/haerbin/":                  "other",
		"/member/login.html":              "other",
		"/member/post.html":               "other",
		"/links.html":                     "other",
		"/changchun/chuandan/0.html":      "structure",
		"/changchun/unknown/12.html":      "structure",
	} {
		if got := kind(path); got != want {
			t.Errorf("demo profile sends %s to %s, want %s", path, got, want)
		}
	}
}

// TestURLPatternQuery checks that URL patterns see the query the way the
// crawler's do: /show.php?id=12 is a detail by a pattern on path?query, and
// a pattern on the path alone still matches when a query follows.
func TestURLPatternQuery(t *testing.T) {
	page := []byte(`<h1>发传单</h1><p>周末两天</p>`)
	for _, tt := range []struct {
		pattern, url string
		want         scamhunt.PageKind
	}{
		{`^/show\.php\?id=\d+$`, "http://b.test/show.php?id=12", scamhunt.KindDetail},
		{`^/show\.php\?id=\d+$`, "http://b.test/show.php?cat=3", scamhunt.KindOther},
		{`^/job/\d+\.html$`, "http://b.test/job/12.html?from=list", scamhunt.KindDetail},
		{`^/job/\d+\.html$`, "http://b.test/job/12.htm", scamhunt.KindOther},
	} {
		e, err := extract.New(extract.Profile{DetailURL: tt.pattern})
		if err != nil {
			t.Fatal(err)
		}
		ex, err := e.Extract(scamhunt.Page{URL: tt.url, Status: 200, Body: page, FetchedAt: fetched})
		if err != nil {
			t.Fatal(err)
		}
		if ex.Kind != tt.want {
			t.Errorf("%s on %s: kind %s (%s), want %s", tt.pattern, tt.url, ex.Kind, ex.Why, tt.want)
		}
	}
}
