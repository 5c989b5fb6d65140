package extract_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt/extract"
)

// TestCheck compares a profile with the generic extractor on one page:
// a selector that reads its field, one that matches nothing (the generic
// extractor fills in), and fields only the generic extractor reads.
func TestCheck(t *testing.T) {
	p := suggestBoard(5, "超市理货员 周末", "150元/天", "朝阳区红旗街", "13904317726", "超市理货，周末两天，包午餐，当天结算工资。")
	e, err := extract.New(extract.Profile{
		DetailURL: `^/city/cc/ad[0-9]+\.html$`,
		Detail:    extract.Fields{Title: "div.post-name", Salary: "span.pay", Location: `i:containsOwn("地点") + b`},
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := e.Check(p)
	if err != nil {
		t.Fatal(err)
	}
	if c.Kind != "detail" || c.GenericKind != "detail" {
		t.Errorf("kinds %s (%s) and %s (%s), want detail both", c.Kind, c.Why, c.GenericKind, c.GenericWhy)
	}
	got := map[string]extract.FieldCheck{}
	for _, f := range c.Fields {
		got[f.Field] = f
	}
	want := map[string]extract.FieldCheck{
		"title":    {Field: "title", Selector: "div.post-name", Profile: []string{"超市理货员 周末"}, Generic: "超市理货员 周末", How: "title", Used: "profile"},
		"salary":   {Field: "salary", Selector: "span.pay", Generic: "150元/天 (150 元/day)", How: "span", Used: "generic"},
		"location": {Field: "location", Selector: `i:containsOwn("地点") + b`, Profile: []string{"朝阳区红旗街"}, Generic: "朝阳区红旗街", How: "span", Used: "profile"},
		"phone":    {Field: "phone", Generic: "+8613904317726", How: "span", Used: "generic"},
		"qq":       {Field: "qq"},
	}
	for k, w := range want {
		if diff := cmp.Diff(w, got[k]); diff != "" {
			t.Errorf("field %s (-want +got):\n%s", k, diff)
		}
	}
	if len(c.Fields) != 13 {
		t.Errorf("%d fields, want all 13 of Fields", len(c.Fields))
	}
}
