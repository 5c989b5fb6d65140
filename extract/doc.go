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
//	extract.go   Extractor, New, Extract: URL patterns first, then the evidence decides the kind
//	walk.go      the single pass over the parsed page: text, prose blocks, h1 and headings, brand, breadcrumb
//	pairs.go     labelled fields from table rows, dl lists, li items, sibling spans and divs
//	text.go      display text: white space folded as textnorm.Space, paragraphs as lines, tag classes
//	chrome.go    page furniture (header, 热门城市 strip, sidebar, related boxes, ads) and breadcrumbs
//	labels.go    the label vocabulary, short and long (薪资/工资/待遇, 区域/地点, 联系/电话, 发布/更新) and "标签：值" parsing
//	listing.go   a detail page's listing: title (main heading first), body, salary, contacts, dates, city
//	prose.go     pay stated in prose (日入300-800), and the evidence that a page is an ad
//	paybox.go    pay shown in a box of its own by the title (<div class="price">150元/天</div>), no label
//	rows.go      groups of similar rows (an index), and their rows as partial listings
//	title.go     site names off <title> (og:site_name, site_name, the home link's text), city from breadcrumbs, headcounts
//
// Pages arrive decoded (internal/charset decodes crawled bodies and saved
// files alike).
//
// Deciding the kind without a profile: two or more labelled job fields
// (salary, location, contact, headcount) outside any list of rows make a
// detail page; so does the evidence weighed together, one field and a
// contact or pay, or a contact with pay or job words in the title (a
// QQ-group post that is prose only), unless the page is news: long prose
// under a date line, or prose under a 来源/作者 line. Long prose makes an
// article (a news story with a city strip and 相关内容 links gives no
// listing); five or more similar rows with links into the site make an
// index, whose rows become Partial listings; anything else is other. A
// detail page without a title is other, with Why saying so.
//
// Tests: testdata/<site>/<case>.html over the demo board, the seed page
// scamhunt was conceived from and twelve other layouts in UTF-8, GBK,
// GB18030, Big5 and undeclared charsets: tableboard (GBK tables), dlboard,
// divsoup, mobile, spanpairs (a mobile card site, sibling-span pairs with
// short labels), sibdivs (sibling-div pairs, a list inside the detail),
// celltitle (a 岗位 cell beside the headline, pay with a hyphen in
// <title>), qqpost (forum posts of QQ-group ads, prose only), wuba, ganji
// and baixing (58同城/赶集/百姓网-like structures as public crawlers describe
// them) and big5board (a Big5 Taiwan board). Each page is stored once. On a
// site with a profile every case runs twice: with the profile against
// <case>.golden.json and generic against <case>.generic.golden.json; a case
// named generic_* (a page of its own for the generic extractor) and every
// case of a site without a profile run generic only, against
// <case>.golden.json. `go test ./extract -update` rewrites the golden
// files; TestKinds holds every run to the kind its case's name promises
// (a <!-- case generic kind: K --> line in the page may say otherwise for
// its generic run), so an update cannot bless a regression.
// TestGenericClasses holds each class of page to its fields in a table, and
// TestPayBox pay boxes and their look-alikes (fees, a product's price, boxes
// in related rows);
// TestHeldOutBoard measures the generic extractor on testdata/eval, a board
// of four layouts no rule was tuned on. BenchmarkExtract and
// BenchmarkGoqueryParse give the cost of extraction against a bare parse.
package extract
