package classify

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/scamhunt/scamhunt"
)

// Default thresholds on the score.
const (
	DefaultScamThreshold       = 0.8
	DefaultSuspiciousThreshold = 0.5
)

// Config sets the score thresholds of the labels. A zero field means the
// rules file's `thresholds:` value, else its default (DefaultScamThreshold,
// DefaultSuspiciousThreshold); a score at or
// above ScamThreshold is scam, at or above SuspiciousThreshold suspicious,
// else legit.
type Config struct {
	ScamThreshold       float64 `yaml:"scam"`
	SuspiciousThreshold float64 `yaml:"suspicious"`
}

func (c Config) withDefaults() Config {
	if c.ScamThreshold == 0 {
		c.ScamThreshold = DefaultScamThreshold
	}
	if c.SuspiciousThreshold == 0 {
		c.SuspiciousThreshold = min(DefaultSuspiciousThreshold, c.ScamThreshold)
	}
	return c
}

// label is the label a score earns under the (defaulted) thresholds.
func (c Config) label(score float64) scamhunt.Label {
	switch {
	case score >= c.ScamThreshold:
		return scamhunt.LabelScam
	case score >= c.SuspiciousThreshold:
		return scamhunt.LabelSuspicious
	}
	return scamhunt.LabelLegit
}

// Validate reports thresholds outside (0, 1] or a suspicious threshold
// above the scam threshold.
func (c Config) Validate() error {
	for _, t := range []float64{c.ScamThreshold, c.SuspiciousThreshold} {
		if t < 0 || t > 1 || math.IsNaN(t) {
			return fmt.Errorf("classify: threshold %v outside (0, 1]", t)
		}
	}
	if d := c.withDefaults(); d.SuspiciousThreshold > d.ScamThreshold {
		return fmt.Errorf("classify: suspicious threshold %v above scam threshold %v", d.SuspiciousThreshold, d.ScamThreshold)
	}
	return nil
}

// Classifier triages listings with rules and, when it has one, a model.
// It implements scamhunt.Classifier and is safe for concurrent use.
type Classifier struct {
	rules   *Rules
	model   *Model
	cfg     Config
	buckets uint32
	maxN    int
	pool    sync.Pool
}

var _ scamhunt.Classifier = (*Classifier)(nil)

// New makes a classifier from compiled rules and an optional model (nil:
// rules only, scored as the logistic of the rules file's bias plus the sum
// of the rule weights that fired).
func New(rules *Rules, model *Model, cfg Config) (*Classifier, error) {
	if rules == nil {
		return nil, errors.New("classify: no rules")
	}
	if cfg.ScamThreshold == 0 {
		cfg.ScamThreshold = rules.thresholds.ScamThreshold
	}
	if cfg.SuspiciousThreshold == 0 && rules.thresholds.SuspiciousThreshold != 0 {
		scam := cfg.withDefaults().ScamThreshold
		cfg.SuspiciousThreshold = min(rules.thresholds.SuspiciousThreshold, scam)
	}
	// Checked once merged with the file's thresholds: a caller's suspicious
	// threshold above the file's scam threshold would never label anything
	// suspicious.
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := &Classifier{rules: rules, model: model, cfg: cfg.withDefaults()}
	if model != nil {
		c.buckets, c.maxN = model.buckets, model.maxN
	}
	c.pool.New = func() any { return newScratch() }
	return c, nil
}

// Config returns the thresholds in use, defaults filled in.
func (c *Classifier) Config() Config { return c.cfg }

// scratch holds the buffers of one classification.
type scratch struct {
	views  [nFields]view
	hits   []hit
	stops  []hit // topic stop words of the field being matched
	cstops []hit // context_not phrases of the field being matched
	trig   []trigger
	tails  []tailHit // tail words of gated regexps in the field, in the matcher's order
	// tailsBy is tails grouped by gate, group g at tailsBy[tailOff[g]:tailOff[g+1]].
	tailsBy []tailHit
	tailOff []int32
	ctxs    []ctxOcc
	// hasRaw marks the rules with an occurrence in the listing.
	hasRaw []bool
	raw    []occ
	rm     ruleMatch
	cbuf   []byte
	cidx   []int32
	ndig   []int32
	seen   []uint32
	grams  []gram
	scale  float64
	dense  [nDense]float64
	pw     float64 // the model's probability that the text warns about a scam
	// contacts are the listing's, or those found in its text.
	contacts []scamhunt.Contact
}

func newScratch() *scratch { return &scratch{} }

// features fills s with everything the rules and the model see in l.
func (c *Classifier) features(l *scamhunt.Listing, s *scratch) {
	texts := [nFields]string{l.Title, l.Body, l.SalaryText, l.Company, l.ContactPerson, l.Location}
	for i := range s.views {
		s.views[i].reset(fieldNames[i], texts[i])
	}
	c.rules.match(s.views[:], s)
	s.grams, s.scale = s.grams[:0], 0
	if c.buckets > 0 {
		c.rules.structural(l, s.views[:], &s.rm, s)
		s.scale = s.collectGrams(s.views[:], c.buckets, c.maxN)
	}
}

// Classify triages one listing. The verdict's score is in [0, 1]; every
// category it names carries at least one reason, and every reason with a
// span (End > 0) has Match equal to its field's text at [Start:End].
// Listing.Contacts nil means nobody looked for contacts: Classify finds
// them in the title and body; an empty non-nil slice means there are none.
func (c *Classifier) Classify(l scamhunt.Listing) scamhunt.Verdict {
	s := c.pool.Get().(*scratch)
	defer c.pool.Put(s)
	c.features(&l, s)
	m := &s.rm
	var z float64
	s.pw = 0
	modeled := c.model != nil && len(s.grams) > 0 && c.rules.hasEvidence(m, &s.dense)
	if !modeled {
		// Without a model, with no word for it to read (an empty or
		// all-symbol listing) or no evidence to weigh, the rules alone
		// score it.
		z = c.rules.bias + m.total
	} else {
		s.pw = sigmoid(c.model.warn.logit(s.grams, s.scale, &s.dense, &m.sums, 0))
		z = c.model.scam.logit(s.grams, s.scale, &s.dense, &m.sums, s.pw)
	}
	score := sigmoid(z)
	if c.rules.flagged(m, s.pw) {
		// The rules of one scam type fired strongly, untouched by any
		// context that cancels them: such a listing is never legit, whatever
		// the model makes of the rest ("悬赏任务 新人首单送18元").
		score = max(score, c.cfg.SuspiciousThreshold)
	}
	v := scamhunt.Verdict{ID: l.ID, Label: c.cfg.label(score), Score: round(score), Categories: []string{}}
	e := evidence{c: c, s: s, l: &l}
	e.rules()
	if modeled {
		e.model()
	}
	if v.Label.Flagged() {
		v.Categories = e.categories()
		e.ensureSpan()
	}
	v.Reasons = e.sorted()
	return v
}

// HasEvidence reports whether the model may judge l: it has words to read
// and at least one piece of evidence towards scam (a scam type's or
// signal's rule, a word of money, earning or ease, or a contact; a word of
// work or of contact alone is none). Without evidence the rules alone score a listing, so a
// content-free line ("嘿嘿,那你看着办吧") is never flagged on the corpus's
// share of scams alone.
func (c *Classifier) HasEvidence(l scamhunt.Listing) bool {
	s := c.pool.Get().(*scratch)
	defer c.pool.Put(s)
	c.features(&l, s)
	if c.buckets == 0 {
		c.rules.structural(&l, s.views[:], &s.rm, s)
	}
	return c.rules.hasEvidence(&s.rm, &s.dense)
}
