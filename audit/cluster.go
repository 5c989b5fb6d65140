package audit

import (
	"cmp"
	"maps"
	"slices"

	"github.com/scamhunt/scamhunt"
)

// linking says which contact kinds link listings into clusters: the ones
// that identify a person. URLs are left out: one app link or board address
// would join unrelated posters.
var linking = map[scamhunt.ContactKind]bool{
	scamhunt.ContactPhone: true, scamhunt.ContactQQ: true, scamhunt.ContactWeChat: true,
	scamhunt.ContactEmail: true, scamhunt.ContactTelegram: true,
}

// clusterer groups listings by shared contacts with a union-find over the
// listings that have a linking contact. It keeps one small member per such
// listing and one entry per distinct contact.
type clusterer struct {
	members []ClusterMember
	types   [][]string // scam types of each member
	parent  []int
	owner   map[string]int // contact key -> first member using it
	count   map[string]int // contact key -> listings using it
	contact map[string]scamhunt.Contact
}

func newClusterer() clusterer {
	return clusterer{owner: map[string]int{}, count: map[string]int{}, contact: map[string]scamhunt.Contact{}}
}

func (c *clusterer) find(i int) int {
	for c.parent[i] != i {
		c.parent[i] = c.parent[c.parent[i]]
		i = c.parent[i]
	}
	return i
}

func (c *clusterer) union(i, j int) {
	i, j = c.find(i), c.find(j)
	if i != j {
		c.parent[max(i, j)] = min(i, j)
	}
}

func (c *clusterer) add(rec scamhunt.Record, label scamhunt.Label) {
	idx := -1
	seen := map[string]bool{}
	for _, ct := range rec.Listing.Contacts {
		k := ct.Key()
		if !linking[ct.Kind] || ct.Value == "" || seen[k] {
			continue
		}
		seen[k] = true
		if idx < 0 {
			l := rec.Listing
			idx = len(c.members)
			c.members = append(c.members, ClusterMember{
				ID: l.ID, URL: l.URL, Site: l.Site, City: l.City, Category: l.Category,
				Title: truncate(l.Title, maxTitle), Label: label, Score: rec.Verdict.Score,
			})
			c.types = append(c.types, slices.Clone(rec.Verdict.Categories))
			c.parent = append(c.parent, idx)
		}
		c.count[k]++
		if o, ok := c.owner[k]; ok {
			c.union(idx, o)
			continue
		}
		c.owner[k] = idx
		c.contact[k] = ct
	}
}

// clusters returns the groups of two or more listings, largest first.
func (c *clusterer) clusters() []Cluster {
	groups := map[int][]int{}
	for i := range c.members {
		r := c.find(i)
		groups[r] = append(groups[r], i)
	}
	keys := map[int][]string{}
	for k, o := range c.owner {
		r := c.find(o)
		if len(groups[r]) >= 2 {
			keys[r] = append(keys[r], k)
		}
	}
	var out []Cluster
	for r, idxs := range groups {
		if len(idxs) < 2 {
			continue
		}
		ks := keys[r]
		slices.SortFunc(ks, func(x, y string) int { return cmp.Or(cmp.Compare(c.count[y], c.count[x]), cmp.Compare(x, y)) })
		cl := Cluster{Contact: c.contact[ks[0]]}
		for _, k := range ks {
			cl.Contacts = append(cl.Contacts, c.contact[k])
		}
		cities, cats, sites, types := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
		for _, i := range idxs {
			m := c.members[i]
			cl.Listings = append(cl.Listings, m)
			if m.Label.Flagged() {
				cl.Flagged++
			}
			cities[m.City], cats[m.Category], sites[m.Site] = true, true, true
			for _, t := range c.types[i] {
				types[t] = true
			}
		}
		slices.SortFunc(cl.Listings, func(x, y ClusterMember) int {
			return cmp.Or(cmp.Compare(labelRank(x.Label), labelRank(y.Label)), cmp.Compare(y.Score, x.Score), cmp.Compare(x.ID, y.ID))
		})
		cl.Cities, cl.Categories, cl.Sites = slices.Sorted(maps.Keys(cities)), slices.Sorted(maps.Keys(cats)), slices.Sorted(maps.Keys(sites))
		for _, t := range scamhunt.Categories {
			if types[t] {
				cl.ScamTypes = append(cl.ScamTypes, t)
				delete(types, t)
			}
		}
		cl.ScamTypes = append(cl.ScamTypes, slices.Sorted(maps.Keys(types))...)
		out = append(out, cl)
	}
	slices.SortFunc(out, func(x, y Cluster) int {
		return cmp.Or(cmp.Compare(len(y.Listings), len(x.Listings)), cmp.Compare(y.Flagged, x.Flagged),
			cmp.Compare(len(y.Cities), len(x.Cities)), cmp.Compare(x.Contact.Key(), y.Contact.Key()))
	})
	return out
}
