// Package audit builds the operator's audit report: how many listings of a
// site were crawled and flagged, the flagged share per board category and
// scam type, flagged listings per city and over crawl dates, what is new
// since the last crawl, every flagged listing with its evidence, and the
// clusters of listings that share a phone, QQ, WeChat, e-mail or Telegram
// contact (union-find, so two contacts used together merge their groups).
// It reads records through Source, which cmd satisfies with the index, and
// never imports the index or web packages.
//
// Files:
//   - audit.go: Source, Run, Options and the Report types.
//   - build.go: Build, one streaming pass over the records.
//   - cluster.go: contact clusters.
//   - chart.go: geometry of the inline SVG charts.
//   - html.go, report.html.tmpl, report.css: WriteHTML, one self-contained
//     page (inline CSS allowed by its hash, StyleHash, and SVG; no script,
//     no external request).
//   - csv.go: WriteCSV, the flagged listings for a spreadsheet: a takedown
//     list with the removed flag, dates, human label, reviewer and note.
//
// Run.At is when a crawl finished. A listing is new if first seen after
// Options.Since or, without it, after the crawl before the latest one
// (Cutoff, which the admin review queue uses too).
// Dates are days in China Standard Time unless Options.Zone says otherwise.
package audit
