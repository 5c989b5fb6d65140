package web

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt"
)

// lookupResidue is how many runes besides its contacts (and words such as
// "微信", "电话") a paste may hold and still be answered as a contact lookup
// rather than judged as an ad: "这个号码可靠吗 138…" is a lookup.
const lookupResidue = 8

// contactOnly reports whether a paste is only contacts: it has some, says
// little else, and no scam type's reasons fired on it.
func contactOnly(text string, cs []scamhunt.Contact, rs []scamhunt.Reason) bool {
	if len(cs) == 0 {
		return false
	}
	if _, fired := strongestScamType(rs); fired {
		return false
	}
	return utf8.RuneCountInString(strings.ReplaceAll(residue(text, cs), " ", "")) <= lookupResidue
}

// count is one value of a lookup's breakdown, for pages.
type count struct {
	Name  string
	Count int
}

// contactLookup is what the index knows about one contact: how many
// listings carry it, with their labels, scam types and cities.
type contactLookup struct {
	scamhunt.Contact
	Listings   int            `json:"listings"`
	Labels     map[string]int `json:"labels"`
	Categories map[string]int `json:"categories"`
	Cities     map[string]int `json:"cities"`
	Headline   string         `json:"headline"`
	// Failed says the lookup failed, so nothing is known.
	Failed bool `json:"failed,omitempty"`

	Tone        string  `json:"tone"`
	CityList    []count `json:"-"` // most listings first
	ScamTypes   []count `json:"-"`
	LabelCounts []count `json:"-"` // worst label first
}

// lookupResult answers a paste that is only contacts: a lookup of each in
// the index, never a verdict on an ad.
type lookupResult struct {
	Headline  string          `json:"headline"`
	Tone      string          `json:"tone"` // the worst of the contacts' tones
	Found     bool            `json:"found"`
	Contacts  []contactLookup `json:"contacts"`
	Caveat    string          `json:"caveat"`
	ActNow    string          `json:"act_now,omitempty"`
	NextSteps []Step          `json:"next_steps,omitempty"`
}

// kindNouns name a contact in a headline ("此号码").
var kindNouns = map[scamhunt.ContactKind]string{
	scamhunt.ContactPhone: "此号码", scamhunt.ContactQQ: "此QQ号", scamhunt.ContactWeChat: "此微信号",
	scamhunt.ContactEmail: "此邮箱", scamhunt.ContactURL: "此网址", scamhunt.ContactTelegram: "此Telegram账号",
}

func kindNoun(k scamhunt.ContactKind) string {
	if n := kindNouns[k]; n != "" {
		return n
	}
	return "此联系方式"
}

// newContactLookup reads a contact's search result: its total and its
// label, category and city facets or, from a backend that gave no facets,
// its hits when they are all of them.
func (e *explanations) newContactLookup(c scamhunt.Contact, res scamhunt.Result) contactLookup {
	cl := contactLookup{Contact: c, Listings: res.Total,
		Labels: facetMap(res.Facets["label"]), Categories: facetMap(res.Facets["category"]), Cities: facetMap(res.Facets["city"])}
	if len(cl.Labels) == 0 && res.Total > 0 && len(res.Hits) == res.Total {
		for _, h := range res.Hits {
			cl.Labels[string(h.Label)]++
			for _, cat := range h.Categories {
				cl.Categories[cat]++
			}
			cl.Cities[h.City]++
		}
	}
	delete(cl.Cities, "")
	labelled := len(cl.Labels) > 0
	cl.CityList = counts(cl.Cities, func(v string) string { return v })
	cl.ScamTypes = counts(cl.Categories, e.categoryName)
	for _, l := range []scamhunt.Label{scamhunt.LabelScam, scamhunt.LabelSuspicious, scamhunt.LabelLegit} {
		if n := cl.Labels[string(l)]; n > 0 {
			cl.LabelCounts = append(cl.LabelCounts, count{Name: labelName(l), Count: n})
		}
	}
	scams, suspicious := cl.Labels[string(scamhunt.LabelScam)], cl.Labels[string(scamhunt.LabelSuspicious)]
	switch {
	case scams > 0:
		cl.Tone = toneScam
	case suspicious > 0:
		cl.Tone = toneSuspicious
	case cl.Listings > 0:
		cl.Tone = toneClear
	default:
		cl.Tone = toneUnknown
	}
	cl.Headline = headline(c.Kind, cl.Listings, scams, suspicious, len(cl.Cities), labelled)
	return cl
}

// headline says in one line what the index knows of a contact:
// "此号码出现在 6 条骗局信息中，涉及 6 个城市". Without labels (labelled
// false) it says only how many listings carry it.
func headline(k scamhunt.ContactKind, total, scams, suspicious, cities int, labelled bool) string {
	noun := kindNoun(k)
	if total == 0 {
		return noun + "未收录"
	}
	var s string
	switch {
	case !labelled:
		s = fmt.Sprintf("%s出现在 %d 条信息中", noun, total)
	case scams == total:
		s = fmt.Sprintf("%s出现在 %d 条骗局信息中", noun, total)
	case scams+suspicious > 0:
		var parts []string
		if scams > 0 {
			parts = append(parts, fmt.Sprintf("%d 条是骗局", scams))
		}
		if suspicious > 0 {
			parts = append(parts, fmt.Sprintf("%d 条可疑", suspicious))
		}
		s = fmt.Sprintf("%s出现在 %d 条信息中，其中 %s", noun, total, strings.Join(parts, "、"))
	default:
		s = fmt.Sprintf("%s出现在 %d 条信息中，都没有被判定为骗局或可疑", noun, total)
	}
	if cities > 0 {
		s += fmt.Sprintf("，涉及 %d 个城市", cities)
	}
	return s
}

// lookup puts the contacts' lookups together under one headline.
func (e *explanations) lookup(cls []contactLookup) *lookupResult {
	lr := &lookupResult{Contacts: cls, Caveat: e.Caveats.Lookup, Tone: toneUnknown}
	found := 0
	for _, cl := range cls {
		if cl.Listings > 0 {
			found++
		}
		if toneRank(cl.Tone) < toneRank(lr.Tone) {
			lr.Tone = cl.Tone
		}
	}
	lr.Found = found > 0
	switch {
	case len(cls) == 1:
		lr.Headline = cls[0].Headline
	case found == 0:
		lr.Headline = fmt.Sprintf("这 %d 个联系方式都未收录", len(cls))
	default:
		lr.Headline = fmt.Sprintf("这 %d 个联系方式中有 %d 个出现在已收录的信息里", len(cls), found)
	}
	if !lr.Found {
		lr.Caveat = e.Caveats.Unlisted + e.Caveats.Lookup
	}
	if warns(lr.Tone) {
		lr.ActNow, lr.NextSteps = e.ActNow, e.NextSteps
	}
	return lr
}

func facetMap(fcs []scamhunt.FacetCount) map[string]int {
	m := map[string]int{}
	for _, fc := range fcs {
		m[fc.Value] += fc.Count
	}
	return m
}

// counts orders a breakdown by count, then name.
func counts(m map[string]int, name func(string) string) []count {
	out := make([]count, 0, len(m))
	for v, n := range m {
		out = append(out, count{Name: name(v), Count: n})
	}
	slices.SortFunc(out, func(a, b count) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name))
	})
	return out
}
