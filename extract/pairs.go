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

// pairOfKids reads label/value siblings: <p><span>薪资</span><span>150元/天</span></p>,
// <div><div class="lab">区域</div><div class="val">朝阳区</div></div>, or a
// run of them in one parent. A child that is a label alone takes the
// siblings up to the next label as its value.
func (w *walker) pairOfKids(kids []kid, r int) {
	if len(kids) < 2 {
		return
	}
	label := -1
	var f field
	for i, k := range kids {
		lf, ok := field(0), false
		if k.end-k.start <= maxLabelText {
			lf, ok = labelOf(w.text(k))
		}
		if !ok {
			if i == 0 {
				return // the first child is no label: not a pair list
			}
			continue
		}
		if label >= 0 && label+1 < i {
			w.set(f, string(w.out.b[kids[label+1].start:kids[i-1].end]), r, kids[label].start)
		}
		label, f = i, lf
	}
	if label >= 0 && label+1 < len(kids) {
		w.set(f, string(w.out.b[kids[label+1].start:kids[len(kids)-1].end]), r, kids[label].start)
	}
}

// leafPairs reports whether a block's children can be label/value pairs
// written as blocks (<div><div>区域</div><div>朝阳区</div></div>): a few
// children, none holding blocks of its own, and little text.
func leafPairs(kids []kid, size int) bool {
	if len(kids) < 2 || len(kids) > 12 || size > maxPairText {
		return false
	}
	for _, k := range kids {
		if k.st.block {
			return false
		}
	}
	return true
}
