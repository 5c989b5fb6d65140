package testsite

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/scamhunt/scamhunt"
)

// listing is the compact record of one ad; its text is generated from it
// (and the listing id as seed) whenever a page needs it.
type listing struct {
	id      uint32
	day     uint16 // posting day, see dayNumber
	city    uint8
	cat     uint8
	scam    int8  // index into scamhunt.Categories; -1 for an honest ad
	flags   uint8 // flagHardNeg ...
	attack  uint8 // 1..3: carries a planted XSS string
	member  uint8 // position in its gang
	cluster int32 // gang index, -1 for none
}

const (
	flagHardNeg uint8 = 1 << iota // honest ad that reassures with scam words
	flagRev                       // changed in edition 2
	flagFresh                     // added in edition 2
)

// Roles drawn before the listings are placed.
const (
	roleLegit int8 = -1
	roleHard  int8 = -2
)

// gang is a contact cluster: scam listings in different cities and channels
// sharing one phone, QQ or WeChat ID.
type gang struct {
	kind    scamhunt.ContactKind
	members []uint32 // listing ids
}

// Board is a generated demo job board. It is immutable after New and safe
// for concurrent use.
type Board struct {
	c       *content
	tpl     *templates
	ls      []listing // ascending id
	chans   [][]int32 // city*numCats+cat -> indices into ls, newest first
	gangs   []gang
	today   int       // day number of this edition
	modTime time.Time // Last-Modified of pages new in this edition
	base    *Board    // edition 1, for Last-Modified of edition 2 pages
	removed []listing // edition 2: gone from edition 1
	chrome  chrome
}

// New generates the board cfg describes. The same Config always gives the
// same board, byte for byte.
func New(cfg Config) (*Board, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("testsite: %w", err)
	}
	cfg = cfg.withDefaults()
	c, err := loadContent()
	if err != nil {
		return nil, fmt.Errorf("testsite: %w", err)
	}
	tpl, err := parseTemplates()
	if err != nil {
		return nil, fmt.Errorf("testsite: %w", err)
	}
	b, err := newEdition1(cfg, c, tpl)
	if err != nil {
		return nil, fmt.Errorf("testsite: %w", err)
	}
	if cfg.Edition == 2 {
		b = b.edition2()
	}
	if err := b.selfCheck(); err != nil {
		return nil, fmt.Errorf("testsite: %w", err)
	}
	return b, nil
}

func newEdition1(cfg Config, c *content, tpl *templates) (*Board, error) {
	b := &Board{c: c, tpl: tpl, today: dayNumber(edition1Time), modTime: edition1Time}
	var err error
	if b.chrome, err = b.makeChrome(); err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seedHi, seedLo))
	b.ls = b.plan(r, cfg.Listings, 10000, b.today-maxAge, b.today, 0)
	b.plantAttacks()
	b.formGangs(r)
	b.index()
	return b, nil
}

// plan draws n listings with ids after firstID, posted from day from to day
// to: about 32% scams spread evenly over the scam types, 8% hard negatives.
func (b *Board) plan(r *rand.Rand, n int, firstID uint32, from, to int, flags uint8) []listing {
	nScam, nHard := n*32/100, n*8/100
	roles := make([]int8, n)
	for i := range roles {
		switch {
		case i < nScam:
			roles[i] = int8(i % len(scamhunt.Categories))
		case i < nScam+nHard:
			roles[i] = roleHard
		default:
			roles[i] = roleLegit
		}
	}
	r.Shuffle(n, func(i, j int) { roles[i], roles[j] = roles[j], roles[i] })
	cityW := make([]int, len(b.c.cities.Served))
	for i, ct := range b.c.cities.Served {
		cityW[i] = ct.Weight
	}
	jobW := make([]int, numCats)
	for i, j := range b.c.jobs {
		jobW[i] = j.Weight
	}
	ls := make([]listing, n)
	id := firstID
	for i, role := range roles {
		id += 1 + uint32(r.IntN(4))
		l := listing{id: id, scam: -1, cluster: -1, flags: flags}
		l.city = uint8(pickWeighted(r, cityW))
		switch role {
		case roleLegit, roleHard:
			l.cat = uint8(pickWeighted(r, jobW))
			if role == roleHard {
				l.flags |= flagHardNeg
			}
		default:
			l.scam = role
			l.cat = uint8(pickWeighted(r, b.c.scams[role].weights[:]))
		}
		l.day = uint16(from + (to-from+1)*i/n)
		ls[i] = l
	}
	return ls
}

// plantAttacks marks the three newest scams outside the GBK city, in
// different channels, to carry XSS strings.
func (b *Board) plantAttacks() {
	gbk := b.c.city(gbkCity)
	var used [numCats]bool
	next := uint8(1)
	for i := len(b.ls) - 1; i >= 0 && next <= 3; i-- {
		l := &b.ls[i]
		if l.scam >= 0 && int(l.city) != gbk && !used[l.cat] {
			used[l.cat] = true
			l.attack = next
			next++
		}
	}
}

// formGangs groups scam listings into contact clusters: each gang takes 3
// to 8 scams in distinct cities and distinct channels.
func (b *Board) formGangs(r *rand.Rand) {
	var scams []int32
	for i, l := range b.ls {
		if l.scam >= 0 && l.attack == 0 {
			scams = append(scams, int32(i))
		}
	}
	r.Shuffle(len(scams), func(i, j int) { scams[i], scams[j] = scams[j], scams[i] })
	kinds := []scamhunt.ContactKind{scamhunt.ContactWeChat, scamhunt.ContactQQ, scamhunt.ContactPhone}
	n := max(8, len(b.ls)/100)
	cursor := 0
	for g := 0; g < n; g++ {
		for cursor < len(scams) && b.ls[scams[cursor]].cluster >= 0 {
			cursor++
		}
		size := 3 + r.IntN(6)
		var cities, cats uint32
		var picked []int32
		for k := cursor; k < len(scams) && len(picked) < size; k++ {
			l := &b.ls[scams[k]]
			if l.cluster >= 0 || cities&(1<<l.city) != 0 || cats&(1<<l.cat) != 0 {
				continue
			}
			cities |= 1 << l.city
			cats |= 1 << l.cat
			picked = append(picked, scams[k])
		}
		if len(picked) < 3 {
			break
		}
		gg := gang{kind: kinds[g%len(kinds)]}
		for m, i := range picked {
			b.ls[i].cluster, b.ls[i].member = int32(len(b.gangs)), uint8(m)
			gg.members = append(gg.members, b.ls[i].id)
		}
		slices.Sort(gg.members)
		b.gangs = append(b.gangs, gg)
	}
}

// edition2 derives the second edition from edition 1 (which it keeps as
// base): some listings removed, some changed, new ones added.
func (b *Board) edition2() *Board {
	r := rand.New(rand.NewPCG(seedEdition2, seedLo))
	e := &Board{c: b.c, tpl: b.tpl, gangs: b.gangs, today: b.today + 7, modTime: edition2Time, base: b, chrome: b.chrome}
	keep := make([]listing, 0, len(b.ls)+len(b.ls)/20)
	for _, l := range b.ls {
		if l.cluster < 0 && l.attack == 0 && r.IntN(100) < 5 {
			e.removed = append(e.removed, l)
			continue
		}
		keep = append(keep, l)
	}
	for changed := max(5, len(keep)/100); changed > 0; {
		if l := &keep[r.IntN(len(keep))]; l.flags&flagRev == 0 {
			l.flags |= flagRev
			changed--
		}
	}
	added := e.plan(r, max(10, len(b.ls)*5/100), b.ls[len(b.ls)-1].id, b.today+1, e.today, flagFresh)
	e.ls = append(keep, added...)
	e.index()
	return e
}

// index builds the per-channel lists, newest first.
func (b *Board) index() {
	b.chans = make([][]int32, len(b.c.cities.Served)*numCats)
	for i := len(b.ls) - 1; i >= 0; i-- {
		k := int(b.ls[i].city)*numCats + int(b.ls[i].cat)
		b.chans[k] = append(b.chans[k], int32(i))
	}
}

// find returns the listing with the id.
func (b *Board) find(id uint32) (listing, bool) {
	i, ok := slices.BinarySearchFunc(b.ls, id, func(l listing, id uint32) int { return cmp.Compare(l.id, id) })
	if !ok {
		return listing{}, false
	}
	return b.ls[i], true
}

// selfCheck renders a sample of the GBK section so a character GBK cannot
// encode fails New, not a crawl.
func (b *Board) selfCheck() error {
	gbk := b.c.city(gbkCity)
	checked := 0
	for _, l := range b.ls {
		if int(l.city) != gbk {
			continue
		}
		if _, err := b.page(b.listingPath(l)); err != nil {
			return err
		}
		if checked++; checked == 60 {
			break
		}
	}
	for cat := range numCats {
		if _, err := b.page(b.listPath(gbk, cat, 1)); err != nil {
			return err
		}
	}
	_, err := b.page("/" + gbkCity + "/")
	return err
}
