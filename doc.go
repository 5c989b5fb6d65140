// Package scamhunt holds the domain of the system: the nouns every stage
// shares (Page, Listing, Contact, Salary, Verdict, Record), the small
// interfaces each stage implements (Crawler, Extractor, Classifier, Indexer)
// and Pipeline, which joins them:
//
//	crawl -> extract -> classify -> index
//
// Stage packages (crawler, extract, classify, index, web, dataset) import this
// package and their own third-party library, never each other; cmd/scamhunt
// wires them together.
package scamhunt
