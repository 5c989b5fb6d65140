package classify_test

import (
	"testing"

	"github.com/scamhunt/scamhunt/classify"
)

// TestFreshTexts scores the fresh set (testdata/real/fresh: real texts
// gathered after the model was trained, never trained on) with the
// bundled classifier, as the sealed evaluation will, and holds it to what
// it did when the set was gathered, split into read source groups (whose
// errors the rules were written from) and never-read ones (the check).
// The floors and ceilings (below) are the last counts measured, at most
// two texts looser (see freshFloor), so that a rule or model change that
// loses fresh scams or flags more fresh honest texts or everyday money
// chat shows here.
func TestFreshTexts(t *testing.T) {
	fresh := append(readExamples(t, "testdata/real/fresh/scam.jsonl"), readExamples(t, "testdata/real/fresh/honest.jsonl")...)
	read, unread := classify.SplitRead(classify.Score(newClassifier(t), nil, fresh))
	for i, part := range [2][]classify.Scored{read, unread} {
		name := [2]string{"read", "never-read"}[i]
		var chat, other []classify.Scored
		for _, s := range part {
			if s.Category == classify.HonestChat {
				chat = append(chat, s)
			} else {
				other = append(other, s)
			}
		}
		b, c := classify.Break(other), classify.Break(chat)
		t.Logf("%s groups: fresh scam texts flagged %d/%d (with content %d/%d), honest texts flagged %d/%d, everyday money chat flagged %d/%d",
			name, b.Scam.Flagged, b.Scam.N, b.Scam.ContentFlagged, b.Scam.Content, b.Honest.Flagged, b.Honest.N, c.Honest.Flagged, c.Honest.N)
		if b.Scam.Flagged < freshFloor[i] {
			t.Errorf("%s scam texts flagged: %d, want >= %d", name, b.Scam.Flagged, freshFloor[i])
		}
		if b.Honest.Flagged > freshCeiling[i] {
			t.Errorf("%s honest texts flagged: %d, want <= %d", name, b.Honest.Flagged, freshCeiling[i])
		}
		if c.Honest.Flagged > chatCeiling[i] {
			t.Errorf("%s everyday money chat flagged: %d, want <= %d", name, c.Honest.Flagged, chatCeiling[i])
		}
	}
}

// freshFloor, freshCeiling and chatCeiling are the counts TestFreshTexts
// holds, read groups first. Measured in stop 29 with the bundled
// classifier, after gatherer S20 (25 scam and 23 honest texts from GitHub
// issues) joined the set: scam texts flagged 233/287 read and 124/191
// never-read; honest texts (chat aside) 28/437 and 32/278; everyday money
// chat 29/84 and 44/85. The scam floors and the chat ceilings sit two texts
// from the counts: texts at 0.50 on one topic word flip with every retrain
// (stop 24's moved three read scam texts from 0.51-0.62 to 0.41-0.50). How
// each figure moved, gatherer by gatherer and rule by rule, and which
// never-read figures were seen (stop 27 read the never-read SMS and chat
// misses to write its rules), is told in testdata/real/fresh/PROVENANCE.md
// and the README's Measured section.
var (
	freshFloor   = [2]int{231, 122}
	freshCeiling = [2]int{28, 32}
	chatCeiling  = [2]int{31, 46}
)
