package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/scamhunt/scamhunt"
)

// run is the state of one call of Crawl.
type run struct {
	*Crawler
	s      *settings
	tally  *tally
	gen    int
	out    chan<- scamhunt.Page
	log    *slog.Logger
	col    *colly.Collector
	tr     *fetchTransport
	robots *robots
	policy *hostPolicy
	traps  *trapper
	links  *resolver
	warc   *warcWriter
	shared bool
	// starved says the frontier last gave the loop fewer URLs than it
	// asked for: links on their way to it are awaited, and the committer
	// writes them at once instead of gathering more (commitLoop).
	starved atomic.Bool
	gather  time.Duration // see commitLoop
	batch   int

	stopCtx context.Context // done once no new fetch may start
	stopNow context.CancelFunc
	sem     chan struct{} // bounds fetches in flight
	wake    chan struct{}

	mu       sync.Mutex
	held     map[string]lease // handed to this worker: buffered, in flight, waiting to retry
	ready    []lease          // retries that are due
	timers   map[string]*time.Timer
	inflight int
	pending  int // completions not yet committed
	// commitCount counts the frontier commits: the loop finds the crawl
	// over only if none landed since it last found the frontier empty.
	commitCount int
	commits     chan completion
	committed   chan struct{}
	dispatched  int
	leftover    string // why URLs were left queued for a later run
	perHost     map[string]int
	// A host's leases wait here, not in a fetch slot, while its robots.txt
	// loads or its Parallelism fetches are in flight (perhaps waiting out a
	// Retry-After), so a slow host never holds the slots of the others.
	hostBusy      map[string]int     // fetches in flight per host
	parked        map[string][]lease // per host, in queue order
	nParked       int
	robotsLoading map[string]bool // hosts whose robots.txt is being fetched
	bg            sync.WaitGroup  // robots.txt fetches
	fatal         error
	keepDone      chan struct{}
	awaiting      map[string][]completion // sent pages waiting for Ack, by page URL

	ackMu      sync.RWMutex // held to send an acknowledged completion; locked to stop
	acksClosed bool
}

func newRun(ctx context.Context, c *Crawler, t *tally, gen int, out chan<- scamhunt.Page) (*run, error) {
	s := c.s
	r := &run{
		Crawler: c, s: s, tally: t, gen: gen, out: out, log: s.Log.With("site", s.Site),
		shared: s.Frontier != "", wake: make(chan struct{}, 1),
		held: map[string]lease{}, timers: map[string]*time.Timer{}, perHost: map[string]int{},
		awaiting: map[string][]completion{}, hostBusy: map[string]int{}, parked: map[string][]lease{},
		robotsLoading: map[string]bool{},
		traps:         newTrapper(s.Traps, time.Now()),
		gather:        commitGather,
		links:         newResolver(s.DropParams),
	}
	hosts := len(s.hosts)
	r.sem = make(chan struct{}, max(1, s.Politeness.Parallelism*hosts))
	r.batch = max(1, s.Politeness.Parallelism)
	// Cancelling ctx (Ctrl-C) stops requests still waiting for their host's
	// turn at once; requests already sent finish.
	r.stopCtx, r.stopNow = context.WithCancel(ctx)
	gateBase := time.Duration(0)
	if r.shared {
		gateBase = s.delay // LimitRule spaces one process; the gate spaces all of them
	}
	r.policy = newHostPolicy(gateBase, s.maxDelay)
	if s.WARCDir != "" {
		w, err := newWARCWriter(s.WARCDir, "scamhunt-"+fileSafe(s.Site)+"-"+fileSafe(s.Worker),
			map[string]string{"operator": s.Politeness.Contact, "http-header-user-agent": s.Politeness.UserAgent})
		if err != nil {
			return nil, err
		}
		r.warc = w
	}
	r.tr = &fetchTransport{
		base: newBaseTransport(s.timeout), gate: c.front.gate(), policy: r.policy, stop: r.stopCtx,
		maxBody: s.MaxBodyBytes, timeout: s.timeout, maxRetryAfter: s.maxRetryAfter, warc: r.warc, tally: t, log: r.log,
	}
	if err := r.newCollector(); err != nil {
		return nil, err
	}
	r.robots = &robots{
		agent: s.agent, userAgent: s.Politeness.UserAgent, tr: r.tr, policy: r.policy, delay: s.delay, log: r.log,
		maxTries: s.Retry.MaxTries, base: s.baseDelay, limit: s.maxDelay, hosts: map[string]*robotsHost{},
		gate: c.front.gate(),
		client: &http.Client{Transport: r.tr, CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > s.MaxRedirects {
				return errTooManyRedirects
			}
			return nil
		}},
	}
	if r.shared {
		r.keepDone = make(chan struct{})
		go r.keepLeases()
	}
	r.commits, r.committed = make(chan completion, 1024), make(chan struct{})
	go r.commitLoop()
	return r, nil
}

// newCollector builds the Colly collector for this run. Options are set as
// fields after construction, because NewCollector applies COLLY_*
// environment variables last and the environment must not change a crawl.
func (r *run) newCollector() error {
	s := r.s
	col := colly.NewCollector()
	col.UserAgent = s.Politeness.UserAgent
	col.Headers = nil
	col.MaxDepth = 0 // depth is the frontier's
	col.MaxRequests = 0
	col.AllowedDomains = nil // hosts are checked on links and redirects
	col.DisallowedDomains = nil
	col.URLFilters = nil
	col.DisallowedURLFilters = nil
	col.AllowURLRevisit = true // the frontier dedups
	col.MaxBodySize = int(min(s.MaxBodyBytes+1, 1<<40))
	col.CacheDir = ""
	col.IgnoreRobotsTxt = true // robots.go obeys robots.txt, Crawl-delay included
	col.Async = true
	col.ParseHTTPErrorResponse = true // 4xx/5xx reach OnResponse with their status
	col.DetectCharset = false         // charset.go decodes
	col.CheckHead = false
	col.TraceHTTP = false
	col.Context = context.Background() // in-flight fetches finish after a stop
	jar, _ := cookiejar.New(nil)
	col.SetCookieJar(jar)
	col.WithTransport(r.tr)
	col.SetRequestTimeout(0) // the transport times each exchange, after the host gate
	col.SetRedirectHandler(r.checkRedirect)
	var rules []*colly.LimitRule
	for h := range s.hosts {
		rules = append(rules, &colly.LimitRule{
			DomainRegexp: "^" + regexp.QuoteMeta(h) + "$",
			Parallelism:  s.Politeness.Parallelism,
			Delay:        s.delay,
			RandomDelay:  s.randomDelay,
		})
	}
	if err := col.Limits(rules); err != nil {
		return fmt.Errorf("colly limits: %w", err)
	}
	col.OnResponse(func(resp *colly.Response) { r.finish(resp.Ctx, nil) })
	col.OnError(func(resp *colly.Response, err error) { r.finish(resp.Ctx, err) })
	r.col = col
	return nil
}

var (
	errTooManyRedirects = errors.New("too many redirects")
	errRedirectLoop     = errors.New("redirect loop")
	errRedirectOffsite  = errors.New("redirect to another host")
	errRedirectSeen     = errors.New("redirect to a page already fetched")
	errHostBudget       = errors.New("max pages per host reached")
	errHostDeferred     = errors.New("host asked to wait longer than max_retry_after")
)

// checkRedirect cuts redirect chains that loop, run long, leave the
// allowed hosts or lead to a page this crawl already has.
func (r *run) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > r.s.MaxRedirects {
		return errTooManyRedirects
	}
	target, err := canonicalURL(req.URL, r.s.DropParams)
	if err != nil {
		return fmt.Errorf("redirect: %w", err)
	}
	for _, v := range via {
		if c, _ := canonicalURL(v.URL, r.s.DropParams); c == target {
			return errRedirectLoop
		}
	}
	if !r.s.hosts[canonicalHost(req.URL.Host)] {
		return errRedirectOffsite
	}
	if done, err := r.front.isDone(req.Context(), target); err == nil && done {
		return errRedirectSeen
	}
	return nil
}

func (r *run) fail(err error) {
	r.mu.Lock()
	if r.fatal == nil {
		r.fatal = err
	}
	r.mu.Unlock()
	r.signal()
}

func (r *run) fatalErr() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.fatal
}

func (r *run) hold(ls ...lease) {
	r.mu.Lock()
	for _, l := range ls {
		r.held[l.id] = l
	}
	r.mu.Unlock()
}

// unhold forgets leases this worker gives back unfetched: they stay queued
// (embedded) or pending until another worker reclaims them (shared).
func (r *run) unhold(ls ...lease) {
	r.mu.Lock()
	for _, l := range ls {
		delete(r.held, l.id)
	}
	r.mu.Unlock()
}

func (r *run) popReady() (lease, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.ready) == 0 {
		return lease{}, false
	}
	l := r.ready[0]
	r.ready = r.ready[1:]
	return l, true
}

// busy says whether fetches are in flight, completions wait to be
// committed (pages sent wait for their acknowledgement), or retries or
// parked leases are waiting; onlyAcks, that the acknowledgements are all
// it waits for: no link found is still on its way to the frontier, so
// nothing more can come until a page is acknowledged.
func (r *run) busy() (busy, onlyAcks bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	work := r.inflight > 0 || len(r.timers) > 0 || len(r.ready) > 0 || r.nParked > 0 || len(r.robotsLoading) > 0
	if work || r.pending == 0 {
		return work || r.pending > 0, false
	}
	awaited := 0
	for _, cs := range r.awaiting {
		awaited += len(cs)
	}
	return true, r.pending == awaited
}

// landed says how many commits reached the frontier so far.
func (r *run) landed() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.commitCount
}

// notifyDrained tells the caller, through Crawler.Drained, that only
// acknowledgements are awaited; a notice not yet taken is not repeated.
func (r *run) notifyDrained() {
	select {
	case r.drained <- struct{}{}:
	default:
	}
}

// maxParked bounds the leases parked in memory; past it the loop takes no
// more from the frontier until some are dispatched. A worker on a shared
// frontier parks no more than it used to buffer, so it does not take work
// the other workers could do.
func (r *run) maxParked() int {
	if r.shared {
		return r.batch
	}
	return max(64, 4*cap(r.sem))
}

func (r *run) parkedFull() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.nParked >= r.maxParked()
}

// park holds l until its host can take it.
func (r *run) park(host string, l lease) {
	r.mu.Lock()
	r.parked[host] = append(r.parked[host], l)
	r.nParked++
	r.mu.Unlock()
}

// unparkFree makes ready the parked leases of every host that can take
// them now: its robots.txt is not loading and it has fetch slots free.
// Whatever a dispatched lease then meets (a fetch, a budget, robots.txt),
// the host's next parked lease is not left behind.
func (r *run) unparkFree() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for host, q := range r.parked {
		if r.robotsLoading[host] {
			continue
		}
		n := min(len(q), r.s.Politeness.Parallelism-r.hostBusy[host])
		if n <= 0 {
			continue
		}
		r.ready = append(r.ready, q[:n]...)
		if n == len(q) {
			delete(r.parked, host)
		} else {
			r.parked[host] = q[n:]
		}
		r.nParked -= n
	}
}

// hostFull says whether host has its Parallelism fetches in flight.
func (r *run) hostFull(host string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.hostBusy[host] >= r.s.Politeness.Parallelism
}

// loadRobots fetches the robots.txt for u on a goroutine of its own (one
// per host at a time); the host's parked leases wait for it.
func (r *run) loadRobots(u *url.URL, host string) {
	r.mu.Lock()
	if r.robotsLoading[host] {
		r.mu.Unlock()
		return
	}
	r.robotsLoading[host] = true
	r.mu.Unlock()
	r.bg.Add(1)
	go func() {
		defer r.bg.Done()
		_, _ = r.robots.allowed(r.stopCtx, u) // the verdict is cached; dispatch reads it
		r.mu.Lock()
		delete(r.robotsLoading, host)
		r.mu.Unlock()
		r.signal()
	}()
}

// deferred gives l back to the frontier: its host asked to wait longer than
// Retry.MaxRetryAfter.
func (r *run) deferred(l lease) {
	r.tally.skip(skipDeferred, 1)
	r.unhold(l)
	r.leaveQueued(skipDeferred)
}

// dispatch checks a URL against budgets and robots.txt and hands it to Colly.
func (r *run) dispatch(ctx context.Context, l lease) error {
	u, err := url.Parse(l.URL)
	if err != nil {
		r.completeLogged(l, outcome{Skip: "invalid"}, nil)
		return nil
	}
	host := canonicalHost(u.Host)
	if !r.s.hosts[host] {
		r.tally.skip(skipOffsite, 1)
		r.completeLogged(l, outcome{Skip: skipOffsite}, nil)
		return nil
	}
	if r.policy.isDeferred(host) {
		r.deferred(l)
		return nil
	}
	if m := r.s.Budget.MaxPagesPerHost; m > 0 && r.perHostCount(host) >= m {
		r.tally.skip(skipBudget, 1)
		r.unhold(l)
		r.leaveQueued("max_pages_per_host")
		if r.shared {
			return errHostBudget
		}
		return nil
	}
	if r.s.obeyRobots {
		if !r.robots.loaded(u) {
			r.park(host, l)
			r.loadRobots(u, host)
			return nil
		}
		ok, err := r.robots.allowed(r.stopCtx, u)
		switch {
		case errors.Is(err, errStopped):
			return errStopped
		case errors.Is(err, errRobotsUnavailable):
			r.tally.skip(skipRobotsNA, 1)
			r.unhold(l)
			r.leaveQueued("robots_unavailable")
			return nil
		case err != nil:
			return err
		case !ok:
			r.tally.do(func(s *Summary) { s.RobotsBlocked++ })
			r.log.Debug("robots_blocked", "url", l.URL)
			r.completeLogged(l, outcome{Skip: "robots"}, nil)
			return nil
		}
	}
	if r.hostFull(host) {
		r.park(host, l)
		return nil
	}
	select {
	case r.sem <- struct{}{}:
	case <-ctx.Done():
		return errStopped
	}
	meta, links, known, err := r.front.lookup(ctx, l.URL)
	if err != nil {
		<-r.sem
		return fmt.Errorf("frontier lookup: %w", err)
	}
	f := r.tr.register(l)
	f.meta, f.links, f.known, f.hostname = meta, links, known && !meta.LastOK.IsZero(), host
	hdr := http.Header{}
	hdr.Set(fetchHeader, f.id)
	hdr.Set("User-Agent", r.s.Politeness.UserAgent)
	hdr.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	hdr.Set("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5")
	if f.known && !matchAny(r.s.list, pathQuery(u)) && (meta.Status/100 == 2 || meta.Status == 304) {
		if meta.ETag != "" {
			hdr.Set("If-None-Match", meta.ETag)
		}
		if meta.LastModified != "" {
			hdr.Set("If-Modified-Since", meta.LastModified)
		}
	}
	r.mu.Lock()
	r.inflight++
	r.dispatched++
	r.perHost[host]++
	r.hostBusy[host]++
	r.mu.Unlock()
	cctx := colly.NewContext()
	cctx.Put("f", f)
	if err := r.col.Request(http.MethodGet, l.URL, nil, cctx, hdr); err != nil {
		r.finishFetch(f, err)
	}
	return nil
}

func (r *run) leaveQueued(reason string) {
	r.mu.Lock()
	r.leftover = reason
	r.mu.Unlock()
}

func (r *run) perHostCount(host string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.perHost[host]
}

// keepLeases renews this worker's leases in a shared frontier so that URLs
// it is still working on are not reclaimed.
func (r *run) keepLeases() {
	t := time.NewTicker(max(r.s.Lease/3, 50*time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-r.keepDone:
			return
		case <-t.C:
		}
		r.mu.Lock()
		ls := make([]lease, 0, len(r.held))
		for _, l := range r.held {
			ls = append(ls, l)
		}
		r.mu.Unlock()
		if err := r.front.keep(context.Background(), ls); err != nil {
			r.log.Warn("lease_renew_failed", "err", err)
		}
	}
}

// shutdown stops new fetches, lets those in flight finish (their pages
// are sent), and leaves retries that are still waiting in the frontier.
func (r *run) shutdown() {
	r.stopNow()
	r.mu.Lock()
	for id, t := range r.timers {
		t.Stop()
		delete(r.held, id)
		delete(r.timers, id)
	}
	for _, l := range r.ready {
		delete(r.held, l.id)
	}
	r.ready = nil
	for host, q := range r.parked {
		for _, l := range q {
			delete(r.held, l.id)
		}
		delete(r.parked, host)
	}
	r.nParked = 0
	r.mu.Unlock()
	r.col.Wait()
	r.bg.Wait()
	r.drainAcks()
	close(r.commits)
	<-r.committed
	if r.keepDone != nil {
		close(r.keepDone)
	}
	if r.warc != nil {
		if err := r.warc.close(); err != nil {
			r.log.Error("warc_close_failed", "err", err)
		}
	}
	r.tr.base.(*http.Transport).CloseIdleConnections()
}
