package classify

import (
	"bufio"
	"bytes"
	"strings"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/textnorm"
)

// Keywords is the baseline the classifier must beat: a listing is a scam
// when any word of a list occurs in it. It exists to be measured against
// (`scamhunt eval --baseline`), not to be used.
type Keywords struct {
	words []string
}

var _ scamhunt.Classifier = (*Keywords)(nil)

// ParseKeywords reads one word per line; blank lines and # comments are
// skipped.
func ParseKeywords(data []byte) *Keywords {
	k := &Keywords{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if w != "" && !strings.HasPrefix(w, "#") {
			k.words = append(k.words, textnorm.Fold(w))
		}
	}
	return k
}

// Classify flags l as scam on the first word found, with that word as the
// reason.
func (k *Keywords) Classify(l scamhunt.Listing) scamhunt.Verdict {
	v := scamhunt.Verdict{ID: l.ID, Label: scamhunt.LabelLegit, Categories: []string{}, Reasons: []scamhunt.Reason{}}
	for _, f := range []struct{ name, text string }{{FieldTitle, l.Title}, {FieldBody, l.Body}, {FieldSalary, l.SalaryText}} {
		folded := textnorm.Fold(f.text)
		for _, w := range k.words {
			if strings.Contains(folded, w) {
				v.Label, v.Score = scamhunt.LabelScam, 1
				v.Reasons = append(v.Reasons, scamhunt.Reason{Rule: "keyword", Field: f.name, Match: w, Weight: 1})
				return v
			}
		}
	}
	return v
}
