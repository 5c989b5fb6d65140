package web

import (
	"cmp"
	"slices"
	"strings"

	"github.com/scamhunt/scamhunt"
)

// Tones of an answer to the public, worst first. They decide the colour,
// the badge and whether the next steps show; no tone is green.
const (
	toneScam       = "scam"
	toneSuspicious = "suspicious"
	toneCaution    = "caution" // below the thresholds, but a scam type's reasons add up
	toneClear      = "clear"   // below the thresholds, no scam type: not "safe"
	toneUnknown    = "unknown" // no valid label
)

// toneNames are the badges of the tones.
var toneNames = map[string]string{
	toneScam: "骗局", toneSuspicious: "可疑", toneCaution: "有可疑之处", toneClear: "未见骗局特征", toneUnknown: "未判定",
}

// scamTypeMin is how much weight one scam type's reasons must add up to
// before a listing below the thresholds is shown as having something
// suspicious about it. It is the bundled rules' category_min, the weight at
// which the classifier names a scam type in a flagged verdict: one rule at
// full strength reaches it, a word the rules discounted as a warning ("谨防
// 刷单") does not.
const scamTypeMin = 2

// Bounds of what a verdict shows.
const (
	summarySigns     = 3  // sign titles in the one-line summary
	firstSigns       = 5  // signs a page lists before folding the rest away
	signExcerptRunes = 12 // context each side of a sign's matched words
	signMatches      = 2  // matched words kept per sign
	summaryScamTypes = 2  // scam types named in a summary
)

// sign is one reason rule as the public reads it: the reasons of a rule
// (up to three occurrences, or the model's several words) grouped, with its
// plain-Chinese title and why, its strongest weight and the words it
// matched.
type sign struct {
	Rule         string   `json:"rule"`
	Category     string   `json:"category"`
	CategoryName string   `json:"category_name"`
	Title        string   `json:"title"`
	Why          string   `json:"why"`
	Weight       float64  `json:"weight"`
	Matches      []string `json:"matches,omitempty"`
	// Excerpts are the matches marked in their context, when the reasons'
	// offsets point into the text at hand.
	Excerpts [][]scamhunt.Span `json:"-"`
}

// assessment is what the public is told about a verdict: its tone, a
// one-line summary built from the strongest signs, a caveat where the
// answer is not a finding, every sign explained and, when anything looks
// like a scam, what to do next.
type assessment struct {
	Tone      string `json:"tone"`
	Summary   string `json:"summary"`
	Caveat    string `json:"caveat,omitempty"`
	Signs     []sign `json:"explanations"` // every reason rule, strongest first
	ActNow    string `json:"act_now,omitempty"`
	NextSteps []Step `json:"next_steps,omitempty"`

	Shown   []sign `json:"-"` // the signs a page lists for this tone
	More    []sign `json:"-"` // the rest of them, folded away
	Against []sign `json:"-"` // signs that lowered the score
}

// Warns reports whether the tone calls for the next steps.
func (a assessment) Warns() bool { return warns(a.Tone) }

// toneRank orders the tones, worst first.
func toneRank(tone string) int {
	return slices.Index([]string{toneScam, toneSuspicious, toneCaution, toneClear, toneUnknown}, tone)
}

func warns(tone string) bool {
	return tone == toneScam || tone == toneSuspicious || tone == toneCaution
}

// strongestScamType returns the scam type whose reasons add up most and
// whether that reaches scamTypeMin.
func strongestScamType(rs []scamhunt.Reason) (string, bool) {
	sums := map[string]float64{}
	for _, r := range rs {
		if slices.Contains(scamhunt.Categories, r.Category) {
			sums[r.Category] += r.Weight
		}
	}
	best := ""
	for _, c := range scamhunt.Categories {
		if sums[c] > sums[best] {
			best = c
		}
	}
	return best, best != "" && sums[best] >= scamTypeMin
}

// toneOf is the tone for a label and its reasons. A person's legit label
// stands: they read the listing.
func toneOf(label scamhunt.Label, rs []scamhunt.Reason, human bool) string {
	switch label {
	case scamhunt.LabelScam:
		return toneScam
	case scamhunt.LabelSuspicious:
		return toneSuspicious
	case scamhunt.LabelLegit:
		if _, fired := strongestScamType(rs); fired && !human {
			return toneCaution
		}
		return toneClear
	}
	return toneUnknown
}

// signs groups reasons by rule (and category) and explains each group,
// strongest first. Excerpts come from l's fields where the offsets fit.
func (e *explanations) signs(l scamhunt.Listing, rs []scamhunt.Reason) []sign {
	var out []sign
	at := map[string]int{}
	for _, r := range rs {
		key := r.Rule + "\x00" + r.Category
		i, ok := at[key]
		if !ok {
			t := e.reason(r.Rule, r.Category)
			i = len(out)
			at[key] = i
			out = append(out, sign{Rule: r.Rule, Category: r.Category, CategoryName: e.categoryName(r.Category),
				Title: t.Title, Why: t.Why, Weight: r.Weight})
		}
		s := &out[i]
		if r.Weight > s.Weight {
			s.Weight = r.Weight
		}
		if m := strings.TrimSpace(r.Match); m != "" && !slices.Contains(s.Matches, m) && len(s.Matches) < signMatches {
			s.Matches = append(s.Matches, m)
			if text, ok := fieldText(l, r.Field); ok {
				if x := excerpt(text, r.Start, r.End, signExcerptRunes); x != nil {
					s.Excerpts = append(s.Excerpts, x)
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b sign) int { return cmp.Compare(b.Weight, a.Weight) })
	return out
}

// assess explains a verdict (label, scam types, reasons) on listing l to
// the public; human says the label is a person's.
func (e *explanations) assess(l scamhunt.Listing, label scamhunt.Label, cats []string, rs []scamhunt.Reason, human bool) assessment {
	a := assessment{Tone: toneOf(label, rs, human), Signs: e.signs(l, rs)}
	if a.Signs == nil {
		a.Signs = []sign{}
	}
	for _, s := range a.Signs {
		switch {
		case s.Weight < 0:
			a.Against = append(a.Against, s)
		case s.Weight > 0 && (warns(a.Tone) || s.Category == signalCategory):
			a.Shown = append(a.Shown, s)
		}
	}
	a.Summary = e.summary(a.Tone, cats, shownTitles(a.Shown), human)
	if len(a.Shown) > firstSigns {
		a.Shown, a.More = a.Shown[:firstSigns], a.Shown[firstSigns:]
	}
	switch a.Tone {
	case toneClear:
		a.Caveat = e.Caveats.Clear
	case toneCaution:
		a.Caveat = e.Caveats.Caution
	}
	if a.Warns() {
		a.ActNow, a.NextSteps = e.ActNow, e.NextSteps
	}
	return a
}

// shownTitles are the titles of the first signs a summary names.
func shownTitles(shown []sign) []string {
	var titles []string
	for _, s := range shown[:min(len(shown), summarySigns)] {
		titles = append(titles, s.Title)
	}
	return titles
}

// summary is the verdict's first line: "这很可能是刷单返利诈骗：…。"
func (e *explanations) summary(tone string, cats, titles []string, human bool) string {
	var names []string
	for _, c := range cats {
		if slices.Contains(scamhunt.Categories, c) && len(names) < summaryScamTypes {
			names = append(names, e.scamName(c))
		}
	}
	var b strings.Builder
	switch tone {
	case toneScam:
		b.WriteString("这很可能是")
		if len(names) > 0 {
			b.WriteString(strings.Join(names, "或"))
		} else {
			b.WriteString("骗局")
		}
	case toneSuspicious:
		b.WriteString("这条信息有可疑之处")
		if len(names) > 0 {
			b.WriteString("，可能是" + strings.Join(names, "或"))
		}
	case toneCaution:
		b.WriteString("这条信息有可疑之处")
	case toneClear:
		if human {
			return "管理员复核后认为这条信息没有问题。"
		}
		return "未发现明显骗局特征。"
	default:
		return "这条信息还没有结论。"
	}
	if len(titles) > 0 {
		b.WriteString("：" + strings.Join(titles, "；"))
	}
	b.WriteString("。")
	return b.String()
}
