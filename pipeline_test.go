package scamhunt_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scamhunt/scamhunt"
)

// fakeCrawler sends n pages, then waits for ctx if block is set.
type fakeCrawler struct {
	n       int
	block   bool
	sent    chan int
	stopped bool
}

func (c *fakeCrawler) Crawl(ctx context.Context, out chan<- scamhunt.Page) error {
	for i := range c.n {
		p := scamhunt.Page{URL: fmt.Sprintf("http://board.test/job/%d.html", i), Body: []byte(fmt.Sprint(i))}
		if i%10 == 9 {
			p.URL = fmt.Sprintf("http://board.test/news/%d.html", i)
		}
		select {
		case out <- p:
		case <-ctx.Done():
			c.stopped = true
			return ctx.Err()
		}
		if c.sent != nil {
			c.sent <- i
		}
	}
	if c.block {
		<-ctx.Done()
		c.stopped = true
	}
	return nil
}

type fakeExtractor struct{}

func (fakeExtractor) Extract(p scamhunt.Page) (scamhunt.Extraction, error) {
	switch {
	case strings.Contains(p.URL, "/news/"):
		return scamhunt.Extraction{Kind: scamhunt.KindArticle}, nil
	case string(p.Body) == "13":
		return scamhunt.Extraction{}, errors.New("broken page")
	}
	l := scamhunt.Listing{ID: scamhunt.ListingID(p.URL), URL: p.URL, Title: "job " + string(p.Body)}
	return scamhunt.Extraction{Kind: scamhunt.KindDetail, Listings: []scamhunt.Listing{l, {ID: "partial", Partial: true}}}, nil
}

type fakeClassifier struct{}

func (fakeClassifier) Classify(l scamhunt.Listing) scamhunt.Verdict {
	if strings.HasSuffix(l.Title, "0") || strings.HasSuffix(l.Title, "5") {
		return scamhunt.Verdict{ID: l.ID, Label: scamhunt.LabelScam, Score: 0.9, Categories: []string{"shuadan"}}
	}
	return scamhunt.Verdict{ID: l.ID, Label: scamhunt.LabelLegit, Score: 0.1}
}

type fakeIndex struct {
	mu      sync.Mutex
	recs    map[string]scamhunt.Record
	batches int
	failAt  int // fail on this batch number (1-based); 0 never
}

func (ix *fakeIndex) Upsert(_ context.Context, recs []scamhunt.Record) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.batches++
	if ix.batches == ix.failAt {
		return errors.New("disk full")
	}
	if ix.recs == nil {
		ix.recs = map[string]scamhunt.Record{}
	}
	for _, r := range recs {
		ix.recs[r.Listing.ID] = r
	}
	return nil
}

func TestPipelineRun(t *testing.T) {
	ix := &fakeIndex{}
	p := scamhunt.Pipeline{Crawler: &fakeCrawler{n: 100}, Extractor: fakeExtractor{}, Classifier: fakeClassifier{}, Indexer: ix, BatchSize: 7}
	st, err := p.Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	// 100 pages: 10 news, 1 broken, 89 listings (partial rows dropped).
	if st.Pages != 100 || st.Kinds[scamhunt.KindArticle] != 10 || st.ExtractErrors != 1 || st.Indexed != 89 || len(ix.recs) != 89 {
		t.Errorf("stats %+v, indexed %d", st, len(ix.recs))
	}
	if _, ok := ix.recs["partial"]; ok {
		t.Error("a partial listing was indexed")
	}
	scams := 0
	for _, r := range ix.recs {
		if r.Verdict.Label == scamhunt.LabelScam {
			scams++
		}
	}
	if st.Labels[scamhunt.LabelScam] != scams || st.Categories["shuadan"] != scams || scams == 0 {
		t.Errorf("labels %v categories %v, index has %d scams", st.Labels, st.Categories, scams)
	}
}

// TestPipelineCancelKeepsAccepted checks the Ctrl-C promise: every page the
// crawler handed over before the stop is indexed.
func TestPipelineCancelKeepsAccepted(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	sent := make(chan int, 100)
	cr := &fakeCrawler{n: 30, block: true, sent: sent}
	ix := &fakeIndex{}
	p := scamhunt.Pipeline{Crawler: cr, Extractor: fakeExtractor{}, Classifier: fakeClassifier{}, Indexer: ix, BatchSize: 1000}
	go func() {
		for i := range sent {
			if i == 29 {
				cancel()
			}
		}
	}()
	st, err := p.Run(ctx)
	close(sent)
	if err != nil {
		t.Fatalf("a cancelled crawl is not an error: %v", err)
	}
	if !cr.stopped {
		t.Error("crawler did not see the cancellation")
	}
	// 30 pages: 3 news, 1 broken -> 26 listings, all in one unfinished batch.
	if len(ix.recs) != 26 || st.Indexed != 26 {
		t.Errorf("indexed %d (stats %d), want all 26 accepted listings", len(ix.recs), st.Indexed)
	}
}

func TestPipelineIndexFailureStops(t *testing.T) {
	cr := &fakeCrawler{n: 50, block: true}
	ix := &fakeIndex{failAt: 2}
	p := scamhunt.Pipeline{Crawler: cr, Extractor: fakeExtractor{}, Classifier: fakeClassifier{}, Indexer: ix, BatchSize: 5}
	_, err := p.Run(t.Context())
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v, want the index error", err)
	}
	if !cr.stopped {
		t.Error("the crawl went on after the index failed")
	}
}

// ackingCrawler is a fakeCrawler whose frontier records acknowledgements,
// checking each page's listing is indexed by the time it is acknowledged.
type ackingCrawler struct {
	fakeCrawler
	ix    *fakeIndex
	mu    sync.Mutex
	acked map[string]bool
	early []string
}

func (c *ackingCrawler) Ack(p scamhunt.Page) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.acked[p.URL] = true
	c.ix.mu.Lock()
	_, indexed := c.ix.recs[scamhunt.ListingID(p.URL)]
	c.ix.mu.Unlock()
	if !indexed && strings.Contains(p.URL, "/job/") && string(p.Body) != "13" {
		c.early = append(c.early, p.URL)
	}
}

func TestPipelineAcksAfterIndexing(t *testing.T) {
	ix := &fakeIndex{}
	cr := &ackingCrawler{fakeCrawler: fakeCrawler{n: 60}, ix: ix, acked: map[string]bool{}}
	p := scamhunt.Pipeline{Crawler: cr, Extractor: fakeExtractor{}, Classifier: fakeClassifier{}, Indexer: ix, BatchSize: 8}
	if _, err := p.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	if len(cr.acked) != 60 {
		t.Errorf("%d pages acknowledged, want all 60 (news and broken pages included)", len(cr.acked))
	}
	if len(cr.early) > 0 {
		t.Errorf("acknowledged before their listing was indexed: %v", cr.early)
	}
}

func TestPipelineDoesNotAckLostPages(t *testing.T) {
	ix := &fakeIndex{failAt: 1}
	cr := &ackingCrawler{fakeCrawler: fakeCrawler{n: 20}, ix: ix, acked: map[string]bool{}}
	p := scamhunt.Pipeline{Crawler: cr, Extractor: fakeExtractor{}, Classifier: fakeClassifier{}, Indexer: ix, BatchSize: 4}
	if _, err := p.Run(t.Context()); err == nil {
		t.Fatal("want the index error")
	}
	for u := range cr.acked {
		if strings.Contains(u, "/job/") {
			if _, ok := ix.recs[scamhunt.ListingID(u)]; !ok {
				t.Errorf("%s acknowledged but never indexed", u)
			}
		}
	}
}

// touchIndex is a fakeIndex that records touches.
type touchIndex struct {
	fakeIndex
	touched map[string]time.Time
}

func (ix *touchIndex) Touch(_ context.Context, ids []string, at time.Time) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, id := range ids {
		ix.touched[id] = at
	}
	return nil
}

type unchangedCrawler struct{ at time.Time }

func (c unchangedCrawler) Crawl(ctx context.Context, out chan<- scamhunt.Page) error {
	for i := range 5 {
		out <- scamhunt.Page{URL: fmt.Sprintf("http://board.test/job/%d.html", i), Unchanged: true, FetchedAt: c.at}
	}
	return nil
}

// TestPipelineTouchesUnchanged checks a recrawl's unchanged pages keep
// their listings' last-seen date true without being extracted again.
func TestPipelineTouchesUnchanged(t *testing.T) {
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	ix := &touchIndex{touched: map[string]time.Time{}}
	p := scamhunt.Pipeline{Crawler: unchangedCrawler{at}, Extractor: fakeExtractor{}, Classifier: fakeClassifier{}, Indexer: ix}
	st, err := p.Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if st.Unchanged != 5 || st.Indexed != 0 || len(ix.touched) != 5 {
		t.Fatalf("unchanged %d, indexed %d, touched %d; want 5, 0, 5", st.Unchanged, st.Indexed, len(ix.touched))
	}
	for i := range 5 {
		id := scamhunt.ListingID(fmt.Sprintf("http://board.test/job/%d.html", i))
		if !ix.touched[id].Equal(at) {
			t.Errorf("listing %d touched at %v, want %v", i, ix.touched[id], at)
		}
	}
}

// waitingCrawler sends its pages, then, as the real crawler does, waits
// for every one to be acknowledged before it returns. With drained set it
// also says, once its pages are sent, that it waits only for their
// acknowledgements (scamhunt.Drainer); without, Drained never receives.
type waitingCrawler struct {
	n       int
	acked   chan struct{}
	drained chan struct{}
}

func (c *waitingCrawler) Crawl(ctx context.Context, out chan<- scamhunt.Page) error {
	for i := range c.n {
		out <- scamhunt.Page{URL: fmt.Sprintf("http://board.test/job/%d.html", i), Body: []byte(fmt.Sprint(i))}
	}
	if c.drained != nil {
		c.drained <- struct{}{}
	}
	for range c.n {
		select {
		case <-c.acked:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func (c *waitingCrawler) Ack(scamhunt.Page) { c.acked <- struct{}{} }

func (c *waitingCrawler) Drained() <-chan struct{} { return c.drained }

// runUnlessHung runs p, failing with hung if it has not ended in a minute
// (a hang detector, not a speed goal).
func runUnlessHung(t *testing.T, p *scamhunt.Pipeline, hung string) {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := p.Run(t.Context())
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal(hung)
	}
}

// TestPipelineFlushesWhenIdle: the last pages of a crawl are indexed and
// acknowledged once records stop coming, not when FlushEvery (here an
// hour) comes round, so a crawl waiting for them ends.
func TestPipelineFlushesWhenIdle(t *testing.T) {
	ix := &fakeIndex{}
	cr := &waitingCrawler{n: 5, acked: make(chan struct{}, 5)}
	runUnlessHung(t, &scamhunt.Pipeline{Crawler: cr, Extractor: fakeExtractor{}, Classifier: fakeClassifier{}, Indexer: ix,
		BatchSize: 1000, FlushEvery: time.Hour}, "the last batch waited for FlushEvery: the crawl could not end")
	if len(ix.recs) != 5 {
		t.Errorf("%d listings indexed, want 5", len(ix.recs))
	}
}

// TestPipelineFlushesWhenDrained: once the crawler waits only for
// acknowledgements, the pipeline writes what it holds without waiting for
// FlushIdle or FlushEvery (both an hour here), so the crawl ends.
func TestPipelineFlushesWhenDrained(t *testing.T) {
	ix := &fakeIndex{}
	cr := &waitingCrawler{n: 7, acked: make(chan struct{}, 7), drained: make(chan struct{}, 1)}
	runUnlessHung(t, &scamhunt.Pipeline{Crawler: cr, Extractor: fakeExtractor{}, Classifier: fakeClassifier{}, Indexer: ix,
		BatchSize: 1000, FlushEvery: time.Hour, FlushIdle: time.Hour},
		"the pipeline held the last records although the crawler had drained: the crawl could not end")
	if len(ix.recs) != 7 {
		t.Errorf("%d listings indexed, want 7", len(ix.recs))
	}
}
