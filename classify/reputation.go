package classify

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/contact"
)

// ReputationConfig tunes contact reputation. The zero value means the
// defaults given on each field.
type ReputationConfig struct {
	// A contact is notable when the listings carrying it (this one
	// included) reach MinListings (default 4), span MinSites sites
	// (default 3) or MinCities cities (default 3).
	MinListings, MinSites, MinCities int
	SharedWeight                     float64 // logit added for a notable contact; default 1.5
	ScamWeight                       float64 // logit added for a contact of a confirmed scam; default 3
	BlockWeight                      float64 // logit added for a block-listed contact; default 8
	// ConfirmScore is the verdict score from which a stored scam verdict
	// counts as confirmed without a human override; default 0.95.
	ConfirmScore float64
	MaxIDs       int    // listing IDs named in a reason; default 5
	Thresholds   Config // labels after adjustment; zero means the classifier defaults
}

func (c ReputationConfig) withDefaults() ReputationConfig {
	defI := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	defF := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	defI(&c.MinListings, 4)
	defI(&c.MinSites, 3)
	defI(&c.MinCities, 3)
	defI(&c.MaxIDs, 5)
	defF(&c.SharedWeight, 1.5)
	defF(&c.ScamWeight, 3)
	defF(&c.BlockWeight, 8)
	defF(&c.ConfirmScore, 0.95)
	c.Thresholds = c.Thresholds.withDefaults()
	return c
}

// Validate reports settings out of range.
func (c ReputationConfig) Validate() error {
	if c.MinListings < 0 || c.MinSites < 0 || c.MinCities < 0 || c.MaxIDs < 0 {
		return errors.New("reputation: counts must be >= 0")
	}
	for _, w := range []float64{c.SharedWeight, c.ScamWeight, c.BlockWeight} {
		if w < 0 || w > 20 || math.IsNaN(w) {
			return errors.New("reputation: weights must be within [0, 20]")
		}
	}
	if c.ConfirmScore < 0 || c.ConfirmScore > 1 || math.IsNaN(c.ConfirmScore) {
		return errors.New("reputation: confirm score must be within [0, 1]")
	}
	return c.Thresholds.Validate()
}

// Reputation raises listings whose contacts are shared by many listings,
// sites or cities, or with a confirmed scam, and those with a block-listed
// contact; an allow-listed contact (a vetted employer's number) suppresses
// the raises. It is built once from indexed records and is pure and safe
// for concurrent use.
type Reputation struct {
	cfg          ReputationConfig
	stats        map[string]*contactStats
	allow, block map[string]bool
}

type contactStats struct {
	ids, sites, cities, scams []string // sorted, distinct
}

// NewReputation indexes the contacts of recs. A record's contacts are its
// listing's, or, when it has none (nil), those found in its title and body. An invalid cfg is
// replaced by its defaults field by field where zero; call Validate first
// to reject it.
func NewReputation(recs []scamhunt.Record, allow, block []scamhunt.Contact, cfg ReputationConfig) *Reputation {
	r := &Reputation{cfg: cfg.withDefaults(), stats: map[string]*contactStats{}, allow: map[string]bool{}, block: map[string]bool{}}
	for _, c := range allow {
		r.allow[c.Key()] = true
	}
	for _, c := range block {
		r.block[c.Key()] = true
	}
	for _, rec := range recs {
		l := rec.Listing
		confirmed := rec.Label() == scamhunt.LabelScam && (rec.Override != nil || rec.Verdict.Score >= r.cfg.ConfirmScore)
		for _, c := range listingContacts(&l) {
			st := r.stats[c.Key()]
			if st == nil {
				st = &contactStats{}
				r.stats[c.Key()] = st
			}
			st.ids = insertSorted(st.ids, l.ID)
			st.sites = insertSorted(st.sites, l.Site)
			st.cities = insertSorted(st.cities, l.City)
			if confirmed {
				st.scams = insertSorted(st.scams, l.ID)
			}
		}
	}
	return r
}

func insertSorted(s []string, v string) []string {
	if v == "" {
		return s
	}
	i, found := slices.BinarySearch(s, v)
	if found {
		return s
	}
	return slices.Insert(s, i, v)
}

// listingContacts returns the listing's contacts; nil means the extractor
// did not look, and they are found in the title and body.
func listingContacts(l *scamhunt.Listing) []scamhunt.Contact {
	if l.Contacts != nil {
		return l.Contacts
	}
	return contact.Find(l.Title + "\n" + l.Body)
}

// ParseContactList reads an allow or block list: one contact per line in
// any written form ("138-0013-8000", "加V: abc_123", "QQ 56793"), blank
// lines and lines starting with # ignored. Every form a line may denote
// is returned canonical; a line that denotes no contact is an error.
func ParseContactList(data []byte) ([]scamhunt.Contact, error) {
	var out []scamhunt.Contact
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 4096), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cs := contact.Query(line)
		if len(cs) == 0 {
			return nil, fmt.Errorf("contact list line %d: no contact in %q", n, line)
		}
		out = append(out, cs...)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("contact list: %w", err)
	}
	return out, nil
}

// Reason rule ids of reputation.
const (
	RuleShared  = "reputation.shared_contact"
	RuleScamTie = "reputation.scam_contact"
	RuleBlocked = "reputation.blocked_contact"
)

// Adjust returns v raised by the reputation of l's contacts, with a reason
// per raise naming the contact and the other listings that carry it. It
// only raises: a label never goes down.
func (r *Reputation) Adjust(l scamhunt.Listing, v scamhunt.Verdict) scamhunt.Verdict {
	cs := listingContacts(&l)
	for _, c := range cs {
		if r.allow[c.Key()] && !r.anyBlocked(cs) {
			return v
		}
	}
	var add []scamhunt.Reason
	var shared, tie, blocked float64
	for _, c := range cs {
		if r.block[c.Key()] && blocked == 0 {
			blocked = r.cfg.BlockWeight
			add = append(add, r.reason(&l, c, RuleBlocked, blocked, "contact is on the block list"))
		}
		st := r.stats[c.Key()]
		if st == nil {
			continue
		}
		others := without(st.ids, l.ID)
		if scams := without(st.scams, l.ID); len(scams) > 0 && tie == 0 {
			tie = r.cfg.ScamWeight
			add = append(add, r.reason(&l, c, RuleScamTie, tie,
				fmt.Sprintf("shares this contact with listings a person labelled scam or scored at least %.2f: %s", r.cfg.ConfirmScore, r.ids(scams))))
		}
		nl := len(others) + 1
		ns := len(insertSorted(slices.Clone(st.sites), l.Site))
		nc := len(insertSorted(slices.Clone(st.cities), l.City))
		if len(others) > 0 && shared == 0 && (nl >= r.cfg.MinListings || ns >= r.cfg.MinSites || nc >= r.cfg.MinCities) {
			shared = r.cfg.SharedWeight
			add = append(add, r.reason(&l, c, RuleShared, shared,
				fmt.Sprintf("contact shared by %d listings on %d sites in %d cities; others: %s", nl, ns, nc, r.ids(others))))
		}
	}
	if len(add) == 0 {
		return v
	}
	p := min(max(v.Score, 1e-6), 1-1e-6)
	z := math.Log(p/(1-p)) + shared + tie + blocked
	out := v
	out.Score = round(sigmoid(z))
	out.Reasons = append(slices.Clone(v.Reasons), add...)
	slices.SortStableFunc(out.Reasons, func(a, b scamhunt.Reason) int { return cmp.Compare(b.Weight, a.Weight) })
	if label := r.cfg.Thresholds.label(out.Score); rank(label) > rank(v.Label) {
		out.Label = label
	}
	if out.Categories == nil {
		out.Categories = []string{}
	}
	return out
}

func (r *Reputation) anyBlocked(cs []scamhunt.Contact) bool {
	return slices.ContainsFunc(cs, func(c scamhunt.Contact) bool { return r.block[c.Key()] })
}

// reason points at the contact in the listing's text when it is there.
func (r *Reputation) reason(l *scamhunt.Listing, c scamhunt.Contact, rule string, w float64, note string) scamhunt.Reason {
	rs := scamhunt.Reason{Rule: rule, Category: CategorySignal, Weight: w, Field: "contacts", Match: cmp.Or(c.Raw, c.Value), Note: note}
	if c.Raw != "" {
		for _, f := range [...]struct{ name, text string }{{FieldTitle, l.Title}, {FieldBody, l.Body}} {
			if i := strings.Index(f.text, c.Raw); i >= 0 {
				rs.Field, rs.Start, rs.End = f.name, i, i+len(c.Raw)
				break
			}
		}
	}
	return rs
}

func (r *Reputation) ids(ids []string) string {
	if len(ids) <= r.cfg.MaxIDs {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:r.cfg.MaxIDs], ", ") + fmt.Sprintf(" and %d more", len(ids)-r.cfg.MaxIDs)
}

func without(ids []string, id string) []string {
	return slices.DeleteFunc(slices.Clone(ids), func(s string) bool { return s == id })
}

func rank(l scamhunt.Label) int {
	switch l {
	case scamhunt.LabelScam:
		return 2
	case scamhunt.LabelSuspicious:
		return 1
	}
	return 0
}
