package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/audit"
	"github.com/scamhunt/scamhunt/crawler"
	"github.com/scamhunt/scamhunt/extract"
	"github.com/scamhunt/scamhunt/index"
	"github.com/scamhunt/scamhunt/store"
)

type crawlFlags struct {
	prof     profileFlags
	start    []string
	frontier string
	warc     string
	worker   string
	json     bool
	maxPages int
	maxTime  time.Duration
	lease    time.Duration
	cls      classifierFlags
}

func newCrawlCmd(g *globals) *cobra.Command {
	f := &crawlFlags{}
	cmd := &cobra.Command{
		Use:   "crawl",
		Short: "Crawl a board: fetch, extract, classify and index every listing",
		Example: `  scamhunt crawl --site demo --start http://127.0.0.1:8079/ --data ./data
  scamhunt crawl --start https://board.example/    # unknown board: safe defaults, generic extractor
  scamhunt crawl --site demo --frontier redis://127.0.0.1:6379/0   # one of several workers`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			sum, err := runCrawl(cmd.Context(), g, f, nil, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			if f.json {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(sum)
			}
			sum.writeText(cmd.OutOrStdout())
			return nil
		},
	}
	fl := cmd.Flags()
	f.prof.add(fl)
	fl.StringSliceVar(&f.start, "start", nil, "start URL(s); overrides the profile's")
	fl.StringVar(&f.frontier, "frontier", "", "shared frontier, e.g. redis://127.0.0.1:6379/0 (default: embedded, under --data)")
	fl.StringVar(&f.warc, "warc", "", "write every response as WARC/1.1 records into this directory")
	fl.StringVar(&f.worker, "worker", "", "this worker's name in a shared frontier (default: host-pid)")
	fl.BoolVar(&f.json, "json", false, "print the summary as JSON")
	f.addBudget(fl, "stop")
	fl.DurationVar(&f.lease, "lease", 0, "shared frontier: a URL a worker holds longer is handed to another (0: 30s)")
	f.cls.add(fl)
	usesData(cmd)
	return cmd
}

// addBudget adds --max-pages and --max-time; stop says what they stop.
func (f *crawlFlags) addBudget(fl *pflag.FlagSet, stop string) {
	fl.IntVar(&f.maxPages, "max-pages", 0, fmt.Sprintf("%s after this many pages (0: the profile's budget; %d without a profile)", stop, crawler.GenericMaxPages))
	fl.DurationVar(&f.maxTime, "max-time", 0, fmt.Sprintf("%s after this long, e.g. 30m (0: the profile's budget; %s without a profile)", stop, crawler.GenericMaxTime))
}

// crawlSummary is what `scamhunt crawl` reports.
type crawlSummary struct {
	Site     string          `json:"site"`
	Crawl    crawler.Summary `json:"crawl"`
	Pipeline scamhunt.Stats  `json:"pipeline"`
	Raised   int             `json:"raised_by_reputation"`
	// Rejudged counts the verdicts new rules, a new model or a new build
	// changed, the whole board being judged again after the crawl.
	Rejudged int    `json:"rejudged_by_new_classifier,omitempty"`
	Removed  int    `json:"marked_removed"`
	Elapsed  string `json:"elapsed"`
	// Interrupted says Ctrl-C stopped the crawl; contact reputation is
	// applied by the next crawl or reclassify.
	Interrupted bool `json:"interrupted,omitempty"`
}

// profile resolves --site / --config / --start into a profile.
func (f *crawlFlags) profile() (siteProfile, error) {
	p, ok, err := f.prof.load()
	switch {
	case err != nil:
		return p, err
	case !ok:
		if len(f.start) == 0 {
			return p, fmt.Errorf("need --site, --config or --start")
		}
		u, perr := url.Parse(f.start[0])
		if perr != nil || u.Host == "" {
			return p, fmt.Errorf("--start %q: not an absolute URL", f.start[0])
		}
		p = siteProfile{Name: u.Hostname()}
		p.Crawl.Site = p.Name
		// An unknown board may be endless (traps, a hostile site): bounded
		// by default.
		p.Crawl.Budget.MaxPages, p.Crawl.Budget.MaxTime = crawler.GenericMaxPages, crawler.GenericMaxTime
	}
	if len(f.start) > 0 {
		p.Crawl.Start = f.start
	}
	if f.maxPages > 0 {
		p.Crawl.Budget.MaxPages = f.maxPages
	}
	if f.maxTime < 0 {
		return p, fmt.Errorf("--max-time %s is negative", f.maxTime)
	}
	if f.maxTime > 0 {
		p.Crawl.Budget.MaxTime = crawler.Duration(f.maxTime)
	}
	return p, p.Crawl.Validate()
}

// runCrawl crawls f's board into the data dir: fetch, extract, classify,
// store and index, then the reputation pass. loaded, if not nil, is the
// judge to classify with (a server's, so that its recrawls and its
// reclassifications judge alike); nil loads f's.
func runCrawl(ctx context.Context, g *globals, f *crawlFlags, loaded *judge, stderr io.Writer) (crawlSummary, error) {
	start := time.Now()
	log, err := g.logger(stderr)
	if err != nil {
		return crawlSummary{}, err
	}
	f.prof.config, f.warc = g.file(f.prof.config), g.file(f.warc)
	prof, err := f.profile()
	if err != nil {
		return crawlSummary{}, err
	}
	d := g.dir
	// The store and index open (and a missing index is rebuilt) while the
	// classifier's files and the frontier are read; every return waits for
	// it, so the data dir is never closed under it.
	opened := d.openAsync(ctx, log)
	defer opened()
	ccfg := prof.Crawl
	ccfg.DataDir = d.file(filepath.Join("frontier", prof.Name))
	ccfg.Frontier = f.frontier
	ccfg.WARCDir = f.warc
	ccfg.Worker = f.worker
	ccfg.AwaitAck = true
	ccfg.Lease = f.lease
	ccfg.Log = log
	// The rules and model load while the crawl opens its files and fetches
	// robots.txt and the first list pages, which need no classifier.
	var j judge
	var ready func() (judge, error)
	if loaded != nil {
		j = *loaded
		ready = func() (judge, error) { return j, nil }
	} else if j, ready, err = f.cls.judgeLater(g); err != nil {
		return crawlSummary{}, err
	}
	prog := newProgress(stderr, log)
	ccfg.OnProgress = prog.crawl
	cr, err := crawler.New(ccfg)
	if err != nil {
		return crawlSummary{}, err
	}
	defer cr.Close()
	ex, err := extract.New(prof.Extract)
	if err != nil {
		return crawlSummary{}, err
	}
	st, idx, err := opened()
	if err != nil {
		return crawlSummary{}, err
	}
	rc := &reclassifier{d: g.dir, st: st, idx: idx, cls: j, log: log}
	if err := rc.claim(); err != nil {
		return crawlSummary{}, err
	}

	p := scamhunt.Pipeline{Crawler: cr, Extractor: ex, Classifier: laterClassifier(ready), Indexer: storedIndex{d, st, idx, ready, log}, Log: log, OnRecord: prog.record}
	stats, err := p.Run(ctx)
	prog.done()
	sum := crawlSummary{Site: prof.Name, Crawl: cr.Summary(), Pipeline: stats}
	if err != nil {
		return sum, err
	}
	if rc.cls, err = ready(); err != nil {
		return sum, err
	}
	if ctx.Err() == nil {
		if sum.Removed, err = markRemoved(ctx, d, st, idx, cr, log); err != nil && ctx.Err() == nil {
			return sum, err
		}
		res, err := rc.run(ctx)
		if err != nil && ctx.Err() == nil {
			return sum, err
		}
		sum.Raised = res.Raised
		if res.Full {
			sum.Rejudged = res.Rebased
		}
	}
	if ctx.Err() != nil {
		// Everything fetched is stored and indexed; what reputation has
		// left to do waits in the store for the next crawl or reclassify.
		sum.Interrupted = true
	}
	run := audit.Run{At: time.Now(), Site: prof.Name, Pages: stats.Pages, Listings: stats.Indexed}
	if err := appendJSONL(d.file("crawls.jsonl"), run); err != nil {
		return sum, err
	}
	sum.Elapsed = time.Since(start).Round(time.Millisecond).String()
	return sum, nil
}

// storedIndex is the pipeline's index stage: each batch goes to the
// listing store, then to the index as stored (first seen, the verdict
// reputation gave a listing fetched again unchanged) with its human label,
// before its pages are acknowledged, so what the crawl fetched outlives
// the index. Every verdict in a batch was just made by the judge ready
// returns (the pipeline's classifier), and its provenance says so; a judge
// that failed to load fails the batch.
type storedIndex struct {
	d     *dataDir
	st    *store.Store
	idx   index.Index
	ready func() (judge, error)
	log   *slog.Logger
}

var (
	_ scamhunt.Indexer = storedIndex{}
	_ scamhunt.Toucher = storedIndex{}
)

func (s storedIndex) Upsert(ctx context.Context, recs []scamhunt.Record) error {
	j, err := s.ready()
	if err != nil {
		return err
	}
	s.d.write.RLock()
	defer s.d.write.RUnlock()
	now := time.Now()
	in := make([]store.Record, len(recs))
	for i, r := range recs {
		r.Provenance = j.made(now)
		in[i] = storeRecord(r)
	}
	out, err := s.st.Put(ctx, in)
	if err != nil {
		return err
	}
	return s.d.replace(ctx, s.idx, out, s.log)
}

// Touch moves the last-seen date of listings seen again unchanged, in the
// store and then the index, from the stored records: the index is not
// read, so a recrawl of a big board does not page it all in.
func (s storedIndex) Touch(ctx context.Context, ids []string, at time.Time) error {
	s.d.write.RLock()
	defer s.d.write.RUnlock()
	var changed []store.Record
	_, err := s.st.Update(ctx, ids, func(r *store.Record) bool {
		if !store.Touch(r, at) {
			return false
		}
		changed = append(changed, *r)
		return true
	})
	if err != nil {
		return err
	}
	return s.d.replace(ctx, s.idx, changed, s.log)
}

func (s crawlSummary) writeText(w io.Writer) {
	c, p := s.Crawl, s.Pipeline
	fmt.Fprintf(w, "crawl of %s finished in %s\n", s.Site, s.Elapsed)
	skipped := 0
	for _, n := range c.Skipped {
		skipped += n
	}
	state := c.Stop
	if c.Resumed {
		state += ", resumed an interrupted crawl"
	}
	fmt.Fprintf(w, "  pages fetched   %d (unchanged %d, failed %d, retried %d, robots-blocked %d, skipped %d; %s)\n",
		c.Fetched, c.Unchanged, c.Failed, c.Retried, c.RobotsBlocked, skipped, state)
	writeLimits(w, c)
	kinds := []scamhunt.PageKind{scamhunt.KindDetail, scamhunt.KindIndex, scamhunt.KindArticle, scamhunt.KindOther}
	fmt.Fprintf(w, "  page kinds     ")
	for _, k := range kinds {
		fmt.Fprintf(w, " %s %d", k, p.Kinds[k])
	}
	fmt.Fprintf(w, "\n  listings        %d indexed (extract errors %d)\n", p.Indexed, p.ExtractErrors)
	for _, l := range []scamhunt.Label{scamhunt.LabelScam, scamhunt.LabelSuspicious, scamhunt.LabelLegit} {
		fmt.Fprintf(w, "    %-11s   %d\n", l, p.Labels[l])
	}
	fmt.Fprintf(w, "  categories\n")
	for _, c := range scamhunt.Categories {
		if n := p.Categories[c]; n > 0 {
			fmt.Fprintf(w, "    %-17s %d  %s\n", c, n, scamhunt.CategoryNames[c])
		}
	}
	if s.Raised > 0 {
		fmt.Fprintf(w, "  raised by shared contacts: %d\n", s.Raised)
	}
	if s.Rejudged > 0 {
		fmt.Fprintf(w, "  judged again by new rules or model: %d verdicts changed\n", s.Rejudged)
	}
	if s.Removed > 0 {
		fmt.Fprintf(w, "  marked removed (gone from the site): %d\n", s.Removed)
	}
	if s.Interrupted {
		fmt.Fprintf(w, "  interrupted: what was fetched is indexed; the next crawl continues, and it or `scamhunt reclassify` applies contact reputation\n")
	}
	if c.Failed > 0 {
		fmt.Fprintf(w, "  failed pages\n")
		for i, fl := range c.Failures {
			if i == 20 {
				fmt.Fprintf(w, "    ... and %d more\n", c.Failed-20)
				break
			}
			why := fl.Err
			if fl.Status != 0 {
				why = fmt.Sprintf("HTTP %d %s", fl.Status, why)
			}
			fmt.Fprintf(w, "    %s  %s (%d tries)\n", fl.URL, why, fl.Tries)
		}
	}
}

// progress shows a live line on a terminal and structured log lines
// elsewhere.
type progress struct {
	mu     sync.Mutex
	w      io.Writer
	log    *slog.Logger
	tty    bool
	start  time.Time
	labels map[scamhunt.Label]int
	shown  time.Time
}

func newProgress(w io.Writer, log *slog.Logger) *progress {
	tty := false
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	return &progress{w: w, log: log, tty: tty, start: time.Now(), labels: map[scamhunt.Label]int{}}
}

func (p *progress) record(r scamhunt.Record) {
	p.mu.Lock()
	p.labels[r.Verdict.Label]++
	p.mu.Unlock()
}

func (p *progress) crawl(s crawler.Summary) {
	p.mu.Lock()
	defer p.mu.Unlock()
	rate := float64(s.Fetched) / max(time.Since(p.start).Seconds(), 0.001)
	if p.tty {
		fmt.Fprintf(p.w, "\r%6.1f pages/s  done %d  queued %d  errors %d  scam %d  suspicious %d  legit %d ",
			rate, s.Fetched, s.Queued, s.Failed, p.labels[scamhunt.LabelScam], p.labels[scamhunt.LabelSuspicious], p.labels[scamhunt.LabelLegit])
		return
	}
	if time.Since(p.shown) < 5*time.Second {
		return
	}
	p.shown = time.Now()
	p.log.Info("crawl_progress", "pages_per_s", fmt.Sprintf("%.1f", rate), "done", s.Fetched, "queued", s.Queued,
		"errors", s.Failed, "scam", p.labels[scamhunt.LabelScam], "suspicious", p.labels[scamhunt.LabelSuspicious])
}

func (p *progress) done() {
	if p.tty {
		fmt.Fprintln(p.w)
	}
}

// markRemoved flags listings whose pages are gone from the site (404/410,
// or no longer linked) once a crawl has finished; they stay in the store
// and the index with their last-seen date, never silently deleted.
func markRemoved(ctx context.Context, d *dataDir, st *store.Store, idx index.Index, cr *crawler.Crawler, log *slog.Logger) (int, error) {
	n := 0
	var ids []string
	flush := func() error {
		if len(ids) == 0 {
			return nil
		}
		d.write.Lock()
		defer d.write.Unlock()
		var recs []store.Record
		_, err := st.Update(ctx, ids, func(r *store.Record) bool {
			if !store.MarkRemoved(r) {
				return false
			}
			recs = append(recs, *r)
			return true
		})
		ids = ids[:0]
		if err == nil {
			err = d.replace(ctx, idx, recs, log)
		}
		n += len(recs)
		return err
	}
	for rm, err := range cr.Removed(ctx) {
		if errors.Is(err, crawler.ErrIncomplete) {
			return 0, nil
		}
		if err != nil {
			return n, err
		}
		if ids = append(ids, scamhunt.ListingID(rm.URL)); len(ids) == batchSize {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	return n, flush()
}

// writeLimits prints the budget a crawl ran under and what its trap rules
// and Retry-After cap did, when there is anything to say.
func writeLimits(w io.Writer, c crawler.Summary) {
	if c.MaxPages > 0 || c.MaxTime > 0 {
		fmt.Fprintf(w, "  budget          %d of %s pages, %s of %s\n", c.Fetched+c.Unchanged+c.Failed,
			orNone(c.MaxPages > 0, fmt.Sprint(c.MaxPages)), c.Elapsed.Round(time.Second), orNone(c.MaxTime > 0, c.MaxTime.String()))
	}
	if len(c.Traps) > 0 {
		fmt.Fprintf(w, "  crawler traps  ")
		for _, rule := range slices.Sorted(maps.Keys(c.Traps)) {
			fmt.Fprintf(w, " %s %d", rule, c.Traps[rule])
		}
		fmt.Fprintln(w)
	}
	for _, host := range slices.Sorted(maps.Keys(c.HostsDeferred)) {
		fmt.Fprintf(w, "  left for the next crawl: %s asked to wait %s (Retry-After)\n", host, c.HostsDeferred[host])
	}
}

func orNone(ok bool, s string) string {
	if ok {
		return s
	}
	return "no limit"
}
