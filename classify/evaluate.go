package classify

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/scamhunt/scamhunt"
)

// Metrics counts a binary decision against the labels.
type Metrics struct {
	TP, FP, FN, TN int
	Precision      float64
	Recall         float64
	F1             float64
}

func (m *Metrics) add(want, got bool) {
	switch {
	case want && got:
		m.TP++
	case want:
		m.FN++
	case got:
		m.FP++
	default:
		m.TN++
	}
}

func (m *Metrics) finish() {
	m.Precision = ratio(m.TP, m.TP+m.FP)
	m.Recall = ratio(m.TP, m.TP+m.FN)
	if m.Precision+m.Recall > 0 {
		m.F1 = round(2 * m.Precision * m.Recall / (m.Precision + m.Recall))
	}
}

// ratio is a/b rounded, 1 when b is 0 (nothing to get wrong).
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return round(float64(a) / float64(b))
}

// CategoryMetrics measures one scam type. Recall is the share of examples
// of the type labelled scam with the type among the verdict's categories;
// Precision the share of scam verdicts naming the type whose example is of
// that type.
type CategoryMetrics struct {
	Category  string
	Support   int // examples of the type
	Detected  int // of them labelled scam
	Correct   int // of them labelled scam and named as the type
	Named     int // scam verdicts naming the type
	Precision float64
	Recall    float64
	F1        float64
}

// Case is one example the classifier got wrong, with its verdict.
type Case struct {
	Want     scamhunt.Label
	Category string
	Title    string
	Verdict  scamhunt.Verdict
}

// Report is the result of Evaluate. Positives are examples labelled scam
// or suspicious.
type Report struct {
	Examples, Positives, Negatives int
	Scam                           Metrics // a verdict of scam counts as positive
	Flagged                        Metrics // a verdict of scam or suspicious counts as positive
	Categories                     []CategoryMetrics
	// Confusion counts examples by wanted label, then by the verdict's.
	Confusion map[scamhunt.Label]map[scamhunt.Label]int
	// HonestScamRate and HonestFlagRate are the shares of honest examples
	// labelled scam and flagged at all.
	HonestScamRate, HonestFlagRate float64
	WorstFP, WorstFN               []Case // at most 10 each, worst first
}

// Evaluate classifies the examples and measures the verdicts against their
// labels.
func Evaluate(c scamhunt.Classifier, ex []Example) Report {
	r := Report{Examples: len(ex), Confusion: map[scamhunt.Label]map[scamhunt.Label]int{}}
	cats := map[string]*CategoryMetrics{}
	for _, k := range scamhunt.Categories {
		cats[k] = &CategoryMetrics{Category: k}
	}
	var fps, fns []Case
	honestScam, honestFlag := 0, 0
	for _, e := range ex {
		v := c.Classify(e.Listing)
		want := e.Label == scamhunt.LabelScam || e.Label == scamhunt.LabelSuspicious
		if want {
			r.Positives++
		} else {
			r.Negatives++
		}
		r.Scam.add(want, v.Label == scamhunt.LabelScam)
		r.Flagged.add(want, v.Label.Flagged())
		if r.Confusion[e.Label] == nil {
			r.Confusion[e.Label] = map[scamhunt.Label]int{}
		}
		r.Confusion[e.Label][v.Label]++
		if cm := cats[e.Category]; cm != nil && want {
			cm.Support++
			if v.Label == scamhunt.LabelScam {
				cm.Detected++
				if slices.Contains(v.Categories, e.Category) {
					cm.Correct++
				}
			}
		}
		if v.Label == scamhunt.LabelScam {
			for _, k := range v.Categories {
				if cm := cats[k]; cm != nil {
					cm.Named++
				}
			}
		}
		cs := Case{Want: e.Label, Category: e.Category, Title: e.Listing.Title, Verdict: v}
		switch {
		case !want && v.Label.Flagged():
			fps = append(fps, cs)
		case want && v.Label != scamhunt.LabelScam:
			fns = append(fns, cs)
		}
		if !want {
			if v.Label == scamhunt.LabelScam {
				honestScam++
			}
			if v.Label.Flagged() {
				honestFlag++
			}
		}
	}
	r.Scam.finish()
	r.Flagged.finish()
	if r.Negatives > 0 {
		r.HonestScamRate = round(float64(honestScam) / float64(r.Negatives))
		r.HonestFlagRate = round(float64(honestFlag) / float64(r.Negatives))
	}
	for _, k := range scamhunt.Categories {
		cm := cats[k]
		if cm.Support == 0 && cm.Named == 0 {
			continue
		}
		m := Metrics{TP: cm.Correct, FP: cm.Named - cm.Correct, FN: cm.Support - cm.Correct}
		m.finish()
		cm.Precision, cm.Recall, cm.F1 = m.Precision, m.Recall, m.F1
		r.Categories = append(r.Categories, *cm)
	}
	slices.SortStableFunc(fps, func(a, b Case) int { return cmp.Compare(b.Verdict.Score, a.Verdict.Score) })
	slices.SortStableFunc(fns, func(a, b Case) int { return cmp.Compare(a.Verdict.Score, b.Verdict.Score) })
	r.WorstFP, r.WorstFN = fps[:min(10, len(fps))], fns[:min(10, len(fns))]
	return r
}

// WriteText writes the report as aligned plain text. Listing text is
// attacker-written: control characters are replaced and titles cut short.
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	p := func(format string, a ...any) { fmt.Fprintf(tw, format, a...) }
	p("examples\t%d\t(scam %d, legit %d)\n\n", r.Examples, r.Positives, r.Negatives)
	p("decision\tprecision\trecall\tF1\tTP\tFP\tFN\tTN\n")
	for _, row := range []struct {
		name string
		m    Metrics
	}{{"labelled scam", r.Scam}, {"flagged", r.Flagged}} {
		m := row.m
		p("%s\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t%d\n", row.name, m.Precision, m.Recall, m.F1, m.TP, m.FP, m.FN, m.TN)
	}
	p("\nhonest listings labelled scam\t%.1f%%\n", 100*r.HonestScamRate)
	p("honest listings flagged\t%.1f%%\n", 100*r.HonestFlagRate)
	if len(r.Categories) > 0 {
		p("\ncategory\tsupport\tdetected\tnamed right\trecall\tprecision\tF1\n")
		for _, c := range r.Categories {
			p("%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\n", c.Category, c.Support, c.Detected, c.Correct, c.Recall, c.Precision, c.F1)
		}
	}
	labels := []scamhunt.Label{scamhunt.LabelScam, scamhunt.LabelSuspicious, scamhunt.LabelLegit}
	p("\nconfusion (want \\ got)\tscam\tsuspicious\tlegit\n")
	for _, want := range labels {
		if row := r.Confusion[want]; row != nil {
			p("%s\t%d\t%d\t%d\n", want, row[scamhunt.LabelScam], row[scamhunt.LabelSuspicious], row[scamhunt.LabelLegit])
		}
	}
	for _, part := range []struct {
		name  string
		cases []Case
	}{{"worst false positives", r.WorstFP}, {"worst false negatives", r.WorstFN}} {
		if len(part.cases) == 0 {
			continue
		}
		p("\n%s\n", part.name)
		for _, c := range part.cases {
			p("  %s\t%s %.3f\t%s\t%s\n", safe(c.Verdict.ID, 24), c.Verdict.Label, c.Verdict.Score, safe(c.Title, 30), reasonSummary(c.Verdict.Reasons))
		}
	}
	return tw.Flush()
}

func reasonSummary(rs []scamhunt.Reason) string {
	var parts []string
	for _, r := range rs[:min(4, len(rs))] {
		parts = append(parts, fmt.Sprintf("%s「%s」%+.2f", r.Rule, safe(r.Match, 12), r.Weight))
	}
	if len(parts) == 0 {
		return "(no reasons)"
	}
	return strings.Join(parts, " ")
}

// safe makes attacker-written text fit for a terminal: control and format
// characters become spaces, tabs too (they would break the table), and the
// text is cut to n runes.
func safe(s string, n int) string {
	var b strings.Builder
	i := 0
	for _, r := range s {
		if i == n {
			b.WriteString("…")
			break
		}
		if unicode.IsControl(r) || unicode.In(r, unicode.Cf) {
			r = ' '
		}
		b.WriteRune(r)
		i++
	}
	return b.String()
}
