package extract_test

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fetched is the fetch time of every test page.
var fetched = time.Date(2026, 11, 20, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// goldenCase is one testdata/<site>/<case>.html. Its first lines are
// comments giving the URL it was fetched from and, optionally, the
// Content-Type header it came with:
//
//	<!-- case url: http://127.0.0.1:8080/changchun/chuandan/1001.html -->
//	<!-- case content-type: text/html; charset=GBK -->
//
// Cases named generic_* run with the zero Profile; the others with the
// site's profile (configs/sites/demo.yaml for demo, testdata/<site>/profile.yaml
// for the other layouts).
type goldenCase struct {
	site, name, file string
	url, ctype       string
	data             []byte
}

func (c goldenCase) golden() string { return strings.TrimSuffix(c.file, ".html") + ".golden.json" }

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
			}
		}
		if c.url == "" {
			tb.Fatalf("%s: no <!-- case url: ... --> line", f)
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
	body, cs, err := extract.DecodeFile(c.data, c.ctype)
	if err != nil {
		tb.Fatalf("%s: %v", c.file, err)
	}
	return scamhunt.Page{URL: c.url, Site: c.site, Status: 200, Body: body, Charset: cs, FetchedAt: fetched, Hash: scamhunt.ContentHash(body)}
}

// profile is the case's profile.
func (c goldenCase) profile(tb testing.TB) extract.Profile {
	tb.Helper()
	if strings.HasPrefix(c.name, "generic_") {
		return extract.Profile{}
	}
	if c.site == "demo" {
		return demoProfile(tb)
	}
	data, err := os.ReadFile(filepath.Join("testdata", c.site, "profile.yaml"))
	if errors.Is(err, fs.ErrNotExist) {
		return extract.Profile{}
	}
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
// strictly.
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
	return decodeProfile(tb, b)
}

// extractor builds the case's extractor.
func (c goldenCase) extractor(tb testing.TB) *extract.Extractor {
	tb.Helper()
	e, err := extract.New(c.profile(tb))
	if err != nil {
		tb.Fatalf("%s: %v", c.file, err)
	}
	return e
}
