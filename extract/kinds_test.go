package extract_test

import (
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt"
)

// TestKinds holds the golden cases to what their names promise, so that a
// careless -update cannot bless a regression: news, notices and the seed
// page give no listing; a detail page gives exactly one; an index only
// partial ones; a detail without a title is other.
func TestKinds(t *testing.T) {
	for _, c := range loadCases(t) {
		name := strings.TrimPrefix(c.name, "generic_")
		var want scamhunt.PageKind
		switch {
		case strings.Contains(name, "no_title"), strings.HasPrefix(name, "city_empty"), name == "links", name == "login":
			want = scamhunt.KindOther
		case strings.HasPrefix(name, "detail"):
			want = scamhunt.KindDetail
		case strings.HasPrefix(name, "list"), name == "home", name == "city_home":
			want = scamhunt.KindIndex
		case strings.HasPrefix(name, "news"), strings.HasPrefix(name, "notice"), strings.HasPrefix(name, "article"):
			want = scamhunt.KindArticle
		default:
			t.Errorf("%s: the name says nothing of the kind; name cases detail*, list*, news*, notice*, article* ...", c.file)
			continue
		}
		ex, err := c.extractor(t).Extract(c.page(t))
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if ex.Kind != want {
			t.Errorf("%s: kind %s (%s), want %s", c.file, ex.Kind, ex.Why, want)
		}
		switch want {
		case scamhunt.KindDetail:
			if len(ex.Listings) != 1 || ex.Listings[0].Partial {
				t.Errorf("%s: %d listings, want one full listing", c.file, len(ex.Listings))
			}
		case scamhunt.KindIndex:
			if len(ex.Listings) < 5 {
				t.Errorf("%s: %d rows, want at least 5", c.file, len(ex.Listings))
			}
			for _, l := range ex.Listings {
				if !l.Partial {
					t.Errorf("%s: index row %s not partial", c.file, l.URL)
				}
			}
		default:
			if len(ex.Listings) != 0 {
				t.Errorf("%s: %s page gave %d listings", c.file, ex.Kind, len(ex.Listings))
			}
		}
	}
}

// TestChromeDoesNotLeak checks that the site's own contacts (footer) and
// the ads' contacts (banners, floating boxes, ads inside the description,
// document.write in scripts) never reach a listing.
func TestChromeDoesNotLeak(t *testing.T) {
	foreign := []string{"4008001234", "800012345", "99887766", "adwx999888", "adinner777", "fake123456", "noscript001", "scam12345", "10086001", "88886666"}
	for _, c := range loadCases(t) {
		ex, err := c.extractor(t).Extract(c.page(t))
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		for _, l := range ex.Listings {
			for _, ct := range l.Contacts {
				for _, f := range foreign {
					if strings.Contains(ct.Value, f) {
						t.Errorf("%s: listing holds the page furniture's contact %s", c.file, ct.Value)
					}
				}
			}
			for _, f := range foreign {
				if strings.Contains(l.Body, f) {
					t.Errorf("%s: body holds %q from outside the ad", c.file, f)
				}
			}
		}
	}
}
