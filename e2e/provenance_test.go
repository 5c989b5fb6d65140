package e2e_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/configs"
	"github.com/scamhunt/scamhunt/dataset"
)

// TestExportCardMatchesRows: every verdict records what made it, and the
// data card reports that, not what the exporting command would load: after
// a crawl the rows and card name the bundled rules and model; after
// `reclassify --no-model`, the rules alone. Each export has its own card.
func TestExportCardMatchesRows(t *testing.T) {
	_, data, _ := crawledDemo(t)
	hash := func(name string) string {
		b, err := configs.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return "configs/" + name + " sha256:" + scamhunt.ContentHash(b)[:12]
	}
	rules, model := hash("rules.yaml"), hash("model.json")
	dir := t.TempDir()

	check := func(file, wantModel, wantCard string) {
		t.Helper()
		runCLI(t, "export", "--data", data, "--format", "jsonl", "--out", file)
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := dataset.ReadJSONL(bytes.NewReader(raw))
		if err != nil || len(rows) == 0 {
			t.Fatalf("read back: %v (%d rows)", err, len(rows))
		}
		for _, r := range rows {
			if r.Rules != rules || r.Model != wantModel || !strings.HasPrefix(r.Tool, "scamhunt ") || r.ClassifiedAt.IsZero() {
				t.Fatalf("row %s: rules %q model %q tool %q at %v; want %q, %q, a scamhunt build and a time",
					r.ID, r.Rules, r.Model, r.Tool, r.ClassifiedAt, rules, wantModel)
			}
		}
		card, err := os.ReadFile(strings.TrimSuffix(file, ".jsonl") + ".md")
		if err != nil {
			t.Fatalf("no card beside %s: %v", file, err)
		}
		if !strings.Contains(string(card), "Classifier of every row: "+wantCard) {
			t.Errorf("card of %s does not name the rows' classifier %q:\n%s", file, wantCard, card)
		}
	}
	check(filepath.Join(dir, "crawled.jsonl"), model, rules+", "+model)
	runCLI(t, "reclassify", "--data", data, "--no-model")
	check(filepath.Join(dir, "rules-only.jsonl"), "", rules+", no model")
	if _, err := os.Stat(filepath.Join(dir, "crawled.md")); err != nil {
		t.Errorf("the second export's card replaced the first's: %v", err)
	}
}
