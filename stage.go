package scamhunt

import (
	"context"
	"errors"
	"time"
)

// Crawler fetches pages and sends them on out until the crawl is done or ctx
// is cancelled. It closes nothing; the caller owns out.
type Crawler interface {
	Crawl(ctx context.Context, out chan<- Page) error
}

// Acker is implemented by crawlers whose frontier must learn when a page is
// finished: its listings indexed, or found to have none. Until then the
// frontier keeps the page owed, so a crash or a stop loses nothing: the page
// is fetched again by the next run or another worker.
type Acker interface {
	Ack(p Page)
}

// Drainer is implemented by crawlers that can tell when they have nothing
// to fetch until the pages they sent are acknowledged: at the end of a
// crawl, or while links just found are still being queued. Drained then
// receives, so the pipeline writes the records it holds at once instead of
// waiting for more that are not coming.
type Drainer interface {
	Drained() <-chan struct{}
}

// PageKind is what a page is, as far as listings go.
type PageKind string

// The kinds of page the extractor tells apart. Only details become listings.
const (
	KindDetail  PageKind = "detail"
	KindIndex   PageKind = "index"
	KindArticle PageKind = "article"
	KindOther   PageKind = "other"
)

// Extraction is what the extractor found on one page and why it decided the
// page's kind.
type Extraction struct {
	Kind     PageKind  `json:"kind"`
	Why      string    `json:"why"`
	Listings []Listing `json:"listings"`
}

// Extractor turns a decoded page into listings. It is pure: no I/O, no clock.
type Extractor interface {
	Extract(p Page) (Extraction, error)
}

// Classifier triages one listing. It is pure and safe for concurrent use.
type Classifier interface {
	Classify(l Listing) Verdict
}

// Indexer stores records. Upsert is idempotent: the same records twice
// change nothing. A human Override already stored for a listing is kept.
type Indexer interface {
	Upsert(ctx context.Context, recs []Record) error
}

// Toucher is implemented by indexes that can record a listing seen again
// unchanged at a recrawl (its page answered 304 or hashed the same), so its
// last-seen date stays true without extracting it again. IDs not in the
// index are ignored.
type Toucher interface {
	Touch(ctx context.Context, ids []string, at time.Time) error
}

// Searcher answers queries over the index.
type Searcher interface {
	Search(ctx context.Context, q Query) (Result, error)
	Get(ctx context.Context, id string) (Record, error)
}

// ErrNotFound is returned by Get when no listing has the ID.
var ErrNotFound = errors.New("listing not found")
