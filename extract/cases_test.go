package extract_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/extract"
	"github.com/scamhunt/scamhunt/internal/charset"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fetched is the fetch time of every test page.
var fetched = time.Date(2026, 11, 20, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// goldenCase is one fixture, testdata/<site>/<case>.html. Its first lines
// are comments giving the URL it was fetched from and, optionally, the
// Content-Type header it came with:
//
//	<!-- case url: http://127.0.0.1:8080/changchun/chuandan/1001.html -->
//	<!-- case content-type: text/html; charset=GBK -->
//	<!-- case generic kind: other -->
//
// The last, rare, says the generic run's page kind where it differs from
// the one the case's name promises (see TestKinds).
//
// A fixture is stored once and run as many ways as make sense; see
// goldenRun.
type goldenCase struct {
	site, name, file string
	url, ctype       string
	genericKind      scamhunt.PageKind
	data             []byte
}

// genericOnly reports whether the case is run with the zero Profile only:
// it is named generic_* (a page written to test the generic extractor, with
// no profile twin) or its site has no profile.
func (c goldenCase) genericOnly() bool {
	return strings.HasPrefix(c.name, "generic_") || !hasProfile(c.site)
}

// hasProfile reports whether a test site has a profile: configs/sites/demo.yaml
// for demo, testdata/<site>/profile.yaml for the other layouts.
func hasProfile(site string) bool {
	if site == "demo" {
		return true
	}
	_, err := os.Stat(filepath.Join("testdata", site, "profile.yaml"))
	return err == nil
}

func loadCases(tb testing.TB) []goldenCase {
	tb.Helper()
	files, err := filepath.Glob("testdata/*/*.html")
	if err != nil {
		tb.Fatal(err)
	}
	var cs []goldenCase
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		c := goldenCase{site: filepath.Base(filepath.Dir(f)), name: strings.TrimSuffix(filepath.Base(f), ".html"), file: f, data: data}
		for line := range strings.Lines(string(data)) {
			v, ok := strings.CutPrefix(strings.TrimSpace(line), "<!-- case ")
			if !ok {
				break
			}
			v = strings.TrimSpace(strings.TrimSuffix(v, "-->"))
			if u, ok := strings.CutPrefix(v, "url: "); ok {
				c.url = u
			} else if ct, ok := strings.CutPrefix(v, "content-type: "); ok {
				c.ctype = ct
			} else if k, ok := strings.CutPrefix(v, "generic kind: "); ok {
				c.genericKind = scamhunt.PageKind(k)
			} else {
				tb.Fatalf("%s: unknown case line %q", f, v)
			}
		}
		if c.url == "" {
			tb.Fatalf("%s: no <!-- case url: ... --> line", f)
		}
		switch c.genericKind {
		case "", scamhunt.KindDetail, scamhunt.KindIndex, scamhunt.KindArticle, scamhunt.KindOther:
		default:
			tb.Fatalf("%s: generic kind %q is no page kind", f, c.genericKind)
		}
		if c.genericKind != "" && c.genericOnly() {
			tb.Fatalf("%s: a generic-only case's name gives its kind; drop the generic kind line", f)
		}
		cs = append(cs, c)
	}
	if len(cs) == 0 {
		tb.Fatal("no golden cases under testdata")
	}
	return cs
}

// page decodes the case's file as `scamhunt extract FILE` does.
func (c goldenCase) page(tb testing.TB) scamhunt.Page {
	tb.Helper()
	body, cs := charset.Decode(c.data, c.ctype, "")
	return scamhunt.Page{URL: c.url, Site: c.site, Status: 200, Body: body, Charset: cs, FetchedAt: fetched, Hash: scamhunt.ContentHash(body)}
}

// siteProfile is the profile of the case's site (see hasProfile).
func (c goldenCase) siteProfile(tb testing.TB) extract.Profile {
	tb.Helper()
	if c.site == "demo" {
		return demoProfile(tb)
	}
	data, err := os.ReadFile(filepath.Join("testdata", c.site, "profile.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	return decodeProfile(tb, data)
}

func decodeProfile(tb testing.TB, data []byte) extract.Profile {
	tb.Helper()
	var p extract.Profile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		tb.Fatal(err)
	}
	return p
}

// demoProfile decodes the extract block of the bundled demo site file,
// strictly, with the file's top-level detail_url (the pattern crawl and
// extract share) as its DetailURL.
func demoProfile(tb testing.TB) extract.Profile {
	tb.Helper()
	data, err := os.ReadFile("../configs/sites/demo.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	var doc map[string]yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		tb.Fatal(err)
	}
	node, ok := doc["extract"]
	if !ok {
		tb.Fatal("configs/sites/demo.yaml has no extract block")
	}
	b, err := yaml.Marshal(&node)
	if err != nil {
		tb.Fatal(err)
	}
	p := decodeProfile(tb, b)
	detail, ok := doc["detail_url"]
	if !ok || p.DetailURL != "" {
		tb.Fatal("configs/sites/demo.yaml must write its detail pattern once, as the top-level detail_url")
	}
	p.DetailURL = detail.Value
	return p
}

// goldenRun is a fixture run one way, with its site's profile or with the
// generic extractor (the zero Profile). A case of a site with a profile runs
// both ways: with the profile against <case>.golden.json and generic against
// <case>.generic.golden.json. A generic-only case (genericOnly) runs once,
// against <case>.golden.json.
type goldenRun struct {
	goldenCase
	generic bool
}

// label names the run in test names and messages: site/case, with
// "(generic)" after the generic run of a case that also runs with a profile.
func (r goldenRun) label() string {
	l := r.site + "/" + r.name
	if r.generic && !r.genericOnly() {
		l += "(generic)"
	}
	return l
}

// golden is the path of the run's golden file.
func (r goldenRun) golden() string {
	base := strings.TrimSuffix(r.file, ".html")
	if r.generic && !r.genericOnly() {
		return base + ".generic.golden.json"
	}
	return base + ".golden.json"
}

// extractor builds the run's extractor.
func (r goldenRun) extractor(tb testing.TB) *extract.Extractor {
	tb.Helper()
	var p extract.Profile
	if !r.generic {
		p = r.siteProfile(tb)
	}
	e, err := extract.New(p)
	if err != nil {
		tb.Fatalf("%s: %v", r.label(), err)
	}
	return e
}

// loadRuns is every (fixture, extractor) pair of the golden test.
func loadRuns(tb testing.TB) []goldenRun {
	tb.Helper()
	var rs []goldenRun
	for _, c := range loadCases(tb) {
		if !c.genericOnly() {
			rs = append(rs, goldenRun{goldenCase: c})
		}
		rs = append(rs, goldenRun{goldenCase: c, generic: true})
	}
	return rs
}
