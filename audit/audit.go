package audit

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/scamhunt/scamhunt"
)

// Source streams every stored record in ID order. cmd satisfies it with
// index.Bleve or index.Meili; tests with a slice.
type Source interface {
	All(ctx context.Context, fn func(scamhunt.Record) error) error
}

// Run is one past crawl, as cmd keeps it in DATA/crawls.jsonl.
type Run struct {
	At       time.Time `json:"at"` // when the crawl finished
	Site     string    `json:"site"`
	Pages    int       `json:"pages"`
	Listings int       `json:"listings"`
}

// Cutoff is the instant after which a listing counts as new when no date
// is given: when the crawl before the latest of site's runs finished
// ("" for every site). With fewer than two runs it is zero: every listing
// is new.
func Cutoff(runs []Run, site string) time.Time {
	var ats []time.Time
	for _, r := range runs {
		if site == "" || r.Site == "" || r.Site == site {
			ats = append(ats, r.At)
		}
	}
	if len(ats) < 2 {
		return time.Time{}
	}
	slices.SortFunc(ats, time.Time.Compare)
	return ats[len(ats)-2]
}

// Options configure a report. The zero value reports on every site, with
// no crawl history, every flagged listing and the current time.
type Options struct {
	Site string // only this site's records and runs; "" for all
	// Since, if set, is the cutoff for "new" listings (FirstSeen after it).
	// Zero means: the At of the crawl before the latest run of Runs; with
	// fewer than two runs every listing counts as new.
	Since      time.Time
	Runs       []Run
	Now        time.Time      // report time; zero means time.Now()
	MaxFlagged int            // flagged listings listed, highest score first; 0 = all
	Zone       *time.Location // time zone of dates and days; nil means China Standard Time (UTC+8)
}

// Validate reports the first problem with o.
func (o Options) Validate() error {
	if o.MaxFlagged < 0 {
		return fmt.Errorf("max flagged %d is negative", o.MaxFlagged)
	}
	for i, r := range o.Runs {
		if r.At.IsZero() {
			return fmt.Errorf("run %d has no time", i+1)
		}
		if r.Pages < 0 || r.Listings < 0 {
			return fmt.Errorf("run %d has negative counts", i+1)
		}
	}
	return nil
}

// Report is the operator's audit of one site (or all): how many listings were
// crawled and flagged, where and when, the flagged listings with their
// evidence, and the contact clusters that link them.
type Report struct {
	Site string
	Now  time.Time
	Zone *time.Location
	// Cutoff: a listing is new if first seen after it. Zero: every listing
	// is new (no earlier crawl to compare with).
	Cutoff time.Time

	Listings, Flagged, Scam, Suspicious int
	Removed                             int // gone from the site at the last crawl
	Human                               int // labelled by a reviewer
	New, NewFlagged                     int

	ScamTypes  []TypeCount // per scam type, in scamhunt.Categories order
	Categories []Group     // per board category, most flagged first
	Cities     []Group     // per city, most flagged first
	Days       []Day       // per day of first sightings and crawls, oldest first
	Runs       []Run       // the site's crawls, oldest first

	FlaggedListings []FlaggedListing // highest score first
	Omitted         int              // flagged listings left out by MaxFlagged
	Clusters        []Cluster        // largest first
}

// Share is the flagged share of all listings, in [0,1].
func (r Report) Share() float64 { return share(r.Flagged, r.Listings) }

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// Group counts the listings of one city or board category.
type Group struct {
	Name     string  // as the board wrote it; "" when not stated
	Listings int     // crawled
	Flagged  int     // labelled scam or suspicious
	Share    float64 // Flagged / Listings
}

// TypeCount counts the flagged listings showing one scam type.
type TypeCount struct {
	Category         string // scamhunt.Categories id
	Name             string // Chinese display name
	Flagged          int
	Scam, Suspicious int
	Share            float64 // of all flagged listings; a listing may show several types
}

// Day counts what happened on one calendar day (in the report's zone).
type Day struct {
	Date     time.Time // midnight
	Listings int       // first seen that day
	Flagged  int       // first seen that day and flagged
	Crawls   int       // runs finished that day
	Pages    int       // pages those runs fetched
}

// FlaggedListing is one listing labelled scam or suspicious, with its
// evidence and its review: a row of the operator's takedown list.
type FlaggedListing struct {
	ID, URL, Site, City, Category, Title string
	Label                                scamhunt.Label // effective
	ModelLabel                           scamhunt.Label
	HumanLabel                           scamhunt.Label // "" when not reviewed
	Reviewer, Note                       string         // of the human label
	ReviewedAt                           time.Time
	Score                                float64
	Categories                           []string
	Reasons                              []scamhunt.Reason
	Contacts                             []scamhunt.Contact
	PostedAt, FirstSeen, LastSeen        time.Time
	New                                  bool
	Removed                              bool // gone from the board at the last crawl: nothing left to take down
}

// ClusterMember is one listing of a contact cluster.
type ClusterMember struct {
	ID, URL, Site, City, Category, Title string
	Label                                scamhunt.Label
	Score                                float64
}

// Cluster is a group of listings linked by shared phones, QQ numbers,
// WeChat IDs, e-mail addresses or Telegram handles: two contacts used in one
// listing join their groups. Contact is the one most listings share.
type Cluster struct {
	Contact    scamhunt.Contact
	Contacts   []scamhunt.Contact // all of the cluster's contacts, most used first
	Listings   []ClusterMember    // flagged first, then by score
	Flagged    int
	Cities     []string // spanned, sorted; "" when not stated
	Categories []string // board categories spanned, sorted
	ScamTypes  []string // scam types among the members, scamhunt.Categories order
	Sites      []string
}
