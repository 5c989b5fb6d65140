package e2e_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt"
)

// crawlSummary is the part of `scamhunt crawl --json` these tests read.
type crawlSummary struct {
	Crawl struct {
		Fetched   int `json:"fetched"`
		Unchanged int `json:"unchanged"`
		Failed    int `json:"failed"`
	} `json:"crawl"`
	Pipeline scamhunt.Stats `json:"pipeline"`
	Raised   int            `json:"raised_by_reputation"`
	Rejudged int            `json:"rejudged_by_new_classifier"`
}

// TestDemoEndToEnd is the main job on the embedded default: `scamhunt
// crawl` over the demo board on loopback; every listing page becomes exactly
// one listing, nothing else does, GBK pages read as Chinese, robots.txt
// holds, searching 刷单 finds flagged listings with evidence, and the label
// agreement with the board's ground truth is printed.
func TestDemoEndToEnd(t *testing.T) {
	b, data, out := crawledDemo(t)
	truth := b.Truth()
	var sum crawlSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("crawl --json: %v\n%s", err, out)
	}
	byURL := records(t, data)
	if len(byURL) != len(truth.Listings) {
		t.Errorf("indexed %d listings, the board has %d", len(byURL), len(truth.Listings))
	}
	for _, p := range truth.NonListings {
		if _, ok := byURL[b.URL+p]; ok {
			t.Errorf("non-listing page %s became a listing", p)
		}
	}
	fetched := b.log.counts()
	for _, p := range truth.Disallowed {
		if n := fetched[p]; n > 0 {
			t.Errorf("robots-disallowed %s fetched %d times", p, n)
		}
	}
	gbk := map[string]bool{}
	for _, p := range truth.GBKPaths {
		gbk[p] = true
	}
	var agree, tp, fp, fn, gbkChecked int
	encodings := map[string]int{}
	for _, tl := range truth.Listings {
		r, ok := byURL[b.URL+tl.Path]
		if !ok {
			t.Errorf("listing %s (%s) missing from the index", tl.Path, tl.Title)
			continue
		}
		if gbk[tl.Path] {
			gbkChecked++
			encodings[tl.Encoding]++
		}
		if r.Listing.Title != tl.Title {
			t.Errorf("%s (%s): title %q, want %q", tl.Path, tl.Encoding, r.Listing.Title, tl.Title)
		}
		if r.Listing.City != tl.City {
			t.Errorf("%s: city %q, want %q", tl.Path, r.Listing.City, tl.City)
		}
		flagged := r.Label().Flagged()
		switch {
		case flagged && tl.Label == "scam":
			tp++
			agree++
		case !flagged && tl.Label == "legit":
			agree++
		case flagged:
			fp++
		default:
			fn++
		}
		if flagged && !hasEvidence(r) {
			t.Errorf("%s flagged with no reason found in its text: %+v", tl.Path, r.Verdict.Reasons)
		}
	}
	for _, enc := range []string{"gbk-meta", "gbk-header", "gbk-none"} {
		if encodings[enc] == 0 {
			t.Errorf("no %s listing checked (checked %v)", enc, encodings)
		}
	}
	n := len(truth.Listings)
	rate := float64(agree) / float64(n)
	t.Logf("demo board: %d pages fetched, %d listings (%d GBK); label agreement with ground truth %.3f (%d/%d); flagged scams %d, flagged honest %d, missed scams %d",
		sum.Crawl.Fetched, n, gbkChecked, rate, agree, n, tp, fp, fn)
	if rate < 0.9 {
		t.Errorf("label agreement %.3f, want at least 0.9", rate)
	}
	if sum.Pipeline.Kinds[scamhunt.KindDetail] != n {
		t.Errorf("pipeline saw %d detail pages, want %d", sum.Pipeline.Kinds[scamhunt.KindDetail], n)
	}

	var res scamhunt.Result
	if err := json.Unmarshal([]byte(runCLI(t, "search", "--data", data, "--json", "--label", "scam", "刷单")), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 {
		t.Fatal("searching 刷单 among scams found nothing")
	}
	for _, h := range res.Hits {
		if len(h.Reasons) == 0 || h.Label != scamhunt.LabelScam {
			t.Errorf("hit %s (%s): label %s with %d reasons", h.ID, h.Title, h.Label, len(h.Reasons))
		}
	}
}

// hasEvidence reports whether some reason's matched words occur in the
// listing.
func hasEvidence(r scamhunt.Record) bool {
	l := r.Listing
	text := strings.Join([]string{l.Title, l.Body, l.SalaryText, l.Company, l.ContactPerson, l.Location}, "\n")
	for _, c := range l.Contacts {
		text += "\n" + c.Raw + "\n" + c.Value
	}
	for _, rs := range r.Verdict.Reasons {
		if rs.Match != "" && strings.Contains(text, rs.Match) {
			return true
		}
	}
	return false
}
