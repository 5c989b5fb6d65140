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
	// Content counts the scam texts that carry a scam element on their own
	// (not Example.Context) and ContentFlagged those of them flagged:
	// recall is held on these. A context line ("嘿嘿,那你看着办吧") is
	// annotated by reading, not by the classifier, so a text the
	// classifier finds nothing in still counts as a miss.
	Content, ContentFlagged int
	// ContentBaseline counts the scam texts with content the baseline
	// flagged, and ContentLo and ContentHi bound the share of them
	// flagged as FlaggedLo and FlaggedHi do.
	ContentBaseline      int
	ContentLo, ContentHi float64
	// FlaggedLo and FlaggedHi bound the share flagged, a 95% interval set
	// by Break (flaggedInterval): how far the figure could move on another
	// sample of the same kind of sources.
	FlaggedLo, FlaggedHi float64
}

// FlaggedRate is the share flagged (recall for scam texts, false flags for
// honest ones), ScamRate the share labelled scam and BaselineRate the share
// the baseline flagged; 0 for an empty group.
func (r Rates) FlaggedRate() float64  { return share(r.Flagged, r.N) }
func (r Rates) ScamRate() float64     { return share(r.Scam, r.N) }
func (r Rates) BaselineRate() float64 { return share(r.Baseline, r.N) }

// ContentRate is the share flagged of the scam texts with content, and
// ContentBaselineRate the share of them the baseline flagged.
func (r Rates) ContentRate() float64         { return share(r.ContentFlagged, r.Content) }
func (r Rates) ContentBaselineRate() float64 { return share(r.ContentBaseline, r.Content) }

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
	if s.hasContent() {
		r.Content++
		if s.Verdict.Label.Flagged() {
			r.ContentFlagged++
		}
		if s.Baseline.Label.Flagged() {
			r.ContentBaseline++
		}
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
	// ScamContext counts the scam texts annotated as context lines
	// (Example.Context).
	ScamContext Rates
	// ScamBare and HonestBare count the texts in which the classifier
	// found no evidence (Scored.Evidence false): lines such as "嘿嘿,那你
	// 看着办吧", which only the rules can flag.
	ScamBare, HonestBare Rates
	// Missed are the scam texts not flagged, FalseFlags the honest texts
	// flagged, worst first.
	Missed, FalseFlags []Scored
	// CaseWidth is how many runes of a listed case's text WriteText
	// shows (0: 40).
	CaseWidth int
}

// CasesOf keeps in Missed and FalseFlags only the texts of the given
// categories (scam types such as "deposit", honest kinds such as
// "warning"), so a researcher can read one type's errors; the rates are
// unchanged. No category keeps them all.
func (b Breakdown) CasesOf(categories ...string) Breakdown {
	if len(categories) == 0 {
		return b
	}
	keep := func(ss []Scored) []Scored {
		var out []Scored
		for _, s := range ss {
			if slices.Contains(categories, s.Category) {
				out = append(out, s)
			}
		}
		return out
	}
	b.Missed, b.FalseFlags = keep(b.Missed), keep(b.FalseFlags)
	return b
}

// Break groups scored examples.
func Break(scored []Scored) Breakdown {
	var b Breakdown
	groups := map[string]map[string]*Rates{}
	// the texts and flagged texts of each group of Rates per source
	// group, over all texts and over the scam texts with content
	bySource := map[*Rates]map[string][2]int{}
	byContent := map[*Rates]map[string][2]int{}
	tally := func(m map[*Rates]map[string][2]int, r *Rates, s Scored) {
		if m[r] == nil {
			m[r] = map[string][2]int{}
		}
		key := s.group()
		c := m[r][key]
		c[0]++
		if s.Verdict.Label.Flagged() {
			c[1]++
		}
		m[r][key] = c
	}
	count := func(r *Rates, s Scored) {
		r.add(s)
		tally(bySource, r, s)
		if s.hasContent() {
			tally(byContent, r, s)
		}
	}
	addTo := func(part, name string, s Scored) {
		if groups[part] == nil {
			groups[part] = map[string]*Rates{}
		}
		r := groups[part][name]
		if r == nil {
			r = &Rates{Name: name}
			groups[part][name] = r
		}
		count(r, s)
	}
	for _, s := range scored {
		b.HasBaseline = b.HasBaseline || s.Baseline.Label != ""
		if s.Label.Flagged() {
			count(&b.Scam, s)
			if s.Context {
				count(&b.ScamContext, s)
			}
			if !s.Evidence {
				count(&b.ScamBare, s)
			}
			addTo("source", cmp.Or(s.SourceType, "(none)"), s)
			addTo("kind", cmp.Or(s.Kind, "(none)"), s)
			addTo("category", cmp.Or(s.Category, "(none)"), s)
			if !s.Verdict.Label.Flagged() {
				b.Missed = append(b.Missed, s)
			}
			continue
		}
		count(&b.Honest, s)
		if !s.Evidence {
			count(&b.HonestBare, s)
		}
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
	for r, src := range bySource {
		r.FlaggedLo, r.FlaggedHi = flaggedInterval(r.Flagged, r.N, src)
		r.ContentLo, r.ContentHi = flaggedInterval(r.ContentFlagged, r.Content, byContent[r])
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
	// Scam texts show beside the figures over all texts those over the
	// texts with content, on which recall is held.
	evid := false
	head := func(what, rate string) {
		p("%s\ttexts\t%s\t95%% interval\tlabelled scam", what, rate)
		if evid {
			p("\twith content\tflagged of those\t95%% interval")
			if b.HasBaseline {
				p("\tkeyword baseline of those")
			}
		}
		if b.HasBaseline {
			p("\tkeyword baseline")
		}
		p("\n")
	}
	row := func(r Rates) {
		p("%s\t%d\t%.3f\t%.3f-%.3f\t%.3f", r.Name, r.N, r.FlaggedRate(), r.FlaggedLo, r.FlaggedHi, r.ScamRate())
		if evid {
			p("\t%d\t%.3f\t%.3f-%.3f", r.Content, r.ContentRate(), r.ContentLo, r.ContentHi)
			if b.HasBaseline {
				p("\t%.3f", r.ContentBaselineRate())
			}
		}
		p("%s\n", base(r))
	}
	if b.Scam.N > 0 {
		evid = true
		head("scam texts", "flagged")
		all := b.Scam
		all.Name = "all"
		row(all)
		ctx := b.ScamContext
		ctx.Name = "  of which context lines"
		row(ctx)
		bare := b.ScamBare
		bare.Name = "  of which without evidence"
		row(bare)
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
		evid = false
	}
	if b.Honest.N > 0 {
		head("honest texts", "flagged")
		all := b.Honest
		all.Name = "all"
		row(all)
		bare := b.HonestBare
		bare.Name = "  of which without evidence"
		row(bare)
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
				safe(s.Listing.Title+" "+s.Listing.Body, cmp.Or(b.CaseWidth, 40)), reasonSummary(s.Verdict.Reasons))
		}
	}
	return tw.Flush()
}
