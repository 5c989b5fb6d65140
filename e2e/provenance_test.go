package e2e_test

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/configs"
	"github.com/scamhunt/scamhunt/dataset"
	"github.com/scamhunt/scamhunt/testsite"
)

// TestExportCardMatchesRows: every verdict records what made it, and the
// data card reports that, not what the exporting command would load: after
// a crawl the rows and card name the bundled rules and model; after
// `reclassify --no-model`, the rules alone. Each export has its own card.
func TestExportCardMatchesRows(t *testing.T) {
	_, data, _ := crawledDemo(t)
	rules, model := bundledConfig(t, "rules.yaml"), bundledConfig(t, "model.json")
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

// bundledConfig names a bundled config file as a verdict's provenance does.
func bundledConfig(t *testing.T, name string) string {
	t.Helper()
	b, err := configs.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return "configs/" + name + " sha256:" + scamhunt.ContentHash(b)[:12]
}

// TestReindexWithAnotherClassifier: a reindex classifies every stored
// listing again. With the classifier that made the verdicts, each keeps
// its provenance (TestIndexIsDerived); with another (--no-model), every
// listing's verdict is stamped anew, naming the rules alone.
func TestReindexWithAnotherClassifier(t *testing.T) {
	_, data, _ := crawledDemo(t)
	rules := bundledConfig(t, "rules.yaml")
	before := records(t, data)
	runCLI(t, "reindex", "--data", data, "--no-model", "--log-level", "warn")
	after := records(t, data)
	if len(after) != len(before) {
		t.Errorf("%d listings after reindex, want %d", len(after), len(before))
	}
	for u, r := range after {
		p, was := r.Provenance, before[u].Provenance
		if p == nil || was == nil || p.Rules != rules || p.Model != "" || !p.ClassifiedAt.After(was.ClassifiedAt) {
			t.Fatalf("after reindex --no-model, %s: provenance %+v, want the rules alone, made after %+v", u, p, was)
		}
	}
}

// TestServeStampsProvenance: verdicts made inside a running serve record
// what made them, as a plain command's do. A crawl sent to the serve with
// --no-model stamps every listing with the rules alone; the serve's own
// reclassification (POST /api/admin/reclassify, with the bundled rules and
// model) judges every listing again and stamps it so; exports sent to the
// serve (--out relative to where they were typed) read both back.
func TestServeStampsProvenance(t *testing.T) {
	b := newBoard(t, testsite.Config{}, nil)
	defer b.srv.Close()
	data, dir := t.TempDir(), t.TempDir()
	srv := startServe(t, data)
	rules, model := bundledConfig(t, "rules.yaml"), bundledConfig(t, "model.json")

	out := runCLI(t, "crawl", "--site", "demo", "--start", b.URL+"/", "--data", data, "--no-model", "--log-level", "warn")
	if !strings.Contains(out, "crawl of demo finished") {
		t.Fatalf("crawl sent to the serve said %q", out)
	}
	export := func(name string) map[string]dataset.Row {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), bin, "export", "--data", data, "--format", "jsonl", "--out", name)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("export %s: %v\n%s", name, err, out)
		}
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := dataset.ReadJSONL(bytes.NewReader(raw))
		if err != nil || len(rows) != len(b.Truth().Listings) {
			t.Fatalf("read back %s: %v (%d rows, want %d)", name, err, len(rows), len(b.Truth().Listings))
		}
		byID := map[string]dataset.Row{}
		for _, r := range rows {
			byID[r.ID] = r
		}
		return byID
	}
	crawled := export("crawled.jsonl")
	for id, r := range crawled {
		if r.Rules != rules || r.Model != "" || !strings.HasPrefix(r.Tool, "scamhunt ") || r.ClassifiedAt.IsZero() {
			t.Fatalf("crawled in the serve, %s: rules %q model %q tool %q at %v; want %q alone, a scamhunt build and a time",
				id, r.Rules, r.Model, r.Tool, r.ClassifiedAt, rules)
		}
	}
	for _, args := range []string{`args="scamhunt crawl `, `args="scamhunt export `} {
		if !strings.Contains(srv.log.String(), "msg=control_command_done "+args) {
			t.Errorf("no %s run inside the serve:\n%s", args, srv.log)
		}
	}

	req, err := http.NewRequest(http.MethodPost, srv.url+"/api/admin/reclassify", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+adminToken)
	var res struct{ Reclassified int }
	doJSON(t, req, &res)
	for id, r := range export("reclassified.jsonl") {
		if r.Rules != rules || r.Model != model || !r.ClassifiedAt.After(crawled[id].ClassifiedAt) {
			t.Fatalf("reclassified by the serve, %s: rules %q model %q at %v; want %q and %q, after %v",
				id, r.Rules, r.Model, r.ClassifiedAt, rules, model, crawled[id].ClassifiedAt)
		}
	}
}
