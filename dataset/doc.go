// Package dataset exports indexed records for research: JSONL, CSV or
// Parquet files of flat Rows, and the data card (a Hugging Face style
// README) that describes each export. It sits after the index: cmd hands
// Export a Source (index.Bleve or index.Meili) and a file; dataset never
// imports the index itself.
//
// Files:
//   - options.go: Source, Format, Filter, Options and their validation.
//   - row.go: Row, the exported record, RowOf and the column list.
//   - export.go: Export, the streaming loop, JSONL writer and ReadJSONL.
//   - csv.go, parquet.go: the CSV and Parquet writers and readers. Parquet
//     is written through a GenericWriter in row groups of at most 8192 rows
//     or 16 MiB of text, so memory is bounded whatever the export's size.
//   - train.go: FormatTrain, the human-labelled JSONL that train and eval
//     read; masked like the others.
//   - mask.go: --mask-pii. Contact values, raw texts and contact names,
//     every occurrence of them in free text, and every contact and contact
//     name the classifier's contact finder reads in free text however it is
//     disguised (internal/contact.Personal), become keyed hashes ("phone:" +
//     16 hex digits of HMAC-SHA256) under a per-export random key that is
//     never written, or the publisher's key (Options.Key) so releases link.
//   - card.go, cardmd.go: Card, the counts gathered while exporting, and
//     WriteMarkdown. What classified the rows comes from the rows (their
//     rules, model, tool and classified_at columns, from
//     scamhunt.Record.Provenance): one classifier, or a mix with counts.
//
// Filter.Since selects on FirstSeen (when scamhunt first fetched the
// listing), falling back to PostedAt for records without one.
package dataset
