package scamhunt

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// Pipeline joins the stages: crawl -> extract -> classify -> index. Each
// stage runs in its own goroutines, joined by bounded channels.
type Pipeline struct {
	Crawler    Crawler
	Extractor  Extractor
	Classifier Classifier
	Indexer    Indexer
	Log        *slog.Logger

	Workers   int // extract+classify goroutines; 0 means GOMAXPROCS
	BatchSize int // records per Upsert; 0 means 200
	// FlushEvery bounds how long a partial batch waits for more records;
	// 0 means 500ms. It also bounds how late pages are acknowledged.
	FlushEvery time.Duration
	// FlushIdle flushes a partial batch once no record came for this long,
	// so the last pages of a crawl are not held for FlushEvery; 0 means
	// 50ms.
	FlushIdle time.Duration
	// OnRecord, if set, sees every record after it is indexed, from one
	// goroutine. Progress displays and tests use it.
	OnRecord func(Record)
}

// Stats summarises one run of the pipeline.
type Stats struct {
	Pages         int              `json:"pages"`
	Unchanged     int              `json:"unchanged"`
	Kinds         map[PageKind]int `json:"kinds"`
	Labels        map[Label]int    `json:"labels"`
	Categories    map[string]int   `json:"categories"`
	ExtractErrors int              `json:"extract_errors"`
	Indexed       int              `json:"indexed"` // listings written to the index
	Elapsed       time.Duration    `json:"elapsed_ns"`
}

func newStats() Stats {
	return Stats{Kinds: map[PageKind]int{}, Labels: map[Label]int{}, Categories: map[string]int{}}
}

// Clone returns a deep copy of s.
func (s Stats) Clone() Stats {
	c := s
	c.Kinds, c.Labels, c.Categories = maps.Clone(s.Kinds), maps.Clone(s.Labels), maps.Clone(s.Categories)
	return c
}

// Run crawls until the crawler is done or ctx is cancelled. On cancellation
// the pages already fetched are still extracted, classified and indexed:
// nothing accepted is lost. An index that cannot be written stops the run
// with an error.
func (p *Pipeline) Run(ctx context.Context) (Stats, error) {
	start := time.Now()
	log := p.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	workers := p.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	batch := p.BatchSize
	if batch <= 0 {
		batch = 200
	}

	var mu sync.Mutex
	st := newStats()

	// The crawl stops on ctx, or when indexing fails (crawlCtx). Downstream
	// stages drain what was fetched whatever happens to ctx.
	crawlCtx, stopCrawl := context.WithCancel(ctx)
	defer stopCrawl()
	keep := context.WithoutCancel(ctx)

	acker, _ := p.Crawler.(Acker)
	toucher, _ := p.Indexer.(Toucher)
	var drained <-chan struct{}
	if d, ok := p.Crawler.(Drainer); ok && acker != nil {
		drained = d.Drained()
	}
	pages := make(chan Page, 2*workers)
	// recs carries records and, after a page's last record, the page itself
	// to acknowledge once everything before it is indexed.
	recs := make(chan item, batch)

	var crawlErr error
	crawlDone := make(chan struct{})
	go func() {
		defer close(crawlDone)
		defer close(pages)
		crawlErr = p.Crawler.Crawl(crawlCtx, pages)
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for pg := range pages {
				p.handle(pg, &mu, &st, log, recs)
				if acker != nil {
					done := pg
					recs <- item{ack: &done}
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(recs)
	}()

	var g errgroup.Group
	g.Go(func() error {
		buf := make([]Record, 0, batch)
		var acks []*Page
		var touches []string
		var touchedAt time.Time
		var failed error
		flush := func() {
			defer func() { buf, acks, touches = buf[:0], acks[:0], touches[:0] }()
			if failed != nil {
				return
			}
			if err := p.write(keep, toucher, touches, touchedAt, buf); err != nil {
				// Pages whose records are lost here stay owed to the
				// frontier: they are not acknowledged.
				failed = fmt.Errorf("index: %w", err)
				stopCrawl()
				return
			}
			mu.Lock()
			for _, r := range buf {
				st.Indexed++
				st.Labels[r.Verdict.Label]++
				for _, c := range r.Verdict.Categories {
					st.Categories[c]++
				}
			}
			mu.Unlock()
			if p.OnRecord != nil {
				for _, r := range buf {
					p.OnRecord(r)
				}
			}
			for _, pg := range acks {
				acker.Ack(*pg)
			}
		}
		every := p.FlushEvery
		if every <= 0 {
			every = 500 * time.Millisecond
		}
		tick := time.NewTicker(every)
		defer tick.Stop()
		idleAfter := p.FlushIdle
		if idleAfter <= 0 {
			idleAfter = 50 * time.Millisecond
		}
		idle := time.NewTimer(idleAfter)
		defer idle.Stop()
		pending := func() bool { return len(buf) > 0 || len(acks) > 0 || len(touches) > 0 }
		// eager is set while the crawler waits only for acknowledgements
		// (Drainer): what is held is written as soon as nothing more is
		// queued, not after FlushIdle. The next tick clears it, in case the
		// crawl found more to fetch.
		eager := false
		for {
			select {
			case it, ok := <-recs:
				if !ok {
					flush()
					return failed
				}
				idle.Reset(idleAfter)
				switch {
				case it.ack != nil:
					acks = append(acks, it.ack)
				case it.touch != "":
					touches = append(touches, it.touch)
					if it.at.After(touchedAt) {
						touchedAt = it.at
					}
				default:
					buf = append(buf, it.rec)
				}
				if len(buf) == batch || eager && len(recs) == 0 {
					flush()
				}
			case <-drained:
				eager = true
				if len(recs) == 0 && pending() {
					flush()
				}
			case <-tick.C:
				eager = false
				if pending() {
					flush()
				}
			case <-idle.C:
				if pending() {
					flush()
				}
			}
		}
	})
	err := g.Wait()
	<-crawlDone
	st.Elapsed = time.Since(start)
	if err != nil {
		return st, err
	}
	if crawlErr != nil && ctx.Err() == nil {
		return st, fmt.Errorf("crawl: %w", crawlErr)
	}
	return st, nil
}

// item is what flows from the extract workers to the indexer: a record, a
// page to acknowledge, or the ID of a listing seen again unchanged.
type item struct {
	rec   Record
	ack   *Page
	touch string
	at    time.Time
}

// handle extracts and classifies one page, sending its records on.
func (p *Pipeline) handle(pg Page, mu *sync.Mutex, st *Stats, log *slog.Logger, recs chan<- item) {
	if pg.Unchanged {
		mu.Lock()
		st.Pages++
		st.Unchanged++
		mu.Unlock()
		recs <- item{touch: ListingID(pg.URL), at: pg.FetchedAt}
		return
	}
	ex, err := p.Extractor.Extract(pg)
	mu.Lock()
	st.Pages++
	if err != nil {
		st.ExtractErrors++
		mu.Unlock()
		log.Warn("extract_failed", "url", pg.URL, "err", err)
		return
	}
	st.Kinds[ex.Kind]++
	mu.Unlock()
	for _, l := range ex.Listings {
		if l.Partial {
			continue
		}
		v := p.Classifier.Classify(l)
		recs <- item{rec: Record{Listing: l, Verdict: v, FirstSeen: l.FetchedAt, LastSeen: l.FetchedAt}}
	}
}

// write records listings seen again unchanged, then upserts the batch.
func (p *Pipeline) write(ctx context.Context, toucher Toucher, touches []string, at time.Time, recs []Record) error {
	if len(touches) > 0 && toucher != nil {
		if err := toucher.Touch(ctx, touches, at); err != nil {
			return err
		}
	}
	if len(recs) == 0 {
		return nil
	}
	return p.Indexer.Upsert(ctx, recs)
}
