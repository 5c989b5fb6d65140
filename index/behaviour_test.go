package index_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/index"
)

// opener returns a fresh, empty index for one test.
type opener func(t *testing.T) index.Index

func openBleve(t *testing.T) index.Index {
	b, err := index.OpenBleve(t.TempDir() + "/index.bleve")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b
}

func openFakeMeili(t *testing.T) index.Index {
	f := newFakeMeili(t, "test-key")
	return openMeiliAt(t, f.URL, "test-key", "listings")
}

func openMeiliAt(t *testing.T, url, key, uid string) index.Index {
	m, err := index.OpenMeili(t.Context(), index.MeiliConfig{
		URL: url, Key: key, Index: uid, BatchSize: 2, PollInterval: time.Millisecond, Backoff: time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Close() })
	return m
}

// TestBehaviour runs the shared table against both backends: the embedded
// Bleve index and the Meilisearch client talking to the contract server.
func TestBehaviour(t *testing.T) {
	for name, open := range map[string]opener{"bleve": openBleve, "meili": openFakeMeili} {
		t.Run(name, func(t *testing.T) { runBehaviour(t, open) })
	}
}

func runBehaviour(t *testing.T, open opener) {
	t.Run("search", func(t *testing.T) {
		ix := seeded(t, open)
		for _, c := range searchCases {
			t.Run(c.name, func(t *testing.T) {
				res := search(t, ix, c.q)
				got := hitIDs(res)
				if !c.ordered {
					slices.Sort(got)
					slices.Sort(c.want)
				}
				if diff := cmp.Diff(c.want, got); diff != "" {
					t.Errorf("Search(%+v) ids (-want +got):\n%s", c.q, diff)
				}
				if c.total >= 0 && res.Total != c.total {
					t.Errorf("Search(%+v).Total = %d, want %d", c.q, res.Total, c.total)
				}
			})
		}
	})
	t.Run("facets", func(t *testing.T) {
		ix := seeded(t, open)
		for _, c := range facetCases {
			res := search(t, ix, c.q)
			if diff := cmp.Diff(c.want, res.Facets); diff != "" {
				t.Errorf("Search(%+v).Facets (-want +got):\n%s", c.q, diff)
			}
		}
	})
	t.Run("highlights", func(t *testing.T) {
		ix := seeded(t, open)
		for _, c := range highlightCases {
			res := search(t, ix, scamhunt.Query{Text: c.text})
			var got map[string][]scamhunt.Span
			for _, h := range res.Hits {
				if h.ID == c.id {
					got = h.Highlights
				}
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("highlights of %q in %s (-want +got):\n%s", c.text, c.id, diff)
			}
		}
	})
	for _, c := range behaviourCases {
		t.Run(c.name, func(t *testing.T) { c.run(t, seeded(t, open)) })
	}
}

// seeded opens an index holding the fixtures.
func seeded(t *testing.T, open opener) index.Index {
	ix := open(t)
	if err := ix.Upsert(t.Context(), fixtures()); err != nil {
		t.Fatalf("Upsert(fixtures): %v", err)
	}
	return ix
}

func search(t *testing.T, ix index.Index, q scamhunt.Query) scamhunt.Result {
	t.Helper()
	res, err := ix.Search(t.Context(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return res
}

func all(t *testing.T, ix index.Index) []scamhunt.Record {
	t.Helper()
	var out []scamhunt.Record
	if err := ix.All(t.Context(), func(r scamhunt.Record) error { out = append(out, r); return nil }); err != nil {
		t.Fatalf("All: %v", err)
	}
	return out
}

func count(t *testing.T, ix index.Index) int {
	t.Helper()
	n, err := ix.Count(t.Context())
	if err != nil {
		t.Fatalf("Count: %v", err)
	}
	return n
}

func get(t *testing.T, ix index.Index, id string) scamhunt.Record {
	t.Helper()
	r, err := ix.Get(t.Context(), id)
	if err != nil {
		t.Fatalf("Get(%s): %v", id, err)
	}
	return r
}

type searchCase struct {
	name    string
	q       scamhunt.Query
	want    []string
	ordered bool
	total   int // -1: not checked
}

func set(name string, q scamhunt.Query, want ...scamhunt.Record) searchCase {
	return searchCase{name: name, q: q, want: ids(want...), total: len(want)}
}

func text(s string) scamhunt.Query { return scamhunt.Query{Text: s} }

var searchCases = []searchCase{
	set("substring 处理 in 待处理", text("处理"), recA, recC),
	set("substring 待处理", text("待处理"), recA),
	set("one character", text("处"), recA, recC),
	set("phrase not split across runs", text("利日")),
	set("simplified finds traditional", text("刷单"), recA, recB),
	set("traditional finds both", text("刷單"), recA, recB),
	set("打字员 in 打字員", text("打字员"), recB),
	set("兼职", text("兼职"), recA, recB, recC),
	set("all terms must match", text("兼职 北京餐厅")),
	set("two terms", text("兼职 押金"), recB),
	set("latin word", text("warehouse"), recE),
	set("latin upper case", text("WAREHOUSE"), recE),
	set("latin full width", text("Ｗａｒｅｈｏｕｓｅ"), recE),
	set("no match", text("不存在的词")),
	set("no typo on CJK", text("刷车")),
	set("no typo on numbers", text("13812345679")),
	set("phone spaced", text("138 1234 5678"), recA),
	set("phone full width", text("１３８-1234-5678"), recA),
	set("phone chinese numerals", text("一三八一二三四五六七八"), recA),
	set("phone e164", text("+8613812345678"), recA),
	set("phone bare digits", text("13812345678"), recA),
	set("landline", text("020 8888 6666"), recE),
	set("qq 扣扣", text("扣扣 56793216"), recB),
	set("wechat 薇信", text("薇信 abc_123"), recA),
	set("wechat bare", text("abc_123"), recA),
	set("contact filter spaced", scamhunt.Query{Contact: "138 1234 5678"}, recA),
	set("contact filter qq", scamhunt.Query{Contact: "QQ 56793216"}, recB),
	set("contact filter and text", scamhunt.Query{Contact: "+8613812345678", Text: "兼职"}, recA),
	set("contact filter unknown", scamhunt.Query{Contact: "13900000000"}),
	set("label", scamhunt.Query{Label: scamhunt.LabelScam}, recA, recB),
	set("categories any of", scamhunt.Query{Categories: []string{"typing", "baishi"}}, recB, recD),
	set("city", scamhunt.Query{City: "北京"}, recA, recC),
	set("city folded", scamhunt.Query{City: " 北京 "}, recA, recC),
	set("site", scamhunt.Query{Site: "ganji"}, recC, recD),
	set("posted range", scamhunt.Query{Since: day(1), Until: day(4)}, recA, recC),
	set("text and filter", scamhunt.Query{Text: "兼职", City: "北京"}, recA, recC),
	set("text and label", scamhunt.Query{Text: "刷单", Label: scamhunt.LabelScam, Site: "jzw"}, recA, recB),
	{name: "sort score", q: scamhunt.Query{Sort: scamhunt.SortScore}, want: ids(recA, recB, recD, recE, recC), ordered: true, total: 5},
	{name: "sort newest, undated last", q: scamhunt.Query{Sort: scamhunt.SortNewest}, want: ids(recB, recA, recC, recE, recD), ordered: true, total: 5},
	{name: "empty text sorts newest", q: scamhunt.Query{}, want: ids(recB, recA, recC, recE, recD), ordered: true, total: 5},
	{name: "text sorted newest", q: scamhunt.Query{Text: "兼职", Sort: scamhunt.SortNewest}, want: ids(recB, recA, recC), ordered: true, total: 3},
	{name: "contact text sorted by score", q: scamhunt.Query{Text: "abc_123", Sort: scamhunt.SortScore}, want: ids(recA), ordered: true, total: 1},
	{name: "page 1", q: scamhunt.Query{Sort: scamhunt.SortNewest, Limit: 2}, want: ids(recB, recA), ordered: true, total: 5},
	{name: "page 2", q: scamhunt.Query{Sort: scamhunt.SortNewest, Limit: 2, Offset: 2}, want: ids(recC, recE), ordered: true, total: 5},
	{name: "page 3", q: scamhunt.Query{Sort: scamhunt.SortNewest, Limit: 2, Offset: 4}, want: ids(recD), ordered: true, total: 5},
	{name: "unaligned page", q: scamhunt.Query{Sort: scamhunt.SortScore, Limit: 2, Offset: 1}, want: ids(recB, recD), ordered: true, total: 5},
	{name: "past the end", q: scamhunt.Query{Limit: 2, Offset: 10}, want: []string{}, ordered: true, total: 5},
}

type facetCase struct {
	q    scamhunt.Query
	want map[string][]scamhunt.FacetCount
}

func fc(pairs ...any) []scamhunt.FacetCount {
	out := []scamhunt.FacetCount{}
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, scamhunt.FacetCount{Value: pairs[i].(string), Count: pairs[i+1].(int)})
	}
	return out
}

var facetCases = []facetCase{
	{scamhunt.Query{Label: scamhunt.LabelScam, Facets: true}, map[string][]scamhunt.FacetCount{
		"label":    fc("scam", 2),
		"category": fc("deposit", 1, "shuadan", 1, "typing", 1),
		"city":     fc("上海", 1, "北京", 1),
		"site":     fc("jzw", 2),
	}},
	{scamhunt.Query{Text: "兼职", Facets: true, Limit: 1}, map[string][]scamhunt.FacetCount{
		"label":    fc("scam", 2, "legit", 1),
		"category": fc("deposit", 1, "shuadan", 1, "typing", 1),
		"city":     fc("北京", 2, "上海", 1),
		"site":     fc("jzw", 2, "ganji", 1),
	}},
	{scamhunt.Query{Text: "138 1234 5678", Facets: true}, map[string][]scamhunt.FacetCount{
		"label": fc("scam", 1), "category": fc("shuadan", 1), "city": fc("北京", 1), "site": fc("jzw", 1),
	}},
	{scamhunt.Query{Text: "不存在", Facets: true}, map[string][]scamhunt.FacetCount{
		"label": fc(), "category": fc(), "city": fc(), "site": fc(),
	}},
}

type highlightCase struct {
	text string
	id   string
	want map[string][]scamhunt.Span
}

func sp(parts ...any) []scamhunt.Span {
	var out []scamhunt.Span
	for _, p := range parts {
		switch p := p.(type) {
		case string:
			out = append(out, scamhunt.Span{Text: p})
		case []string:
			out = append(out, scamhunt.Span{Text: p[0], Mark: true})
		}
	}
	return out
}

func mark(s string) []string { return []string{s} }

var highlightCases = []highlightCase{
	{"处理", recA.Listing.ID, map[string][]scamhunt.Span{"title": sp("淘宝刷单返利 日结300 待", mark("处理"), "订单多")}},
	{"处理", recC.Listing.ID, map[string][]scamhunt.Span{"body": sp("负责", mark("处理"), "客户问题，包吃住，月结。")}},
	{"刷单", recB.Listing.ID, map[string][]scamhunt.Span{"title": sp("兼職打字員 ", mark("刷單"), "日結")}},
	{"13812345678", recA.Listing.ID, map[string][]scamhunt.Span{"body": sp("在家兼职，手机操作即可。加微信 abc_123 或电话 ", mark("138-1234-5678"), " 咨询。")}},
	{"WAREHOUSE 打包", recE.Listing.ID, map[string][]scamhunt.Span{"title": sp(mark("Warehouse"), " packer 仓库", mark("打包"), "员")}},
}

type behaviourCase struct {
	name string
	run  func(t *testing.T, ix index.Index)
}

var behaviourCases = []behaviourCase{
	{"Taiwan and Hong Kong phones are found typed any way", func(t *testing.T, ix index.Index) {
		mk := func(id, body string, c scamhunt.Contact) scamhunt.Record {
			return scamhunt.Record{
				Listing: scamhunt.Listing{ID: id, Site: "big5", Title: "週末櫃檯 時薪180元", Body: body, Contacts: []scamhunt.Contact{c}},
				Verdict: scamhunt.Verdict{ID: id, Label: scamhunt.LabelLegit, Score: 0.1},
			}
		}
		recs := []scamhunt.Record{
			mk("tw", "聯絡電話 0912-345-678 林小姐", scamhunt.Contact{Kind: scamhunt.ContactPhone, Value: "+886912345678", Raw: "0912-345-678"}),
			mk("hk", "電話：9123 4567 陳生", scamhunt.Contact{Kind: scamhunt.ContactPhone, Value: "+85291234567", Raw: "9123 4567"}),
		}
		if err := ix.Upsert(t.Context(), recs); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			typed string
			want  []string
		}{
			{"0912-345-678", []string{"tw"}},
			{"0912 345 678", []string{"tw"}},
			{"0912345678", []string{"tw"}},
			{"+886 912 345 678", []string{"tw"}},
			{"886-912-345678", []string{"tw"}},
			{"+886912345678", []string{"tw"}},
			{"０９１２－３４５－６７８", []string{"tw"}},
			{"零九一二三四五六七八", []string{"tw"}},
			{"+852 9123 4567", []string{"hk"}},
			{"852-9123-4567", []string{"hk"}},
			{"9123 4567", []string{"hk"}},
			{"91234567", []string{"hk"}},
			{"九一二三四五六七", []string{"hk"}},
			{"電話 9123-4567", []string{"hk"}},
			{"+85291234567", []string{"hk"}},
			// a QQ number is not the phone with the same eight digits, and a
			// typed QQ number still finds its listing
			{"QQ 91234567", []string{}},
			{"56793216", ids(recB)},
		} {
			for _, q := range []scamhunt.Query{{Text: c.typed}, {Contact: c.typed}} {
				got := hitIDs(search(t, ix, q))
				slices.Sort(got)
				if diff := cmp.Diff(c.want, got); diff != "" {
					t.Errorf("Search(%+v) ids (-want +got):\n%s", q, diff)
				}
			}
		}
	}},
	{"a flagged listing is found by its scam type's name", func(t *testing.T, ix index.Index) {
		mk := func(id string, label scamhunt.Label, cats ...string) scamhunt.Record {
			return scamhunt.Record{
				Listing: scamhunt.Listing{ID: id, Site: "demo", Title: "手机做任务 一单一结", Body: "点赞关注领佣金"},
				Verdict: scamhunt.Verdict{ID: id, Label: label, Score: 0.9, Categories: cats},
			}
		}
		if err := ix.Upsert(t.Context(), []scamhunt.Record{mk("typed-scam", scamhunt.LabelScam, "shuadan"), mk("typed-legit", scamhunt.LabelLegit)}); err != nil {
			t.Fatal(err)
		}
		res := search(t, ix, scamhunt.Query{Text: "刷单"})
		found := map[string]bool{}
		for _, h := range res.Hits {
			found[h.ID] = true
		}
		if !found["typed-scam"] || found["typed-legit"] {
			t.Errorf("searching 刷单 found %v: want the listing flagged 刷单返利 and not the honest one with the same words", found)
		}
	}},
	{"touch moves last seen and brings back a removed listing", func(t *testing.T, ix index.Index) {
		a := get(t, ix, recA.Listing.ID)
		gone := a
		gone.Removed = true
		if err := ix.Upsert(t.Context(), []scamhunt.Record{gone}); err != nil {
			t.Fatal(err)
		}
		later := a.LastSeen.Add(72 * time.Hour)
		if err := ix.Touch(t.Context(), []string{recA.Listing.ID, "not-a-listing"}, later); err != nil {
			t.Fatal(err)
		}
		got := get(t, ix, recA.Listing.ID)
		if got.Removed || !got.LastSeen.Equal(later) || !got.FirstSeen.Equal(a.FirstSeen) {
			t.Errorf("after Touch: removed %v, last seen %v (want %v), first seen %v (want %v)",
				got.Removed, got.LastSeen, later, got.FirstSeen, a.FirstSeen)
		}
		if err := ix.Touch(t.Context(), []string{recA.Listing.ID}, a.LastSeen); err != nil {
			t.Fatal(err)
		}
		if got := get(t, ix, recA.Listing.ID); !got.LastSeen.Equal(later) {
			t.Errorf("an older Touch moved last seen back to %v", got.LastSeen)
		}
	}},
	{"upsert twice is idempotent", func(t *testing.T, ix index.Index) {
		before := all(t, ix)
		if err := ix.Upsert(t.Context(), fixtures()); err != nil {
			t.Fatal(err)
		}
		if n := count(t, ix); n != 5 {
			t.Errorf("Count after second upsert = %d, want 5", n)
		}
		if diff := cmp.Diff(before, all(t, ix)); diff != "" {
			t.Errorf("documents changed by the same upsert (-before +after):\n%s", diff)
		}
	}},
	{"get returns what was upserted", func(t *testing.T, ix index.Index) {
		for _, want := range fixtures() {
			if diff := cmp.Diff(want, get(t, ix, want.Listing.ID)); diff != "" {
				t.Errorf("Get(%s) (-want +got):\n%s", want.Listing.ID, diff)
			}
		}
	}},
	{"get missing is ErrNotFound", func(t *testing.T, ix index.Index) {
		for _, id := range []string{"0123456789abcdef", "../../settings", ""} {
			if _, err := ix.Get(t.Context(), id); !errors.Is(err, scamhunt.ErrNotFound) {
				t.Errorf("Get(%q) error = %v, want ErrNotFound", id, err)
			}
		}
	}},
	{"delete", func(t *testing.T, ix index.Index) {
		if err := ix.Delete(t.Context(), []string{recE.Listing.ID, "ffffffffffffffff"}); err != nil {
			t.Fatal(err)
		}
		if n := count(t, ix); n != 4 {
			t.Errorf("Count after delete = %d, want 4", n)
		}
		if _, err := ix.Get(t.Context(), recE.Listing.ID); !errors.Is(err, scamhunt.ErrNotFound) {
			t.Errorf("Get(deleted) error = %v, want ErrNotFound", err)
		}
		if res := search(t, ix, text("warehouse")); res.Total != 0 {
			t.Errorf("deleted listing still found: %v", hitIDs(res))
		}
	}},
	{"all iterates in ID order", func(t *testing.T, ix index.Index) {
		if diff := cmp.Diff(byID(fixtures()), all(t, ix)); diff != "" {
			t.Errorf("All (-want +got):\n%s", diff)
		}
		stop := errors.New("stop")
		n := 0
		err := ix.All(t.Context(), func(scamhunt.Record) error { n++; return stop })
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("All with a failing fn: err %v after %d calls, want stop after 1", err, n)
		}
	}},
	{"override survives re-upsert and sets the label", func(t *testing.T, ix index.Index) {
		o := &scamhunt.Override{Label: scamhunt.LabelLegit, Note: "checked by phone", At: day(12)}
		if err := ix.SetOverride(t.Context(), recD.Listing.ID, o); err != nil {
			t.Fatal(err)
		}
		if err := ix.Upsert(t.Context(), fixtures()); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(o, get(t, ix, recD.Listing.ID).Override); diff != "" {
			t.Errorf("override after re-upsert (-want +got):\n%s", diff)
		}
		legit := hitIDs(search(t, ix, scamhunt.Query{Label: scamhunt.LabelLegit, Sort: scamhunt.SortScore}))
		if diff := cmp.Diff(ids(recD, recE, recC), legit); diff != "" {
			t.Errorf("legit after override (-want +got):\n%s", diff)
		}
		res := search(t, ix, scamhunt.Query{Text: "串珠"})
		if len(res.Hits) != 1 || res.Hits[0].Label != scamhunt.LabelLegit || !res.Hits[0].Human {
			t.Errorf("hit after override = %+v, want a human legit label", res.Hits)
		}
		if err := ix.SetOverride(t.Context(), recD.Listing.ID, nil); err != nil {
			t.Fatal(err)
		}
		if got := hitIDs(search(t, ix, scamhunt.Query{Label: scamhunt.LabelSuspicious})); !slices.Equal(got, ids(recD)) {
			t.Errorf("suspicious after clearing = %v, want %v", got, ids(recD))
		}
		if err := ix.SetOverride(t.Context(), "0123456789abcdef", o); !errors.Is(err, scamhunt.ErrNotFound) {
			t.Errorf("SetOverride(missing) error = %v, want ErrNotFound", err)
		}
		if err := ix.SetOverride(t.Context(), recD.Listing.ID, &scamhunt.Override{Label: "maybe"}); err == nil {
			t.Error("SetOverride with an unknown label succeeded")
		}
	}},
	{"review queue filters: flagged, unreviewed, not removed, seen after", func(t *testing.T, ix index.Index) {
		if err := ix.SetOverride(t.Context(), recA.Listing.ID, &scamhunt.Override{Label: scamhunt.LabelScam, By: "li", At: day(11)}); err != nil {
			t.Fatal(err)
		}
		gone := recB
		gone.Removed = true
		fresh := fixture{path: "/job/1006", title: "刷单日结 新发布", body: "加微信领任务", city: "北京", site: "jzw",
			label: scamhunt.LabelScam, score: 0.9, cats: []string{"shuadan"}, posted: day(3)}.record()
		fresh.FirstSeen, fresh.LastSeen = day(20), day(20)
		if err := ix.Upsert(t.Context(), []scamhunt.Record{gone, fresh}); err != nil {
			t.Fatal(err)
		}
		queue := scamhunt.Query{Flagged: true, Unreviewed: true, NotRemoved: true, Sort: scamhunt.SortNewest}
		newOnly := queue
		newOnly.SeenAfter = day(15)
		atCutoff := queue
		atCutoff.SeenAfter = day(20)
		for _, c := range []struct {
			name string
			q    scamhunt.Query
			want []string
		}{
			{"flagged", scamhunt.Query{Flagged: true, Sort: scamhunt.SortNewest}, ids(recB, fresh, recA, recD)},
			{"unreviewed", scamhunt.Query{Unreviewed: true, Sort: scamhunt.SortNewest}, ids(recB, fresh, recC, recE, recD)},
			{"not removed", scamhunt.Query{NotRemoved: true, Sort: scamhunt.SortNewest}, ids(fresh, recA, recC, recE, recD)},
			{"queue, newest first, undated last", queue, ids(fresh, recD)},
			{"queue, new since a crawl", newOnly, ids(fresh)},
			{"seen after is strict", atCutoff, []string{}},
			{"queue and a label", scamhunt.Query{Flagged: true, Unreviewed: true, NotRemoved: true, Label: scamhunt.LabelSuspicious}, ids(recD)},
		} {
			res := search(t, ix, c.q)
			if diff := cmp.Diff(c.want, hitIDs(res)); diff != "" || res.Total != len(c.want) {
				t.Errorf("%s: total %d, ids (-want +got):\n%s", c.name, res.Total, diff)
			}
		}
		if err := ix.SetOverride(t.Context(), recA.Listing.ID, nil); err != nil {
			t.Fatal(err)
		}
		if got := hitIDs(search(t, ix, queue)); !slices.Equal(got, ids(fresh, recA, recD)) {
			t.Errorf("queue after clearing A's label = %v, want it back", got)
		}
		if got := search(t, ix, newOnly).Hits; len(got) != 1 || !got[0].FirstSeen.Equal(day(20)) {
			t.Errorf("new-only hits %+v, want one first seen %v", got, day(20))
		}
	}},
	{"upsert keeps the earliest first seen", func(t *testing.T, ix index.Index) {
		later := recA
		later.Listing.Title = "刷单返利 新标题"
		later.FirstSeen, later.LastSeen = day(20), day(20)
		earlier := recB
		earlier.FirstSeen = day(5)
		if err := ix.Upsert(t.Context(), []scamhunt.Record{later, earlier}); err != nil {
			t.Fatal(err)
		}
		want := later
		want.FirstSeen = recA.FirstSeen
		if diff := cmp.Diff(want, get(t, ix, recA.Listing.ID)); diff != "" {
			t.Errorf("re-upserted A (-want +got):\n%s", diff)
		}
		if got := get(t, ix, recB.Listing.ID).FirstSeen; !got.Equal(day(5)) {
			t.Errorf("B FirstSeen = %v, want the earlier %v", got, day(5))
		}
	}},
	{"duplicate ids in one batch: last wins", func(t *testing.T, ix index.Index) {
		x, y := recC, recC
		x.Listing.Title, y.Listing.Title = "第一", "第二"
		if err := ix.Upsert(t.Context(), []scamhunt.Record{x, y}); err != nil {
			t.Fatal(err)
		}
		if got := get(t, ix, recC.Listing.ID).Listing.Title; got != "第二" || count(t, ix) != 5 {
			t.Errorf("title %q, count %d; want 第二 and 5", got, count(t, ix))
		}
	}},
	{"invalid id is rejected before writing", func(t *testing.T, ix index.Index) {
		bad := recA
		bad.Listing.ID = "bad/id"
		if err := ix.Upsert(t.Context(), []scamhunt.Record{recE, bad}); err == nil || !strings.Contains(err.Error(), "bad/id") {
			t.Errorf("Upsert(bad id) error = %v, want one naming the id", err)
		}
		if n := count(t, ix); n != 5 {
			t.Errorf("Count = %d, want 5", n)
		}
	}},
	{"unknown sort is an error", func(t *testing.T, ix index.Index) {
		if _, err := ix.Search(t.Context(), scamhunt.Query{Sort: "random"}); err == nil {
			t.Error("Search with sort random succeeded")
		}
	}},
	{"long body highlight is cut around the match", func(t *testing.T, ix index.Index) {
		long := recC
		long.Listing.Body = strings.Repeat("正常工作内容", 40) + "刷单" + strings.Repeat("其他说明", 40)
		if err := ix.Upsert(t.Context(), []scamhunt.Record{long}); err != nil {
			t.Fatal(err)
		}
		res := search(t, ix, scamhunt.Query{Text: "刷单", City: "北京", Site: "ganji"})
		if len(res.Hits) != 1 {
			t.Fatalf("hits = %v, want the long listing", hitIDs(res))
		}
		body := res.Hits[0].Highlights["body"]
		runes := 0
		for _, s := range body[1 : len(body)-1] {
			runes += len([]rune(s.Text))
		}
		if body[0].Text != "…" || body[len(body)-1].Text != "…" || runes != 160 || !slices.Contains(body, scamhunt.Span{Text: "刷单", Mark: true}) {
			t.Errorf("body highlight = %+v, want 160 runes around a marked 刷单 between ellipses", body)
		}
	}},
	{"stats", func(t *testing.T, ix index.Index) {
		st, err := ix.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		want := index.Stats{
			Documents:  5,
			Labels:     map[scamhunt.Label]int{scamhunt.LabelScam: 2, scamhunt.LabelLegit: 2, scamhunt.LabelSuspicious: 1},
			Categories: map[string]int{"shuadan": 1, "typing": 2, "deposit": 1},
			Sites:      map[string]int{"jzw": 3, "ganji": 2},
			Cities:     map[string]int{"北京": 2, "上海": 1, "广州": 2},
		}
		if diff := cmp.Diff(want, st); diff != "" {
			t.Errorf("Stats (-want +got):\n%s", diff)
		}
	}},
}
