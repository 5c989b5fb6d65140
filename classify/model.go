package classify

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
)

// ModelFormat names the model file format and the feature hashing it
// depends on; a model of another format is refused.
const ModelFormat = "scamhunt-classify-model/3 fnv1a-runes-digits0"

// nTypes is the number of scam types (the job-scam types of rules.yaml).
const nTypes = 7

// The category head tells the scam types apart, and from them the scams
// of no job type (CategoryOther: phishing, prize and impersonation SMS),
// so that it does not call a card-charge SMS the nearest job scam.
const (
	typeOther = nTypes     // the category head's class for CategoryOther
	nHead     = nTypes + 1 // the category head's classes
)

// headCategories are the category head's classes, as the model file
// names them.
var headCategories = append(slices.Clone(catNames[:nTypes]), CategoryOther)

// Model is the statistical half of the classifier. A logistic-regression
// head gives the probability that a text describes or warns about a scam
// rather than making the offer (a police warning, a news sentence); the
// scam head gives the scam logit from hashed character n-grams (1..MaxN),
// the structural features and the rule weight sum of each category, each
// sum gated by that probability, since a warning uses the scam's words
// without meaning them; a softmax head over the same features says which
// scam type a flagged listing is. Train makes one; LoadModel reads one
// back. A Model is immutable and safe for concurrent use.
type Model struct {
	buckets uint32
	maxN    int
	warn    head
	scam    head
	cat     catHead
	info    TrainInfo
}

// head is a logistic-regression head. In the scam head warn weighs the
// warning probability pw, and every rule sum but the warning rules' counts
// times 1-pw.
type head struct {
	bias  float64
	warn  float64
	dense [nDense]float64
	rules [nCats]float64
	grams []float32 // bucket -> weight
}

// catHead is the softmax head over the scam types and CategoryOther. Few
// buckets have weights for it (it learns from the scam examples with a
// category only), so they are kept sparse: idx the buckets in ascending
// order, w their weights (row i of nHead for bucket idx[i]). It is read
// only for flagged listings, and a dense table would be 7 MB, most of the
// model's load.
type catHead struct {
	bias  [nHead]float64
	dense [nDense][nHead]float64
	rules [nCats][nHead]float64
	idx   []uint32
	w     []float32
}

// row returns bucket b's weights, nil if it has none.
func (c *catHead) row(b uint32) []float32 {
	i, ok := slices.BinarySearch(c.idx, b)
	if !ok {
		return nil
	}
	return c.w[i*nHead : (i+1)*nHead]
}

// setGrams keeps the rows of the dense table grams (bucket*nHead + class)
// that have a weight.
func (c *catHead) setGrams(grams []float32) {
	c.idx, c.w = c.idx[:0], c.w[:0]
	for b := 0; b*nHead < len(grams); b++ {
		row := grams[b*nHead : (b+1)*nHead]
		if slices.ContainsFunc(row, func(w float32) bool { return w != 0 }) {
			c.idx = append(c.idx, uint32(b))
			c.w = append(c.w, row...)
		}
	}
}

// TrainInfo records how a model was trained.
type TrainInfo struct {
	Examples int     `json:"examples"`
	Scam     int     `json:"scam"`
	Epochs   int     `json:"epochs"`
	L2       float64 `json:"l2"`
	Seed     uint64  `json:"seed"`
	Accuracy float64 `json:"train_accuracy"`
}

// Info returns how the model was trained.
func (m *Model) Info() TrainInfo { return m.info }

// logit returns the head's logit for a listing whose warning probability
// is pw (0 for the warning head itself).
func (h *head) logit(grams []gram, scale float64, dense *[nDense]float64, sums *[nCats]float64, pw float64) float64 {
	z := h.bias + h.warn*pw
	var g float64
	for _, x := range grams {
		g += float64(h.grams[x.bucket])
	}
	z += g * scale * gramGate(pw, g)
	for i, x := range dense {
		c, _ := h.denseTerm(i, x, pw)
		z += c
	}
	for i, x := range sums {
		z += h.rules[i] * x * gate(i, pw)
	}
	return z
}

// denseTerm returns what structural feature i with value x adds to the
// head's logit for a listing with warning probability pw, and its
// derivative by the feature's weight. What a feature adds towards scam is
// gated as scam words are: a warning talks of money, links and
// exclamation marks as it quotes the scam ("不要刷单!不要刷单!"); what a
// feature takes away stays.
func (h *head) denseTerm(i int, x, pw float64) (c, grad float64) {
	c = h.dense[i] * x
	if c <= 0 || !gatedDense[i] {
		return c, x
	}
	return c * (1 - pw), x * (1 - pw)
}

// gatedDense marks the structural features whose push towards scam a
// warning discounts: the topics a warning shares with the scam it
// describes, and its tone (exclamation marks, emoji). Contacts, links,
// pay and the rest are not: a warning seldom has them, and discounting
// them on warnings in training teaches the model to weigh them more on
// everything else (gating them all tripled the honest fee-warning ads of
// ../shared flagged).
var gatedDense = func() (g [nDense]bool) {
	for i := featTopic; i <= featTopic+topicContact; i++ {
		g[i] = true
	}
	g[featEarnEasy], g[featEmoji], g[featExclaim] = true, true, true
	return g
}()

// gramGate is the share of the n-grams' sum g a listing with warning
// probability pw keeps: what they add towards scam is gated as scam words
// are.
func gramGate(pw, g float64) float64 {
	if g > 0 {
		return 1 - pw
	}
	return 1
}

// gate is the share of category k's rule sum a listing with warning
// probability pw keeps: the warning rules keep all of theirs.
func gate(k int, pw float64) float64 {
	if k == catWarning {
		return 1
	}
	return 1 - pw
}

// probs returns the softmax over the head's classes (headCategories).
func (c *catHead) probs(grams []gram, scale float64, dense *[nDense]float64, sums *[nCats]float64) [nHead]float64 {
	z := c.bias
	for _, x := range grams {
		if w := c.row(x.bucket); w != nil {
			for k := range z {
				z[k] += float64(w[k]) * scale
			}
		}
	}
	for i, x := range dense {
		if x != 0 {
			for k := range z {
				z[k] += c.dense[i][k] * x
			}
		}
	}
	for i, x := range sums {
		if x != 0 {
			for k := range z {
				z[k] += c.rules[i][k] * x
			}
		}
	}
	return softmax(z)
}

func softmax(z [nHead]float64) [nHead]float64 {
	mx := z[0]
	for _, v := range z {
		mx = max(mx, v)
	}
	var sum float64
	for k, v := range z {
		z[k] = math.Exp(v - mx)
		sum += z[k]
	}
	for k := range z {
		z[k] /= sum
	}
	return z
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// The JSON form of a model. N-gram weights are sparse: the buckets with a
// weight, ascending, and the weights.
type modelJSON struct {
	Format     string      `json:"format"`
	Buckets    uint32      `json:"buckets"`
	MaxN       int         `json:"max_n"`
	Dense      []string    `json:"dense"`
	RuleCats   []string    `json:"rule_categories"`
	Categories []string    `json:"categories"`
	Trained    TrainInfo   `json:"trained"`
	Warning    headJSON    `json:"warning"`
	Scam       headJSON    `json:"scam"`
	Category   catHeadJSON `json:"category"`
}

type headJSON struct {
	Bias  float64   `json:"bias"`
	Warn  float64   `json:"warning_weight,omitempty"`
	Dense []float64 `json:"dense"`
	Rules []float64 `json:"rules"`
	Idx   uint32s   `json:"gram_buckets"`
	W     float32s  `json:"gram_weights"`
}

type catHeadJSON struct {
	Bias  []float64   `json:"bias"`
	Dense [][]float64 `json:"dense"`
	Rules [][]float64 `json:"rules"`
	Idx   uint32s     `json:"gram_buckets"`
	W     float32Rows `json:"gram_weights"`
}

// MarshalJSON writes the model in its file format (configs/model.json).
// Weights are rounded to 4 decimals and n-gram weights below 1e-4 dropped;
// the output is deterministic.
func (m *Model) MarshalJSON() ([]byte, error) {
	j := modelJSON{
		Format: ModelFormat, Buckets: m.buckets, MaxN: m.maxN,
		Dense: denseNames[:], RuleCats: catNames[:], Categories: headCategories, Trained: m.info,
	}
	j.Warning, j.Scam = m.warn.json(), m.scam.json()
	c := &m.cat
	j.Category.Bias = roundAll(c.bias[:])
	for i := range c.dense {
		j.Category.Dense = append(j.Category.Dense, roundAll(c.dense[i][:]))
	}
	for i := range c.rules {
		j.Category.Rules = append(j.Category.Rules, roundAll(c.rules[i][:]))
	}
	for i, b := range c.idx {
		w := make([]float32, nHead)
		keep := false
		for k := range w {
			w[k] = round32(c.w[i*nHead+k])
			keep = keep || w[k] != 0
		}
		if keep {
			j.Category.Idx = append(j.Category.Idx, b)
			j.Category.W = append(j.Category.W, w)
		}
	}
	return json.Marshal(j)
}

func (h *head) json() headJSON {
	j := headJSON{Bias: round(h.bias), Warn: round(h.warn), Dense: roundAll(h.dense[:]), Rules: roundAll(h.rules[:])}
	for b, w := range h.grams {
		if w := round32(w); w != 0 {
			j.Idx = append(j.Idx, uint32(b))
			j.W = append(j.W, w)
		}
	}
	return j
}

// head builds a head from its JSON form.
func (j *headJSON) head(buckets uint32) (head, error) {
	if len(j.Dense) != nDense || len(j.Rules) != nCats || len(j.Idx) != len(j.W) {
		return head{}, errors.New("wrong shape")
	}
	h := head{bias: j.Bias, warn: j.Warn, grams: make([]float32, buckets)}
	copy(h.dense[:], j.Dense)
	copy(h.rules[:], j.Rules)
	if err := scatter(j.Idx, buckets, func(i int, b uint32) { h.grams[b] = j.W[i] }); err != nil {
		return head{}, err
	}
	return h, nil
}

// LoadModel reads a model written by MarshalJSON, checking its format,
// shape and that every weight is finite.
func LoadModel(data []byte) (*Model, error) {
	var j modelJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	m, err := j.model()
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	return m, nil
}

func (j *modelJSON) model() (*Model, error) {
	if j.Format != ModelFormat {
		return nil, fmt.Errorf("format %q, want %q", j.Format, ModelFormat)
	}
	if j.Buckets < 1<<10 || j.Buckets > 1<<24 || j.Buckets&(j.Buckets-1) != 0 {
		return nil, fmt.Errorf("buckets %d: want a power of two in [2^10, 2^24]", j.Buckets)
	}
	if j.MaxN < 1 || j.MaxN > 5 {
		return nil, fmt.Errorf("max_n %d: want 1..5", j.MaxN)
	}
	if !slices.Equal(j.Dense, denseNames[:]) {
		return nil, fmt.Errorf("dense features %v, want %v", j.Dense, denseNames)
	}
	if !slices.Equal(j.RuleCats, catNames[:]) || !slices.Equal(j.Categories, headCategories) {
		return nil, errors.New("categories differ from this version's")
	}
	m := &Model{buckets: j.Buckets, maxN: j.MaxN, info: j.Trained}
	var err error
	if m.warn, err = j.Warning.head(j.Buckets); err != nil {
		return nil, fmt.Errorf("warning head: %w", err)
	}
	if m.scam, err = j.Scam.head(j.Buckets); err != nil {
		return nil, fmt.Errorf("scam head: %w", err)
	}
	c := &j.Category
	if len(c.Bias) != nHead || len(c.Dense) != nDense || len(c.Rules) != nCats || len(c.Idx) != len(c.W) {
		return nil, errors.New("category head: wrong shape")
	}
	copy(m.cat.bias[:], c.Bias)
	for i, row := range c.Dense {
		if len(row) != nHead {
			return nil, errors.New("category head: wrong shape")
		}
		copy(m.cat.dense[i][:], row)
	}
	for i, row := range c.Rules {
		if len(row) != nHead {
			return nil, errors.New("category head: wrong shape")
		}
		copy(m.cat.rules[i][:], row)
	}
	m.cat.idx, m.cat.w = c.Idx, make([]float32, 0, len(c.W)*nHead)
	var shapeErr error
	err = scatter(c.Idx, j.Buckets, func(i int, b uint32) {
		if len(c.W[i]) != nHead {
			shapeErr = errors.New("category head: wrong shape")
			return
		}
		m.cat.w = append(m.cat.w, c.W[i]...)
	})
	if err = errors.Join(err, shapeErr); err != nil {
		return nil, err
	}
	if !m.finite() {
		return nil, errors.New("non-finite weight")
	}
	return m, nil
}

// scatter calls set for each bucket of idx, which must ascend and be below
// n.
func scatter(idx []uint32, n uint32, set func(i int, b uint32)) error {
	for i, b := range idx {
		if b >= n || (i > 0 && b <= idx[i-1]) {
			return fmt.Errorf("gram bucket %d out of order or range", b)
		}
		set(i, b)
	}
	return nil
}

func (m *Model) finite() bool {
	ok := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	all := func(vs ...float64) bool { return !slices.ContainsFunc(vs, func(v float64) bool { return !ok(v) }) }
	all32 := func(vs []float32) bool {
		return !slices.ContainsFunc(vs, func(v float32) bool { return !ok(float64(v)) })
	}
	for _, h := range []*head{&m.warn, &m.scam} {
		if !all(h.bias, h.warn) || !all(h.dense[:]...) || !all(h.rules[:]...) || !all32(h.grams) {
			return false
		}
	}
	c := &m.cat
	if !all(c.bias[:]...) || !all32(c.w) {
		return false
	}
	for i := range c.dense {
		if !all(c.dense[i][:]...) {
			return false
		}
	}
	for i := range c.rules {
		if !all(c.rules[i][:]...) {
			return false
		}
	}
	return true
}

func round(v float64) float64 { return math.Round(v*1e4) / 1e4 }

func round32(v float32) float32 { return float32(math.Round(float64(v)*1e4) / 1e4) }

func roundAll(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = round(x)
	}
	return out
}
