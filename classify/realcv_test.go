package classify_test

import (
	"bytes"
	"testing"

	"github.com/scamhunt/scamhunt/classify"
)

// realCV runs the grouped cross-validation of the real corpus, with the
// synthetic corpus beside every training fold as for the committed model
// and the keyword baseline on the same texts.
func realCV(t *testing.T) classify.Breakdown {
	t.Helper()
	scored, err := classify.CrossValidate(realCorpus(t), classify.CVOptions{
		Train:    classify.TrainOptions{Rules: loadRules(t)},
		Extra:    readExamples(t, "testdata/train.jsonl"),
		Baseline: keywords(t),
	})
	if err != nil {
		t.Fatal(err)
	}
	return classify.Break(scored)
}

// TestRealCrossValidation holds the acceptance figures on the real
// corpus, cross-validated by source over the whole corpus (no text is
// judged by a model trained on its own page): issue 10's figures, recall
// read over the scam texts with content (the README's Measured section
// says why):
//
//   - scam texts with content flagged >= 0.90, and >= 0.80 for every scam
//     type with at least 20 such texts. A context line (Example.Context:
//     a line of a scam chat that an honest speaker could say word for
//     word, "嘿嘿,那你看着办吧") is annotated by reading, blind to the
//     classifier, so a text with content the classifier finds nothing in
//     is still a miss;
//   - context lines at most maxContext of the scam texts, so that the
//     annotation cannot grow to drop hard texts; their recall and the
//     recall over all scam texts are logged beside;
//   - at most 3% of anti-fraud warnings, 3% of honest ads and 5% of
//     ordinary messages flagged.
//
// The keyword baseline's figures are logged beside.
func TestRealCrossValidation(t *testing.T) {
	b := realCV(t)
	var buf bytes.Buffer
	if err := b.WriteText(&buf, 0); err != nil {
		t.Fatal(err)
	}
	t.Logf("grouped cross-validation on the real corpus:\n%s", buf.String())
	type check struct {
		what        string
		got, target float64
		atLeast     bool // a floor (recall), else a ceiling (false flags)
	}
	checks := []check{
		{"scam texts with content flagged", b.Scam.ContentRate(), 0.90, true},
		{"context lines (share of all scam texts)", share(b.ScamContext.N, b.Scam.N), maxContext, false},
	}
	for _, c := range b.ByCategory {
		if c.Content >= 20 && c.Name != classify.CategoryOther {
			checks = append(checks, check{c.Name + " texts with content flagged", c.ContentRate(), 0.80, true})
		}
	}
	for _, h := range b.ByHonest {
		if lim, ok := honestLimits[h.Name]; ok {
			checks = append(checks, check{h.Name + " texts flagged", h.FlaggedRate(), lim, false})
		}
	}
	t.Logf("scam texts flagged: %.3f of all %d (keyword baseline %.3f); %d context lines, flagged %.3f; %d without evidence, flagged %.3f",
		b.Scam.FlaggedRate(), b.Scam.N, b.Scam.BaselineRate(), b.ScamContext.N, b.ScamContext.FlaggedRate(),
		b.ScamBare.N, b.ScamBare.FlaggedRate())
	for _, c := range checks {
		if ok := (c.atLeast && c.got >= c.target) || (!c.atLeast && c.got <= c.target); !ok {
			t.Errorf("%s: %.3f, want %s %.2f", c.what, c.got, map[bool]string{true: ">=", false: "<="}[c.atLeast], c.target)
		}
	}
}

// honestLimits are the most of each honest kind that may be flagged:
// warnings as the issue says, honest ads and ordinary messages as the
// product needs (the public pastes both).
var honestLimits = map[string]float64{
	classify.HonestWarning: 0.03,
	classify.HonestAd:      0.03,
	classify.HonestMessage: 0.05,
}

// maxContext bounds the share of real scam texts annotated as context
// lines: 80 of 595 today (13.4%; 46 of them deposit lines, the talk of
// 黑中介 meeting a job seeker in person: 先生,你要找工作吗?, 你下午照着
// 这个地址去找一位王小姐).
const maxContext = 0.15

func share(a, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(a) / float64(n)
}
