package extract_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/extract"
)

// FuzzExtract feeds hostile pages to the generic extractor and to the demo
// profile, seeded with every golden run (a case of a site with a profile
// seeds both ways). Whatever the page, Extract must not panic, every listing must
// have an ID and a title, a detail listing's ID must be its URL's, and
// every contact's Raw text must occur in the page.
func FuzzExtract(f *testing.F) {
	for _, r := range loadRuns(f) {
		f.Add(r.page(f).Body, r.url, !r.generic)
	}
	f.Add([]byte("<h1>招聘</h1><table><tr><th>薪资：</th><td>100元/天</td></tr><tr><th>电话</th><td>138<br>4312<br>5678</td></tr></table>"), "http://x.test/a/b/1.html", false)
	f.Add([]byte(`<h1>店员</h1><div class="price">150元/天</div><span class="salary-num">4000-6000</span><em>元/月</em><p class="money">¥25/时</p><p>電話：9123 4567</p>`), "http://x.test/p/2", false)
	generic, err := extract.New(extract.Profile{})
	if err != nil {
		f.Fatal(err)
	}
	demo, err := extract.New(demoProfile(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte, url string, useProfile bool) {
		e := generic
		if useProfile {
			e = demo
		}
		p := scamhunt.Page{URL: url, Site: "fuzz", Status: 200, Body: body, FetchedAt: fetched}
		ex, err := e.Extract(p)
		if err != nil {
			return // an unparsable URL
		}
		switch ex.Kind {
		case scamhunt.KindDetail, scamhunt.KindIndex, scamhunt.KindArticle, scamhunt.KindOther:
		default:
			t.Fatalf("kind %q", ex.Kind)
		}
		if ex.Why == "" {
			t.Error("no why")
		}
		if len(ex.Listings) > 0 && ex.Kind != scamhunt.KindDetail && ex.Kind != scamhunt.KindIndex {
			t.Errorf("%s page with %d listings", ex.Kind, len(ex.Listings))
		}
		var text string
		for _, l := range ex.Listings {
			if l.ID == "" || strings.TrimSpace(l.Title) == "" {
				t.Errorf("listing without ID or title: %+v", l)
			}
			if !l.Partial && l.ID != scamhunt.ListingID(url) {
				t.Errorf("detail listing ID %s, want ListingID(%q)", l.ID, url)
			}
			if !utf8.ValidString(l.Title) || !utf8.ValidString(l.Body) {
				t.Error("listing text is not valid UTF-8")
			}
			for _, c := range l.Contacts {
				if text == "" {
					text = squash(pageText(t, body))
				}
				if !strings.Contains(text, squash(c.Raw)) {
					t.Errorf("contact raw %q does not occur in the page", c.Raw)
				}
			}
		}
	})
}

// pageText is every text node and attribute value of the page.
func pageText(t *testing.T, body []byte) string {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for _, a := range n.Attr {
			b.WriteString(a.Val)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc.Nodes[0])
	return b.String()
}

// squash drops what the extractor's text may add or lose between runes:
// white space, zero-width characters and replaced invalid bytes.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r), r == utf8.RuneError, r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff', r == '\u00ad':
			return -1
		}
		return r
	}, s)
}

// FuzzSuggest feeds hostile page pairs to Suggest, seeded with pairs of
// golden detail pages of one layout: whatever the pages, it must not panic,
// and any profile it proposes must validate and check both pages.
func FuzzSuggest(f *testing.F) {
	bySite := map[string][]goldenCase{}
	for _, c := range loadCases(f) {
		if strings.HasPrefix(strings.TrimPrefix(c.name, "generic_"), "detail") {
			bySite[c.site] = append(bySite[c.site], c)
		}
	}
	for _, cs := range bySite {
		if len(cs) >= 2 {
			f.Add(cs[0].page(f).Body, cs[0].url, cs[1].page(f).Body, cs[1].url)
		}
	}
	f.Fuzz(func(t *testing.T, a []byte, aURL string, b []byte, bURL string) {
		pages := []scamhunt.Page{
			{URL: aURL, Status: 200, Body: a, FetchedAt: fetched},
			{URL: bURL, Status: 200, Body: b, FetchedAt: fetched},
		}
		s, err := extract.Suggest(pages)
		if err != nil {
			return
		}
		if err := s.Profile.Validate(); err != nil {
			t.Fatalf("suggested profile does not validate: %v\n%+v", err, s.Profile)
		}
		e, err := extract.New(s.Profile)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if _, err := e.Check(p); err != nil {
				return // an unparsable URL
			}
		}
	})
}
