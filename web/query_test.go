package web_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/web"
)

var parseQueryCases = []struct {
	name, raw string
	want      scamhunt.Query
	err       string
}{
	{name: "empty", raw: "", want: scamhunt.Query{Limit: 20}},
	{name: "words", raw: "q=+%E5%88%B7%E5%8D%95+%E8%BF%94%E5%88%A9+", want: scamhunt.Query{Text: "刷单 返利", Limit: 20}},
	{name: "phone", raw: "q=13812345678", want: scamhunt.Query{Contact: "13812345678", Limit: 20}},
	{name: "full-width phone", raw: "q=" + url.QueryEscape("１３８１２３４５６７８"), want: scamhunt.Query{Contact: "１３８１２３４５６７８", Limit: 20}},
	{name: "labelled qq", raw: "q=" + url.QueryEscape("QQ：12345678"), want: scamhunt.Query{Contact: "QQ：12345678", Limit: 20}},
	{name: "labelled wechat", raw: "q=" + url.QueryEscape("微信：abc_12345"), want: scamhunt.Query{Contact: "微信：abc_12345", Limit: 20}},
	{name: "words and phone", raw: "q=" + url.QueryEscape("拜师 电话13812345678"),
		want: scamhunt.Query{Text: "拜师", Contact: "拜师 电话13812345678", Limit: 20}},
	{name: "explicit contact keeps words", raw: "q=13812345678&contact=QQ+5678901",
		want: scamhunt.Query{Text: "13812345678", Contact: "QQ 5678901", Limit: 20}},
	{name: "filters", raw: "label=suspicious&category=shuadan,downline&category=shuadan&city=%E6%B7%B1%E5%9C%B3&site=ganji&sort=score",
		want: scamhunt.Query{Label: scamhunt.LabelSuspicious, Categories: []string{"shuadan", "downline"}, City: "深圳", Site: "ganji",
			Sort: scamhunt.SortScore, Limit: 20}},
	{name: "paging", raw: "page=4&limit=25", want: scamhunt.Query{Limit: 25, Offset: 75}},
	{name: "deepest page", raw: "page=101&limit=100", want: scamhunt.Query{Limit: 100, Offset: 10000}},
	{name: "since", raw: "since=2024-01-31", want: scamhunt.Query{Limit: 20, Since: time.Date(2024, 1, 30, 16, 0, 0, 0, time.UTC)}},
	{name: "same day", raw: "since=2024-01-31&until=2024-01-31", want: scamhunt.Query{Limit: 20,
		Since: time.Date(2024, 1, 30, 16, 0, 0, 0, time.UTC), Until: time.Date(2024, 1, 31, 16, 0, 0, 0, time.UTC)}},
	{name: "unknown params ignored", raw: "utm_source=x&facets=1", want: scamhunt.Query{Limit: 20}},

	{name: "bad label", raw: "label=fraud", err: `label: unknown "fraud"`},
	{name: "bad category", raw: "category=shuadan,evil", err: `category: unknown "evil"`},
	{name: "bad sort", raw: "sort=random", err: `sort: unknown "random"`},
	{name: "page zero", raw: "page=0", err: `page: "0" is not a number from 1 to 10001`},
	{name: "page word", raw: "page=two", err: `page: "two" is not a number from 1 to 10001`},
	{name: "limit too big", raw: "limit=1000", err: `limit: "1000" is not a number from 1 to 100`},
	{name: "too deep", raw: "page=502", err: "page: 502 is past the last 10000 results"},
	{name: "bad date", raw: "since=yesterday", err: "since: want a date like 2024-05-01"},
	{name: "until before since", raw: "since=2024-02-01&until=2024-01-01", err: "until: before since"},
	{name: "invalid utf-8", raw: "q=%FF", err: "q: not valid UTF-8"},
	{name: "control characters", raw: "city=a%00b", err: "city: contains control characters"},
	{name: "too long", raw: "q=" + strings.Repeat("x", 300), err: "q: longer than 256 bytes"},
}

func TestParseQuery(t *testing.T) {
	for _, tt := range parseQueryCases {
		t.Run(tt.name, func(t *testing.T) {
			v, err := url.ParseQuery(tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			got, err := web.ParseQuery(v)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzParseQuery feeds arbitrary query strings: parsing never panics and an
// accepted query is always within bounds and valid UTF-8.
func FuzzParseQuery(f *testing.F) {
	for _, tt := range parseQueryCases {
		f.Add(tt.raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := web.ParseQuery(v)
		if err != nil {
			return
		}
		if q.Limit < 1 || q.Limit > web.MaxLimit || q.Offset < 0 || q.Offset > web.MaxOffset || q.Offset%q.Limit != 0 {
			t.Errorf("paging out of bounds: limit %d offset %d", q.Limit, q.Offset)
		}
		if q.Label != "" && !q.Label.Valid() {
			t.Errorf("label %q", q.Label)
		}
		for _, c := range q.Categories {
			if !slices.Contains(scamhunt.Categories, c) {
				t.Errorf("category %q", c)
			}
		}
		switch q.Sort {
		case "", scamhunt.SortRelevance, scamhunt.SortScore, scamhunt.SortNewest:
		default:
			t.Errorf("sort %q", q.Sort)
		}
		for _, s := range []string{q.Contact, q.City, q.Site} {
			if !utf8.ValidString(s) || len(s) > 256 {
				t.Errorf("field %q invalid or too long", s)
			}
		}
		if !utf8.ValidString(q.Text) || strings.ContainsFunc(q.Text, unicode.IsControl) {
			t.Errorf("text %q", q.Text)
		}
		if !q.Until.IsZero() && !q.Until.After(q.Since) {
			t.Errorf("until %v not after since %v", q.Until, q.Since)
		}
	})
}
