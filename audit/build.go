package audit

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/postdate"
)

// maxGroups caps the distinct cities and board categories counted, so
// attacker-written text cannot grow the report without bound; the rest are
// counted under Other.
const maxGroups = 2000

// Other names the group that collects cities or categories past the cap.
const Other = "(其他)"

// maxTitle is how many runes of a title a cluster member keeps.
const maxTitle = 80

// builder accumulates a report while the records stream past.
type builder struct {
	opt        Options
	r          Report
	cities     map[string]*Group
	categories map[string]*Group
	types      map[string]*TypeCount
	days       map[time.Time]*Day
	clusters   clusterer
}

// Build reads every record of src once and returns the audit report. Memory
// is O(flagged listings + listings with contacts + distinct cities).
func Build(ctx context.Context, src Source, opt Options) (Report, error) {
	if err := opt.Validate(); err != nil {
		return Report{}, fmt.Errorf("audit: %w", err)
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.Zone == nil {
		opt.Zone = postdate.Shanghai()
	}
	b := &builder{
		opt:        opt,
		r:          Report{Site: opt.Site, Now: opt.Now, Zone: opt.Zone},
		cities:     map[string]*Group{},
		categories: map[string]*Group{},
		types:      map[string]*TypeCount{},
		days:       map[time.Time]*Day{},
		clusters:   newClusterer(),
	}
	b.runs()
	err := src.All(ctx, func(rec scamhunt.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if opt.Site == "" || rec.Listing.Site == opt.Site {
			b.add(rec)
		}
		return nil
	})
	if err != nil {
		return Report{}, fmt.Errorf("audit: %w", err)
	}
	b.finish()
	return b.r, nil
}

// runs keeps the site's runs, oldest first, sets the cutoff for "new" and
// counts crawls per day.
func (b *builder) runs() {
	for _, run := range b.opt.Runs {
		if b.opt.Site == "" || run.Site == "" || run.Site == b.opt.Site {
			b.r.Runs = append(b.r.Runs, run)
		}
	}
	slices.SortStableFunc(b.r.Runs, func(x, y Run) int { return x.At.Compare(y.At) })
	b.r.Cutoff = b.opt.Since
	if b.r.Cutoff.IsZero() {
		b.r.Cutoff = Cutoff(b.r.Runs, "")
	}
	for _, run := range b.r.Runs {
		d := b.day(run.At)
		d.Crawls++
		d.Pages += run.Pages
	}
}

func (b *builder) day(t time.Time) *Day {
	t = t.In(b.opt.Zone)
	k := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, b.opt.Zone)
	d := b.days[k]
	if d == nil {
		d = &Day{Date: k}
		b.days[k] = d
	}
	return d
}

func group(m map[string]*Group, name string) *Group {
	g := m[name]
	if g == nil {
		if len(m) >= maxGroups {
			name = Other
			if g = m[name]; g != nil {
				return g
			}
		}
		g = &Group{Name: name}
		m[name] = g
	}
	return g
}

func (b *builder) add(rec scamhunt.Record) {
	l := rec.Listing
	label := rec.Label()
	flagged := label.Flagged()
	isNew := b.r.Cutoff.IsZero() || rec.FirstSeen.After(b.r.Cutoff)
	r := &b.r
	r.Listings++
	city, cat := group(b.cities, l.City), group(b.categories, l.Category)
	city.Listings++
	cat.Listings++
	if rec.Removed {
		r.Removed++
	}
	if rec.Override != nil && rec.Override.Label.Valid() {
		r.Human++
	}
	if isNew {
		r.New++
	}
	var day *Day
	if !rec.FirstSeen.IsZero() {
		day = b.day(rec.FirstSeen)
		day.Listings++
	}
	b.clusters.add(rec, label)
	if !flagged {
		return
	}
	r.Flagged++
	city.Flagged++
	cat.Flagged++
	if label == scamhunt.LabelScam {
		r.Scam++
	} else {
		r.Suspicious++
	}
	if isNew {
		r.NewFlagged++
	}
	if day != nil {
		day.Flagged++
	}
	for _, c := range slices.Compact(slices.Sorted(slices.Values(rec.Verdict.Categories))) {
		t := b.types[c]
		if t == nil {
			t = &TypeCount{Category: c, Name: scamhunt.CategoryNames[c]}
			b.types[c] = t
		}
		t.Flagged++
		if label == scamhunt.LabelScam {
			t.Scam++
		} else {
			t.Suspicious++
		}
	}
	f := FlaggedListing{
		ID: l.ID, URL: l.URL, Site: l.Site, City: l.City, Category: l.Category, Title: l.Title,
		Label: label, ModelLabel: rec.Verdict.Label, Score: rec.Verdict.Score,
		Categories: rec.Verdict.Categories, Reasons: rec.Verdict.Reasons, Contacts: l.Contacts,
		PostedAt: l.PostedAt, FirstSeen: rec.FirstSeen, LastSeen: rec.LastSeen, New: isNew, Removed: rec.Removed,
	}
	if o := rec.Override; o != nil && o.Label.Valid() {
		f.HumanLabel, f.Reviewer, f.Note, f.ReviewedAt = o.Label, o.By, o.Note, o.At
	}
	r.FlaggedListings = append(r.FlaggedListings, f)
	if n := b.opt.MaxFlagged; n > 0 && len(r.FlaggedListings) >= 2*n {
		sortFlagged(r.FlaggedListings)
		clear(r.FlaggedListings[n:])
		r.FlaggedListings = r.FlaggedListings[:n]
	}
}

func sortFlagged(fs []FlaggedListing) {
	slices.SortStableFunc(fs, func(x, y FlaggedListing) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(labelRank(x.Label), labelRank(y.Label)), cmp.Compare(x.ID, y.ID))
	})
}

func labelRank(l scamhunt.Label) int {
	switch l {
	case scamhunt.LabelScam:
		return 0
	case scamhunt.LabelSuspicious:
		return 1
	}
	return 2
}

func (b *builder) finish() {
	r := &b.r
	sortFlagged(r.FlaggedListings)
	if n := b.opt.MaxFlagged; n > 0 && len(r.FlaggedListings) > n {
		r.FlaggedListings = r.FlaggedListings[:n]
	}
	r.Omitted = r.Flagged - len(r.FlaggedListings)
	r.Cities, r.Categories = groups(b.cities), groups(b.categories)
	for _, k := range scamhunt.Categories {
		t := b.types[k]
		if t == nil {
			t = &TypeCount{Category: k, Name: scamhunt.CategoryNames[k]}
		}
		r.ScamTypes = append(r.ScamTypes, *t)
		delete(b.types, k)
	}
	for _, k := range slices.Sorted(maps.Keys(b.types)) {
		r.ScamTypes = append(r.ScamTypes, *b.types[k])
	}
	for i := range r.ScamTypes {
		r.ScamTypes[i].Share = share(r.ScamTypes[i].Flagged, r.Flagged)
	}
	for _, k := range slices.SortedFunc(maps.Keys(b.days), time.Time.Compare) {
		r.Days = append(r.Days, *b.days[k])
	}
	r.Clusters = b.clusters.clusters()
}

// groups sorts groups most flagged first, then most listings, then by name.
func groups(m map[string]*Group) []Group {
	out := make([]Group, 0, len(m))
	for _, g := range m {
		g.Share = share(g.Flagged, g.Listings)
		out = append(out, *g)
	}
	slices.SortFunc(out, func(x, y Group) int {
		return cmp.Or(cmp.Compare(y.Flagged, x.Flagged), cmp.Compare(y.Listings, x.Listings), cmp.Compare(x.Name, y.Name))
	})
	return out
}

// truncate cuts s to n runes, marking the cut with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for range n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i] + "…"
}
