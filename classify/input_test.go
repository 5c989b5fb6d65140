package classify_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/classify"
)

func TestReadLabelled(t *testing.T) {
	in := `{"id":"a","title":"刷单","body":"日结","salary":"300/天","company":"","city":"北京","url":"http://x.test/1","label":"scam","category":"shuadan","service_type":"ignored"}

{"id":"w","body":"凡是刷单都是诈骗","label":"legit","category":"warning","source":"http://police.test/1.html","source_type":"police bulletin","date":"2023-07","kind":"warning"}
{"id":"c","body":"先生,你要找工作吗?","label":"scam","category":"deposit","kind":"chat","context":true}
{"id":"b","title":"服务员","body":"餐厅","label":"legit","contacts":[{"kind":"phone","value":"+8613800138000","raw":"138-0013-8000"},"QQ 56793",{"kind":"qq","raw":"扣扣 7788123"},"no contact here"]}
`
	got, err := classify.ReadLabelled(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []classify.Example{
		{Listing: scamhunt.Listing{ID: "a", URL: "http://x.test/1", City: "北京", Title: "刷单", Body: "日结", SalaryText: "300/天"},
			Label: scamhunt.LabelScam, Category: "shuadan"},
		{Listing: scamhunt.Listing{ID: "w", Body: "凡是刷单都是诈骗"}, Label: scamhunt.LabelLegit, Category: "warning",
			Source: "http://police.test/1.html", SourceType: "police bulletin", Date: "2023-07", Kind: "warning"},
		{Listing: scamhunt.Listing{ID: "c", Body: "先生,你要找工作吗?"}, Label: scamhunt.LabelScam, Category: "deposit",
			Kind: "chat", Context: true},
		{Listing: scamhunt.Listing{ID: "b", Title: "服务员", Body: "餐厅", Contacts: []scamhunt.Contact{
			{Kind: scamhunt.ContactPhone, Value: "+8613800138000", Raw: "138-0013-8000"},
			{Kind: scamhunt.ContactQQ, Value: "56793", Raw: "QQ 56793"},
			{Kind: scamhunt.ContactQQ, Value: "7788123", Raw: "扣扣 7788123"},
		}}, Label: scamhunt.LabelLegit},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadLabelled (-want +got):\n%s", diff)
	}
}

func TestReadLabelledErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"id":"a","label":"scam"}` + "\n{", "line 2: unexpected end of JSON input"},
		{`{"id":"a","label":"spam"}`, `line 1: label "spam": want scam, suspicious or legit`},
		{`{"id":"a"}`, `line 1: label "": want scam, suspicious or legit`},
		{`{"id":"a","label":"scam","category":"phishing"}`, `line 1: category "phishing": want one of shuadan, baishi, deposit, typing, advance, review_extortion, downline, other`},
		{`{"id":"a","label":"scam","category":"other"}` + "\n" + `{"id":"b","label":"legit","category":"honest"}`, `line 2: a legit example has category "honest": want one of honest_ad, warning, message, news, chat`},
		{`{"id":"a","label":"legit","category":"deposit"}`, `line 1: a legit example has category "deposit": want one of honest_ad, warning, message, news, chat`},
		{`{"id":"a","label":"legit","category":"chat","context":true}`, "line 1: context is for scam texts only, this one is legit"},
		{`{"id":"a","label":"scam","contacts":[42]}`, "line 1: a contact must be an object {kind, value, raw} or a string"},
	}
	for _, c := range cases {
		_, err := classify.ReadLabelled(strings.NewReader(c.in))
		if err == nil || err.Error() != c.want {
			t.Errorf("ReadLabelled(%q) error = %v, want %q", c.in, err, c.want)
		}
	}
}

func TestInputListing(t *testing.T) {
	withURL := classify.Input{Title: "x", URL: "http://board.test/job/1"}.Listing()
	if withURL.ID != scamhunt.ListingID("http://board.test/job/1") {
		t.Errorf("ID from URL = %q, want ListingID of the URL", withURL.ID)
	}
	a := classify.Input{Title: "招聘", Body: "服务员"}.Listing()
	b := classify.Input{Title: "招聘", Body: "服务员"}.Listing()
	c := classify.Input{Title: "招聘", Body: "保安"}.Listing()
	if a.ID == "" || a.ID != b.ID || a.ID == c.ID {
		t.Errorf("IDs from text = %q, %q, %q: want stable and distinct per text", a.ID, b.ID, c.ID)
	}
	if a.Contacts != nil {
		t.Errorf("contacts = %v, want nil so Classify finds them in the text", a.Contacts)
	}
}
