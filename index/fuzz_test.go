package index_test

import (
	"strings"
	"testing"
	"time"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/index"
)

// fuzzSeeds are typed queries, from the table cases and some hostile ones.
func fuzzSeeds() [][2]string {
	var out [][2]string
	for _, c := range searchCases {
		out = append(out, [2]string{c.q.Text, c.q.Contact})
	}
	for _, s := range []string{`"`, `\`, `"刷单`, `a" OR "b`, "NOT AND OR", "-刷单", "\xff\xfe", "\u3000\u00a0", "ｑｑ：５６７９３２１６",
		strings.Repeat("刷单", 300), strings.Repeat("a ", 300), "薇信", "+", "*", "a:b", "[]()"} {
		out = append(out, [2]string{s, s})
	}
	return out
}

// checkResult holds for any query: highlights re-join to the title, marks
// are non-empty, hits never exceed the total.
func checkResult(t *testing.T, res scamhunt.Result) {
	t.Helper()
	if len(res.Hits) > res.Total {
		t.Fatalf("%d hits but total %d", len(res.Hits), res.Total)
	}
	for _, h := range res.Hits {
		spans, ok := h.Highlights["title"]
		if !ok {
			continue
		}
		var b strings.Builder
		for _, s := range spans {
			if s.Mark && s.Text == "" {
				t.Fatalf("empty marked span in %+v", spans)
			}
			b.WriteString(s.Text)
		}
		if b.String() != h.Title {
			t.Fatalf("title spans %+v do not re-join to %q", spans, h.Title)
		}
	}
}

// FuzzQuery: Bleve's query building never panics or fails, whatever is
// typed as the text or the contact filter.
func FuzzQuery(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s[0], s[1])
	}
	b, err := index.OpenBleve(f.TempDir() + "/fuzz.bleve")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = b.Close() })
	if err := b.Upsert(f.Context(), fixtures()); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, contact string) {
		res, err := b.Search(t.Context(), scamhunt.Query{Text: text, Contact: contact, Facets: true})
		if err != nil {
			t.Fatalf("Search(%q, contact %q): %v", text, contact, err)
		}
		checkResult(t, res)
	})
}

// FuzzMeiliQuery: the q and filter the Meilisearch client builds from any
// text, contact, city and site are accepted by the contract server, whose
// filter parser follows Meilisearch's quoting rules.
func FuzzMeiliQuery(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s[0], s[1], s[0])
	}
	fake := newFakeMeili(f, "k")
	m, err := index.OpenMeili(f.Context(), index.MeiliConfig{URL: fake.URL, Key: "k", PollInterval: time.Millisecond, Backoff: time.Millisecond})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = m.Close() })
	if err := m.Upsert(f.Context(), fixtures()); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, contact, city string) {
		res, err := m.Search(t.Context(), scamhunt.Query{Text: text, Contact: contact, City: city, Site: city, Facets: true})
		if err != nil {
			t.Fatalf("Search(%q, contact %q, city %q): %v", text, contact, city, err)
		}
		checkResult(t, res)
	})
}
