// Package extract turns a fetched page into what it holds for scamhunt: its
// kind (detail, index, article, other), why it was judged so, and its
// listings. It sits between the crawler and the classifier:
//
//	crawl -> extract -> classify -> index
//
// It is pure: no I/O, no clock, no logger. The fetch time comes in with the
// Page and is the "now" of relative dates such as 3天前.
//
// A board's Profile (the extract: block of configs/sites/<name>.yaml) gives
// URL patterns for its page kinds and CSS selectors for its fields; the
// zero Profile leaves everything to the generic extractor, which reads
// structure and labels and works on boards it has never seen. Profile
// selectors win field by field; whatever a profile does not find, the
// generic extractor fills, and Listing.Methods records which way each field
// was found.
//
// Files and what they do:
//
//	profile.go   Profile, Fields, IndexRows; Validate and compiling patterns and selectors
//	extract.go   Extractor, New, Extract: URL patterns first, then structure decides the kind
//	walk.go      the single pass over the parsed page: text, prose blocks, h1, breadcrumb
//	pairs.go     labelled fields from table rows, dl lists, li items and span pairs
//	text.go      display text: white space folded as textnorm.Space, paragraphs as lines, tag classes
//	chrome.go    page furniture (header, 热门城市 strip, sidebar, related boxes, ads) and breadcrumbs
//	labels.go    the label vocabulary (薪资, 联系电话, QQ ...) and "标签：值" parsing
//	listing.go   a detail page's listing: title, body, salary, contacts, dates, city
//	rows.go      groups of similar rows (an index), and their rows as partial listings
//	title.go     site-name suffixes off <title>, city from breadcrumbs, headcounts
//	decode.go    DecodeFile: the charset of a file on disk (BOM, header, meta, sniffing)
//	common.go    the frequent-character table the charset sniffer scores with
//
// Deciding the kind without a profile: two or more labelled job fields
// (salary, location, contact, headcount) outside any list of rows make a
// detail page; long prose makes an article (a news story with a city strip
// and 相关内容 links gives no listing); five or more similar rows with links
// into the site make an index, whose rows become Partial listings; anything
// else is other. A detail page without a title is other, with Why saying so.
//
// Tests: testdata/<site>/<case>.html, over the demo board and five other
// layouts (tableboard, GBK tables; dlboard; divsoup; mobile; seed, the news
// page scamhunt was conceived from). Each page is stored once. On a site
// with a profile every case runs twice: with the profile against
// <case>.golden.json and generic against <case>.generic.golden.json; a case
// named generic_* (a page of its own for the generic extractor) and every
// case of a site without a profile run generic only, against
// <case>.golden.json. `go test ./extract -update` rewrites the golden
// files; TestKinds holds every run to the kind its case's name promises
// (a <!-- case generic kind: K --> line in the page may say otherwise for
// its generic run), so an update cannot bless a regression.
// BenchmarkExtract and BenchmarkGoqueryParse give the cost of extraction
// against a bare parse.
package extract
