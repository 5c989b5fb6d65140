package index_test

import (
	"encoding/json"
	"fmt"
	"slices"
)

// defaultSettings are a new index's settings as GET /indexes/{uid}/settings
// returns them.
func defaultSettings() map[string]any {
	return map[string]any{
		"displayedAttributes":  []any{"*"},
		"searchableAttributes": []any{"*"},
		"filterableAttributes": []any{},
		"sortableAttributes":   []any{},
		"rankingRules":         []any{"words", "typo", "proximity", "attribute", "sort", "exactness"},
		"stopWords":            []any{},
		"nonSeparatorTokens":   []any{},
		"separatorTokens":      []any{},
		"dictionary":           []any{},
		"synonyms":             map[string]any{},
		"distinctAttribute":    nil,
		"proximityPrecision":   "byWord",
		"typoTolerance": map[string]any{
			"enabled":             true,
			"minWordSizeForTypos": map[string]any{"oneTypo": 5.0, "twoTypos": 9.0},
			"disableOnWords":      []any{},
			"disableOnAttributes": []any{},
			"disableOnNumbers":    false,
		},
		"faceting":            map[string]any{"maxValuesPerFacet": 100.0, "sortFacetValuesBy": map[string]any{"*": "alpha"}},
		"pagination":          map[string]any{"maxTotalHits": 1000.0},
		"embedders":           map[string]any{},
		"searchCutoffMs":      nil,
		"localizedAttributes": nil,
		"facetSearch":         true,
		"prefixSearch":        "indexingTime",
	}
}

// patchSettings enqueues a settingsUpdate task. Top-level settings replace
// the current value; the sub-settings of typoTolerance, faceting and
// pagination are merged, as Meilisearch does. Unknown settings are a
// bad_request at once.
func (f *fakeMeili) patchSettings(uid string, body []byte) (int, []byte) {
	var patch map[string]any
	if err := json.Unmarshal(body, &patch); err != nil {
		return errJSON(400, "bad_request", "invalid_request", err.Error())
	}
	known := defaultSettings()
	for k := range patch {
		if _, ok := known[k]; !ok {
			return errJSON(400, "bad_request", "invalid_request", fmt.Sprintf("Unknown field `%s`", k))
		}
	}
	return f.enqueue(uid, "settingsUpdate", func() *apiError {
		ix := f.index(uid, "")
		for k, v := range patch {
			if f.drop[k] {
				continue
			}
			cur, isObj := ix.settings[k].(map[string]any)
			upd, updObj := v.(map[string]any)
			if isObj && updObj {
				for sk, sv := range upd {
					cur[sk] = sv
				}
				continue
			}
			ix.settings[k] = v
		}
		return nil
	})
}

// strings returns a list setting as strings.
func (ix *fakeIndex) strings(name string) []string {
	var out []string
	list, _ := ix.settings[name].([]any)
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (ix *fakeIndex) number(name, sub string) int {
	obj, _ := ix.settings[name].(map[string]any)
	n, _ := obj[sub].(float64)
	return int(n)
}

func (ix *fakeIndex) filterable(attr string) bool {
	return slices.Contains(ix.strings("filterableAttributes"), attr)
}

func (ix *fakeIndex) sortable(attr string) bool {
	return slices.Contains(ix.strings("sortableAttributes"), attr)
}

// searchable lists the searchable attributes in rank order; "*" means every
// attribute of doc, in name order.
func (ix *fakeIndex) searchable(doc map[string]any) []string {
	s := ix.strings("searchableAttributes")
	if len(s) == 1 && s[0] == "*" {
		s = nil
		for k := range doc {
			s = append(s, k)
		}
		slices.Sort(s)
	}
	return s
}
