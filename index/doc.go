// Package index stores classified listings (scamhunt.Record) and searches
// them. It is the last stage of the pipeline (crawl -> extract -> classify
// -> index) and the store the web pages, the CLI and the dataset exports
// read. It is the only package that imports Bleve or meilisearch-go.
//
// Two backends implement Index, with the same behaviour:
//
//   - Bleve (bleve.go, bleve_query.go) is embedded and the default: one
//     directory under the data dir (DATA/index.bleve). Writes are batched
//     and serialised; All pages through the index sorted by ID.
//   - Meili (meili*.go) talks to a Meilisearch server. OpenMeili creates the
//     index, applies the settings (meili_settings.go) and reads them back,
//     failing if the server did not apply them. Every write is a task that
//     is awaited and checked (a failed task is a *TaskError naming its uid
//     and the server's message); requests are retried with backoff on
//     502/503/504 and connection errors; the API key lives only in the
//     client's Authorization header and is never logged.
//
// Each document keeps the whole record as JSON, so Get and All return
// exactly what was upserted. Upsert is idempotent and keeps a listing's
// human Override and earliest FirstSeen; the effective label (override
// first) is what the label filter and facet see.
//
// Chinese text (terms.go, document.go): text is folded with textnorm.Fold
// (full width, case, traditional -> simplified) at index and query time and
// indexed as CJK unigrams and bigrams plus words, so any substring finds its
// listing: 处理 finds 待处理 and 刷單 finds 刷单. A query of two or more CJK
// characters needs all of its bigrams (Bleve: anywhere in the field, which
// spares reading positions; Meilisearch: as a phrase); nothing on CJK,
// digits or IDs is fuzzy (Latin words of five letters or more allow one
// typo). For Meilisearch, whose tokenizer segments Chinese into dictionary
// words itself, the grams are spelled in letters (cjkWord).
//
// Search cost on Bleve follows the page shown, not the number of matches
// (tally.go, bleve_query.go): relevance is Bleve's score alone; totals and
// facets of searches that filter only by facet values come from an
// in-memory tally kept in step with every write; facets of a text search
// read one doc value per match (the facet combination); a sort by date or
// risk first narrows itself to the newest or riskiest listings the tally's
// histograms say can hold the page, and gives exactly the whole sort's page.
//
// Contacts are indexed by canonical value, phones also as bare digits and
// in national form. A query that contact.Query reads as contacts (138 1234
// 5678, 一三八..., 扣扣 56793216, 薇信 abc_123) finds the listings with those
// contacts or the text; Query.Contact takes any written form too.
//
// Highlights (highlight.go) are spans computed from the stored record and
// the query, the same for both backends; no markup is stored or returned.
package index
