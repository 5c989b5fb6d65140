package classify_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/classify"
)

// gang is five listings of one gang: one phone, written differently, on two
// sites in three cities; and one unrelated listing.
func gang() []scamhunt.Record {
	rec := func(id, site, city, body string) scamhunt.Record {
		return scamhunt.Record{
			Listing: scamhunt.Listing{ID: id, Site: site, City: city, Title: "招聘", Body: body},
			Verdict: scamhunt.Verdict{ID: id, Label: scamhunt.LabelLegit, Score: 0.1},
		}
	}
	return []scamhunt.Record{
		rec("g1", "a.test", "北京", "打字员，电话 13800138000"),
		rec("g2", "a.test", "上海", "录入员，联系 138-0013-8000"),
		rec("g3", "b.test", "广州", "抄写员，手机：138 0013 8000"),
		rec("g4", "b.test", "北京", "手工活，电话13800138000"),
		rec("other", "a.test", "北京", "服务员，电话 13912345678"),
	}
}

func TestReputationSharedContact(t *testing.T) {
	r := classify.NewReputation(gang(), nil, nil, classify.ReputationConfig{})
	l := scamhunt.Listing{ID: "g5", Site: "c.test", City: "深圳", Body: "在家打字，联系电话：13800138000"}
	v := scamhunt.Verdict{ID: "g5", Label: scamhunt.LabelLegit, Score: 0.1, Categories: []string{}, Reasons: []scamhunt.Reason{}}
	got := r.Adjust(l, v)
	if got.Score <= v.Score {
		t.Errorf("score %v -> %v, want raised", v.Score, got.Score)
	}
	want := scamhunt.Reason{
		Rule: classify.RuleShared, Category: classify.CategorySignal, Weight: 1.5, Field: "body", Match: "13800138000",
		Start: strings.Index(l.Body, "1380"), End: len(l.Body),
		Note: "contact shared by 5 listings on 3 sites in 4 cities; others: g1, g2, g3, g4",
	}
	if diff := cmp.Diff([]scamhunt.Reason{want}, got.Reasons); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	other := r.Adjust(scamhunt.Listing{ID: "x", Body: "电话 13912345678"}, v)
	if diff := cmp.Diff(v, other); diff != "" {
		t.Errorf("a contact on one other listing changed the verdict (-want +got):\n%s", diff)
	}
}

func TestReputationConfirmedScam(t *testing.T) {
	recs := gang()
	recs[1].Override = &scamhunt.Override{Label: scamhunt.LabelScam, Note: "reported"}
	r := classify.NewReputation(recs, nil, nil, classify.ReputationConfig{MinListings: 100, MinSites: 100, MinCities: 100})
	l := scamhunt.Listing{ID: "g5", Body: "电话：13800138000"}
	got := r.Adjust(l, scamhunt.Verdict{ID: "g5", Label: scamhunt.LabelLegit, Score: 0.2})
	if got.Label != scamhunt.LabelScam {
		t.Errorf("label = %s (score %v), want scam", got.Label, got.Score)
	}
	if len(got.Reasons) != 1 || got.Reasons[0].Rule != classify.RuleScamTie || !strings.Contains(got.Reasons[0].Note, "g2") {
		t.Errorf("reasons = %+v, want one %s naming g2", got.Reasons, classify.RuleScamTie)
	}
}

func TestReputationLists(t *testing.T) {
	block, err := classify.ParseContactList([]byte("# known gangs\n\n加V: Fanli_777\n"))
	if err != nil {
		t.Fatal(err)
	}
	allow, err := classify.ParseContactList([]byte("138-0013-8000\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := classify.NewReputation(gang(), allow, block, classify.ReputationConfig{})
	v := scamhunt.Verdict{ID: "x", Label: scamhunt.LabelLegit, Score: 0.05}

	blocked := r.Adjust(scamhunt.Listing{ID: "x", Body: "兼职日结，微信：fanli_777"}, v)
	if blocked.Label != scamhunt.LabelScam || len(blocked.Reasons) != 1 || blocked.Reasons[0].Rule != classify.RuleBlocked {
		t.Errorf("blocked contact verdict = %s %+v, want scam with %s", blocked.Label, blocked.Reasons, classify.RuleBlocked)
	}
	allowed := r.Adjust(scamhunt.Listing{ID: "g5", City: "深圳", Body: "电话13800138000"}, v)
	if diff := cmp.Diff(v, allowed); diff != "" {
		t.Errorf("allow-listed contact changed the verdict (-want +got):\n%s", diff)
	}
	both := r.Adjust(scamhunt.Listing{ID: "y", Body: "电话13800138000，微信 fanli_777"}, v)
	if both.Label != scamhunt.LabelScam {
		t.Errorf("allow-listed and blocked contacts: label %s, want scam (block wins)", both.Label)
	}
	flagged := scamhunt.Verdict{ID: "z", Label: scamhunt.LabelScam, Score: 0.97}
	if got := r.Adjust(scamhunt.Listing{ID: "z", Body: "无联系方式"}, flagged); got.Label != scamhunt.LabelScam || got.Score != 0.97 {
		t.Errorf("a listing without contacts changed: %+v", got)
	}
}

func TestParseContactListErrors(t *testing.T) {
	_, err := classify.ParseContactList([]byte("13800138000\n\nnot a contact\n"))
	if err == nil || err.Error() != `contact list line 3: no contact in "not a contact"` {
		t.Errorf("ParseContactList error = %v", err)
	}
}

func TestReputationConfigValidate(t *testing.T) {
	if err := (classify.ReputationConfig{}).Validate(); err != nil {
		t.Errorf("zero config: %v", err)
	}
	if err := (classify.ReputationConfig{SharedWeight: -1}).Validate(); err == nil {
		t.Error("negative weight accepted")
	}
	if err := (classify.ReputationConfig{Thresholds: classify.Config{ScamThreshold: 2}}).Validate(); err == nil {
		t.Error("threshold 2 accepted")
	}
}
