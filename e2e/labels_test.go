package e2e_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/dataset"
)

// TestOverridesSurvive checks an operator's labels outlive a re-crawl and a
// re-classification, stay apart from the model's verdict, show in search and
// export as training data.
func TestOverridesSurvive(t *testing.T) {
	b, data, _ := crawledDemo(t)
	recs := records(t, data)
	var scam, honest scamhunt.Record
	for _, tl := range b.Truth().Listings {
		r := recs[b.URL+tl.Path]
		if scam.Listing.ID == "" && tl.Label == "scam" && r.Verdict.Label == scamhunt.LabelScam {
			scam = r
		}
		if honest.Listing.ID == "" && tl.Label == "legit" && r.Verdict.Label == scamhunt.LabelLegit {
			honest = r
		}
	}
	if scam.Listing.ID == "" || honest.Listing.ID == "" {
		t.Fatal("the crawl has no scam or no honest listing to relabel")
	}
	runCLI(t, "label", "--data", data, scam.Listing.ID, "legit", "--note", "employer verified by phone")
	runCLI(t, "label", "--data", data, honest.Listing.ID, "scam", "--note", "victim report")

	runCLI(t, "crawl", "--data", data, "--site", "demo", "--start", b.URL+"/", "--log-level", "warn")
	runCLI(t, "reclassify", "--data", data, "--log-level", "warn")

	after := records(t, data)
	for _, c := range []struct {
		rec         scamhunt.Record
		human, note string
	}{{scam, "legit", "employer verified by phone"}, {honest, "scam", "victim report"}} {
		r := after[c.rec.Listing.URL]
		if r.Override == nil || string(r.Override.Label) != c.human || r.Override.Note != c.note {
			t.Errorf("%s: override %+v after re-crawl and re-classification, want %s (%q)", c.rec.Listing.ID, r.Override, c.human, c.note)
			continue
		}
		if string(r.Label()) != c.human {
			t.Errorf("%s: effective label %s, want the human %s", c.rec.Listing.ID, r.Label(), c.human)
		}
		if r.Verdict.Label != c.rec.Verdict.Label {
			t.Errorf("%s: model verdict changed from %s to %s: overrides must stay apart", c.rec.Listing.ID, c.rec.Verdict.Label, r.Verdict.Label)
		}
	}

	out := runCLI(t, "search", "--data", data, "--json", "--label", "legit", "--limit", "1000")
	if !strings.Contains(out, `"id":"`+scam.Listing.ID+`"`) {
		t.Errorf("searching --label legit does not find the listing a person labelled legit")
	}

	train := filepath.Join(t.TempDir(), "human.jsonl")
	runCLI(t, "export", "--data", data, "--format", "train", "--out", train)
	got, err := os.ReadFile(train)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(got, []byte("\n")); n != 2 {
		t.Errorf("training export has %d lines, want the 2 human labels:\n%s", n, got)
	}
	// The training export is `scamhunt train` input: train on it.
	model := filepath.Join(t.TempDir(), "model.json")
	runCLI(t, "train", "--in", train, "--in", "../classify/testdata/train.jsonl", "--out", model)
	if fi, err := os.Stat(model); err != nil || fi.Size() == 0 {
		t.Errorf("train on the human labels wrote no model: %v", err)
	}
}

// TestExportMasked exports the crawled board in every format with personal
// data masked: no phone, QQ or WeChat from the index survives anywhere, and
// a gang's listings still share their contact's token.
func TestExportMasked(t *testing.T) {
	b, data, _ := crawledDemo(t)
	recs := records(t, data)
	var secrets []string
	for _, r := range recs {
		for _, c := range r.Listing.Contacts {
			if c.Kind == scamhunt.ContactURL {
				continue
			}
			if len(c.Value) >= 5 {
				secrets = append(secrets, c.Value, strings.TrimPrefix(c.Value, "+86"))
			}
			if len([]rune(c.Raw)) >= 5 {
				secrets = append(secrets, c.Raw)
			}
		}
	}
	gang := b.Truth().Clusters[0]
	for _, format := range []string{"jsonl", "csv", "parquet"} {
		dir := t.TempDir()
		file := filepath.Join(dir, "listings."+format)
		runCLI(t, "export", "--data", data, "--format", format, "--out", file, "--mask-pii")
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		card, err := os.ReadFile(filepath.Join(dir, "listings.md"))
		if err != nil {
			t.Fatalf("%s: no data card: %v", format, err)
		}
		for _, s := range secrets {
			if bytes.Contains(raw, []byte(s)) || bytes.Contains(card, []byte(s)) {
				t.Errorf("%s export contains the contact %q", format, s)
			}
		}
		var rows []dataset.Row
		switch format {
		case "jsonl":
			rows, err = dataset.ReadJSONL(bytes.NewReader(raw))
		case "csv":
			rows, err = dataset.ReadCSV(bytes.NewReader(raw))
		case "parquet":
			rows, err = dataset.ReadParquet(bytes.NewReader(raw), int64(len(raw)))
		}
		if err != nil {
			t.Fatalf("%s: read back: %v", format, err)
		}
		if len(rows) != len(recs) {
			t.Errorf("%s: %d rows, the index has %d listings", format, len(rows), len(recs))
		}
		byID := map[string]dataset.Row{}
		for _, r := range rows {
			byID[r.ID] = r
		}
		// The gang's listings share one masked contact value.
		tokens := map[string]int{}
		for _, p := range gang.Paths {
			for _, c := range byID[scamhunt.ListingID(b.URL+p)].Contacts {
				if c.Kind == gang.Contact.Kind {
					tokens[c.Value]++
				}
			}
		}
		shared := false
		for _, n := range tokens {
			if n == len(gang.Paths) {
				shared = true
			}
		}
		if !shared {
			t.Errorf("%s: gang %s's %d listings share no masked token: %v", format, gang.Contact.Kind, len(gang.Paths), tokens)
		}
	}
}
