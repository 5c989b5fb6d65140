package classify_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/classify"
)

func keywords(t *testing.T) *classify.Keywords {
	t.Helper()
	data, err := os.ReadFile("testdata/keywords.txt")
	if err != nil {
		t.Fatal(err)
	}
	return classify.ParseKeywords(data)
}

func TestKeywordsBaseline(t *testing.T) {
	k := keywords(t)
	for _, c := range []struct {
		title, body string
		want        scamhunt.Label
	}{
		{"淘宝刷單", "一单一结", scamhunt.LabelScam},
		{"餐厅服务员", "公司直招，无需押金", scamhunt.LabelScam}, // the baseline's blind spot: a warning reads as a demand
		{"餐厅服务员", "时薪25元，包工作餐", scamhunt.LabelLegit},
	} {
		if got := k.Classify(scamhunt.Listing{Title: c.title, Body: c.body}).Label; got != c.want {
			t.Errorf("%s/%s: %s, want %s", c.title, c.body, got, c.want)
		}
	}
}

// TestBeatsKeywordList holds the claim that the classifier beats a keyword
// list of SCAM_TYPES.md's signal words by a wide margin: on the held-out
// corpus, and on the real honest ads when they are present.
func TestBeatsKeywordList(t *testing.T) {
	ex := readExamples(t, "testdata/heldout.jsonl")
	ours, base := classify.Evaluate(newClassifier(t), ex), classify.Evaluate(keywords(t), ex)
	t.Logf("held out: classifier F1 %.3f (P %.3f R %.3f), keyword list F1 %.3f (P %.3f R %.3f)",
		ours.Scam.F1, ours.Scam.Precision, ours.Scam.Recall, base.Scam.F1, base.Scam.Precision, base.Scam.Recall)
	if ours.Scam.F1 < base.Scam.F1+0.15 || ours.Scam.Precision < base.Scam.Precision+0.2 {
		t.Errorf("classifier F1 %.3f / precision %.3f do not beat the keyword list's %.3f / %.3f by a wide margin",
			ours.Scam.F1, ours.Scam.Precision, base.Scam.F1, base.Scam.Precision)
	}
	for _, lim := range sharedLimits {
		f := sharedData(lim.file)
		if f == "" {
			continue
		}
		ex := readExamples(t, f)
		ours, base := classify.Evaluate(newClassifier(t), ex), classify.Evaluate(keywords(t), ex)
		t.Logf("%s: honest ads labelled scam: classifier %.1f%%, keyword list %.1f%%", filepath.Base(f), 100*ours.HonestScamRate, 100*base.HonestScamRate)
		if ours.HonestScamRate >= base.HonestScamRate && base.HonestScamRate > 0 {
			t.Errorf("%s: classifier labels %.1f%% of honest ads scam, the keyword list %.1f%%", f, 100*ours.HonestScamRate, 100*base.HonestScamRate)
		}
	}
}
