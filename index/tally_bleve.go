package index

import (
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// tallyIndex builds the tally of an opened index from two doc values of
// each live document: its facet combination and its rank (which holds the
// posted date too).
func tallyIndex(idx bleve.Index) (*tally, error) {
	t := newTally()
	err := visitKeys(idx, func(dv keyReader) error {
		all, err := dv.rd.DocIDReaderAll()
		if err != nil {
			return err
		}
		defer all.Close()
		for {
			id, err := all.Next()
			if err != nil || id == nil {
				return err
			}
			k, err := dv.keys(id)
			if err != nil {
				return err
			}
			t.add(k, 1)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("tally: %w", err)
	}
	return t, nil
}

// storedKeys returns the tally's keys of the documents indexed under ids;
// IDs not indexed are left out.
func storedKeys(idx bleve.Index, ids []string) (map[string]keys, error) {
	out := make(map[string]keys, len(ids))
	err := visitKeys(idx, func(dv keyReader) error {
		for _, id := range ids {
			in, err := dv.rd.InternalID(id)
			if err != nil {
				return err
			}
			if in == nil {
				continue
			}
			k, err := dv.keys(in)
			if err != nil {
				return err
			}
			out[id] = k
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("tally: %w", err)
	}
	return out, nil
}

// keyReader reads the tally's keys of documents through one index reader.
type keyReader struct {
	rd bleveindex.IndexReader
	dv bleveindex.DocValueReader
}

func visitKeys(idx bleve.Index, fn func(keyReader) error) error {
	ai, err := idx.Advanced()
	if err != nil {
		return err
	}
	rd, err := ai.Reader()
	if err != nil {
		return err
	}
	defer rd.Close()
	dv, err := rd.DocValueReader([]string{fCombo, fRank})
	if err != nil {
		return err
	}
	return fn(keyReader{rd: rd, dv: dv})
}

// keys reads one document's facet combination and rank.
func (r keyReader) keys(id bleveindex.IndexInternalID) (keys, error) {
	var (
		k     keys
		combo string
		bad   error
	)
	err := r.dv.VisitDocValues(id, func(field string, term []byte) {
		if field == fCombo {
			combo = string(term)
			return
		}
		v, err := strconv.ParseInt(string(term), 16, 64)
		if err != nil {
			bad = fmt.Errorf("rank %q: %w", term, err)
			return
		}
		k.rank, k.posted = v, v&(1<<rankBits-1)
	})
	if err == nil {
		err = bad
	}
	if err != nil {
		return k, err
	}
	k.facet, err = parseCombo(combo)
	return k, err
}
