package dataset_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/dataset"
	"go.yaml.in/yaml/v3"
)

func TestCardCounts(t *testing.T) {
	src := records(50)
	now := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	want := dataset.Card{
		Rows: 50, Format: dataset.FormatCSV, Source: "demo crawl", Generated: now,
		Classifiers: map[string]int{}, Tools: map[string]int{},
		Sites: map[string]int{}, Labels: map[scamhunt.Label]int{}, ModelLabels: map[scamhunt.Label]int{},
		Categories: map[string]map[scamhunt.Label]int{}, BoardCategories: map[string]int{},
	}
	span := func(s *dataset.Span, t time.Time) {
		if t.IsZero() {
			return
		}
		if s.Min.IsZero() || t.Before(s.Min) {
			s.Min = t
		}
		if t.After(s.Max) {
			s.Max = t
		}
	}
	for _, r := range src {
		if p := r.Provenance; p != nil {
			want.Classifiers[p.Classifier()]++
			want.Tools[p.Tool]++
			span(&want.Classified, p.ClassifiedAt)
		} else {
			want.Classifiers[dataset.NotRecorded]++
		}
		want.Sites[r.Listing.Site]++
		want.Labels[r.Label()]++
		want.ModelLabels[r.Verdict.Label]++
		want.BoardCategories[dataset.RowOf(r).Category]++
		seen := map[string]bool{}
		for _, c := range r.Verdict.Categories {
			if seen[c] {
				continue
			}
			seen[c] = true
			if want.Categories[c] == nil {
				want.Categories[c] = map[scamhunt.Label]int{}
			}
			want.Categories[c][r.Label()]++
		}
		if len(r.Verdict.Categories) == 0 {
			want.Uncategorised++
		}
		if r.Override != nil {
			want.HumanLabels++
			if r.Override.Label != r.Verdict.Label {
				want.HumanChanged++
			}
		}
		if r.Removed {
			want.Removed++
		}
		want.WithContacts++
		span(&want.FirstSeen, r.FirstSeen)
		span(&want.LastSeen, r.LastSeen)
		span(&want.Posted, r.Listing.PostedAt)
	}
	_, got := export(t, src, dataset.Options{Format: dataset.FormatCSV, Source: "demo crawl", Now: now})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("card (-want +got):\n%s", diff)
	}
	// Spot-check against numbers worked out by hand from record().
	if got.Labels[scamhunt.LabelScam] != 17 || got.Labels[scamhunt.LabelLegit] != 19 || got.Sites["demo"] != 25 || got.HumanChanged != 3 {
		t.Errorf("scam %d, legit %d, demo %d, human changed %d; want 17, 19, 25, 3",
			got.Labels[scamhunt.LabelScam], got.Labels[scamhunt.LabelLegit], got.Sites["demo"], got.HumanChanged)
	}
}

func TestCardMarkdown(t *testing.T) {
	now := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	for _, masked := range []bool{false, true} {
		t.Run(fmt.Sprint("masked=", masked), func(t *testing.T) {
			_, card := export(t, records(50), dataset.Options{Source: "demo crawl\n---\n<b>x</b>", Now: now, MaskPII: masked})
			var b bytes.Buffer
			if err := card.WriteMarkdown(&b); err != nil {
				t.Fatal(err)
			}
			md := b.String()
			front, body, ok := strings.Cut(strings.TrimPrefix(md, "---\n"), "\n---\n")
			if !ok || !strings.HasPrefix(md, "---\n") {
				t.Fatalf("no front matter:\n%s", md)
			}
			var fm struct {
				PrettyName     string   `yaml:"pretty_name"`
				Language       []string `yaml:"language"`
				License        string   `yaml:"license"`
				LicenseName    string   `yaml:"license_name"`
				LicenseDetails string   `yaml:"license_details"`
				TaskCategories []string `yaml:"task_categories"`
				TaskIDs        []string `yaml:"task_ids"`
				Size           []string `yaml:"size_categories"`
				Tags           []string `yaml:"tags"`
			}
			dec := yaml.NewDecoder(strings.NewReader(front))
			dec.KnownFields(true)
			if err := dec.Decode(&fm); err != nil {
				t.Fatalf("front matter: %v\n%s", err, front)
			}
			pii := "contains-pii"
			if masked {
				pii = "pii-masked"
			}
			if fm.PrettyName != "scamhunt part-time job ads: demo crawl\n---\n<b>x</b>" || fm.Language[0] != "zh" ||
				fm.TaskCategories[0] != "text-classification" || fm.Size[0] != "n<1K" || !contains(fm.Tags, pii) || !contains(fm.Tags, "synthetic") {
				t.Errorf("front matter = %+v", fm)
			}
			for _, s := range []string{
				"## Sources and crawl dates", "| demo | 25 |", "| board2 | 25 |",
				"- First seen by the crawler: 2024-03-01 to 2024-03-03",
				"| scam | 17 | 34.0% | 17 |", "| suspicious | 14 | 28.0% | 17 |", "| legit | 19 | 38.0% | 16 |",
				"| baishi | 拜师收徒 |", "| (none) | 无 | | | | 16 |",
				"## Fields", "| contact_person | string |", "| reasons |",
				"## Labels", "| shuadan | 刷单返利 |",
				"The rows were classified by 3 different classifiers (a mix",
				"| configs/rules.yaml sha256:aaaaaaaaaaaa, configs/model.json sha256:bbbbbbbbbbbb | 38 |",
				"| old-rules.yaml sha256:cccccccccccc, no model | 7 |", "| not recorded | 5 |",
				"| v0.2.0 (def5678) | 7 |", "| v0.3.0 (abc1234) | 38 |",
				"A reviewer overrode or confirmed 6 labels (3 of them changed the model's label)",
				"## Known biases and limits", "triage, not proof", "synthetic ads",
				"## Personal data", "## Licence", "## How to cite", "@misc{scamhunt_2024",
			} {
				if !strings.Contains(body, s) {
					t.Errorf("card lacks %q", s)
				}
			}
			prose, cite, _ := strings.Cut(body, "## How to cite")
			if strings.Contains(prose, "<b>") || strings.ContainsRune(body, 0) {
				t.Errorf("card holds unescaped HTML or NUL:\n%s", prose)
			}
			if strings.Count(cite, "```") != 2 || strings.Count(cite, "{") != strings.Count(cite, "}") {
				t.Errorf("citation block broken:\n%s", cite)
			}
			if masked != strings.Contains(body, "HMAC-SHA256") {
				t.Errorf("masked %v but HMAC note present %v", masked, !masked)
			}
		})
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestSizeCategory(t *testing.T) {
	for n, want := range map[int]string{0: "n<1K", 999: "n<1K", 1000: "1K<n<10K", 99_999: "10K<n<100K", 100_000: "100K<n<1M", 5_000_000: "1M<n<10M"} {
		if got := dataset.SizeCategory(n); got != want {
			t.Errorf("SizeCategory(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestCardClassifierFromRows: the card names the classifier the exported
// rows carry, whatever classifier the exporting command would load.
func TestCardClassifierFromRows(t *testing.T) {
	at := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	for _, p := range []scamhunt.Provenance{
		{Rules: "configs/rules.yaml sha256:0123456789ab", Model: "configs/model.json sha256:ba9876543210", Tool: "v1.0.0 (1a2b3c4)", ClassifiedAt: at},
		{Rules: "configs/rules.yaml sha256:0123456789ab", Tool: "v1.0.0 (1a2b3c4)", ClassifiedAt: at}, // --no-model
	} {
		src := records(30)
		for i := range src {
			src[i].Provenance = &p
		}
		_, card := export(t, src, dataset.Options{})
		if card.Classifier() != p.Classifier() {
			t.Errorf("card classifier %q, want the rows' %q", card.Classifier(), p.Classifier())
		}
		var b bytes.Buffer
		if err := card.WriteMarkdown(&b); err != nil {
			t.Fatal(err)
		}
		want := "Classifier of every row: " + p.Classifier() + " (scamhunt v1.0.0 (1a2b3c4)), verdicts made 2026-11-20 to 2026-11-20."
		if !strings.Contains(b.String(), want) {
			t.Errorf("card lacks %q", want)
		}
		if p.Model == "" && strings.Contains(b.String(), "model.json") {
			t.Error("card of rules-only verdicts names a model")
		}
	}
}

func TestTrainFormat(t *testing.T) {
	src := records(50)
	b, card := export(t, src, dataset.Options{Format: dataset.FormatTrain})
	var got []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		got = append(got, m)
	}
	var want []string
	for _, r := range src {
		if r.Override != nil && (r.Override.Label == scamhunt.LabelScam || r.Override.Label == scamhunt.LabelLegit) {
			want = append(want, r.Listing.ID+" "+string(r.Override.Label))
		}
	}
	var ids []string
	for _, m := range got {
		ids = append(ids, fmt.Sprint(m["id"], " ", m["label"]))
	}
	if diff := cmp.Diff(want, ids); diff != "" || card.Rows != len(want) || len(want) == 0 {
		t.Errorf("training lines (-want +got):\n%s\ncard rows %d", diff, card.Rows)
	}
}
