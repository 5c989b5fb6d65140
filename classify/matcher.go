package classify

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// matcher is an Aho-Corasick automaton over runes. Every keyword of every
// rule, every literal that gates a regular expression and every context
// pattern is compiled into one matcher, so a field is scanned once whatever
// the number of rules.
//
// Runes are first mapped to dense classes: a rune that occurs in no pattern
// has class 0 and sends the automaton back to the root. Classes of runes in
// the Basic Multilingual Plane are looked up in a flat table; the few others
// in a map.
type matcher struct {
	bmp    []uint16        // rune -> class for runes < 0x10000
	astral map[rune]uint16 // rune -> class for the rest
	nclass int

	root []int32 // class -> state for the root (dense, the hot path)
	// Children of state s are kids[first[s]:first[s+1]], sorted by class.
	first []int32
	kids  []edge
	fail  []int32
	out   []int32 // pattern ending at the state, or -1
	dict  []int32 // nearest state on the fail chain with an output, or 0
	plen  []int32 // pattern id -> length in runes
}

type edge struct {
	class uint16
	next  int32
}

// hit is one occurrence of pattern pat at runes [start, end) of the text.
type hit struct {
	pat        int32
	start, end int32
}

// newMatcher compiles the patterns; pattern i is reported as pat i. Empty
// patterns never match. Patterns must be distinct.
func newMatcher(patterns []string) *matcher {
	m := &matcher{bmp: make([]uint16, 0x10000), astral: map[rune]uint16{}, nclass: 1}
	classOf := func(r rune) uint16 {
		if r < 0x10000 {
			if m.bmp[r] == 0 {
				m.bmp[r] = uint16(m.nclass)
				m.nclass++
			}
			return m.bmp[r]
		}
		c, ok := m.astral[r]
		if !ok {
			c = uint16(m.nclass)
			m.astral[r] = c
			m.nclass++
		}
		return c
	}

	// Build the trie with map children, then flatten.
	type node struct {
		kids map[uint16]int32
		out  int32
	}
	nodes := []node{{kids: map[uint16]int32{}, out: -1}}
	m.plen = make([]int32, len(patterns))
	for id, p := range patterns {
		m.plen[id] = int32(utf8.RuneCountInString(p))
		if p == "" {
			continue
		}
		s := int32(0)
		for _, r := range p {
			c := classOf(r)
			nx, ok := nodes[s].kids[c]
			if !ok {
				nx = int32(len(nodes))
				nodes = append(nodes, node{kids: map[uint16]int32{}, out: -1})
				nodes[s].kids[c] = nx
			}
			s = nx
		}
		nodes[s].out = int32(id)
	}
	if m.nclass > 0xffff {
		panic("classify: too many distinct pattern runes")
	}

	n := len(nodes)
	m.first = make([]int32, n+1)
	m.out = make([]int32, n)
	for s := range nodes {
		m.first[s] = int32(len(m.kids))
		for c, nx := range nodes[s].kids {
			m.kids = append(m.kids, edge{class: c, next: nx})
		}
		slices.SortFunc(m.kids[m.first[s]:], func(a, b edge) int { return cmp.Compare(a.class, b.class) })
		m.out[s] = nodes[s].out
	}
	m.first[n] = int32(len(m.kids))
	m.root = make([]int32, m.nclass)
	for _, e := range m.kids[m.first[0]:m.first[1]] {
		m.root[e.class] = e.next
	}

	// Breadth-first fail and dictionary links.
	m.fail = make([]int32, n)
	m.dict = make([]int32, n)
	queue := make([]int32, 0, n)
	for _, e := range m.kids[m.first[0]:m.first[1]] {
		queue = append(queue, e.next)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, e := range m.kids[m.first[s]:m.first[s+1]] {
			f := m.fail[s]
			for f != 0 && m.child(f, e.class) < 0 {
				f = m.fail[f]
			}
			nf := m.child(f, e.class)
			if nf < 0 || nf == e.next {
				nf = 0
			}
			m.fail[e.next] = nf
			if m.out[nf] >= 0 {
				m.dict[e.next] = nf
			} else {
				m.dict[e.next] = m.dict[nf]
			}
			queue = append(queue, e.next)
		}
	}
	return m
}

// child returns the state reached from s on class c, or -1.
func (m *matcher) child(s int32, c uint16) int32 {
	if s == 0 {
		if nx := m.root[c]; nx != 0 {
			return nx
		}
		return -1
	}
	ks := m.kids[m.first[s]:m.first[s+1]]
	lo, hi := 0, len(ks)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if ks[mid].class < c {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(ks) && ks[lo].class == c {
		return ks[lo].next
	}
	return -1
}

func (m *matcher) class(r rune) uint16 {
	if r >= 0 && r < 0x10000 {
		return m.bmp[r]
	}
	return m.astral[r]
}

// scan appends every occurrence of every pattern in text to hits, ordered
// by end position, and returns the extended slice.
func (m *matcher) scan(text []rune, hits []hit) []hit {
	s := int32(0)
	for i, r := range text {
		c := m.class(r)
		if c == 0 {
			s = 0
			continue
		}
		for {
			if nx := m.child(s, c); nx >= 0 {
				s = nx
				break
			}
			if s == 0 {
				break
			}
			s = m.fail[s]
		}
		o := s
		if m.out[o] < 0 {
			o = m.dict[o]
		}
		for o != 0 {
			p := m.out[o]
			end := int32(i + 1)
			hits = append(hits, hit{pat: p, start: end - m.plen[p], end: end})
			o = m.dict[o]
		}
	}
	return hits
}
