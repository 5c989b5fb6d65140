package web

import (
	"cmp"
	"slices"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt"
)

// excerptRunes is how much text an evidence excerpt shows each side of the
// marked words.
const excerptRunes = 40

// fieldNames are the Chinese names of the listing fields reasons point at.
var fieldNames = map[string]string{
	"title": "标题", "body": "正文", "salary": "薪资", "company": "公司",
	"contact_person": "联系人", "location": "地点", "city": "城市", "category": "分类",
	"contacts": "联系方式", "text": "文本",
}

// fieldText is the text of the listing field a Reason names, by its JSON
// name. Fields that are not text (contacts, structure) have none.
func fieldText(l scamhunt.Listing, field string) (string, bool) {
	switch field {
	case "title":
		return l.Title, true
	case "body", "text":
		return l.Body, true
	case "salary":
		return l.SalaryText, true
	case "company":
		return l.Company, true
	case "contact_person":
		return l.ContactPerson, true
	case "location":
		return l.Location, true
	case "city":
		return l.City, true
	case "category":
		return l.Category, true
	}
	return "", false
}

// validSpan reports whether text[start:end] is a non-empty slice that
// starts and ends on rune boundaries. Offsets come from stored data and are
// trusted no further than this.
func validSpan(text string, start, end int) bool {
	if start < 0 || end <= start || end > len(text) {
		return false
	}
	return utf8.RuneStart(text[start]) && (end == len(text) || utf8.RuneStart(text[end]))
}

// markSpans splits text into spans with the valid ranges marked; invalid
// ranges are dropped and overlapping ones merged. Joining the spans' text
// gives text back.
func markSpans(text string, ranges [][2]int) []scamhunt.Span {
	var ok [][2]int
	for _, r := range ranges {
		if validSpan(text, r[0], r[1]) {
			ok = append(ok, r)
		}
	}
	slices.SortFunc(ok, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	var merged [][2]int
	for _, r := range ok {
		if n := len(merged); n > 0 && r[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	var out []scamhunt.Span
	at := 0
	for _, r := range merged {
		if r[0] > at {
			out = append(out, scamhunt.Span{Text: text[at:r[0]]})
		}
		out = append(out, scamhunt.Span{Text: text[r[0]:r[1]], Mark: true})
		at = r[1]
	}
	if at < len(text) {
		out = append(out, scamhunt.Span{Text: text[at:]})
	}
	return out
}

// excerpt shows text[start:end] marked with up to n runes of context each
// side, an ellipsis where text was cut. It returns nil for an invalid span.
func excerpt(text string, start, end, n int) []scamhunt.Span {
	if !validSpan(text, start, end) {
		return nil
	}
	from := start
	for i := 0; i < n && from > 0; i++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	to := end
	for i := 0; i < n && to < len(text); i++ {
		_, size := utf8.DecodeRuneInString(text[to:])
		to += size
	}
	var out []scamhunt.Span
	if from > 0 {
		out = append(out, scamhunt.Span{Text: "…"})
	}
	if from < start {
		out = append(out, scamhunt.Span{Text: text[from:start]})
	}
	out = append(out, scamhunt.Span{Text: text[start:end], Mark: true})
	if end < to {
		out = append(out, scamhunt.Span{Text: text[end:to]})
	}
	if to < len(text) {
		out = append(out, scamhunt.Span{Text: "…"})
	}
	return out
}

// reasonView is a Reason ready for a page: names resolved and, when its
// offsets are valid, the matched words marked in their context.
type reasonView struct {
	scamhunt.Reason
	CategoryName string
	FieldName    string
	Context      []scamhunt.Span // nil: show Match alone
}

func (e *explanations) reasonViews(l scamhunt.Listing, rs []scamhunt.Reason) []reasonView {
	out := make([]reasonView, 0, len(rs))
	for _, r := range rs {
		v := reasonView{Reason: r, CategoryName: e.categoryName(r.Category), FieldName: fieldNames[r.Field]}
		if v.FieldName == "" {
			v.FieldName = r.Field
		}
		if text, ok := fieldText(l, r.Field); ok {
			v.Context = excerpt(text, r.Start, r.End, excerptRunes)
		}
		out = append(out, v)
	}
	return out
}

// markedField is one field of a listing with every reason's words marked.
func markedField(l scamhunt.Listing, rs []scamhunt.Reason, field string) []scamhunt.Span {
	text, _ := fieldText(l, field)
	var ranges [][2]int
	for _, r := range rs {
		if r.Field == field || field == "body" && r.Field == "text" {
			ranges = append(ranges, [2]int{r.Start, r.End})
		}
	}
	return markSpans(text, ranges)
}
