package index

import (
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2"
)

// tallyIndex builds the tally of an opened index from two doc values of
// each live document: its facet combination and its rank (which holds the
// posted date too).
func tallyIndex(idx bleve.Index) (*tally, error) {
	t := newTally()
	ai, err := idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("tally: %w", err)
	}
	rd, err := ai.Reader()
	if err != nil {
		return nil, fmt.Errorf("tally: %w", err)
	}
	defer rd.Close()
	dv, err := rd.DocValueReader([]string{fCombo, fRank})
	if err != nil {
		return nil, fmt.Errorf("tally: %w", err)
	}
	all, err := rd.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("tally: %w", err)
	}
	defer all.Close()
	var (
		k       keys
		combo   string
		visitEr error
	)
	visit := func(field string, term []byte) {
		if field == fCombo {
			combo = string(term)
			return
		}
		v, err := strconv.ParseInt(string(term), 16, 64)
		if err != nil {
			visitEr = fmt.Errorf("rank %q: %w", term, err)
			return
		}
		k.rank, k.posted = v, v&(1<<rankBits-1)
	}
	for {
		id, err := all.Next()
		if err != nil {
			return nil, fmt.Errorf("tally: %w", err)
		}
		if id == nil {
			return t, nil
		}
		k, combo, visitEr = keys{}, "", nil
		if err := dv.VisitDocValues(id, visit); err != nil {
			return nil, fmt.Errorf("tally: %w", err)
		}
		if visitEr != nil {
			return nil, fmt.Errorf("tally: %w", visitEr)
		}
		if k.facet, err = parseCombo(combo); err != nil {
			return nil, fmt.Errorf("tally: %w", err)
		}
		t.add(k, 1)
	}
}
