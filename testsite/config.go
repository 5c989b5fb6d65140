package testsite

import (
	"errors"
	"fmt"
	"time"
)

// Board sizes.
const (
	// DefaultListings is the size of the demo board (Config.Listings 0).
	DefaultListings = 800
	// MinListings is the smallest board that still holds every scam type
	// and the contact clusters.
	MinListings = 200
	// MaxListings bounds a generated board; listing ids must stay below the
	// serial numbers reserved for gang contacts.
	MaxListings = 1_000_000
)

// The fixed seed of the generator: the board is the same on every start.
const (
	seedHi = 0x5ca3_4e47_2026_1121
	seedLo = 0x9e37_79b9_7f4a_7c15
	// seedEdition2 drives the changes of the second edition.
	seedEdition2 = 0xed17_2026_1128
)

// cst is China Standard Time; the board's dates are local dates there.
var cst = time.FixedZone("CST", 8*3600)

// Edition dates: the day each edition of the board was "published". Pages
// carry the date of the edition whose content they show as Last-Modified.
var (
	edition1Time = time.Date(2026, 11, 21, 8, 0, 0, 0, cst)
	edition2Time = time.Date(2026, 11, 28, 8, 0, 0, 0, cst)
)

// maxAge is how many days back the oldest listing of a board was posted.
const maxAge = 120

// Config sets up a board. The zero value is the default demo board.
type Config struct {
	// Listings is the number of listing detail pages; 0 means
	// DefaultListings. Larger values make a big board (benchmarks crawl
	// 100,000 pages); pages are rendered on request from compact
	// per-listing data, so memory stays small.
	Listings int
	// Edition 0 or 1 is the normal board. Edition 2 is the same board a
	// week later: about 5% of the listings removed (404), about 5% new ones
	// added and a few changed, for recrawl tests.
	Edition int
}

// Validate reports a configuration New would refuse.
func (c Config) Validate() error {
	var errs []error
	if c.Listings != 0 && (c.Listings < MinListings || c.Listings > MaxListings) {
		errs = append(errs, fmt.Errorf("listings %d: want 0 (default) or %d..%d", c.Listings, MinListings, MaxListings))
	}
	if c.Edition < 0 || c.Edition > 2 {
		errs = append(errs, fmt.Errorf("edition %d: want 0, 1 or 2", c.Edition))
	}
	return errors.Join(errs...)
}

func (c Config) withDefaults() Config {
	if c.Listings == 0 {
		c.Listings = DefaultListings
	}
	if c.Edition == 0 {
		c.Edition = 1
	}
	return c
}

// dayNumber counts days from 2026-01-01 (CST); listings keep their posting
// day in this compact form.
func dayNumber(t time.Time) int {
	epoch := time.Date(2026, 1, 1, 0, 0, 0, 0, cst)
	return int(t.In(cst).Sub(epoch).Hours() / 24)
}

func dayTime(d int) time.Time { return time.Date(2026, 1, 1+d, 0, 0, 0, 0, cst) }
