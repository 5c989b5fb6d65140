package extract

import "golang.org/x/net/html/atom"

// The structural readers of labelled fields. walk calls them as it leaves
// a tr, dl, li or leaf block, with the element's visited children.

// rowPairs reads a table row: a label cell followed by its value cell,
// possibly several pairs per row, or "标签：值" cells.
func (w *walker) rowPairs(kids []kid) {
	for i := 0; i < len(kids); i++ {
		k := kids[i]
		if k.n.DataAtom != atom.Td && k.n.DataAtom != atom.Th {
			continue
		}
		size := k.end - k.start
		if size <= maxLabelText {
			if f, ok := labelOf(w.text(k)); ok {
				if i+1 < len(kids) {
					w.set(f, w.raw(kids[i+1]), rankTable, k.start)
					i++
				}
				continue
			}
		}
		if size <= maxPairText {
			labelPairs(w.text(k), func(p pair) { w.set(p.f, p.value, rankTable, k.start) })
		}
	}
}

// dlPairs reads <dt>label</dt><dd>value</dd> lists.
func (w *walker) dlPairs(kids []kid) {
	for i := 0; i+1 < len(kids); i++ {
		if kids[i].n.DataAtom != atom.Dt || kids[i+1].n.DataAtom != atom.Dd || kids[i].end-kids[i].start > maxLabelText {
			continue
		}
		if f, ok := labelOf(w.text(kids[i])); ok {
			w.set(f, w.raw(kids[i+1]), rankDL, kids[i].start)
			i++
		}
	}
}

// liPairs reads a list item "标签：值" or <li><span>标签</span><span>值</span></li>.
func (w *walker) liPairs(kids []kid, s span) {
	if s.end-s.start > maxPairText {
		return
	}
	got := false
	labelPairs(oneLine(string(w.out.b[s.start:s.end])), func(p pair) { w.set(p.f, p.value, rankLI, s.start); got = true })
	if !got {
		w.pairOfKids(kids, rankLI)
	}
}

// pairOfKids reads <div><span>标签</span><span>值</span></div>: a first
// child that is a label alone, the rest its value.
func (w *walker) pairOfKids(kids []kid, r int) {
	if len(kids) < 2 || kids[0].end-kids[0].start > maxLabelText {
		return
	}
	f, ok := labelOf(w.text(kids[0]))
	if !ok {
		return
	}
	w.set(f, string(w.out.b[kids[1].start:kids[len(kids)-1].end]), r, kids[0].start)
}
