package testsite_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/testsite"
)

func TestScamTypes(t *testing.T) {
	_, tr := demo()
	per := map[string]int{}
	channels := map[string]int{}
	for _, l := range tr.Listings {
		switch l.Label {
		case "scam":
			if !slices.Contains(scamhunt.Categories, l.ScamType) || l.HardNegative {
				t.Errorf("%s: scam type %q, hard negative %v", l.Path, l.ScamType, l.HardNegative)
			}
			per[l.ScamType]++
			channels[l.CategorySlug]++
		case "legit":
			if l.ScamType != "" {
				t.Errorf("%s: legit with scam type %q", l.Path, l.ScamType)
			}
		default:
			t.Errorf("%s: label %q", l.Path, l.Label)
		}
	}
	for _, c := range scamhunt.Categories {
		if per[c] < 15 {
			t.Errorf("scam type %s: %d listings, want >= 15", c, per[c])
		}
	}
	for _, c := range []string{"chuandan", "cuxiao", "fuwuyuan", "jiajiao", "kuaidi", "waimai", "kefu", "mote", "wangluo", "shougong"} {
		if channels[c] == 0 {
			t.Errorf("no scams hide in channel %s", c)
		}
	}
	if channels["wangluo"] < channels["chuandan"]*3 {
		t.Errorf("wangluo has %d scams, chuandan %d: scams should concentrate in wangluo", channels["wangluo"], channels["chuandan"])
	}
}

// TestContactsWritten checks that every truth contact appears in its page
// text in the written form Raw, and that Raw really encodes the value.
func TestContactsWritten(t *testing.T) {
	_, tr := demo()
	forms := map[string]bool{}
	for _, l := range tr.Listings {
		if len(l.Contacts) == 0 {
			t.Errorf("%s: no contacts", l.Path)
			continue
		}
		detail := squeeze(page(t, l.Path).Find(".job-detail").Text())
		for _, c := range l.Contacts {
			if !strings.Contains(detail, squeeze(c.Raw)) {
				t.Errorf("%s: contact %s written %q not in page", l.Path, c.Key(), c.Raw)
			}
			if got := decodeRaw(c); got != c.Value {
				t.Errorf("%s: raw %q decodes to %q, want %q", l.Path, c.Raw, got, c.Value)
			}
			if c.Raw != plainValue(c) {
				forms[string(c.Kind)+":"+formOf(c.Raw)] = true
			}
		}
	}
	for _, f := range []string{"phone:full", "phone:han", "phone:sep", "qq:full", "qq:han", "qq:sep", "wechat:full", "wechat:case", "wechat:han"} {
		if !forms[f] {
			t.Errorf("no contact written in form %s", f)
		}
	}
}

// decodeRaw undoes the obfuscations the board uses, independently of it.
func decodeRaw(c scamhunt.Contact) string {
	var b strings.Builder
	for _, r := range c.Raw {
		switch {
		case r >= '０' && r <= '９', r >= 'ａ' && r <= 'ｚ', r >= 'Ａ' && r <= 'Ｚ', r == '＿':
			r -= 0xFEE0
		}
		if i := strings.IndexRune("零一二三四五六七八九", r); i >= 0 {
			r = '0' + rune(len([]rune("零一二三四五六七八九"[:i])))
		} else if i := strings.IndexRune("〇幺二三四五六七八九", r); i >= 0 {
			r = '0' + rune(len([]rune("〇幺二三四五六七八九"[:i])))
		} else if i := strings.IndexRune("零壹贰叁肆伍陆柒捌玖", r); i >= 0 {
			r = '0' + rune(len([]rune("零壹贰叁肆伍陆柒捌玖"[:i])))
		}
		switch {
		case r >= '0' && r <= '9', r >= 'a' && r <= 'z', r == '_':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		}
	}
	s := b.String()
	if c.Kind == scamhunt.ContactPhone {
		s = strings.TrimPrefix(s, "86")
		if s[0] == '0' {
			s = s[1:]
		}
		return "+86" + s
	}
	return s
}

func plainValue(c scamhunt.Contact) string {
	return strings.TrimPrefix(c.Value, "+86")
}

func formOf(raw string) string {
	switch {
	case strings.ContainsAny(raw, "１３５７９０ｈｊｌ"):
		return "full"
	case strings.ContainsAny(raw, "一二三四五六七八九零〇幺壹贰叁肆伍陆柒捌玖"):
		return "han"
	case strings.ContainsAny(raw, " -.*★☆"):
		return "sep"
	case strings.ToLower(raw) != raw:
		return "case"
	}
	return "other"
}

func TestHonestContactsNotShared(t *testing.T) {
	_, tr := demo()
	owners := map[string][]string{}
	for _, l := range tr.Listings {
		for _, c := range l.Contacts {
			owners[c.Key()] = append(owners[c.Key()], l.Path)
		}
	}
	for _, l := range tr.Listings {
		if l.Label != "legit" {
			continue
		}
		for _, c := range l.Contacts {
			if ps := owners[c.Key()]; len(ps) != 1 {
				t.Errorf("honest contact %s is shared: %v", c.Key(), ps)
			}
		}
	}
}

func TestClusters(t *testing.T) {
	_, tr := demo()
	if len(tr.Clusters) < 6 {
		t.Fatalf("%d clusters, want >= 6", len(tr.Clusters))
	}
	byPath := map[string]testsite.TruthListing{}
	for _, l := range tr.Listings {
		byPath[l.Path] = l
	}
	for _, c := range tr.Clusters {
		if n := len(c.Paths); n < 3 || n > 10 {
			t.Errorf("cluster %s: %d listings, want 3..10", c.Contact.Key(), n)
		}
		cities, cats, raws := map[string]bool{}, map[string]bool{}, map[string]bool{}
		for _, p := range c.Paths {
			l, ok := byPath[p]
			if !ok || l.Label != "scam" {
				t.Errorf("cluster %s: %s is not a scam listing", c.Contact.Key(), p)
				continue
			}
			cities[l.CitySlug], cats[l.CategorySlug] = true, true
			i := slices.IndexFunc(l.Contacts, func(x scamhunt.Contact) bool { return x.Key() == c.Contact.Key() })
			if i < 0 {
				t.Errorf("cluster %s: %s does not carry the contact", c.Contact.Key(), p)
				continue
			}
			raws[l.Contacts[i].Raw] = true
		}
		if len(cities) != len(c.Paths) || len(cats) != len(c.Paths) {
			t.Errorf("cluster %s: %d listings in %d cities and %d channels, want all different", c.Contact.Key(), len(c.Paths), len(cities), len(cats))
		}
		if len(raws) != len(c.Paths) {
			t.Errorf("cluster %s: %d listings write it %d ways, want each differently: %v", c.Contact.Key(), len(c.Paths), len(raws), raws)
		}
	}
}

func TestNonListingsAndGBKPaths(t *testing.T) {
	b, tr := demo()
	all := b.Paths()
	for _, p := range tr.NonListings {
		if !slices.Contains(all, p) || isDetail(p) && !strings.HasPrefix(p, "/news/") && !strings.HasPrefix(p, "/notice/") {
			t.Errorf("non-listing %s: not served or looks like a detail page", p)
		}
	}
	for _, p := range tr.GBKPaths {
		if !strings.HasPrefix(p, "/shenyang/") {
			t.Errorf("GBK path %s outside /shenyang/", p)
		}
	}
	for _, p := range all {
		if strings.HasPrefix(p, "/shenyang/") && !slices.Contains(tr.GBKPaths, p) {
			t.Errorf("%s is under /shenyang/ but not in GBKPaths", p)
		}
	}
	if diff := len(all) - len(tr.Listings) - len(tr.NonListings) - len(tr.Disallowed) - 2; diff != 0 {
		t.Errorf("Paths has %d pages beyond listings, non-listings, disallowed, robots.txt and css", diff)
	}
}
