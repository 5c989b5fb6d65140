package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// maxCrawlDelay caps a robots.txt Crawl-delay; longer asks are honoured
// at this rate and logged.
const maxCrawlDelay = time.Minute

// maxRobotsBytes is how much of a robots.txt is read (Google reads 500 KiB).
const maxRobotsBytes = 500 << 10

// errRobotsUnavailable means robots.txt could not be fetched (server
// errors, network): the host's URLs stay queued for a later run.
var errRobotsUnavailable = errors.New("robots.txt unavailable")

// robots fetches and caches each host's robots.txt. Colly's own robots
// handling is off because it ignores Crawl-delay; this one feeds
// Crawl-delay into the host policy.
type robots struct {
	agent     string // product token matched against User-agent lines
	userAgent string
	client    *http.Client
	tr        *fetchTransport
	gate      gate
	policy    *hostPolicy
	delay     time.Duration // Politeness.Delay
	maxTries  int
	base      time.Duration
	limit     time.Duration
	log       *slog.Logger

	mu    sync.Mutex
	hosts map[string]*robotsHost // one per allowed host
}

type robotsHost struct {
	ready chan struct{}
	group *robotstxt.Group // nil: everything allowed
	err   error
}

// robotsKey names the robots.txt that rules u.
func robotsKey(u *url.URL) string { return u.Scheme + "://" + canonicalHost(u.Host) }

// loaded says whether the robots.txt ruling u has been fetched (or given
// up on), so that allowed answers without waiting.
func (r *robots) loaded(u *url.URL) bool {
	r.mu.Lock()
	h, ok := r.hosts[robotsKey(u)]
	r.mu.Unlock()
	if !ok {
		return false
	}
	select {
	case <-h.ready:
		return true
	default:
		return false
	}
}

// allowed says whether u may be fetched. It fetches robots.txt on first
// use of a host; callers for the same host wait for that fetch.
func (r *robots) allowed(ctx context.Context, u *url.URL) (bool, error) {
	key := robotsKey(u)
	r.mu.Lock()
	h, ok := r.hosts[key]
	if !ok {
		h = &robotsHost{ready: make(chan struct{})}
		r.hosts[key] = h
	}
	r.mu.Unlock()
	if !ok {
		h.group, h.err = r.fetch(ctx, key, canonicalHost(u.Host))
		if errors.Is(h.err, errStopped) {
			// Not a verdict on the host: let the next caller try again.
			r.mu.Lock()
			delete(r.hosts, key)
			r.mu.Unlock()
		}
		close(h.ready)
	}
	select {
	case <-h.ready:
	case <-ctx.Done():
		return false, errStopped
	}
	if h.err != nil {
		return false, h.err
	}
	if h.group == nil {
		return true, nil
	}
	return h.group.Test(pathQuery(u)), nil
}

func (r *robots) fetch(ctx context.Context, origin, host string) (*robotstxt.Group, error) {
	var last error
	for try := 1; try <= r.maxTries; try++ {
		if try > 1 {
			if err := sleep(ctx, backoff(try-1, r.base, r.limit)); err != nil {
				return nil, err
			}
		}
		status, body, err := r.get(ctx, origin+"/robots.txt")
		switch {
		case errors.Is(err, errStopped) || ctx.Err() != nil:
			return nil, errStopped
		case errors.Is(err, errHostDeferred) || r.policy.isDeferred(host):
			// The host's pages are given back by dispatch; a robots.txt
			// found later would not be used this crawl.
			return nil, nil
		case err != nil:
			last = err
			continue
		case retryableStatus(status):
			last = fmt.Errorf("status %d", status)
			continue
		}
		data, err := robotstxt.FromStatusAndBytes(status, body)
		if err != nil {
			r.log.Warn("robots_unparsable", "host", host, "status", status, "err", err)
			return nil, nil
		}
		g := data.FindGroup(r.agent)
		d := min(g.CrawlDelay, maxCrawlDelay)
		if g.CrawlDelay > maxCrawlDelay {
			r.log.Warn("crawl_delay_capped", "host", host, "asked", g.CrawlDelay.String(), "used", d.String())
		}
		r.policy.setCrawlDelay(host, d)
		// The delays also separate robots.txt from the first page, which
		// Colly's LimitRule does not see.
		if err := r.gate.push(ctx, host, time.Now().Add(max(d, r.delay))); err != nil {
			r.log.Warn("gate_push_failed", "host", host, "err", err)
		}
		r.log.Debug("robots_loaded", "host", host, "status", status, "crawl_delay", g.CrawlDelay.String())
		return g, nil
	}
	r.log.Warn("robots_unavailable", "host", host, "err", last)
	return nil, fmt.Errorf("%w: %s: %w", errRobotsUnavailable, host, last)
}

// get fetches u and returns the final status and body.
func (r *robots) get(ctx context.Context, u string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(context.WithoutCancel(ctx), http.MethodGet, u, nil)
	if err != nil {
		return 0, nil, err
	}
	f := r.tr.register(lease{})
	defer r.tr.unregister(f)
	req.Header.Set(fetchHeader, f.id)
	req.Header.Set("User-Agent", r.userAgent)
	req.Header.Set("Accept", "text/plain,*/*;q=0.5")
	resp, err := r.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	resp.Body.Close()
	last := f.hops[len(f.hops)-1]
	body := last.body
	if len(body) > maxRobotsBytes {
		body = body[:maxRobotsBytes]
	}
	return last.status, body, nil
}
