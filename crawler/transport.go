package crawler

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// fetchHeader carries a fetch's ID from the request Colly builds to the
// transport, which removes it before sending.
const fetchHeader = "X-Scamhunt-Fetch"

// fetch is one URL being fetched: its lease, what the frontier knew of it
// before, and every HTTP exchange (redirect hops, then the final answer).
type fetch struct {
	id       string
	lease    lease
	meta     urlMeta  // stored by an earlier fetch
	links    []string // outlinks stored by an earlier fetch
	known    bool     // meta is from an earlier fetch
	hops     []hop
	hostname string
}

// hop is one HTTP exchange, body as received (not yet decoded).
type hop struct {
	url       *url.URL
	status    int
	header    http.Header
	body      []byte
	truncated bool
	at        time.Time
}

// fetchTransport sits under Colly's HTTP client. It spaces requests per host
// (the gate: Crawl-delay, Retry-After, adaptive back-off, and across
// processes in a shared frontier), reads each body itself up to
// MaxBodyBytes, keeps the raw bytes for decoding and WARC evidence, and hands
// Colly an empty body: Colly's own charset conversion never sees the bytes.
type fetchTransport struct {
	base    http.RoundTripper
	gate    gate
	policy  *hostPolicy
	stop    context.Context // done when the crawl stops: requests still waiting for the gate give up
	maxBody int64
	timeout time.Duration // per exchange, body included
	// maxRetryAfter is the longest Retry-After waited for; a host that
	// asks for more is deferred and its requests fail with errHostDeferred.
	maxRetryAfter time.Duration
	warc          *warcWriter
	tally         *tally
	log           *slog.Logger
	fetches       sync.Map // id -> *fetch
	ids           atomic.Uint64
}

// register makes a fetch whose exchanges the transport records; requests
// carry its id in fetchHeader.
func (t *fetchTransport) register(l lease) *fetch {
	f := &fetch{id: strconv.FormatUint(t.ids.Add(1), 10), lease: l}
	t.fetches.Store(f.id, f)
	return f
}

func (t *fetchTransport) unregister(f *fetch) { t.fetches.Delete(f.id) }

func newBaseTransport(timeout time.Duration) *http.Transport {
	return &http.Transport{
		Proxy:                 nil, // the environment does not redirect a crawl
		DialContext:           (&net.Dialer{Timeout: min(timeout, 30*time.Second), KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   min(timeout, 15*time.Second),
		ResponseHeaderTimeout: timeout,
		ExpectContinueTimeout: time.Second,
		ForceAttemptHTTP2:     true,
	}
}

func (t *fetchTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var f *fetch
	if id := req.Header.Get(fetchHeader); id != "" {
		if v, ok := t.fetches.Load(id); ok {
			f = v.(*fetch)
		}
		req = req.Clone(req.Context())
		req.Header.Del(fetchHeader)
	}
	host := canonicalHost(req.URL.Host)
	interval := t.policy.interval(host)
	if err := t.gate.wait(t.stop, host, interval); err != nil {
		return nil, err
	}
	if t.policy.isDeferred(host) {
		return nil, errHostDeferred
	}
	if interval > 0 {
		// Space requests end to start as well, so the server sees gaps of
		// at least interval whatever the network latency.
		defer func() {
			if err := t.gate.push(t.stop, host, time.Now().Add(interval)); err != nil {
				t.log.Warn("gate_push_failed", "host", host, "err", err)
			}
		}()
	}
	// The timeout runs from here: time spent waiting for the host's turn
	// is politeness, not slowness.
	ctx, cancel := context.WithTimeout(req.Context(), t.timeout)
	defer cancel()
	req = req.WithContext(ctx)
	at := time.Now()
	resp, err := t.base.RoundTrip(req)
	t.tally.do(func(s *Summary) { s.Requests++ })
	if err != nil {
		return nil, err
	}
	body, truncated, err := readLimited(resp.Body, t.maxBody, resp.ContentLength)
	resp.Body.Close()
	t.tally.do(func(s *Summary) { s.Bytes += int64(len(body)) })
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if t.warc != nil {
		if err := t.warc.exchange(req, resp, body, at); err != nil {
			t.log.Error("warc_write_failed", "url", req.URL.String(), "err", err)
		}
	}
	if f != nil {
		f.hops = append(f.hops, hop{url: req.URL, status: resp.StatusCode, header: resp.Header.Clone(),
			body: body, truncated: truncated, at: at})
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		t.policy.slowDown(host)
		switch d := retryAfter(resp.Header.Get("Retry-After"), at); {
		case d > t.maxRetryAfter:
			// Waiting that long would stall the host's queue, and with it
			// the end of the crawl: leave the host for a later crawl.
			if t.policy.deferHost(host, d) {
				t.tally.do(func(s *Summary) {
					if s.HostsDeferred == nil {
						s.HostsDeferred = map[string]string{}
					}
					s.HostsDeferred[host] = d.String()
				})
				t.log.Warn("host_deferred", "host", host, "retry_after", d.String(), "max_retry_after", t.maxRetryAfter.String())
			}
		case d > 0:
			if err := t.gate.push(t.stop, host, at.Add(d)); err != nil {
				t.log.Warn("gate_push_failed", "host", host, "err", err)
			}
		}
	}
	// Colly gets headers and status only; the body was kept above.
	resp.Body = http.NoBody
	resp.ContentLength = 0
	resp.Uncompressed = true
	return resp, nil
}

// readLimited reads at most limit bytes and says whether more followed.
// size is the length the response announced (-1: none); the buffer starts
// at it, within [4 KB, 1 MB], so a page is read without growing its
// buffer a dozen times, and a server that announces more than it sends
// costs at most a megabyte.
func readLimited(r io.Reader, limit, size int64) ([]byte, bool, error) {
	if size < 0 {
		size = 32 << 10
	}
	b := make([]byte, 0, min(max(size, 4<<10), 1<<20, limit)+1)
	lr := io.LimitReader(r, limit+1)
	var err error
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grow as append does
		}
		var n int
		n, err = lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			break
		}
	}
	if err == io.EOF {
		err = nil
	}
	if err != nil {
		return b, false, err
	}
	if int64(len(b)) > limit {
		return b[:limit], true, nil
	}
	return b, false, nil
}
