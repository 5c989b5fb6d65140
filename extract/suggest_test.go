package extract_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/extract"
)

// suggestBoard renders a detail page of a board whose layout no rule of
// the generic extractor names: values in <b class="v"> after <i> labels, the
// headline in a div, the description in a section.
func suggestBoard(id int, title, pay, area, phone, desc string) scamhunt.Page {
	body := fmt.Sprintf(`<html><head><meta charset="utf-8"><title>%s_兼职_帮帮网</title></head><body>
<div class="hdr"><a href="/">帮帮网</a></div>
<div class="post"><div class="post-name">%s</div>
<p class="f"><i>工资</i><b class="v">%s</b></p>
<p class="f"><i>地点</i><b class="v">%s</b></p>
<p class="f"><i>电话</i><b class="v">%s</b></p>
<section class="txt"><p>%s</p></section></div>
<div class="ft">帮帮网 客服 400-800-1234</div></body></html>`, title, title, pay, area, phone, desc)
	return scamhunt.Page{URL: fmt.Sprintf("http://bang.test/city/cc/ad%d.html", id), Status: 200, Body: []byte(body), FetchedAt: fetched}
}

// TestSuggest proposes a profile from two pages of a board and checks it
// reads a third page of the same board, field by field, by its selectors.
func TestSuggest(t *testing.T) {
	pages := []scamhunt.Page{
		suggestBoard(101, "超市理货员 周末", "150元/天", "朝阳区红旗街", "13904317726", "超市理货，周末两天，包午餐，当天结算工资。"),
		suggestBoard(2205, "奶茶店店员 晚班", "20元/小时", "南岗区学府路", "15567093312", "点单和制作饮品，晚上六点到十点，有培训。"),
	}
	s, err := extract.Suggest(pages)
	if err != nil {
		t.Fatal(err)
	}
	want := extract.Profile{
		SiteName:  "帮帮网",
		DetailURL: `^/city/cc/ad[0-9]+\.html$`,
		Detail: extract.Fields{
			Title:    "div.post-name",
			Salary:   `i:containsOwn("工资") + b`,
			Location: `i:containsOwn("地点") + b`,
			Phone:    `i:containsOwn("电话") + b`,
			Body:     "section.txt",
		},
	}
	if diff := cmp.Diff(want, s.Profile); diff != "" {
		t.Errorf("Suggest profile (-want +got):\n%s", diff)
	}
	for _, f := range s.Fields {
		if f.Field == "salary" && (len(f.Values) != 2 || f.Values[0] != "150元/天" || f.Values[1] != "20元/小时") {
			t.Errorf("salary values %q", f.Values)
		}
	}
	e, err := extract.New(s.Profile)
	if err != nil {
		t.Fatal(err)
	}
	third := suggestBoard(37, "发传单 日结", "120元/天", "重庆路", "18904419235", "商场门口派发传单，每天四小时，工资当天现结。")
	ex, err := e.Extract(third)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Kind != scamhunt.KindDetail || len(ex.Listings) != 1 {
		t.Fatalf("third page: %s (%s)", ex.Kind, ex.Why)
	}
	l := ex.Listings[0]
	got := []string{l.Title, l.SalaryText, l.Location, l.Contacts[0].Value, l.Body, l.Methods["title"], l.Methods["salary"], l.Methods["phone"]}
	wantGot := []string{"发传单 日结", "120元/天", "重庆路", "+8618904419235", "商场门口派发传单，每天四小时，工资当天现结。", "profile", "profile", "profile"}
	if diff := cmp.Diff(wantGot, got); diff != "" {
		t.Errorf("third page by the suggested profile (-want +got):\n%s", diff)
	}
}

func TestSuggestRefusesNonDetail(t *testing.T) {
	news := scamhunt.Page{URL: "http://bang.test/news/1.html", Status: 200, Body: []byte("<html><body><p>网站公告</p></body></html>"), FetchedAt: fetched}
	if _, err := extract.Suggest([]scamhunt.Page{news}); err == nil {
		t.Error("Suggest accepted a page that is no ad")
	}
	if _, err := extract.Suggest(nil); err == nil {
		t.Error("Suggest accepted no pages")
	}
}
