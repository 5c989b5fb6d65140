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
	// BlockList names the block list in a blocked contact's reason (cmd
	// gives its file name); empty, the reason says "the block list".
	BlockList string
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
// the raises. It is pure and safe for concurrent use. NewReputation builds
// it from records in memory; NewTallyReputation reads per-contact tallies
// made beforehand (ContactTally), so a store of any size is judged in
// constant memory.
type Reputation struct {
	cfg          ReputationConfig
	allow, block map[string]bool
	lookup       func(key string) (ContactTally, bool)
	// exact says the tallies list every ID (NewReputation), so whether a
	// listing is counted is read from them.
	exact bool
}

// ContactTally is what reputation knows of one contact: how many listings
// carry it, the smallest of their IDs, every site and city, and the
// confirmed scams among them. Add builds it one carrier at a time; its JSON
// form is what a store keeps between the passes of a reclassification.
type ContactTally struct {
	Listings int      `json:"n"`
	IDs      []string `json:"ids,omitempty"` // the smallest MaxIDs+1, sorted
	Sites    []string `json:"sites,omitempty"`
	Cities   []string `json:"cities,omitempty"`
	Scams    int      `json:"scams,omitempty"`
	ScamIDs  []string `json:"scam_ids,omitempty"` // the smallest MaxIDs+1, sorted
}

// Add counts rec as one more listing carrying the contact. A listing is a
// confirmed scam when its effective label is scam and a person set it or
// its verdict scored at least cfg.ConfirmScore.
func (t *ContactTally) Add(rec scamhunt.Record, cfg ReputationConfig) {
	cfg = cfg.withDefaults()
	t.add(rec, cfg, cfg.MaxIDs+1)
}

// add counts rec, keeping at most keep IDs of each list (0: all).
func (t *ContactTally) add(rec scamhunt.Record, cfg ReputationConfig, keep int) {
	l := &rec.Listing
	t.Listings++
	t.IDs = keepSmallest(t.IDs, l.ID, keep)
	t.Sites = insertSorted(t.Sites, l.Site)
	t.Cities = insertSorted(t.Cities, l.City)
	if cfg.confirmed(rec) {
		t.Scams++
		t.ScamIDs = keepSmallest(t.ScamIDs, l.ID, keep)
	}
}

func (c ReputationConfig) confirmed(rec scamhunt.Record) bool {
	return rec.Label() == scamhunt.LabelScam && (rec.Override != nil || rec.Verdict.Score >= c.ConfirmScore)
}

func keepSmallest(s []string, v string, keep int) []string {
	s = insertSorted(s, v)
	if keep > 0 && len(s) > keep {
		s = s[:keep]
	}
	return s
}

// ContactKeys returns the keys (scamhunt.Contact.Key) of the contacts
// reputation counts a listing under, sorted and distinct: its listing's
// contacts, or, when it has none (nil), those found in its title and body.
func ContactKeys(l scamhunt.Listing) []string {
	var keys []string
	for _, c := range listingContacts(&l) {
		keys = insertSorted(keys, c.Key())
	}
	return keys
}

// NewReputation indexes the contacts of recs. A record's contacts are its
// listing's, or, when it has none (nil), those found in its title and body. An invalid cfg is
// replaced by its defaults field by field where zero; call Validate first
// to reject it.
func NewReputation(recs []scamhunt.Record, allow, block []scamhunt.Contact, cfg ReputationConfig) *Reputation {
	cfg = cfg.withDefaults()
	stats := map[string]*ContactTally{}
	for _, rec := range recs {
		for _, k := range ContactKeys(rec.Listing) {
			t := stats[k]
			if t == nil {
				t = &ContactTally{}
				stats[k] = t
			}
			if _, dup := slices.BinarySearch(t.IDs, rec.Listing.ID); dup {
				continue
			}
			t.add(rec, cfg, 0)
		}
	}
	r := newReputation(allow, block, cfg, func(key string) (ContactTally, bool) {
		t, ok := stats[key]
		if !ok {
			return ContactTally{}, false
		}
		return *t, true
	})
	r.exact = true
	return r
}

// NewTallyReputation judges listings by the tallies lookup returns per
// contact key (built with ContactTally.Add over every listing carrying
// it). Use AdjustRecord for the listings the tallies counted.
func NewTallyReputation(lookup func(key string) (ContactTally, bool), allow, block []scamhunt.Contact, cfg ReputationConfig) *Reputation {
	return newReputation(allow, block, cfg.withDefaults(), lookup)
}

func newReputation(allow, block []scamhunt.Contact, cfg ReputationConfig, lookup func(string) (ContactTally, bool)) *Reputation {
	r := &Reputation{cfg: cfg, allow: map[string]bool{}, block: map[string]bool{}, lookup: lookup}
	for _, c := range allow {
		r.allow[c.Key()] = true
	}
	for _, c := range block {
		r.block[c.Key()] = true
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
// only raises: a label never goes down, and a block-listed contact makes
// it at least suspicious. A Reputation from NewTallyReputation judges l as
// a listing its tallies did not count (a pasted ad); use AdjustRecord for
// those they did.
func (r *Reputation) Adjust(l scamhunt.Listing, v scamhunt.Verdict) scamhunt.Verdict {
	return r.adjust(&l, v, false, false)
}

// AdjustRecord is Adjust for a record the tallies counted under each of
// its contacts, as every stored listing is: its own weight is taken out of
// what the tallies say.
func (r *Reputation) AdjustRecord(rec scamhunt.Record) scamhunt.Verdict {
	return r.adjust(&rec.Listing, rec.Verdict, true, r.cfg.confirmed(rec))
}

// contactView is one contact as seen from the listing being judged.
type contactView struct {
	others, scams     int
	otherIDs, scamIDs []string // the first MaxIDs of them, sorted
	sites, cities     int      // distinct, the judged listing's included
}

// view is what r knows of contact key, seen from l. counted and scam say
// whether the tallies counted l, and as a confirmed scam; exact tallies
// tell it themselves.
func (r *Reputation) view(key string, l *scamhunt.Listing, counted, scam bool) (contactView, bool) {
	t, ok := r.lookup(key)
	if !ok {
		return contactView{}, false
	}
	if r.exact {
		_, counted = slices.BinarySearch(t.IDs, l.ID)
		_, scam = slices.BinarySearch(t.ScamIDs, l.ID)
	}
	cv := contactView{
		others: t.Listings, scams: t.Scams,
		otherIDs: firstWithout(t.IDs, l.ID, r.cfg.MaxIDs), scamIDs: firstWithout(t.ScamIDs, l.ID, r.cfg.MaxIDs),
		sites: distinctWith(t.Sites, l.Site), cities: distinctWith(t.Cities, l.City),
	}
	if counted {
		cv.others--
	}
	if scam {
		cv.scams--
	}
	return cv, true
}

func (r *Reputation) adjust(l *scamhunt.Listing, v scamhunt.Verdict, counted, scam bool) scamhunt.Verdict {
	cs := listingContacts(l)
	bc, isBlocked := r.blockedContact(cs)
	for _, c := range cs {
		if r.allow[c.Key()] && !isBlocked {
			return v
		}
	}
	var add []scamhunt.Reason
	var shared, tie, blocked float64
	if isBlocked {
		blocked = r.cfg.BlockWeight
		add = append(add, r.reason(l, bc, RuleBlocked, blocked, strings.TrimSpace("contact is on the block list "+r.cfg.BlockList)))
	}
	for _, c := range cs {
		st, ok := r.view(c.Key(), l, counted, scam)
		if !ok {
			continue
		}
		if st.scams > 0 && tie == 0 {
			tie = r.cfg.ScamWeight
			add = append(add, r.reason(l, c, RuleScamTie, tie,
				fmt.Sprintf("shares this contact with listings a person labelled scam or scored at least %.2f: %s", r.cfg.ConfirmScore, r.ids(st.scamIDs, st.scams))))
		}
		nl := st.others + 1
		if st.others > 0 && shared == 0 && (nl >= r.cfg.MinListings || st.sites >= r.cfg.MinSites || st.cities >= r.cfg.MinCities) {
			shared = r.cfg.SharedWeight
			add = append(add, r.reason(l, c, RuleShared, shared,
				fmt.Sprintf("contact shared by %d listings on %d sites in %d cities; others: %s", nl, st.sites, st.cities, r.ids(st.otherIDs, st.others))))
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
	label := r.cfg.Thresholds.label(out.Score)
	if isBlocked && rank(label) < rank(scamhunt.LabelSuspicious) {
		label = scamhunt.LabelSuspicious
	}
	if rank(label) > rank(v.Label) {
		out.Label = label
	}
	if out.Categories == nil {
		out.Categories = []string{}
	}
	return out
}

// blockedContact returns the first block-listed contact of cs.
func (r *Reputation) blockedContact(cs []scamhunt.Contact) (scamhunt.Contact, bool) {
	if i := slices.IndexFunc(cs, func(c scamhunt.Contact) bool { return r.block[c.Key()] }); i >= 0 {
		return cs[i], true
	}
	return scamhunt.Contact{}, false
}

// Matters reports whether AdjustRecord can raise a listing counted under
// keys (its ContactKeys): one is block-listed, or other listings carry
// one. When it is false the verdict is the base verdict, so a store of
// many listings need not read those that reputation leaves alone.
func (r *Reputation) Matters(keys []string) bool {
	for _, k := range keys {
		if r.block[k] {
			return true
		}
		if t, ok := r.lookup(k); ok && t.Listings > 1 {
			return true
		}
	}
	return false
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

// ids names the first of total listings.
func (r *Reputation) ids(first []string, total int) string {
	if total <= r.cfg.MaxIDs {
		return strings.Join(first[:min(total, len(first))], ", ")
	}
	return strings.Join(first[:min(r.cfg.MaxIDs, len(first))], ", ") + fmt.Sprintf(" and %d more", total-r.cfg.MaxIDs)
}

// firstWithout returns the first n of ids that are not id: all a reason
// names (ids), without copying what an exact tally holds of a contact
// shared by thousands of listings, for each of them.
func firstWithout(ids []string, id string, n int) []string {
	out := make([]string, 0, min(n, len(ids)))
	for _, s := range ids {
		if len(out) == n {
			break
		}
		if s != id {
			out = append(out, s)
		}
	}
	return out
}

// distinctWith is how many distinct values sorted holds with v added, as
// insertSorted would make it (an empty v adds none), without the copy.
func distinctWith(sorted []string, v string) int {
	if _, found := slices.BinarySearch(sorted, v); found || v == "" {
		return len(sorted)
	}
	return len(sorted) + 1
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
