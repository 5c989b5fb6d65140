package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"regexp"
	"strings"
	"time"

	"github.com/scamhunt/scamhunt"
)

// Searcher answers the queries of the search page and the API; index.Bleve
// and index.Meili satisfy it. Get returns scamhunt.ErrNotFound for an
// unknown ID.
type Searcher interface {
	Search(ctx context.Context, q scamhunt.Query) (scamhunt.Result, error)
	Get(ctx context.Context, id string) (scamhunt.Record, error)
}

// Checker classifies text a visitor pasted into the check form, as the body
// of a listing whose contacts were found in it.
type Checker interface {
	Check(text string) scamhunt.Verdict
}

// EvidenceChecker is a Checker that also says whether a pasted text holds
// anything to judge: a word of money, earning or ease, a contact, a link,
// or a rule of a scam type or sign. A greeting, "在吗" or a fake boss's
// "正在开会中" holds none; its clear verdict means only that, and the
// answer says so.
type EvidenceChecker interface {
	Checker
	HasEvidence(text string) bool
}

// Labeler stores human overrides; a nil Override clears the listing's.
type Labeler interface {
	SetOverride(ctx context.Context, id string, o *scamhunt.Override) error
}

// Defaults for a zero Config.
const (
	DefaultRatePerMinute  = 120
	DefaultCheckPerMinute = 20
	DefaultMaxCheckBytes  = 8 << 10
	minAdminToken         = 16
	maxCheckBytesCeiling  = 1 << 20
)

// Config sets up a Server. The zero value serves the public pages and API
// with default limits and no admin routes.
type Config struct {
	// AdminToken enables the Bearer-token admin API for scripts and logs in
	// to the admin pages as reviewer "admin"; empty turns both off (404)
	// unless Reviewers are set. It must be at least 16 characters.
	AdminToken string
	// Reviewers are named accounts for the admin pages: name -> password
	// hash from HashPassword. Each label records who set it.
	Reviewers map[string]string
	// SessionIdle ends an admin session unused this long; 0 means 30
	// minutes. No session outlives 12 hours.
	SessionIdle time.Duration
	// RatePerMinute is the request rate allowed per client IP on every
	// route but static assets; 0 means 120.
	RatePerMinute int
	// CheckPerMinute is the stricter rate for POST /check,
	// POST /api/classify and admin logins, per client IP; 0 means 20.
	CheckPerMinute int
	// MaxCheckBytes bounds pasted text; 0 means 8 KiB.
	MaxCheckBytes int
	// TrustedProxies are the reverse proxies in front of the server. Only
	// when the direct peer is one of them is the client's address read
	// from X-Forwarded-For (the rightmost hop that is not a trusted proxy)
	// and HTTPS from X-Forwarded-Proto; otherwise the peer is the client,
	// so nobody picks their own rate bucket by sending the header.
	TrustedProxies []netip.Prefix
	// Reclassify re-classifies every stored listing and says how many;
	// nil turns POST /api/admin/reclassify off (404).
	Reclassify func(ctx context.Context) (int, error)
	// NewSince says after which instant a first sighting counts as new
	// (when the crawl before the latest finished), for the review queue's
	// "new since the last crawl" filter; nil or a zero time hides it.
	NewSince func(ctx context.Context) (time.Time, error)
	// CrawlNow starts a crawl of the served board in the background and
	// says whether one started (false: one is running); nil turns
	// POST /api/admin/crawl off (404).
	CrawlNow func() bool
	// Audit, if set, is mounted under /audit/ for operators and sees the
	// full request path (/audit/...). It needs an admin session (GET and
	// HEAD) or the admin token as Bearer, and is off (404) without either.
	Audit http.Handler
	// AuditStyles are the Content-Security-Policy sources ('sha256-...')
	// of the inline style sheets Audit's pages carry; only /audit/ sends
	// them, every other page keeps the strict policy.
	AuditStyles []string
	// Log receives request and error logs; nil discards them.
	Log *slog.Logger

	// Connection limits (conn.go says why each default): zero means the
	// default, negative is an error. ReadTimeout covers the whole request,
	// body included; WriteTimeout the handler and the response;
	// AdminWriteTimeout replaces it on the operator routes; IdleTimeout a
	// keep-alive connection waiting for its next request.
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, AdminWriteTimeout, IdleTimeout time.Duration
	// MaxConnsPerClient and MaxConns cap concurrent connections per client
	// IP and in total (LimitListener); MaxBodyBytes caps any request body.
	MaxConnsPerClient, MaxConns, MaxBodyBytes int
}

// cspHash is a CSP hash source.
var cspHash = regexp.MustCompile(`^'sha(256|384|512)-[A-Za-z0-9+/]+={0,2}'$`)

// Validate reports the first setting out of range.
func (c Config) Validate() error {
	switch {
	case c.AdminToken != "" && len(c.AdminToken) < minAdminToken:
		return fmt.Errorf("admin token too short: need at least %d characters", minAdminToken)
	case strings.TrimSpace(c.AdminToken) != c.AdminToken:
		return errors.New("admin token has leading or trailing space")
	case c.RatePerMinute < 0:
		return fmt.Errorf("rate per minute %d is negative", c.RatePerMinute)
	case c.CheckPerMinute < 0:
		return fmt.Errorf("check per minute %d is negative", c.CheckPerMinute)
	case c.MaxCheckBytes < 0 || c.MaxCheckBytes > maxCheckBytesCeiling:
		return fmt.Errorf("max check bytes %d out of range [0, %d]", c.MaxCheckBytes, maxCheckBytesCeiling)
	case c.SessionIdle < 0 || c.SessionIdle > sessionMaxAge:
		return fmt.Errorf("session idle %v out of range [0, %v]", c.SessionIdle, sessionMaxAge)
	}
	for name, h := range c.Reviewers {
		if err := validReviewer(name); err != nil {
			return err
		}
		if _, err := parseHash(h); err != nil {
			return fmt.Errorf("reviewer %s: password hash: %w", name, err)
		}
	}
	for _, p := range c.TrustedProxies {
		if !p.IsValid() {
			return fmt.Errorf("trusted proxy %v is not a valid CIDR prefix", p)
		}
	}
	for _, src := range c.AuditStyles {
		if !cspHash.MatchString(src) {
			return fmt.Errorf("audit style %q: want a CSP hash source 'sha256-...'", src)
		}
	}
	return c.validateConn()
}

// Server is the HTTP front end. Build it with New and serve Handler.
type Server struct {
	cfg       Config
	log       *slog.Logger
	search    Searcher
	check     Checker
	label     Labeler
	pages     pageSet
	explain   *explanations
	public    *limiter
	checks    *limiter
	handler   http.Handler
	maxCheck  int
	sessions  *sessions
	reviewers map[string]passwordHash
	origin    *http.CrossOriginProtection
}

// New builds a Server. s and chk are required; lab may be nil, which turns
// the label routes off.
func New(cfg Config, s Searcher, chk Checker, lab Labeler) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("web config: %w", err)
	}
	if s == nil || chk == nil {
		return nil, errors.New("web: searcher and checker are required")
	}
	pages, err := parsePages()
	if err == nil {
		err = parseAdminPages(pages)
	}
	if err != nil {
		return nil, fmt.Errorf("web templates: %w", err)
	}
	explain, err := bundledExplanations()
	if err != nil {
		return nil, fmt.Errorf("web explanations: %w", err)
	}
	srv := &Server{
		cfg: cfg, log: cfg.Log, search: s, check: chk, label: lab, pages: pages, explain: explain,
		public:    newLimiter(cmp.Or(cfg.RatePerMinute, DefaultRatePerMinute), time.Now),
		checks:    newLimiter(cmp.Or(cfg.CheckPerMinute, DefaultCheckPerMinute), time.Now),
		maxCheck:  cmp.Or(cfg.MaxCheckBytes, DefaultMaxCheckBytes),
		sessions:  newSessions(cmp.Or(cfg.SessionIdle, DefaultSessionIdle), time.Now),
		reviewers: map[string]passwordHash{},
		origin:    http.NewCrossOriginProtection(),
	}
	for name, h := range cfg.Reviewers {
		srv.reviewers[name], _ = parseHash(h) // checked by Validate
	}
	if srv.log == nil {
		srv.log = slog.New(slog.DiscardHandler)
	}
	srv.handler = srv.secure(srv.logRequests(srv.bound(srv.routes())))
	return srv, nil
}

// Handler returns the server's http.Handler with all middleware applied.
func (s *Server) Handler() http.Handler { return s.handler }

func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", staticHandler())

	route := func(pattern string, h http.HandlerFunc) { mux.Handle(pattern, s.limit(s.public, h)) }
	route("GET /{$}", s.handleSearchPage)
	route("GET /about", s.handleAbout)
	route("GET /listing/{id}", s.handleListing)
	route("GET /check", s.handleCheckForm)
	route("POST /check", s.limit(s.checks, s.handleCheckPost).ServeHTTP)
	route("GET /api/search", s.handleAPISearch)
	route("GET /api/facets", s.handleAPIFacets)
	route("GET /api/stats", s.handleAPIStats)
	route("GET /api/listings/{id}", s.handleAPIListing)
	route("POST /api/classify", s.limit(s.checks, s.handleAPIClassify).ServeHTTP)

	if s.cfg.AdminToken != "" {
		route("POST /api/admin/listings/{id}/label", s.bearer(s.handleAdminSetLabel))
		route("DELETE /api/admin/listings/{id}/label", s.bearer(s.handleAdminClearLabel))
		route("POST /api/admin/reclassify", s.bearer(s.handleAdminReclassify))
		if s.cfg.CrawlNow != nil {
			route("POST /api/admin/crawl", s.bearer(s.handleAdminCrawl))
		}
	}
	if s.adminOn() {
		route("GET /admin", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/admin/", http.StatusMovedPermanently)
		})
		route("GET /admin/login", s.handleLoginForm)
		route("POST /admin/login", s.limit(s.checks, s.handleLogin).ServeHTTP)
		route("POST /admin/logout", s.reviewer(s.handleLogout))
		route("GET /admin/{$}", s.reviewer(s.handleQueue))
		route("GET /admin/listing/{id}", s.reviewer(s.handleReviewListing))
		route("POST /admin/label", s.reviewer(s.handleLabelPost))
		if s.cfg.Audit != nil {
			route("/audit/", s.audit(s.cfg.Audit))
		}
	}
	route("/", func(w http.ResponseWriter, r *http.Request) { s.handleUnrouted(mux, w, r) })
	return mux
}

// secure sets the headers every response carries. The CSP allows no inline
// script or style and no framing; forms may only post back here.
func (s *Server) secure(next http.Handler) http.Handler {
	const csp = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// logRequests logs method, path, status and duration. It never logs query
// strings, bodies or client addresses: searches and pasted ads stay private.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		level := slog.LevelDebug
		if sw.status >= 500 {
			level = slog.LevelError
		}
		s.log.LogAttrs(r.Context(), level, "http_request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Duration("elapsed", time.Since(start)))
	})
}

// limit answers 429 with Retry-After once the client's bucket in l is empty.
func (s *Server) limit(l *limiter, next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, wait := l.allow(s.clientKey(r))
		if !ok {
			secs := int((wait + time.Second - 1) / time.Second)
			w.Header().Set("Retry-After", fmt.Sprint(max(secs, 1)))
			s.fail(w, r, http.StatusTooManyRequests,
				"请求过于频繁，请稍后再试。", "too many requests, try again later")
			return
		}
		next(w, r)
	})
}

// fail answers an error as JSON under /api/ and as a page elsewhere.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, zh, en string) {
	if isAPI(r) {
		writeJSON(w, status, apiError{Error: en, ErrorZH: zh})
		return
	}
	s.renderError(w, status, zh, en)
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// handleUnrouted answers what no route matched: 405 with Allow when the
// path exists for other methods, else a 404 in the caller's format.
func (s *Server) handleUnrouted(mux *http.ServeMux, w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := mux.Handler(probe); pattern != "" && pattern != "/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.fail(w, r, http.StatusMethodNotAllowed, "不支持该请求方法。", "method not allowed")
		return
	}
	s.notFound(w, r)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusNotFound, "页面不存在。", "page not found")
}
