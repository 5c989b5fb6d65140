package classify

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"

	"github.com/scamhunt/scamhunt"
)

// Rates counts the verdicts on one group of examples.
type Rates struct {
	Name     string
	N        int
	Flagged  int // the classifier said scam or suspicious
	Scam     int // the classifier said scam
	Baseline int // the baseline flagged it
}

// FlaggedRate is the share flagged (recall for scam texts, false flags for
// honest ones), ScamRate the share labelled scam and BaselineRate the share
// the baseline flagged; 0 for an empty group.
func (r Rates) FlaggedRate() float64  { return share(r.Flagged, r.N) }
func (r Rates) ScamRate() float64     { return share(r.Scam, r.N) }
func (r Rates) BaselineRate() float64 { return share(r.Baseline, r.N) }

func share(a, n int) float64 {
	if n == 0 {
		return 0
	}
	return round(float64(a) / float64(n))
}

func (r *Rates) add(s Scored) {
	r.N++
	if s.Verdict.Label.Flagged() {
		r.Flagged++
	}
	if s.Verdict.Label == scamhunt.LabelScam {
		r.Scam++
	}
	if s.Baseline.Label.Flagged() {
		r.Baseline++
	}
}

// Breakdown is the verdicts on real texts, grouped as the real corpus is
// measured: scam texts by source type, kind and scam type, honest texts by
// category, each with the baseline beside.
type Breakdown struct {
	HasBaseline bool
	Scam        Rates // every scam (or suspicious) text
	BySource    []Rates
	ByKind      []Rates
	ByCategory  []Rates
	Honest      Rates // every honest text
	ByHonest    []Rates
	// Missed are the scam texts not flagged, FalseFlags the honest texts
	// flagged, worst first.
	Missed, FalseFlags []Scored
}

// Break groups scored examples.
func Break(scored []Scored) Breakdown {
	var b Breakdown
	groups := map[string]map[string]*Rates{}
	addTo := func(part, name string, s Scored) {
		if groups[part] == nil {
			groups[part] = map[string]*Rates{}
		}
		r := groups[part][name]
		if r == nil {
			r = &Rates{Name: name}
			groups[part][name] = r
		}
		r.add(s)
	}
	for _, s := range scored {
		b.HasBaseline = b.HasBaseline || s.Baseline.Label != ""
		if s.Label.Flagged() {
			b.Scam.add(s)
			addTo("source", cmp.Or(s.SourceType, "(none)"), s)
			addTo("kind", cmp.Or(s.Kind, "(none)"), s)
			addTo("category", cmp.Or(s.Category, "(none)"), s)
			if !s.Verdict.Label.Flagged() {
				b.Missed = append(b.Missed, s)
			}
			continue
		}
		b.Honest.add(s)
		addTo("honest", cmp.Or(s.Category, "(none)"), s)
		if s.Verdict.Label.Flagged() {
			b.FalseFlags = append(b.FalseFlags, s)
		}
	}
	sorted := func(part string, order []string) []Rates {
		var out []Rates
		for _, r := range groups[part] {
			out = append(out, *r)
		}
		slices.SortFunc(out, func(a, b Rates) int {
			ia, ib := slices.Index(order, a.Name), slices.Index(order, b.Name)
			if ia < 0 {
				ia = len(order)
			}
			if ib < 0 {
				ib = len(order)
			}
			return cmp.Or(cmp.Compare(ia, ib), cmp.Compare(b.N, a.N), cmp.Compare(a.Name, b.Name))
		})
		return out
	}
	b.BySource = sorted("source", nil)
	b.ByKind = sorted("kind", []string{"ad", "sms", "chat", "post"})
	b.ByCategory = sorted("category", append(slices.Clone(scamhunt.Categories), CategoryOther))
	b.ByHonest = sorted("honest", HonestCategories)
	slices.SortStableFunc(b.Missed, func(x, y Scored) int { return cmp.Compare(x.Verdict.Score, y.Verdict.Score) })
	slices.SortStableFunc(b.FalseFlags, func(x, y Scored) int { return cmp.Compare(y.Verdict.Score, x.Verdict.Score) })
	return b
}

// WriteText writes the breakdown as aligned text, with up to cases missed
// scam texts and false flags. Texts are attacker-written: control
// characters are replaced and texts cut short.
func (b Breakdown) WriteText(w io.Writer, cases int) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	p := func(format string, a ...any) { fmt.Fprintf(tw, format, a...) }
	base := func(r Rates) string {
		if !b.HasBaseline {
			return ""
		}
		return fmt.Sprintf("\t%.3f", r.BaselineRate())
	}
	head := func(what, rate string) {
		p("%s\ttexts\t%s\tlabelled scam", what, rate)
		if b.HasBaseline {
			p("\tkeyword baseline")
		}
		p("\n")
	}
	row := func(r Rates) {
		p("%s\t%d\t%.3f\t%.3f%s\n", r.Name, r.N, r.FlaggedRate(), r.ScamRate(), base(r))
	}
	if b.Scam.N > 0 {
		head("scam texts", "flagged")
		all := b.Scam
		all.Name = "all"
		row(all)
		for _, part := range []struct {
			name string
			rs   []Rates
		}{{"by source type", b.BySource}, {"by kind", b.ByKind}, {"by scam type", b.ByCategory}} {
			p("  %s\n", part.name)
			for _, r := range part.rs {
				r.Name = "    " + r.Name
				row(r)
			}
		}
		p("\n")
	}
	if b.Honest.N > 0 {
		head("honest texts", "flagged")
		all := b.Honest
		all.Name = "all"
		row(all)
		if len(b.ByHonest) > 1 || (len(b.ByHonest) == 1 && b.ByHonest[0].Name != "(none)") {
			for _, r := range b.ByHonest {
				r.Name = "    " + r.Name
				row(r)
			}
		}
	}
	for _, part := range []struct {
		name string
		ss   []Scored
	}{{"missed scam texts", b.Missed}, {"honest texts flagged", b.FalseFlags}} {
		if len(part.ss) == 0 || cases == 0 {
			continue
		}
		p("\n%s (%d)\n", part.name, len(part.ss))
		for _, s := range part.ss[:min(cases, len(part.ss))] {
			p("  %s %.3f\t%s\t%s\t%s\n", s.Verdict.Label, s.Verdict.Score, cmp.Or(s.Category, "-"),
				safe(s.Listing.Title+" "+s.Listing.Body, 40), reasonSummary(s.Verdict.Reasons))
		}
	}
	return tw.Flush()
}
