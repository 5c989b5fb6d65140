package classify

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/scamhunt/scamhunt"
)

// DefaultLegitRatio is the total loss weight of the honest examples over
// that of the scam ones. Above 1 the model asks more evidence before it
// flags a text, whatever share of scams the corpus happens to hold: chosen
// by the grouped cross-validation of the real corpus (README, Measured);
// with the pasted honest synthetic ads (Synthetic) 1.5 keeps honest ads
// flagged below 3% at the best recall (2 lost recall and flagged no
// fewer warnings).
const DefaultLegitRatio = 1.5

// TrainOptions configures Train. The zero value of every field but Rules
// means its default.
type TrainOptions struct {
	Rules        *Rules  // required: rule sums are features
	Buckets      int     // n-gram hash buckets, a power of two; default 1<<18
	MaxN         int     // longest n-gram in runes; default 3
	Epochs       int     // passes over the data; default 40
	LearningRate float64 // AdaGrad step; default 0.2
	L2           float64 // n-gram weight decay; default 1e-2
	DenseL2      float64 // structural feature weight decay; default 3e-3
	RuleL2       float64 // pull of rule scales towards 1; default 1e-3
	MinCount     int     // n-grams in fewer training listings are ignored; default 2
	LegitRatio   float64 // honest examples' total loss weight over the scam examples'; default DefaultLegitRatio
	Seed         uint64  // shuffling seed; default 1
}

func (o TrainOptions) withDefaults() TrainOptions {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	if o.Buckets == 0 {
		o.Buckets = 1 << 18
	}
	if o.MaxN == 0 {
		o.MaxN = 3
	}
	if o.Epochs == 0 {
		o.Epochs = 40
	}
	if o.MinCount == 0 {
		o.MinCount = 2
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	def(&o.LearningRate, 0.2)
	def(&o.L2, 1e-2)
	def(&o.DenseL2, 3e-3)
	def(&o.RuleL2, 1e-3)
	def(&o.LegitRatio, DefaultLegitRatio)
	return o
}

// Validate reports options Train cannot use.
func (o TrainOptions) Validate() error {
	o = o.withDefaults()
	switch {
	case o.Rules == nil:
		return errors.New("train: no rules")
	case o.Buckets < 1<<10 || o.Buckets > 1<<24 || o.Buckets&(o.Buckets-1) != 0:
		return fmt.Errorf("train: buckets %d: want a power of two in [2^10, 2^24]", o.Buckets)
	case o.MaxN < 1 || o.MaxN > 5:
		return fmt.Errorf("train: max n %d: want 1..5", o.MaxN)
	case o.Epochs < 1 || o.Epochs > 10000:
		return fmt.Errorf("train: epochs %d: want 1..10000", o.Epochs)
	case o.MinCount < 1:
		return fmt.Errorf("train: min count %d: want >= 1", o.MinCount)
	}
	for _, v := range []float64{o.LearningRate, o.L2, o.DenseL2, o.RuleL2, o.LegitRatio} {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return errors.New("train: rates, decays and weights must be finite and >= 0")
		}
	}
	return nil
}

// vec is one example as the model sees it.
type vec struct {
	grams []gram
	scale float64
	dense [nDense]float64
	sums  [nCats]float64
	y     float64 // 1 scam, 0.5 suspicious, 0 legit
	w     float64
	typ   int     // category head class: a scam type or typeOther, -1 if none
	warn  float64 // 1 for a text that describes or warns about a scam
	pw    float64 // its warning probability, from a head not trained on it
	fold  int     // cross-fitting fold of its source
	// evidence: the classifier lets the model judge it (hasEvidence);
	// the scam head does not learn from the others, or it would learn to
	// flag emptiness.
	evidence bool
}

// Train fits a model to labelled examples. It is deterministic: examples
// are sorted by listing ID (then title and body) first and shuffled with a
// fixed seed, so the same examples and options give the same model
// whatever their order.
func Train(examples []Example, opts TrainOptions) (*Model, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	o := opts.withDefaults()
	if len(examples) == 0 {
		return nil, errors.New("train: no examples")
	}
	ex := slices.Clone(examples)
	slices.SortStableFunc(ex, func(a, b Example) int {
		return cmp.Or(cmp.Compare(a.Listing.ID, b.Listing.ID), cmp.Compare(a.Listing.Title, b.Listing.Title), cmp.Compare(a.Listing.Body, b.Listing.Body))
	})

	m := &Model{buckets: uint32(o.Buckets), maxN: o.MaxN}
	c := &Classifier{rules: o.Rules, buckets: m.buckets, maxN: m.maxN}
	s := newScratch()
	vecs := make([]vec, len(ex))
	df := make([]int32, o.Buckets)
	nScam := 0
	for i, e := range ex {
		v := &vecs[i]
		c.features(&e.Listing, s)
		v.grams = slices.Clone(s.grams)
		v.scale, v.dense, v.sums = s.scale, s.dense, s.rm.sums
		v.evidence = c.rules.hasEvidence(&s.rm, &s.dense)
		if e.Weight < 0 || math.IsNaN(e.Weight) || math.IsInf(e.Weight, 0) {
			return nil, fmt.Errorf("train: example %q: weight %v", e.Listing.ID, e.Weight)
		}
		v.w, v.typ = cmp.Or(e.Weight, 1), -1
		switch e.Label {
		case scamhunt.LabelScam:
			v.y = 1
			nScam++
		case scamhunt.LabelSuspicious:
			v.y = 0.5
		case scamhunt.LabelLegit:
			if e.Category == HonestWarning || e.Category == HonestNews {
				v.warn = 1
			}
		default:
			return nil, fmt.Errorf("train: example %q: label %q", e.Listing.ID, e.Label)
		}
		switch {
		case v.y == 0 || e.Category == "":
		case e.Category == CategoryOther:
			v.typ = typeOther
		default:
			v.typ = catIndex(e.Category)
			if v.typ < 0 || v.typ >= nTypes {
				return nil, fmt.Errorf("train: example %q: category %q", e.Listing.ID, e.Category)
			}
		}
		for _, g := range v.grams {
			df[g.bucket]++
		}
		v.fold = int(groupHash(e) % crossFits)
	}
	balance(vecs, o.LegitRatio)
	for i := range vecs {
		v := &vecs[i]
		v.grams = slices.DeleteFunc(v.grams, func(g gram) bool { return int(df[g.bucket]) < o.MinCount })
	}

	m.warn = trainWarn(vecs, o)
	m.scam = trainHead(vecs, o, headSpec{
		target: func(v *vec) (float64, float64) {
			if !v.evidence {
				return 0, 0
			}
			return v.y, v.w
		},
		ruleInit: 1, gated: true, seed: 0x5ca4,
	})
	m.cat = trainTypes(vecs, o)
	correct := 0
	for i := range vecs {
		v := &vecs[i]
		p := sigmoid(m.scam.logit(v.grams, v.scale, &v.dense, &v.sums, v.pw))
		if (p >= 0.5) == (v.y >= 0.5) {
			correct++
		}
	}
	m.info = TrainInfo{Examples: len(vecs), Scam: nScam, Epochs: o.Epochs, L2: o.L2, Seed: o.Seed,
		Accuracy: round(float64(correct) / float64(len(vecs)))}
	return m, nil
}

// balance scales the honest examples' weights so that they sum to ratio
// times the scam examples' (when there are both).
func balance(vecs []vec, ratio float64) {
	var scam, honest float64
	for _, v := range vecs {
		if v.y > 0 {
			scam += v.w
		} else {
			honest += v.w
		}
	}
	if scam == 0 || honest == 0 {
		return
	}
	k := ratio * scam / honest
	for i := range vecs {
		if vecs[i].y == 0 {
			vecs[i].w *= k
		}
	}
}

// crossFits is the number of parts the warning head is cross-fitted in.
const crossFits = 5

// groupHash is the hash of an example's source group (its ID when it has
// no source).
func groupHash(e Example) uint64 {
	h := fnv.New64a()
	if e.Source != "" {
		h.Write([]byte(SourceGroup(e.Source)))
	} else {
		h.Write([]byte("id:" + e.Listing.ID))
	}
	return h.Sum64()
}

// trainWarn trains the warning head on all vecs and sets each vec's pw
// from a head trained without its part (cross-fitting by source), so the
// scam head learns how far to trust the warning probability on texts the
// warning head has not seen.
func trainWarn(vecs []vec, o TrainOptions) head {
	spec := func(skip int) headSpec {
		return headSpec{seed: 0x3a7, warnOnly: true, target: func(v *vec) (float64, float64) {
			if v.fold == skip {
				return 0, 0
			}
			return v.warn, v.w * (1 + 2*v.warn)
		}}
	}
	hasWarn := slices.ContainsFunc(vecs, func(v vec) bool { return v.warn > 0 })
	if !hasWarn {
		return head{bias: -20, grams: make([]float32, o.Buckets)}
	}
	for k := range crossFits {
		h := trainHead(vecs, o, spec(k))
		for i := range vecs {
			if v := &vecs[i]; v.fold == k {
				v.pw = sigmoid(h.logit(v.grams, v.scale, &v.dense, &v.sums, 0))
			}
		}
	}
	return trainHead(vecs, o, spec(-1))
}

// adagrad is one weight's AdaGrad step.
func adagrad(w, acc *float64, grad, lr float64) {
	*acc += grad * grad
	*w -= lr * grad / (math.Sqrt(*acc) + 1e-8)
}

// headSpec says what a logistic head learns: its target and weight for
// each example, where its rule scales start and are pulled to, and whether
// the rule sums are gated by the example's warning probability.
type headSpec struct {
	target   func(v *vec) (y, w float64)
	ruleInit float64
	gated    bool
	// warnOnly heads weigh only the warning rules' sum: scam words are
	// what a warning and a scam share, not what tells them apart.
	warnOnly bool
	seed     uint64
}

// trainHead fits a logistic head to vecs (deterministic AdaGrad).
func trainHead(vecs []vec, o TrainOptions, sp headSpec) head {
	h := head{bias: sp.ruleInit * o.Rules.bias, grams: make([]float32, o.Buckets)}
	for i := range h.rules {
		h.rules[i] = sp.ruleInit
	}
	gw := make([]float64, o.Buckets)
	ga := make([]float64, o.Buckets)
	var ba, wa float64
	var da [nDense]float64
	var ra [nCats]float64
	rng := rand.New(rand.NewPCG(o.Seed, sp.seed))
	order := make([]int, len(vecs))
	for i := range order {
		order[i] = i
	}
	for range o.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			v := &vecs[i]
			y, w := sp.target(v)
			if w == 0 {
				continue
			}
			pw := 0.0
			if sp.gated {
				pw = v.pw
			}
			z := h.bias + h.warn*pw
			gs := 0.0
			for _, g := range v.grams {
				gs += gw[g.bucket] * v.scale
			}
			gg := gramGate(pw, gs)
			z += gs * gg
			var dg [nDense]float64
			for k, x := range v.dense {
				c, d := h.denseTerm(k, x, pw)
				z += c
				dg[k] = d
			}
			for k, x := range v.sums {
				z += h.rules[k] * x * gate(k, pw)
			}
			e := (sigmoid(z) - y) * w
			adagrad(&h.bias, &ba, e, o.LearningRate)
			if sp.gated {
				adagrad(&h.warn, &wa, e*pw+o.DenseL2*h.warn, o.LearningRate)
			}
			for _, g := range v.grams {
				adagrad(&gw[g.bucket], &ga[g.bucket], e*v.scale*gg+o.L2*gw[g.bucket], o.LearningRate)
			}
			for k, x := range v.dense {
				if x != 0 {
					adagrad(&h.dense[k], &da[k], e*dg[k]+o.DenseL2*h.dense[k], o.LearningRate)
				}
			}
			for k, x := range v.sums {
				if x != 0 && (!sp.warnOnly || k == catWarning) {
					adagrad(&h.rules[k], &ra[k], e*x*gate(k, pw)+o.RuleL2*(h.rules[k]-sp.ruleInit), o.LearningRate)
				}
			}
		}
	}
	for b, w := range gw {
		h.grams[b] = float32(w)
	}
	return h
}

func trainTypes(vecs []vec, o TrainOptions) catHead {
	var c catHead
	gw := make([]float64, o.Buckets*nHead)
	ga := make([]float64, o.Buckets*nHead)
	var ba [nHead]float64
	var da [nDense][nHead]float64
	var ra [nCats][nHead]float64
	var typed []int
	for i, v := range vecs {
		if v.typ >= 0 {
			typed = append(typed, i)
		}
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0xca7))
	for range o.Epochs {
		rng.Shuffle(len(typed), func(i, j int) { typed[i], typed[j] = typed[j], typed[i] })
		for _, i := range typed {
			v := &vecs[i]
			z := c.bias
			for _, g := range v.grams {
				w := gw[int(g.bucket)*nHead:]
				for k := range z {
					z[k] += w[k] * v.scale
				}
			}
			for d, x := range v.dense {
				for k := range z {
					z[k] += c.dense[d][k] * x
				}
			}
			for r, x := range v.sums {
				for k := range z {
					z[k] += c.rules[r][k] * x
				}
			}
			p := softmax(z)
			for k := range p {
				e := p[k]
				if k == v.typ {
					e--
				}
				adagrad(&c.bias[k], &ba[k], e, o.LearningRate)
				for _, g := range v.grams {
					j := int(g.bucket)*nHead + k
					adagrad(&gw[j], &ga[j], e*v.scale+o.L2*gw[j], o.LearningRate)
				}
				for d, x := range v.dense {
					if x != 0 {
						adagrad(&c.dense[d][k], &da[d][k], e*x+o.DenseL2*c.dense[d][k], o.LearningRate)
					}
				}
				for r, x := range v.sums {
					if x != 0 {
						adagrad(&c.rules[r][k], &ra[r][k], e*x+o.DenseL2*c.rules[r][k], o.LearningRate)
					}
				}
			}
		}
	}
	grams := make([]float32, len(gw))
	for j, w := range gw {
		grams[j] = float32(w)
	}
	c.setGrams(grams)
	return c
}
