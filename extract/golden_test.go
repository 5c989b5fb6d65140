package extract_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
)

// TestGolden runs every testdata/<site>/<case>.html through the extractor
// each way loadRuns gives (with the site's profile against
// <case>.golden.json, generic against <case>.generic.golden.json) and
// compares the Extraction with the golden file. `go test ./extract -update`
// rewrites the golden files.
func TestGolden(t *testing.T) {
	for _, r := range loadRuns(t) {
		t.Run(r.label(), func(t *testing.T) {
			got, err := r.extractor(t).Extract(r.page(t))
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				var b bytes.Buffer
				enc := json.NewEncoder(&b)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				if err := enc.Encode(got); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(r.golden(), b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(r.golden())
			if err != nil {
				t.Fatalf("%v (run go test ./extract -update)", err)
			}
			var want scamhunt.Extraction
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Extract(%s) mismatch (-want +got):\n%s", r.label(), diff)
			}
		})
	}
}

// TestGoldenFiles checks the golden files against the runs: every golden
// file belongs to a run (a renamed or deleted fixture leaves none behind)
// and no generic_* fixture is a byte copy of its profile twin, whose
// generic run already covers it.
func TestGoldenFiles(t *testing.T) {
	runs, sites := map[string]bool{}, map[string]bool{}
	for _, r := range loadRuns(t) {
		runs[r.golden()] = true
		sites[r.site] = true
	}
	goldens, err := filepath.Glob("testdata/*/*.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range goldens {
		if !runs[g] {
			t.Errorf("%s belongs to no run", g)
		}
	}
	for _, c := range loadCases(t) {
		twin, ok := strings.CutPrefix(c.name, "generic_")
		if !ok {
			continue
		}
		data, err := os.ReadFile(filepath.Join("testdata", c.site, twin+".html"))
		if err == nil && bytes.Equal(data, c.data) {
			t.Errorf("%s is a copy of %s.html: delete it, %s's generic run covers it", c.file, twin, twin)
		}
	}
	if len(runs) < 60 || len(sites) < 13 || !sites["seed"] {
		t.Errorf("%d golden runs over %d sites, want at least 60 over the seed page and twelve layouts", len(runs), len(sites))
	}
}
