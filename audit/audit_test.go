package audit_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/audit"
)

type sliceSource []scamhunt.Record

func (s sliceSource) All(ctx context.Context, fn func(scamhunt.Record) error) error {
	for _, r := range s {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

var (
	cst  = time.FixedZone("CST", 8*3600)
	day1 = time.Date(2024, 3, 1, 0, 0, 0, 0, cst)
	day2 = day1.AddDate(0, 0, 1)
	at   = func(d time.Time, h, m int) time.Time {
		return d.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}

	p1 = scamhunt.Contact{Kind: scamhunt.ContactPhone, Value: "+8613800000001", Raw: "138-0000-0001"}
	p2 = scamhunt.Contact{Kind: scamhunt.ContactPhone, Value: "+8613800000002", Raw: "13800000002"}
	q1 = scamhunt.Contact{Kind: scamhunt.ContactQQ, Value: "5566778", Raw: "扣扣5566778"}
	w1 = scamhunt.Contact{Kind: scamhunt.ContactWeChat, Value: "helper_wx", Raw: "Helper_WX"}
	e1 = scamhunt.Contact{Kind: scamhunt.ContactEmail, Value: "hr@shop.example", Raw: "HR@shop.example"}
	u1 = scamhunt.Contact{Kind: scamhunt.ContactURL, Value: "https://app.example/dl", Raw: "app.example/dl"}

	hostileCity = `</svg><script>alert(1)</script>"'>`
)

type spec struct {
	id, site, city, cat string
	label               scamhunt.Label
	score               float64
	cats                []string
	contacts            []scamhunt.Contact
	first               time.Time
	override            scamhunt.Label
	removed             bool
}

func (s spec) record() scamhunt.Record {
	r := scamhunt.Record{
		Listing: scamhunt.Listing{ID: s.id, Site: s.site, URL: "https://" + s.site + ".example/job/" + s.id, City: s.city,
			Category: s.cat, Title: "标题 " + s.id, Contacts: s.contacts},
		Verdict:   scamhunt.Verdict{ID: s.id, Label: s.label, Score: s.score, Categories: s.cats},
		FirstSeen: s.first, LastSeen: s.first, Removed: s.removed,
	}
	for _, c := range s.cats {
		r.Verdict.Reasons = append(r.Verdict.Reasons, scamhunt.Reason{Rule: c + "_rule", Category: c, Weight: 0.5, Field: "body", Match: "词" + c})
	}
	if s.override != "" {
		r.Override = &scamhunt.Override{Label: s.override, At: s.first}
	}
	return r
}

// fixture is a small board: a gang (a, b, c) linked through a phone and a
// QQ number, an honest pair (d, e) sharing a WeChat ID, a URL shared by a
// and d that must not link them, two human overrides, a removed listing
// with a hostile city, and a listing from another site.
func fixture() sliceSource {
	specs := []spec{
		{"a", "demo", "北京", "打字录入", scamhunt.LabelScam, 0.95, []string{"typing", "deposit"}, []scamhunt.Contact{p1, u1}, at(day1, 9, 0), "", false},
		{"b", "demo", "上海", "打字录入", scamhunt.LabelScam, 0.9, []string{"typing"}, []scamhunt.Contact{p1, q1}, at(day1, 9, 30), "", false},
		{"c", "demo", "广州", "促销", scamhunt.LabelSuspicious, 0.6, []string{"shuadan"}, []scamhunt.Contact{q1}, at(day2, 9, 0), "", false},
		{"d", "demo", "深圳", "服务员", scamhunt.LabelLegit, 0.1, nil, []scamhunt.Contact{w1, u1}, at(day2, 9, 10), "", false},
		{"e", "demo", "北京", "服务员", scamhunt.LabelLegit, 0.05, nil, []scamhunt.Contact{w1}, at(day2, 9, 20), "", false},
		{"f", "demo", "北京", "促销", scamhunt.LabelSuspicious, 0.5, []string{"shuadan"}, []scamhunt.Contact{e1}, at(day2, 9, 30), scamhunt.LabelLegit, false},
		{"g", "demo", hostileCity, "促销", scamhunt.LabelScam, 0.8, []string{"shuadan"}, nil, at(day2, 9, 40), "", true},
		{"h", "other", "北京", "促销", scamhunt.LabelScam, 0.99, []string{"shuadan"}, []scamhunt.Contact{p1}, at(day2, 9, 0), "", false},
		{"i", "demo", "上海", "打字录入", scamhunt.LabelLegit, 0.2, nil, []scamhunt.Contact{p2}, time.Time{}, scamhunt.LabelScam, false},
	}
	var s sliceSource
	for _, sp := range specs {
		s = append(s, sp.record())
	}
	return s
}

var runs = []audit.Run{
	{At: at(day2, 10, 0), Site: "demo", Pages: 12, Listings: 6},
	{At: at(day1, 10, 0), Site: "demo", Pages: 10, Listings: 5},
	{At: at(day2.AddDate(0, 0, 1), 10, 0), Site: "other", Pages: 3, Listings: 1},
}

func build(t *testing.T, opt audit.Options) audit.Report {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = at(day2, 12, 0)
	}
	r, err := audit.Build(t.Context(), fixture(), opt)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return r
}

func TestBuildCounts(t *testing.T) {
	r := build(t, audit.Options{Site: "demo", Runs: runs})
	type counts struct{ Listings, Flagged, Scam, Suspicious, Removed, Human, New, NewFlagged int }
	want := counts{Listings: 8, Flagged: 5, Scam: 4, Suspicious: 1, Removed: 1, Human: 2, New: 5, NewFlagged: 2}
	got := counts{r.Listings, r.Flagged, r.Scam, r.Suspicious, r.Removed, r.Human, r.New, r.NewFlagged}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	if r.Share() != 5.0/8 {
		t.Errorf("share = %v, want 0.625", r.Share())
	}
	if !r.Cutoff.Equal(at(day1, 10, 0)) {
		t.Errorf("cutoff = %v, want the crawl before the latest (%v)", r.Cutoff, at(day1, 10, 0))
	}
	wantCities := []audit.Group{
		{Name: "上海", Listings: 2, Flagged: 2, Share: 1},
		{Name: "北京", Listings: 3, Flagged: 1, Share: 1.0 / 3},
		{Name: hostileCity, Listings: 1, Flagged: 1, Share: 1},
		{Name: "广州", Listings: 1, Flagged: 1, Share: 1},
		{Name: "深圳", Listings: 1, Flagged: 0, Share: 0},
	}
	if diff := cmp.Diff(wantCities, r.Cities); diff != "" {
		t.Errorf("cities (-want +got):\n%s", diff)
	}
	wantCats := []audit.Group{
		{Name: "打字录入", Listings: 3, Flagged: 3, Share: 1},
		{Name: "促销", Listings: 3, Flagged: 2, Share: 2.0 / 3},
		{Name: "服务员", Listings: 2, Flagged: 0, Share: 0},
	}
	if diff := cmp.Diff(wantCats, r.Categories); diff != "" {
		t.Errorf("board categories (-want +got):\n%s", diff)
	}
	var types []audit.TypeCount
	for _, tc := range r.ScamTypes {
		if tc.Flagged > 0 {
			types = append(types, tc)
		}
	}
	wantTypes := []audit.TypeCount{
		{Category: "shuadan", Name: "刷单返利", Flagged: 2, Scam: 1, Suspicious: 1, Share: 0.4},
		{Category: "deposit", Name: "先交费用", Flagged: 1, Scam: 1, Share: 0.2},
		{Category: "typing", Name: "打字手工", Flagged: 2, Scam: 2, Share: 0.4},
	}
	if diff := cmp.Diff(wantTypes, types); diff != "" {
		t.Errorf("scam types (-want +got):\n%s", diff)
	}
	if len(r.ScamTypes) != len(scamhunt.Categories) {
		t.Errorf("%d scam types, want all %d", len(r.ScamTypes), len(scamhunt.Categories))
	}
	wantDays := []audit.Day{
		{Date: day1, Listings: 2, Flagged: 2, Crawls: 1, Pages: 10},
		{Date: day2, Listings: 5, Flagged: 2, Crawls: 1, Pages: 12},
	}
	if diff := cmp.Diff(wantDays, r.Days); diff != "" {
		t.Errorf("days (-want +got):\n%s", diff)
	}
	var ids []string
	for _, f := range r.FlaggedListings {
		ids = append(ids, f.ID)
	}
	if diff := cmp.Diff([]string{"a", "b", "g", "c", "i"}, ids); diff != "" {
		t.Errorf("flagged order (-want +got):\n%s", diff)
	}
	if i := r.FlaggedListings[4]; i.HumanLabel != scamhunt.LabelScam || i.ModelLabel != scamhunt.LabelLegit || i.New {
		t.Errorf("overridden listing = %+v, want human scam over model legit, not new", i)
	}
	if len(r.Runs) != 2 || !r.Runs[0].At.Before(r.Runs[1].At) {
		t.Errorf("runs = %+v, want demo's two, oldest first", r.Runs)
	}
}

func TestBuildOptions(t *testing.T) {
	t.Run("since", func(t *testing.T) {
		r := build(t, audit.Options{Site: "demo", Runs: runs, Since: at(day2, 9, 15)})
		if r.New != 3 || r.NewFlagged != 1 { // e, f, g; g flagged
			t.Errorf("new = %d (flagged %d), want 3 (1)", r.New, r.NewFlagged)
		}
	})
	t.Run("one run: all new", func(t *testing.T) {
		r := build(t, audit.Options{Site: "demo", Runs: runs[1:2]})
		if !r.Cutoff.IsZero() || r.New != 8 || r.NewFlagged != 5 {
			t.Errorf("cutoff %v, new %d (flagged %d); want zero, 8 (5)", r.Cutoff, r.New, r.NewFlagged)
		}
	})
	t.Run("all sites", func(t *testing.T) {
		r := build(t, audit.Options{})
		if r.Listings != 9 || r.Flagged != 6 || len(r.Clusters[0].Sites) != 2 {
			t.Errorf("listings %d flagged %d, first cluster sites %v; want 9, 6, [demo other]", r.Listings, r.Flagged, r.Clusters[0].Sites)
		}
	})
	t.Run("max flagged", func(t *testing.T) {
		r := build(t, audit.Options{Site: "demo", MaxFlagged: 2})
		if len(r.FlaggedListings) != 2 || r.FlaggedListings[0].ID != "a" || r.FlaggedListings[1].ID != "b" || r.Omitted != 3 || r.Flagged != 5 {
			t.Errorf("kept %d (first %v), omitted %d, flagged %d; want a, b, 3 omitted of 5", len(r.FlaggedListings), r.FlaggedListings, r.Omitted, r.Flagged)
		}
	})
}

func TestClusters(t *testing.T) {
	r := build(t, audit.Options{Site: "demo"})
	member := func(id, city, cat string, l scamhunt.Label, score float64) audit.ClusterMember {
		return audit.ClusterMember{ID: id, URL: "https://demo.example/job/" + id, Site: "demo", City: city, Category: cat, Title: "标题 " + id, Label: l, Score: score}
	}
	want := []audit.Cluster{
		{
			Contact: p1, Contacts: []scamhunt.Contact{p1, q1},
			Listings: []audit.ClusterMember{
				member("a", "北京", "打字录入", scamhunt.LabelScam, 0.95),
				member("b", "上海", "打字录入", scamhunt.LabelScam, 0.9),
				member("c", "广州", "促销", scamhunt.LabelSuspicious, 0.6),
			},
			Flagged: 3, Cities: []string{"上海", "北京", "广州"}, Categories: []string{"促销", "打字录入"},
			ScamTypes: []string{"shuadan", "deposit", "typing"}, Sites: []string{"demo"},
		},
		{
			Contact: w1, Contacts: []scamhunt.Contact{w1},
			Listings: []audit.ClusterMember{
				member("d", "深圳", "服务员", scamhunt.LabelLegit, 0.1),
				member("e", "北京", "服务员", scamhunt.LabelLegit, 0.05),
			},
			Cities: []string{"北京", "深圳"}, Categories: []string{"服务员"}, Sites: []string{"demo"},
		},
	}
	if diff := cmp.Diff(want, r.Clusters); diff != "" {
		t.Errorf("clusters (-want +got):\n%s", diff)
	}
}

// TestClusterBridge: a listing seen last that uses the contacts of two
// separate groups merges them.
func TestClusterBridge(t *testing.T) {
	pa := scamhunt.Contact{Kind: scamhunt.ContactPhone, Value: "+8613900000009"}
	qa := scamhunt.Contact{Kind: scamhunt.ContactQQ, Value: "99887766"}
	wa := scamhunt.Contact{Kind: scamhunt.ContactWeChat, Value: "lonely"}
	src := sliceSource{
		spec{id: "x1", site: "s", city: "A", contacts: []scamhunt.Contact{pa}, label: scamhunt.LabelScam}.record(),
		spec{id: "x2", site: "s", city: "B", contacts: []scamhunt.Contact{pa}, label: scamhunt.LabelScam}.record(),
		spec{id: "y1", site: "s", city: "C", contacts: []scamhunt.Contact{qa}, label: scamhunt.LabelScam}.record(),
		spec{id: "y2", site: "s", city: "D", contacts: []scamhunt.Contact{qa}, label: scamhunt.LabelScam}.record(),
		spec{id: "z", site: "s", city: "E", contacts: []scamhunt.Contact{wa}, label: scamhunt.LabelLegit}.record(),
		spec{id: "bridge", site: "s", city: "F", contacts: []scamhunt.Contact{qa, pa, qa}, label: scamhunt.LabelSuspicious}.record(),
	}
	r, err := audit.Build(t.Context(), src, audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Clusters) != 1 {
		t.Fatalf("%d clusters, want 1: %+v", len(r.Clusters), r.Clusters)
	}
	c := r.Clusters[0]
	if diff := cmp.Diff([]string{"A", "B", "C", "D", "F"}, c.Cities); diff != "" {
		t.Errorf("cities (-want +got):\n%s", diff)
	}
	// Both contacts are in three listings (the bridge's repeated QQ counts
	// once), so the tie goes to the smaller key, the phone.
	if c.Contact != pa || len(c.Contacts) != 2 || c.Flagged != 5 {
		t.Errorf("contact %v (of %d), flagged %d; want the phone, 2 contacts, 5 flagged", c.Contact, len(c.Contacts), c.Flagged)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		opt  audit.Options
		ok   bool
	}{
		{"zero", audit.Options{}, true},
		{"runs", audit.Options{Runs: runs, MaxFlagged: 10}, true},
		{"negative max", audit.Options{MaxFlagged: -1}, false},
		{"run without time", audit.Options{Runs: []audit.Run{{Site: "demo"}}}, false},
		{"negative pages", audit.Options{Runs: []audit.Run{{At: day1, Pages: -1}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.opt.Validate(); (err == nil) != tt.ok {
				t.Errorf("Validate() = %v, want ok %v", err, tt.ok)
			}
		})
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := audit.Build(ctx, fixture(), audit.Options{}); err == nil {
		t.Error("Build on a cancelled context succeeded")
	}
}

func TestCutoff(t *testing.T) {
	tests := []struct {
		name string
		runs []audit.Run
		site string
		want time.Time
	}{
		{"no runs", nil, "", time.Time{}},
		{"one run", runs[:1], "demo", time.Time{}},
		{"the run before the latest, any order", runs, "demo", at(day1, 10, 0)},
		{"every site", runs, "", at(day2, 10, 0)},
		{"a site with one run", runs, "other", time.Time{}},
		{"runs without a site count for every site", []audit.Run{{At: day1}, {At: day2}, {At: day2.AddDate(0, 0, 1), Site: "x"}}, "demo", day1},
	}
	for _, tt := range tests {
		if got := audit.Cutoff(tt.runs, tt.site); !got.Equal(tt.want) {
			t.Errorf("%s: Cutoff = %v, want %v", tt.name, got, tt.want)
		}
	}
}
