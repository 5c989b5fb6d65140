package classify_test

import (
	"fmt"
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

// TestBlockedAtLeastSuspicious: a block-listed contact flags its listing
// even when the weights would not lift the score past the thresholds, and
// the reason names the list.
func TestBlockedAtLeastSuspicious(t *testing.T) {
	block, err := classify.ParseContactList([]byte("QQ 56793521\n"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := classify.ReputationConfig{BlockWeight: 0.5, BlockList: "block.txt"}
	r := classify.NewReputation(nil, nil, block, cfg)
	v := scamhunt.Verdict{ID: "x", Label: scamhunt.LabelLegit, Score: 0.05}
	got := r.Adjust(scamhunt.Listing{ID: "x", Body: "诚聘保洁，扣扣 56793521"}, v)
	if got.Label != scamhunt.LabelSuspicious {
		t.Errorf("label %s (score %v), want suspicious", got.Label, got.Score)
	}
	if len(got.Reasons) != 1 || got.Reasons[0].Note != "contact is on the block list block.txt" {
		t.Errorf("reasons %+v, want one naming block.txt", got.Reasons)
	}
}

// TestTallyReputationAgrees judges every listing of a set twice: with the
// records in memory, and through tallies capped to a few IDs each, as a
// store-backed reclassification does. The verdicts must be the same.
func TestTallyReputationAgrees(t *testing.T) {
	recs := gang()
	recs[2].Verdict = scamhunt.Verdict{ID: "g3", Label: scamhunt.LabelScam, Score: 0.99}
	recs[4].Override = &scamhunt.Override{Label: scamhunt.LabelScam, By: "ops"}
	for i := range 9 { // a big gang: more IDs than a reason names
		id := fmt.Sprintf("h%d", i)
		recs = append(recs, scamhunt.Record{
			Listing: scamhunt.Listing{ID: id, Site: "c.test", City: fmt.Sprint("城", i%4), Body: "加QQ 998877 领任务；或电话 13912345678"},
			Verdict: scamhunt.Verdict{ID: id, Label: scamhunt.LabelScam, Score: 0.96 + float64(i)/1000},
		})
	}
	block, _ := classify.ParseContactList([]byte("138 0013 8000\n"))
	cfg := classify.ReputationConfig{MaxIDs: 3}
	mem := classify.NewReputation(recs, nil, block, cfg)
	tallies := map[string]*classify.ContactTally{}
	for _, r := range recs {
		for _, k := range classify.ContactKeys(r.Listing) {
			if tallies[k] == nil {
				tallies[k] = &classify.ContactTally{}
			}
			tallies[k].Add(r, cfg)
		}
	}
	for k, tl := range tallies {
		if len(tl.IDs) > cfg.MaxIDs+1 {
			t.Errorf("tally of %s keeps %d IDs, want at most %d", k, len(tl.IDs), cfg.MaxIDs+1)
		}
	}
	tr := classify.NewTallyReputation(func(k string) (classify.ContactTally, bool) {
		tl, ok := tallies[k]
		if !ok {
			return classify.ContactTally{}, false
		}
		return *tl, true
	}, nil, block, cfg)
	raised := 0
	for _, r := range recs {
		want := mem.Adjust(r.Listing, r.Verdict)
		if len(want.Reasons) > len(r.Verdict.Reasons) {
			raised++
		}
		if diff := cmp.Diff(want, tr.AdjustRecord(r)); diff != "" {
			t.Errorf("%s: tally verdict differs (-memory +tally):\n%s", r.Listing.ID, diff)
		}
		if diff := cmp.Diff(want, mem.AdjustRecord(r)); diff != "" {
			t.Errorf("%s: AdjustRecord differs from Adjust in memory (-want +got):\n%s", r.Listing.ID, diff)
		}
		if !tr.Matters(classify.ContactKeys(r.Listing)) && !cmp.Equal(want, r.Verdict) {
			t.Errorf("%s: Matters says reputation leaves it alone, but it changed", r.Listing.ID)
		}
	}
	h0 := tr.AdjustRecord(recs[5])
	notes := map[string]string{}
	for _, rs := range h0.Reasons {
		notes[rs.Rule] = rs.Note
	}
	wantNotes := map[string]string{
		classify.RuleShared:  "contact shared by 9 listings on 1 sites in 4 cities; others: h1, h2, h3 and 5 more",
		classify.RuleScamTie: "shares this contact with listings a person labelled scam or scored at least 0.95: h1, h2, h3 and 5 more",
	}
	if diff := cmp.Diff(wantNotes, notes); diff != "" {
		t.Errorf("h0's reasons (-want +got):\n%s", diff)
	}
	lone := scamhunt.Record{Listing: scamhunt.Listing{ID: "lone", Body: "电话 13512345678"}}
	tallies["phone:+8613512345678"] = &classify.ContactTally{Listings: 1, IDs: []string{"lone"}}
	if tr.Matters(classify.ContactKeys(lone.Listing)) {
		t.Error("Matters: a contact no other listing carries matters")
	}
	if !tr.Matters([]string{"phone:+8613800138000"}) {
		t.Error("Matters: a blocked contact does not matter")
	}
	if raised < len(recs)-1 {
		t.Errorf("%d of %d listings raised: the set should exercise every rule", raised, len(recs))
	}
}
