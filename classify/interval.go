package classify

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
)

// bootstrapRounds is how many resamples of source groups flaggedInterval
// draws; over maxBootstrapGroups groups (a dataset of many sources, or of
// none, each text its own group) it takes the normal interval of the
// cluster-robust variance instead, which costs one pass and which so
// many groups make accurate.
const (
	bootstrapRounds    = 2000
	maxBootstrapGroups = 500
	z95                = 1.96 // the normal quantile of a two-sided 95% interval
)

// flaggedInterval returns a 95% interval for k flagged of n texts, whose
// texts and flagged texts per source group are bySource: the wider of a
// Wilson score interval over the texts and a percentile bootstrap over
// the source groups. The texts quoted from one page share its wording and its
// scam, so they are no independent draws: resampling whole pages gives
// the figure's spread over another sample of pages; with few pages the
// bootstrap says too little (one page: no spread at all) and the Wilson
// interval holds. Deterministic: the resamples are seeded by the groups.
func flaggedInterval(k, n int, bySource map[string][2]int) (lo, hi float64) {
	if n == 0 {
		return 0, 0
	}
	lo, hi = wilson(k, n)
	keys := make([]string, 0, len(bySource))
	for key := range bySource {
		keys = append(keys, key)
	}
	if len(keys) < 2 {
		return round(lo), round(hi)
	}
	if len(keys) > maxBootstrapGroups {
		clo, chi := clusterNormal(k, n, bySource)
		return round(min(lo, clo)), round(max(hi, chi))
	}
	slices.Sort(keys)
	counts := make([][2]int, len(keys))
	h := fnv.New64a()
	for i, key := range keys {
		counts[i] = bySource[key]
		h.Write([]byte(key))
		h.Write([]byte{0})
	}
	rng := rand.New(rand.NewPCG(h.Sum64(), 0x5ca4))
	shares := make([]float64, bootstrapRounds)
	for b := range shares {
		texts, flagged := 0, 0
		for range counts {
			c := counts[rng.IntN(len(counts))]
			texts, flagged = texts+c[0], flagged+c[1]
		}
		shares[b] = float64(flagged) / float64(texts)
	}
	slices.Sort(shares)
	blo := shares[int(0.025*bootstrapRounds)]
	bhi := shares[int(0.975*bootstrapRounds)-1]
	return round(min(lo, blo)), round(max(hi, bhi))
}

// wilson is the Wilson score interval (z95) for k of n.
func wilson(k, n int) (lo, hi float64) {
	const z = z95
	p, fn := float64(k)/float64(n), float64(n)
	d := 1 + z*z/fn
	mid := (p + z*z/(2*fn)) / d
	half := z * math.Sqrt(p*(1-p)/fn+z*z/(4*fn*fn)) / d
	return max(0, mid-half), min(1, mid+half)
}

// clusterNormal is the 95% normal interval for k of n whose texts come in
// the groups of bySource, with the cluster-robust (linearised) variance
// of a ratio: G/(G-1) * sum over groups of (flagged - p*texts)^2 / n^2.
func clusterNormal(k, n int, bySource map[string][2]int) (lo, hi float64) {
	p, g := float64(k)/float64(n), float64(len(bySource))
	var ss float64
	for _, c := range bySource {
		d := float64(c[1]) - p*float64(c[0])
		ss += d * d
	}
	se := math.Sqrt(g/(g-1)*ss) / float64(n)
	return max(0, p-z95*se), min(1, p+z95*se)
}
