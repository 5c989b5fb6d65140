package classify

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/scamhunt/scamhunt"
)

// CVOptions configures CrossValidate.
type CVOptions struct {
	Folds int          // default 5
	Train TrainOptions // Rules required
	// Extra examples (the synthetic corpus) are added to every fold's
	// training set as Synthetic makes them, never tested on; ExtraWeight
	// scales their loss (default DefaultSyntheticWeight) so they do not
	// outweigh the real texts.
	Extra       []Example
	ExtraWeight float64
	Config      Config // label thresholds
	// Baseline, when set, is scored on the same examples (the keyword
	// list); it is not trained.
	Baseline scamhunt.Classifier
}

func (o CVOptions) withDefaults() CVOptions {
	o.Folds = cmp.Or(o.Folds, 5)
	o.ExtraWeight = cmp.Or(o.ExtraWeight, DefaultSyntheticWeight)
	return o
}

// Synthetic returns the synthetic corpus as the model trains on it: every
// example at weight times its own weight, then every honest one again as a
// pasted text (title, body and pay text as one body; no title, salary or
// company), so that the model meets honest pay and job words outside a
// board listing too: the real honest ads are few, and a real scam quoted
// from a chat or a news report is such a text.
func Synthetic(ex []Example, weight float64) []Example {
	out := make([]Example, 0, 2*len(ex))
	for _, e := range ex {
		e.Weight = cmp.Or(e.Weight, 1) * weight
		out = append(out, e)
	}
	for _, e := range out[:len(ex)] {
		if e.Label.Flagged() {
			continue
		}
		l := e.Listing
		e.Listing = scamhunt.Listing{ID: l.ID + "#pasted",
			Body: strings.TrimSpace(strings.Join([]string{l.Title, l.Body, l.SalaryText}, "\n"))}
		out = append(out, e)
	}
	return out
}

// DefaultSyntheticWeight is the loss weight of a synthetic example beside
// the real corpus: the synthetic corpus is three times its size and our own
// writing, so at full weight it would teach the model its writer's style.
const DefaultSyntheticWeight = 0.25

// SourceGroup is the cross-validation group of a real text: its source
// page, repository file (without the @commit) or issue, lower-cased, so
// all texts quoted from one page land in one fold.
func SourceGroup(source string) string {
	s := strings.ToLower(strings.TrimSpace(source))
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		u.Fragment, u.Scheme = "", ""
		u.Host = strings.TrimPrefix(u.Host, "www.")
		return strings.TrimSuffix(strings.TrimPrefix(u.String(), "//"), "/")
	}
	s, _, _ = strings.Cut(s, "@")
	return s
}

// group is the example's source group (SourceGroup); an example without a
// source is a group of its own.
func (e Example) group() string {
	if e.Source != "" {
		return SourceGroup(e.Source)
	}
	return "id:" + e.Listing.ID
}

// ReadGroup reports whether the errors of a source group may be read while
// writing rules and word lists: three fifths of the groups, fixed by the
// FNV-1a hash of SourceGroup (hash mod 5 below 3), are read; the other two
// fifths are never looked at case by case, so the figures on them
// (SplitRead) tell how far rules written from the read errors carry over.
// Texts without a source are never read.
func ReadGroup(source string) bool {
	if source == "" {
		return false
	}
	h := fnv.New64a()
	h.Write([]byte(SourceGroup(source)))
	return h.Sum64()%5 < 3
}

// SplitRead splits scored examples into those of read source groups
// (ReadGroup) and those of never-read ones, in order.
func SplitRead(scored []Scored) (read, unread []Scored) {
	for _, s := range scored {
		if ReadGroup(s.Source) {
			read = append(read, s)
		} else {
			unread = append(unread, s)
		}
	}
	return read, unread
}

// Folds assigns each example a fold in [0, k): the examples of one source
// group share a fold; groups are placed largest first on the fold holding
// fewest examples of the group's majority label, so folds are balanced in
// both labels. Examples without a source are groups of their own. The
// assignment depends only on the examples' sources, IDs and labels, not on
// their order.
func Folds(ex []Example, k int) []int {
	type group struct {
		key        string
		scam, hon  int
		hash       uint64
		membersIdx []int
	}
	byKey := map[string]*group{}
	var groups []*group
	for i, e := range ex {
		key := e.group()
		g := byKey[key]
		if g == nil {
			h := fnv.New64a()
			h.Write([]byte(key))
			g = &group{key: key, hash: h.Sum64()}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.membersIdx = append(g.membersIdx, i)
		if e.Label.Flagged() {
			g.scam++
		} else {
			g.hon++
		}
	}
	slices.SortFunc(groups, func(a, b *group) int {
		return cmp.Or(cmp.Compare(b.scam+b.hon, a.scam+a.hon), cmp.Compare(a.hash, b.hash), cmp.Compare(a.key, b.key))
	})
	scam, hon := make([]int, k), make([]int, k)
	fold := make([]int, len(ex))
	for _, g := range groups {
		load := hon
		if g.scam >= g.hon {
			load = scam
		}
		best := 0
		for f := 1; f < k; f++ {
			if cmp.Or(cmp.Compare(load[f], load[best]), cmp.Compare(scam[f]+hon[f], scam[best]+hon[best])) < 0 {
				best = f
			}
		}
		scam[best] += g.scam
		hon[best] += g.hon
		for _, i := range g.membersIdx {
			fold[i] = best
		}
	}
	return fold
}

// Scored is an example with the verdicts of the classifier and of the
// baseline (zero when there is none).
type Scored struct {
	Example
	Verdict  scamhunt.Verdict
	Baseline scamhunt.Verdict
	// Evidence: the classifier found something to weigh in the text
	// (Classifier.HasEvidence); a text without is scored by the rules
	// alone.
	Evidence bool
}

// CrossValidate measures the classifier on real texts it was not trained
// on: for each of k folds (Folds) it trains a model on the other folds
// plus the extra examples and classifies the fold with it. The result is
// deterministic and does not depend on the order of ex.
func CrossValidate(ex []Example, opts CVOptions) ([]Scored, error) {
	o := opts.withDefaults()
	if o.Folds < 2 || o.Folds > len(ex) {
		return nil, fmt.Errorf("cross-validate: %d folds of %d examples", o.Folds, len(ex))
	}
	if o.ExtraWeight < 0 {
		return nil, errors.New("cross-validate: extra weight below 0")
	}
	if err := o.Train.Validate(); err != nil {
		return nil, fmt.Errorf("cross-validate: %w", err)
	}
	fold := Folds(ex, o.Folds)
	out := make([]Scored, len(ex))
	errs := make([]error, o.Folds)
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, min(runtime.GOMAXPROCS(0), 3)))
	for f := range o.Folds {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			var train []Example
			for i, e := range ex {
				if fold[i] != f {
					train = append(train, e)
				}
			}
			train = append(train, Synthetic(o.Extra, o.ExtraWeight)...)
			m, err := Train(train, o.Train)
			if err != nil {
				errs[f] = fmt.Errorf("cross-validate: fold %d: %w", f, err)
				return
			}
			c, err := New(o.Train.Rules, m, o.Config)
			if err != nil {
				errs[f] = err
				return
			}
			for i, e := range ex {
				if fold[i] == f {
					out[i] = Scored{Example: e, Verdict: c.Classify(e.Listing), Evidence: c.HasEvidence(e.Listing)}
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if o.Baseline != nil {
		for i := range out {
			out[i].Baseline = o.Baseline.Classify(out[i].Listing)
		}
	}
	return out, nil
}

// Score classifies examples with c (and the baseline, if not nil) without
// any training: for texts the model has not seen, such as the honest ads of
// ../shared/data.
func Score(c *Classifier, baseline scamhunt.Classifier, ex []Example) []Scored {
	out := make([]Scored, len(ex))
	for i, e := range ex {
		out[i] = Scored{Example: e, Verdict: c.Classify(e.Listing), Evidence: c.HasEvidence(e.Listing)}
		if baseline != nil {
			out[i].Baseline = baseline.Classify(e.Listing)
		}
	}
	return out
}
