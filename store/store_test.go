package store_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/store"
)

func open(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "listings.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var (
	day1 = time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	day2 = day1.Add(24 * time.Hour)
	day3 = day2.Add(24 * time.Hour)
)

func rec(id, body string, at time.Time, contacts ...string) store.Record {
	v := scamhunt.Verdict{ID: id, Label: scamhunt.LabelLegit, Score: 0.1, Categories: []string{}, Reasons: []scamhunt.Reason{}}
	return store.Record{
		Listing: scamhunt.Listing{ID: id, Title: "招聘", Body: body, FetchedAt: at},
		Base:    v, Verdict: v, FirstSeen: at, LastSeen: at, Contacts: contacts,
	}
}

// marks returns the keys of a dirty set.
func marks(t *testing.T, walk func(func(store.Mark) error) error) []string {
	t.Helper()
	var out []string
	if err := walk(func(m store.Mark) error { out = append(out, m.Key); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func dirty(t *testing.T, s *store.Store) (ids, keys []string) {
	t.Helper()
	ids = marks(t, func(fn func(store.Mark) error) error { return s.Dirty(t.Context(), fn) })
	keys = marks(t, func(fn func(store.Mark) error) error { return s.DirtyKeys(t.Context(), fn) })
	return ids, keys
}

// cleanAll empties both dirty sets.
func cleanAll(t *testing.T, s *store.Store) {
	t.Helper()
	var ms, ks []store.Mark
	s.Dirty(t.Context(), func(m store.Mark) error { ms = append(ms, m); return nil })
	s.DirtyKeys(t.Context(), func(m store.Mark) error { ks = append(ks, m); return nil })
	if _, err := s.SetVerdicts(t.Context(), nil, ms); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTallies(t.Context(), nil, nil, ks); err != nil {
		t.Fatal(err)
	}
}

func carriers(t *testing.T, s *store.Store, key string) []string {
	t.Helper()
	var ids []string
	if err := s.Carriers(t.Context(), key, func(c store.Carrier) error { ids = append(ids, c.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestPutKeepsReputationOfUnchanged puts a listing, gives it a raised
// verdict (as a reclassification does), and puts it again: unchanged
// content keeps the raised verdict and is not dirty; changed content takes
// the new verdict and is dirty, with its old and new contacts.
func TestPutKeepsReputationOfUnchanged(t *testing.T) {
	s := open(t)
	ctx := t.Context()
	got, err := s.Put(ctx, []store.Record{rec("a", "电话 13800138000", day1, "phone:+8613800138000"), rec("b", "服务员", day1)})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Hash == "" || got[0].Hash == got[1].Hash {
		t.Errorf("hashes %q and %q: want set and distinct", got[0].Hash, got[1].Hash)
	}
	ids, keys := dirty(t, s)
	if diff := cmp.Diff([]string{"a", "b"}, ids); diff != "" {
		t.Errorf("dirty listings after first put (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"phone:+8613800138000"}, keys); diff != "" {
		t.Errorf("dirty contacts after first put (-want +got):\n%s", diff)
	}
	cleanAll(t, s)

	raised := scamhunt.Verdict{ID: "a", Label: scamhunt.LabelScam, Score: 0.99, Categories: []string{}, Reasons: []scamhunt.Reason{{Rule: "reputation.blocked_contact"}}}
	if n, err := s.Update(ctx, []string{"a", "nope"}, func(r *store.Record) bool { r.Verdict = raised; return true }); err != nil || n != 1 {
		t.Fatalf("Update = %d, %v; want 1 record written", n, err)
	}

	again := rec("a", "电话 13800138000", day2, "phone:+8613800138000")
	again.FirstSeen = day2
	got, err = s.Put(ctx, []store.Record{again})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(raised, got[0].Verdict); diff != "" {
		t.Errorf("unchanged listing lost its reputation (-want +got):\n%s", diff)
	}
	if !got[0].FirstSeen.Equal(day1) || !got[0].LastSeen.Equal(day2) {
		t.Errorf("seen %v .. %v, want %v .. %v", got[0].FirstSeen, got[0].LastSeen, day1, day2)
	}
	if ids, keys := dirty(t, s); len(ids)+len(keys) != 0 {
		t.Errorf("unchanged listing marked dirty: %v %v", ids, keys)
	}

	changed := rec("a", "加微信 abc_123", day3, "wechat:abc_123")
	got, err = s.Put(ctx, []store.Record{changed})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Verdict.Label != scamhunt.LabelLegit {
		t.Errorf("changed listing kept the old verdict %s", got[0].Verdict.Label)
	}
	ids, keys = dirty(t, s)
	if diff := cmp.Diff([]string{"a"}, ids); diff != "" {
		t.Errorf("dirty listings after a change (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"phone:+8613800138000", "wechat:abc_123"}, keys); diff != "" {
		t.Errorf("dirty contacts after a change (-want +got):\n%s", diff)
	}
	if c := carriers(t, s, "phone:+8613800138000"); len(c) != 0 {
		t.Errorf("old contact still carried by %v", c)
	}
	if diff := cmp.Diff([]string{"a"}, carriers(t, s, "wechat:abc_123")); diff != "" {
		t.Errorf("new contact's carriers (-want +got):\n%s", diff)
	}

	// A rebase (new rules) changes the base verdict the carriers table
	// holds; the head tells a raised verdict without the body.
	scam := scamhunt.Verdict{ID: "a", Label: scamhunt.LabelScam, Score: 0.97, Categories: []string{"shuadan"}, Reasons: []scamhunt.Reason{}}
	if _, err := s.Update(ctx, []string{"a"}, func(r *store.Record) bool { r.Base, r.Verdict = scam, raised; return true }); err != nil {
		t.Fatal(err)
	}
	var cs []store.Carrier
	s.Carriers(ctx, "wechat:abc_123", func(c store.Carrier) error { cs = append(cs, c); return nil })
	if diff := cmp.Diff([]store.Carrier{{ID: "a", Label: scamhunt.LabelScam, Score: 0.97}}, cs); diff != "" {
		t.Errorf("carriers after a rebase (-want +got):\n%s", diff)
	}
	h, ok, err := s.Head("a")
	if err != nil || !ok || !h.Raised || !cmp.Equal(h.Contacts, []string{"wechat:abc_123"}) {
		t.Errorf("Head = %+v %v %v, want raised with its contact", h, ok, err)
	}
	r, _, _ := s.Get("a")
	if diff := cmp.Diff(raised, r.Verdict); diff != "" {
		t.Errorf("raised verdict read back (-want +got):\n%s", diff)
	}
}

func TestTouchAndRemoved(t *testing.T) {
	s := open(t)
	ctx := t.Context()
	if _, err := s.Put(ctx, []store.Record{rec("a", "x", day1), rec("b", "y", day1)}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Update(ctx, []string{"a", "b", "gone"}, store.MarkRemoved); err != nil || n != 2 {
		t.Fatalf("MarkRemoved = %d, %v; want 2", n, err)
	}
	if n, err := s.Update(ctx, []string{"a"}, store.MarkRemoved); err != nil || n != 0 {
		t.Errorf("MarkRemoved again = %d, %v; want 0", n, err)
	}
	if _, err := s.Update(ctx, []string{"a", "unknown"}, func(r *store.Record) bool { return store.Touch(r, day2) }); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		id      string
		removed bool
		last    time.Time
	}{{"a", false, day2}, {"b", true, day1}} {
		r, ok, err := s.Get(c.id)
		if err != nil || !ok {
			t.Fatalf("Get %s: %v %v", c.id, ok, err)
		}
		if r.Removed != c.removed || !r.LastSeen.Equal(c.last) {
			t.Errorf("%s: removed %v last seen %v, want %v %v", c.id, r.Removed, r.LastSeen, c.removed, c.last)
		}
	}
}

// TestWalksPageAndAllowWrites walks more records than a page while
// writing to the store from the callback: every record is seen once.
func TestWalksPageAndAllowWrites(t *testing.T) {
	s := open(t)
	ctx := t.Context()
	const n = 700
	var recs []store.Record
	for i := range n {
		recs = append(recs, rec(fmt.Sprintf("id%04d", i), fmt.Sprint("body ", i), day1, fmt.Sprintf("qq:%d", i%7)))
	}
	if _, err := s.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	if l, err := s.Len(); err != nil || l != n {
		t.Errorf("Len = %d, %v; want %d", l, err, n)
	}
	seen := map[string]int{}
	err := s.All(ctx, func(r store.Record) error {
		seen[r.Listing.ID]++
		_, err := s.Update(ctx, []string{r.Listing.ID}, func(r *store.Record) bool { r.Removed = true; return true })
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != n {
		t.Errorf("All saw %d records, want %d", len(seen), n)
	}
	ids := 0
	if err := s.IDs(ctx, func(string) error { ids++; return nil }); err != nil || ids != n {
		t.Errorf("IDs saw %d, %v; want %d", ids, err, n)
	}
	for id, c := range seen {
		if c != 1 {
			t.Errorf("%s seen %d times", id, c)
		}
	}
	if got := len(carriers(t, s, "qq:3")); got != n/7 {
		t.Errorf("qq:3 carried by %d listings, want %d", got, n/7)
	}
	// Cleaning the dirty set while walking it.
	err = s.Dirty(ctx, func(m store.Mark) error {
		_, err := s.SetVerdicts(ctx, nil, []store.Mark{m})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if ids, _ := dirty(t, s); len(ids) != 0 {
		t.Errorf("%d listings still dirty after cleaning each", len(ids))
	}
}

// TestCleanKeepsNewerMarks: a listing marked again after its mark was read
// (a crawl changed it during a reclassification) stays dirty.
func TestCleanKeepsNewerMarks(t *testing.T) {
	s := open(t)
	ctx := t.Context()
	if _, err := s.Put(ctx, []store.Record{rec("a", "x", day1, "qq:1")}); err != nil {
		t.Fatal(err)
	}
	var read []store.Mark
	s.Dirty(ctx, func(m store.Mark) error { read = append(read, m); return nil })
	if err := s.MarkDirty(ctx, []string{"a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetVerdicts(ctx, nil, read); err != nil {
		t.Fatal(err)
	}
	if ids, keys := dirty(t, s); !cmp.Equal(ids, []string{"a"}) || !cmp.Equal(keys, []string{"qq:1"}) {
		t.Errorf("dirty after a stale clean: %v %v, want [a] [qq:1]", ids, keys)
	}
	cleanAll(t, s)
	if err := s.MarkAllDirty(ctx); err != nil {
		t.Fatal(err)
	}
	if ids, keys := dirty(t, s); !cmp.Equal(ids, []string{"a"}) || !cmp.Equal(keys, []string{"qq:1"}) {
		t.Errorf("dirty after MarkAllDirty: %v %v, want [a] [qq:1]", ids, keys)
	}
}

func TestTalliesAndMeta(t *testing.T) {
	s := open(t)
	ctx := t.Context()
	if _, err := s.Put(ctx, []store.Record{rec("a", "x", day1, "qq:1"), rec("b", "y", day1, "qq:2")}); err != nil {
		t.Fatal(err)
	}
	cleanAll(t, s)
	if err := s.SetTallies(ctx, map[string][]byte{"qq:1": []byte(`{"n":2}`), "qq:2": []byte(`{"n":1}`)}, []string{"a"}, nil); err != nil {
		t.Fatal(err)
	}
	var keys []store.Mark
	s.MarkDirty(ctx, []string{"b"})
	s.DirtyKeys(ctx, func(m store.Mark) error { keys = append(keys, m); return nil })
	if err := s.SetTallies(ctx, map[string][]byte{"qq:2": nil}, nil, keys); err != nil {
		t.Fatal(err)
	}
	if ids, ks := dirty(t, s); !cmp.Equal(ids, []string{"a", "b"}) || len(ks) != 0 {
		t.Errorf("dirty after SetTallies: %v %v, want [a b] and no contacts", ids, ks)
	}
	for key, want := range map[string]string{"qq:1": `{"n":2}`, "qq:2": ""} {
		if got, err := s.Tally(key); err != nil || string(got) != want {
			t.Errorf("Tally(%s) = %q, %v; want %q", key, got, err, want)
		}
	}
	if err := s.SetMeta("classifier", "abc"); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Meta("classifier"); err != nil || v != "abc" {
		t.Errorf("Meta = %q, %v", v, err)
	}
}

// TestSetVerdicts writes verdicts and cleans the dirty marks in one go,
// returning only the records whose verdict changed.
func TestSetVerdicts(t *testing.T) {
	s := open(t)
	ctx := t.Context()
	if _, err := s.Put(ctx, []store.Record{rec("a", "x", day1, "qq:1"), rec("b", "y", day1, "qq:1")}); err != nil {
		t.Fatal(err)
	}
	var ms []store.Mark
	s.Dirty(ctx, func(m store.Mark) error { ms = append(ms, m); return nil })
	a, _, _ := s.Get("a")
	b, _, _ := s.Get("b")
	raised := b.Verdict
	raised.Label, raised.Score = scamhunt.LabelSuspicious, 0.7
	made := prov("rules.yaml sha256:aaaaaaaaaaaa", day2)
	changed, err := s.SetVerdicts(ctx, map[string]store.Judgement{
		"a": {Verdict: a.Verdict}, "b": {Verdict: raised, Provenance: made}, "zz": {Verdict: raised, Provenance: made},
	}, ms)
	if err != nil {
		t.Fatal(err)
	}
	if len(changed) != 1 || changed[0].Listing.ID != "b" || changed[0].Verdict.Label != scamhunt.LabelSuspicious {
		t.Errorf("changed = %+v, want b alone, suspicious", changed)
	}
	got, _, _ := s.Get("b")
	if got.Verdict.Label != scamhunt.LabelSuspicious || got.Base.Label != scamhunt.LabelLegit {
		t.Errorf("b stored with verdict %s base %s", got.Verdict.Label, got.Base.Label)
	}
	if diff := cmp.Diff(made, got.Provenance); diff != "" {
		t.Errorf("b's provenance (-want +got):\n%s", diff)
	}
	if ids, _ := dirty(t, s); len(ids) != 0 {
		t.Errorf("still dirty: %v", ids)
	}

	// The same verdict confirmed by another classifier is written: only
	// its provenance changes, and the head names the new maker.
	again := prov("other.yaml sha256:bbbbbbbbbbbb", day3)
	changed, err = s.SetVerdicts(ctx, map[string]store.Judgement{"a": {Verdict: a.Verdict, Provenance: again}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(changed) != 1 || changed[0].Listing.ID != "a" {
		t.Errorf("changed = %+v, want a, restamped", changed)
	}
	if h, _, _ := s.Head("a"); h.Maker != again.Maker() {
		t.Errorf("head of a names maker %q, want %q", h.Maker, again.Maker())
	}
}

func prov(rules string, at time.Time) *scamhunt.Provenance {
	return &scamhunt.Provenance{Rules: rules, Model: "model.json sha256:cccccccccccc", Tool: "scamhunt (devel)", ClassifiedAt: at}
}

// TestPutKeepsProvenance: a verdict's provenance goes with it. A listing
// put again unchanged keeps the verdict a reclassification raised, and so
// what made that verdict; one whose stored verdict is its base verdict,
// or whose content changed, takes the provenance given.
func TestPutKeepsProvenance(t *testing.T) {
	s := open(t)
	ctx := t.Context()
	crawled, judged, recrawled := prov("rules.yaml sha256:aaaaaaaaaaaa", day1), prov("rules.yaml sha256:aaaaaaaaaaaa", day2), prov("rules.yaml sha256:aaaaaaaaaaaa", day3)
	a, b := rec("a", "电话 13800138000", day1, "phone:+8613800138000"), rec("b", "服务员", day1)
	a.Provenance, b.Provenance = crawled, crawled
	if _, err := s.Put(ctx, []store.Record{a, b}); err != nil {
		t.Fatal(err)
	}
	if h, _, _ := s.Head("b"); h.Maker != crawled.Maker() {
		t.Errorf("head of b names maker %q, want %q", h.Maker, crawled.Maker())
	}
	raised := scamhunt.Verdict{ID: "a", Label: scamhunt.LabelScam, Score: 0.99, Categories: []string{}, Reasons: []scamhunt.Reason{{Rule: "reputation.blocked_contact"}}}
	if _, err := s.Update(ctx, []string{"a"}, func(r *store.Record) bool { r.Verdict, r.Provenance = raised, judged; return true }); err != nil {
		t.Fatal(err)
	}
	a.Provenance, b.Provenance = recrawled, recrawled
	changed := rec("c", "加微信 abc_123", day1, "wechat:abc_123")
	changed.Provenance = crawled
	if _, err := s.Put(ctx, []store.Record{changed}); err != nil {
		t.Fatal(err)
	}
	changed = rec("c", "加微信 abc_456", day3, "wechat:abc_456")
	changed.Provenance = recrawled
	got, err := s.Put(ctx, []store.Record{a, b, changed})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []*scamhunt.Provenance{judged, recrawled, recrawled} {
		if diff := cmp.Diff(want, got[i].Provenance); diff != "" {
			t.Errorf("%s: provenance as put (-want +got):\n%s", got[i].Listing.ID, diff)
		}
		r, _, _ := s.Get(got[i].Listing.ID)
		if diff := cmp.Diff(want, r.Provenance); diff != "" {
			t.Errorf("%s: provenance read back (-want +got):\n%s", r.Listing.ID, diff)
		}
	}
}

// TestOpenLocked: a second open of a held file gives up with ErrLocked
// instead of waiting forever.
func TestOpenLocked(t *testing.T) {
	file := filepath.Join(t.TempDir(), "listings.db")
	s, err := store.Open(file, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = store.Open(file, store.Options{Timeout: 50 * time.Millisecond})
	if !errors.Is(err, store.ErrLocked) {
		t.Errorf("second Open: %v, want ErrLocked", err)
	}
}
