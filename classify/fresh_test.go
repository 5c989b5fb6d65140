package classify_test

import (
	"testing"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/classify"
)

// TestFreshTexts scores the fresh set (testdata/real/fresh: real texts
// gathered after the model was trained, never trained on) with the
// bundled classifier, as the sealed evaluation will, and holds it to what
// it did when the set was gathered, split into read source groups (whose
// errors the rules were written from) and never-read ones (the check).
// The floors and ceilings are the counts measured at stop 19, one text
// looser, so that a rule or model change that loses fresh scams or flags
// more fresh honest texts shows here.
func TestFreshTexts(t *testing.T) {
	c := newClassifier(t)
	type tally struct{ n, flagged int }
	var scam, honest [2]tally // [0] never-read, [1] read
	for _, e := range append(readExamples(t, "testdata/real/fresh/scam.jsonl"), readExamples(t, "testdata/real/fresh/honest.jsonl")...) {
		side := 0
		if classify.ReadGroup(e.Source) {
			side = 1
		}
		flagged := c.Classify(e.Listing).Label != scamhunt.LabelLegit
		tl := &honest[side]
		if e.Label == scamhunt.LabelScam {
			tl = &scam[side]
		}
		tl.n++
		if flagged {
			tl.flagged++
		}
	}
	rate := func(x tally) float64 { return float64(x.flagged) / float64(max(1, x.n)) }
	t.Logf("fresh scam texts flagged: read %d/%d (%.3f), never-read %d/%d (%.3f)",
		scam[1].flagged, scam[1].n, rate(scam[1]), scam[0].flagged, scam[0].n, rate(scam[0]))
	t.Logf("fresh honest texts flagged: read %d/%d (%.3f), never-read %d/%d (%.3f)",
		honest[1].flagged, honest[1].n, rate(honest[1]), honest[0].flagged, honest[0].n, rate(honest[0]))
	for _, c := range []struct {
		what      string
		got, want int
		atLeast   bool
	}{
		{"read scam texts flagged", scam[1].flagged, freshFloor[0], true},
		{"never-read scam texts flagged", scam[0].flagged, freshFloor[1], true},
		{"read honest texts flagged", honest[1].flagged, freshCeiling[0], false},
		{"never-read honest texts flagged", honest[0].flagged, freshCeiling[1], false},
	} {
		if (c.atLeast && c.got < c.want) || (!c.atLeast && c.got > c.want) {
			t.Errorf("%s: %d, want %s %d", c.what, c.got, map[bool]string{true: ">=", false: "<="}[c.atLeast], c.want)
		}
	}
}

// freshFloor and freshCeiling are the counts TestFreshTexts holds, read
// groups first. Measured at stop 19 with the bundled classifier on main:
// scam texts flagged 20/32 read and 11/17 never-read; honest texts flagged
// 3/46 read and 4/24 never-read. (Branch phishing-rules reaches 28/32 and
// 12/17 on the scam texts, 2/46 and 4/24 on the honest ones, but its
// retrained model flags one more 2015 honest ad of ../shared.)
var (
	freshFloor   = [2]int{19, 10}
	freshCeiling = [2]int{4, 5}
)
