package scamhunt

// Label is the triage outcome for a listing.
type Label string

// The labels a verdict or a human can give.
const (
	LabelScam       Label = "scam"
	LabelSuspicious Label = "suspicious"
	LabelLegit      Label = "legit"
)

// Valid reports whether l is one of the known labels.
func (l Label) Valid() bool {
	return l == LabelScam || l == LabelSuspicious || l == LabelLegit
}

// Flagged reports whether the label marks the listing for attention.
func (l Label) Flagged() bool { return l == LabelScam || l == LabelSuspicious }

// Categories are the scam types of SCAM_TYPES.md, in display order.
var Categories = []string{"shuadan", "baishi", "deposit", "typing", "advance", "review_extortion", "downline"}

// CategoryNames gives each category its Chinese display name.
var CategoryNames = map[string]string{
	"shuadan":          "刷单返利",
	"baishi":           "拜师收徒",
	"deposit":          "先交费用",
	"typing":           "打字手工",
	"advance":          "垫付充值",
	"review_extortion": "水军差评",
	"downline":         "拉人头",
}

// Reason is one piece of evidence behind a verdict: which rule or model
// feature fired, on which field and words, with what weight. Start and End
// are byte offsets of Match in the field's original text (End 0: no span,
// as for structural features).
type Reason struct {
	Rule     string  `json:"rule"`
	Category string  `json:"category"`
	Weight   float64 `json:"weight"`
	Field    string  `json:"field"`
	Match    string  `json:"match"`
	Start    int     `json:"start,omitempty"`
	End      int     `json:"end,omitempty"`
	Note     string  `json:"note,omitempty"`
}

// Verdict is the classifier's triage of one listing. Score is in [0,1].
type Verdict struct {
	ID         string   `json:"id"`
	Label      Label    `json:"label"`
	Score      float64  `json:"score"`
	Categories []string `json:"categories"`
	Reasons    []Reason `json:"reasons"`
}
