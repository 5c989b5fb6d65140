package classify_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/classify"
)

func TestSourceGroup(t *testing.T) {
	for src, want := range map[string]string{
		"http://www.zz01.net/sbn/389.html":                      "zz01.net/sbn/389.html",
		"https://ZZ01.net/sbn/389.html#para2":                   "zz01.net/sbn/389.html",
		"https://news.test/view?id=12":                          "news.test/view?id=12",
		"https://news.test/view?id=13":                          "news.test/view?id=13",
		"rebase-network/who-is-hiring/data/issues/1204.json@ab": "rebase-network/who-is-hiring/data/issues/1204.json",
		"ZCSSR/url#29": "zcssr/url#29",
	} {
		if got := classify.SourceGroup(src); got != want {
			t.Errorf("SourceGroup(%q) = %q, want %q", src, got, want)
		}
	}
}

// pages makes examples quoted from n pages, each page holding size texts
// of one label.
func pages(n, size int) []classify.Example {
	var ex []classify.Example
	for p := range n {
		label := scamhunt.LabelLegit
		if p%2 == 0 {
			label = scamhunt.LabelScam
		}
		for i := range size + p%3 {
			ex = append(ex, classify.Example{
				Listing: scamhunt.Listing{ID: fmt.Sprintf("p%d-%d", p, i), Body: fmt.Sprintf("第%d页第%d条", p, i)},
				Label:   label, Source: fmt.Sprintf("https://news.test/%d.html", p),
			})
		}
	}
	return ex
}

// TestFolds holds the grouping: the texts of one page share a fold, the
// assignment does not depend on the order of the examples, and the folds
// are balanced in both labels.
func TestFolds(t *testing.T) {
	ex := pages(40, 3)
	folds := classify.Folds(ex, 5)
	byID := map[string]int{}
	pageFold := map[string]int{}
	count := map[int][2]int{}
	for i, e := range ex {
		byID[e.Listing.ID] = folds[i]
		if f, ok := pageFold[e.Source]; ok && f != folds[i] {
			t.Errorf("%s: texts of %s in folds %d and %d", e.Listing.ID, e.Source, f, folds[i])
		}
		pageFold[e.Source] = folds[i]
		c := count[folds[i]]
		if e.Label == scamhunt.LabelScam {
			c[0]++
		} else {
			c[1]++
		}
		count[folds[i]] = c
	}
	for f := range 5 {
		if c := count[f]; c[0] < 10 || c[1] < 10 {
			t.Errorf("fold %d holds %d scam and %d honest texts, want at least 10 of each", f, c[0], c[1])
		}
	}
	shuffled := slices.Clone(ex)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	again := map[string]int{}
	for i, f := range classify.Folds(shuffled, 5) {
		again[shuffled[i].Listing.ID] = f
	}
	if diff := cmp.Diff(byID, again); diff != "" {
		t.Errorf("folds depend on the order of the examples (-first +shuffled):\n%s", diff)
	}
}

// TestCrossValidateDeterministic runs a small cross-validation twice, the
// second time on shuffled examples, and wants the same verdicts; the
// baseline is scored beside.
func TestCrossValidateDeterministic(t *testing.T) {
	ex := readExamples(t, "testdata/real/scam.jsonl")[:40]
	ex = append(ex, readExamples(t, "testdata/real/honest.jsonl")[:40]...)
	opts := classify.CVOptions{Folds: 3, Train: classify.TrainOptions{Rules: loadRules(t), Epochs: 3, Buckets: 1 << 12},
		Extra: readExamples(t, "testdata/train.jsonl")[:60], Baseline: keywords(t)}
	verdicts := func(ex []classify.Example) map[string]scamhunt.Verdict {
		scored, err := classify.CrossValidate(ex, opts)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]scamhunt.Verdict{}
		for _, s := range scored {
			if s.Baseline.Label == "" {
				t.Fatalf("%s: no baseline verdict", s.Listing.ID)
			}
			m[s.Listing.ID] = s.Verdict
		}
		return m
	}
	a := verdicts(ex)
	shuffled := slices.Clone(ex)
	rand.New(rand.NewPCG(5, 6)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	if diff := cmp.Diff(a, verdicts(shuffled)); diff != "" {
		t.Errorf("cross-validation depends on the order of the examples (-first +shuffled):\n%s", diff)
	}
	if _, err := classify.CrossValidate(ex[:1], opts); err == nil {
		t.Error("CrossValidate of one example into 3 folds succeeded")
	}
}

func TestBreak(t *testing.T) {
	verdict := func(l scamhunt.Label) scamhunt.Verdict { return scamhunt.Verdict{Label: l} }
	s := func(label scamhunt.Label, cat, srcType, kind string, got, base scamhunt.Label) classify.Scored {
		return classify.Scored{Example: classify.Example{Label: label, Category: cat, SourceType: srcType, Kind: kind,
			Listing: scamhunt.Listing{Body: cat + kind}, Context: label.Flagged() && kind == "chat"},
			Verdict: verdict(got), Baseline: verdict(base), Evidence: kind != "chat" && kind != "post"}
	}
	const scam, susp, legit = scamhunt.LabelScam, scamhunt.LabelSuspicious, scamhunt.LabelLegit
	b := classify.Break([]classify.Scored{
		s(scam, "shuadan", "news quote", "ad", scam, scam),
		s(scam, "shuadan", "news quote", "sms", susp, legit),
		// a text with content the classifier finds nothing in: a miss
		s(scam, "typing", "forum", "post", legit, legit),
		s(scam, "deposit", "police bulletin", "chat", legit, legit),
		s(legit, "warning", "police bulletin", "warning", susp, scam),
		s(legit, "warning", "news quote", "warning", legit, scam),
		s(legit, "honest_ad", "forum", "ad", legit, legit),
	})
	want := classify.Breakdown{
		HasBaseline: true,
		Scam:        classify.Rates{N: 4, Flagged: 2, Scam: 1, Baseline: 1, Content: 3, ContentFlagged: 2, ContentBaseline: 1},
		ScamContext: classify.Rates{N: 1},             // the deposit chat line
		ScamBare:    classify.Rates{N: 2, Content: 1}, // and the typing post
		BySource: []classify.Rates{
			{Name: "news quote", N: 2, Flagged: 2, Scam: 1, Baseline: 1, Content: 2, ContentFlagged: 2, ContentBaseline: 1},
			{Name: "forum", N: 1, Content: 1},
			{Name: "police bulletin", N: 1},
		},
		ByKind: []classify.Rates{
			{Name: "ad", N: 1, Flagged: 1, Scam: 1, Baseline: 1, Content: 1, ContentFlagged: 1, ContentBaseline: 1},
			{Name: "sms", N: 1, Flagged: 1, Content: 1, ContentFlagged: 1},
			{Name: "chat", N: 1},
			{Name: "post", N: 1, Content: 1},
		},
		ByCategory: []classify.Rates{
			{Name: "shuadan", N: 2, Flagged: 2, Scam: 1, Baseline: 1, Content: 2, ContentFlagged: 2, ContentBaseline: 1},
			{Name: "deposit", N: 1},
			{Name: "typing", N: 1, Content: 1},
		},
		Honest: classify.Rates{N: 3, Flagged: 1, Baseline: 2},
		ByHonest: []classify.Rates{{Name: "honest_ad", N: 1},
			{Name: "warning", N: 2, Flagged: 1, Baseline: 2}},
	}
	if diff := cmp.Diff(want, b, cmp.FilterPath(func(p cmp.Path) bool {
		return p.Last().String() == ".Missed" || p.Last().String() == ".FalseFlags"
	}, cmp.Ignore()), cmpopts.IgnoreFields(classify.Rates{}, "FlaggedLo", "FlaggedHi", "ContentLo", "ContentHi")); diff != "" {
		t.Errorf("Break (-want +got):\n%s", diff)
	}
	if len(b.Missed) != 2 || b.Missed[0].Category != "typing" || b.Missed[1].Category != "deposit" || len(b.FalseFlags) != 1 || b.FalseFlags[0].Category != "warning" {
		t.Errorf("missed %v, false flags %v: want the typing post, the deposit chat and the flagged warning", b.Missed, b.FalseFlags)
	}
	if r := b.ByHonest[1]; r.FlaggedRate() != 0.5 || r.BaselineRate() != 1 {
		t.Errorf("warning rates %.3f / baseline %.3f, want 0.5 / 1", r.FlaggedRate(), r.BaselineRate())
	}
	var buf bytes.Buffer
	if err := b.WriteText(&buf, 5); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, row := range [][]string{
		{"scam", "texts", "texts", "flagged", "95%", "interval", "labelled", "scam", "with", "content", "flagged", "of", "those",
			"95%", "interval", "keyword", "baseline", "of", "those", "keyword", "baseline"},
		// 2 of the 3 texts with content flagged, 1 by the baseline
		{"all", "4", "0.500", "0.150-0.850", "0.250", "3", "0.667", "0.208-0.939", "0.333", "0.250"},
		{"of", "which", "context", "lines", "1", "0.000", "0.000-0.793", "0.000", "0", "0.000", "0.000-0.000", "0.000", "0.000"},
		{"of", "which", "without", "evidence", "2", "0.000", "0.000-0.658", "0.000", "1", "0.000", "0.000-0.793", "0.000", "0.000"},
		{"shuadan", "2", "1.000", "0.342-1.000", "0.500", "2", "1.000", "0.342-1.000", "0.500", "0.500"},
		{"warning", "2", "0.500", "0.095-0.905", "0.000", "1.000"},
		{"missed", "scam", "texts", "(2)"},
		{"honest", "texts", "flagged", "(1)"},
	} {
		if !hasRow(out, row) {
			t.Errorf("breakdown lacks row %q:\n%s", row, out)
		}
	}
}

// TestReadGroup holds the fixed split of source groups into the three
// fifths whose errors may be read and the two fifths never read: it
// depends on the source group only, so every text of a page falls on the
// same side, and the share read is near 3/5.
func TestReadGroup(t *testing.T) {
	for src, want := range map[string]bool{
		"http://www.zz01.net/sbn/389.html":      classify.ReadGroup("https://zz01.net/sbn/389.html#para2"),
		"rebase-network/who-is-hiring/x.json@a": classify.ReadGroup("rebase-network/who-is-hiring/x.json@b"),
		"":                                      false,
	} {
		if got := classify.ReadGroup(src); got != want {
			t.Errorf("ReadGroup(%q) = %v, want %v", src, got, want)
		}
	}
	read := 0
	for i := range 1000 {
		if classify.ReadGroup(fmt.Sprintf("https://news.test/%d.html", i)) {
			read++
		}
	}
	if read < 550 || read > 650 {
		t.Errorf("%d of 1000 groups read, want about 600", read)
	}
	ex := realCorpus(t)
	var scored []classify.Scored
	for _, e := range ex {
		scored = append(scored, classify.Scored{Example: e})
	}
	r, u := classify.SplitRead(scored)
	if len(r)+len(u) != len(ex) || len(r) == 0 || len(u) == 0 {
		t.Errorf("SplitRead: %d read + %d never read of %d", len(r), len(u), len(ex))
	}
}

// TestSynthetic holds the synthetic corpus's form for training: weighted,
// and each honest ad again as a pasted text without title, pay or
// company.
func TestSynthetic(t *testing.T) {
	ex := []classify.Example{
		{Listing: scamhunt.Listing{ID: "a", Title: "收银员", Body: "超市招收银员", SalaryText: "25元/时", Company: "某超市"}, Label: scamhunt.LabelLegit},
		{Listing: scamhunt.Listing{ID: "b", Title: "刷单", Body: "一单一结"}, Label: scamhunt.LabelScam, Weight: 2},
	}
	got := classify.Synthetic(ex, 0.25)
	want := []classify.Example{
		{Listing: ex[0].Listing, Label: scamhunt.LabelLegit, Weight: 0.25},
		{Listing: ex[1].Listing, Label: scamhunt.LabelScam, Weight: 0.5},
		{Listing: scamhunt.Listing{ID: "a#pasted", Body: "收银员\n超市招收银员\n25元/时"}, Label: scamhunt.LabelLegit, Weight: 0.25},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Synthetic (-want +got):\n%s", diff)
	}
}

// TestBreakCasesOf holds the listing of one type's errors: CasesOf keeps
// the missed scams and false flags of the named categories only, leaves
// the rates alone, and WriteText shows CaseWidth runes of each text (title, space, body).
func TestBreakCasesOf(t *testing.T) {
	s := func(label scamhunt.Label, cat, body string, got scamhunt.Label) classify.Scored {
		return classify.Scored{Example: classify.Example{Label: label, Category: cat, Listing: scamhunt.Listing{Body: body}},
			Verdict: scamhunt.Verdict{Label: got}, Evidence: true}
	}
	const scam, susp, legit = scamhunt.LabelScam, scamhunt.LabelSuspicious, scamhunt.LabelLegit
	all := classify.Break([]classify.Scored{
		s(scam, "deposit", "交100元包你立即上班，名额有限，先到先得", legit),
		s(scam, "advance", "先转500给我，明天再返你600", legit),
		s(scam, "deposit", "入职先交押金200元", scam),
		s(legit, "warning", "凡是交押金的都是骗子", susp),
		s(legit, "honest_ad", "超市理货员，不收任何费用", susp),
	})
	b := all.CasesOf("deposit", "warning")
	bodies := func(ss []classify.Scored) []string {
		var out []string
		for _, s := range ss {
			out = append(out, s.Listing.Body)
		}
		return out
	}
	if diff := cmp.Diff([]string{"交100元包你立即上班，名额有限，先到先得"}, bodies(b.Missed)); diff != "" {
		t.Errorf("missed deposit texts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"凡是交押金的都是骗子"}, bodies(b.FalseFlags)); diff != "" {
		t.Errorf("flagged warnings (-want +got):\n%s", diff)
	}
	if b.Scam != all.Scam || b.Honest != all.Honest {
		t.Errorf("CasesOf changed the rates: %+v %+v, want %+v %+v", b.Scam, b.Honest, all.Scam, all.Honest)
	}
	if got := len(all.CasesOf().Missed); got != 2 {
		t.Errorf("CasesOf() kept %d missed texts, want all 2", got)
	}
	b.CaseWidth = 6
	var buf bytes.Buffer
	if err := b.WriteText(&buf, 10); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"missed scam texts (1)", "交100元…", "honest texts flagged (1)", "凡是交押金…"} {
		if !strings.Contains(out, want) {
			t.Errorf("WriteText lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "先转500") || strings.Contains(out, "理货员") {
		t.Errorf("WriteText lists a case of another category:\n%s", out)
	}
}
