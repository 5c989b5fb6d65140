package extract_test

import (
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt"
)

// TestKinds holds every golden run, with the profile and generic alike, to
// what its case promises, so that a careless -update cannot bless a
// regression: news, notices and the seed page give no listing; a detail
// page gives exactly one; an index only partial ones; a detail without a
// title is other. The case's name, read without its generic_ prefix, gives
// the kind (see kindOfName); a fixture's <!-- case generic kind: K -->
// line gives the generic run's kind where the generic extractor rightly
// judges the page otherwise than the profile does.
func TestKinds(t *testing.T) {
	for _, r := range loadRuns(t) {
		want, ok := kindOfName(strings.TrimPrefix(r.name, "generic_"))
		if !ok {
			t.Errorf("%s: the name says nothing of the kind; name cases detail*, list*, news*, notice*, article* ...", r.label())
			continue
		}
		if r.generic && r.genericKind != "" {
			want = r.genericKind
		}
		ex, err := r.extractor(t).Extract(r.page(t))
		if err != nil {
			t.Errorf("%s: %v", r.label(), err)
			continue
		}
		if ex.Kind != want {
			t.Errorf("%s: kind %s (%s), want %s", r.label(), ex.Kind, ex.Why, want)
		}
		switch want {
		case scamhunt.KindDetail:
			if len(ex.Listings) != 1 || ex.Listings[0].Partial {
				t.Errorf("%s: %d listings, want one full listing", r.label(), len(ex.Listings))
			}
		case scamhunt.KindIndex:
			if len(ex.Listings) < 5 {
				t.Errorf("%s: %d rows, want at least 5", r.label(), len(ex.Listings))
			}
			for _, l := range ex.Listings {
				if !l.Partial {
					t.Errorf("%s: index row %s not partial", r.label(), l.URL)
				}
			}
		default:
			if len(ex.Listings) != 0 {
				t.Errorf("%s: %s page gave %d listings", r.label(), ex.Kind, len(ex.Listings))
			}
		}
	}
}

// kindOfName is the kind a case's name promises: *no_title, city_empty*,
// links and login are other; detail* detail; list*, home and city_home
// index; news*, notice* and article* article.
func kindOfName(name string) (scamhunt.PageKind, bool) {
	switch {
	case strings.Contains(name, "no_title"), strings.HasPrefix(name, "city_empty"), name == "links", name == "login":
		return scamhunt.KindOther, true
	case strings.HasPrefix(name, "detail"):
		return scamhunt.KindDetail, true
	case strings.HasPrefix(name, "list"), name == "home", name == "city_home":
		return scamhunt.KindIndex, true
	case strings.HasPrefix(name, "news"), strings.HasPrefix(name, "notice"), strings.HasPrefix(name, "article"):
		return scamhunt.KindArticle, true
	}
	return "", false
}

// TestChromeDoesNotLeak checks that the site's own contacts (footer) and
// the ads' contacts (banners, floating boxes, ads inside the description,
// document.write in scripts) never reach a listing.
func TestChromeDoesNotLeak(t *testing.T) {
	foreign := []string{"4008001234", "800012345", "99887766", "adwx999888", "adinner777", "fake123456", "noscript001", "scam12345", "10086001", "88886666"}
	for _, r := range loadRuns(t) {
		ex, err := r.extractor(t).Extract(r.page(t))
		if err != nil {
			t.Fatalf("%s: %v", r.label(), err)
		}
		for _, l := range ex.Listings {
			for _, ct := range l.Contacts {
				for _, f := range foreign {
					if strings.Contains(ct.Value, f) {
						t.Errorf("%s: listing holds the page furniture's contact %s", r.label(), ct.Value)
					}
				}
			}
			for _, f := range foreign {
				if strings.Contains(l.Body, f) {
					t.Errorf("%s: body holds %q from outside the ad", r.label(), f)
				}
			}
		}
	}
}
