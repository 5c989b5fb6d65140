package extract_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
)

// TestGolden runs every testdata/<site>/<case>.html through the extractor
// and compares the Extraction with <case>.golden.json. `go test ./extract
// -update` rewrites the golden files.
func TestGolden(t *testing.T) {
	for _, c := range loadCases(t) {
		t.Run(c.site+"/"+c.name, func(t *testing.T) {
			got, err := c.extractor(t).Extract(c.page(t))
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
				if err := os.WriteFile(c.golden(), b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(c.golden())
			if err != nil {
				t.Fatalf("%v (run go test ./extract -update)", err)
			}
			var want scamhunt.Extraction
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Extract(%s) mismatch (-want +got):\n%s", c.file, diff)
			}
		})
	}
}
