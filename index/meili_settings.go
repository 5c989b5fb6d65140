package index

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/meilisearch/meilisearch-go"
)

// The settings the index needs:
//   - searchable: the gram and word attributes, title first (attribute rank);
//   - filterable: what Query filters on, and id for keyset pagination;
//   - sortable: score, posted_at, and id for ties and All;
//   - ranking rules with sort first, so an asked-for order wins over
//     relevance, which orders only unsorted searches;
//   - typo tolerance off on the CJK gram attributes and on numbers, so a
//     typo never turns one Chinese word, phone or QQ number into another;
//   - prefix search off: a query word matches whole words, as in Bleve;
//   - facet values counted up to statsSize, most frequent first;
//   - maxTotalHits from the config.
var (
	searchable  = []string{fTitleBi, fTitleUni, fTitleWords, fBodyBi, fBodyUni, fBodyWords}
	filterable  = []string{primaryKey, fContacts, fLabel, fCategories, fCity, fSite, fPosted, fReviewed, fRemoved, fFirstSeen}
	sortable    = []string{primaryKey, fScore, fPosted}
	rankingRule = []string{"sort", "words", "typo", "proximity", "attribute", "exactness"}
	noTypos     = []string{fTitleBi, fTitleUni, fBodyBi, fBodyUni}
)

const prefixSearchOff = "disabled"

func wantSettings(maxTotalHits int) *meilisearch.Settings {
	prefix := prefixSearchOff
	return &meilisearch.Settings{
		RankingRules:         rankingRule,
		SearchableAttributes: searchable,
		FilterableAttributes: filterable,
		SortableAttributes:   sortable,
		TypoTolerance: &meilisearch.TypoTolerance{
			Enabled:             true,
			MinWordSizeForTypos: meilisearch.MinWordSizeForTypos{OneTypo: 5, TwoTypos: 9},
			DisableOnWords:      []string{},
			DisableOnAttributes: noTypos,
			DisableOnNumbers:    true,
		},
		Pagination: &meilisearch.Pagination{MaxTotalHits: int64(maxTotalHits)},
		Faceting: &meilisearch.Faceting{
			MaxValuesPerFacet: statsSize,
			SortFacetValuesBy: map[string]meilisearch.SortFacetType{"*": meilisearch.SortFacetTypeCount},
		},
		PrefixSearch: &prefix,
	}
}

// applySettings sends the settings, awaits the task, reads them back and
// fails naming every setting the server did not apply.
func (m *Meili) applySettings(ctx context.Context) error {
	want := wantSettings(m.cfg.MaxTotalHits)
	var task *meilisearch.TaskInfo
	err := m.retry(ctx, "update_settings", func(ctx context.Context) (err error) {
		task, err = m.idx.UpdateSettings(ctx, want)
		return err
	})
	if err != nil {
		return fmt.Errorf("update settings: %w", err)
	}
	if err := m.wait(ctx, task); err != nil {
		return fmt.Errorf("update settings: %w", err)
	}
	var got *meilisearch.Settings
	err = m.retry(ctx, "get_settings", func(ctx context.Context) (err error) {
		got, err = m.idx.GetSettings(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("read settings back: %w", err)
	}
	if diff := settingsDiff(want, got); len(diff) > 0 {
		return fmt.Errorf("settings not applied by the server: %s", strings.Join(diff, "; "))
	}
	return nil
}

// settingsDiff lists the settings of got that differ from want.
func settingsDiff(want, got *meilisearch.Settings) []string {
	var d []string
	check := func(name string, ok bool, g, w any) {
		if !ok {
			d = append(d, fmt.Sprintf("%s is %v, want %v", name, g, w))
		}
	}
	check("rankingRules", slices.Equal(got.RankingRules, want.RankingRules), got.RankingRules, want.RankingRules)
	check("searchableAttributes", slices.Equal(got.SearchableAttributes, want.SearchableAttributes), got.SearchableAttributes, want.SearchableAttributes)
	check("filterableAttributes", sameSet(got.FilterableAttributes, want.FilterableAttributes), got.FilterableAttributes, want.FilterableAttributes)
	check("sortableAttributes", sameSet(got.SortableAttributes, want.SortableAttributes), got.SortableAttributes, want.SortableAttributes)
	wt, gt := want.TypoTolerance, got.TypoTolerance
	if gt == nil {
		d = append(d, "typoTolerance is missing")
	} else {
		check("typoTolerance.enabled", gt.Enabled == wt.Enabled, gt.Enabled, wt.Enabled)
		check("typoTolerance.minWordSizeForTypos", gt.MinWordSizeForTypos == wt.MinWordSizeForTypos, gt.MinWordSizeForTypos, wt.MinWordSizeForTypos)
		check("typoTolerance.disableOnAttributes", sameSet(gt.DisableOnAttributes, wt.DisableOnAttributes), gt.DisableOnAttributes, wt.DisableOnAttributes)
		check("typoTolerance.disableOnNumbers", gt.DisableOnNumbers == wt.DisableOnNumbers, gt.DisableOnNumbers, wt.DisableOnNumbers)
	}
	if got.Pagination == nil {
		d = append(d, "pagination is missing")
	} else {
		check("pagination.maxTotalHits", *got.Pagination == *want.Pagination, got.Pagination.MaxTotalHits, want.Pagination.MaxTotalHits)
	}
	if got.Faceting == nil {
		d = append(d, "faceting is missing")
	} else {
		check("faceting.maxValuesPerFacet", got.Faceting.MaxValuesPerFacet == want.Faceting.MaxValuesPerFacet, got.Faceting.MaxValuesPerFacet, want.Faceting.MaxValuesPerFacet)
		check(`faceting.sortFacetValuesBy["*"]`, got.Faceting.SortFacetValuesBy["*"] == want.Faceting.SortFacetValuesBy["*"], got.Faceting.SortFacetValuesBy["*"], want.Faceting.SortFacetValuesBy["*"])
	}
	gp := ""
	if got.PrefixSearch != nil {
		gp = *got.PrefixSearch
	}
	check("prefixSearch", gp == *want.PrefixSearch, gp, *want.PrefixSearch)
	return d
}

func sameSet(a, b []string) bool {
	a, b = slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b))
	return slices.Equal(a, b)
}
