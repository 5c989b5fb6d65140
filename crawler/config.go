package crawler

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding/htmlindex"
)

// Duration is a time.Duration that YAML profiles write as "500ms" or "2s".
// The word "off" means none where a field allows turning a default off
// (Politeness.Delay); it decodes to Off.
type Duration time.Duration

// Off turns off a duration whose zero value means a default, such as
// Politeness.Delay.
const Off Duration = -1

// UnmarshalYAML decodes "1.5s", "250ms", "0" or "off".
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: duration must be a string like \"2s\"", n.Line)
	}
	s := strings.TrimSpace(n.Value)
	switch s {
	case "off", "none":
		*d = Off
		return nil
	case "0":
		*d = 0
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("line %d: bad duration %q (want e.g. \"500ms\", \"2s\")", n.Line, n.Value)
	}
	*d = Duration(v)
	return nil
}

// MarshalYAML writes the duration in time.Duration's text form.
func (d Duration) MarshalYAML() (any, error) {
	if d == Off {
		return "off", nil
	}
	return time.Duration(d).String(), nil
}

// String is the time.Duration form, or "off".
func (d Duration) String() string {
	if d == Off {
		return "off"
	}
	return time.Duration(d).String()
}

// Std is d as a time.Duration; Off is zero.
func (d Duration) Std() time.Duration {
	if d < 0 {
		return 0
	}
	return time.Duration(d)
}

// Patterns are regular expressions matched against a URL's path?query.
// Ignore wins over the others. Detail marks listing pages (conditional GET,
// removal tracking); Pagination marks pages whose links do not add depth;
// List marks index pages, which are always fetched in full on a recrawl.
// Links that match none are still followed (they are not a whitelist).
type Patterns struct {
	List       []string `yaml:"list"`
	Pagination []string `yaml:"pagination"`
	Detail     []string `yaml:"detail"`
	Ignore     []string `yaml:"ignore"`
}

// Politeness says how hard the crawler may hit a host.
type Politeness struct {
	Parallelism int      `yaml:"parallelism"`  // requests at a time per host; 0 means 1
	Delay       Duration `yaml:"delay"`        // after each request per host; 0 means 1s, "off" none
	RandomDelay Duration `yaml:"random_delay"` // extra random delay up to this
	ObeyRobots  *bool    `yaml:"obey_robots"`  // nil means true
	UserAgent   string   `yaml:"user_agent"`   // "" means "scamhunt/0.1 (+Contact)"
	Contact     string   `yaml:"contact"`      // "" means DefaultContact
}

// The budget of a crawl without a site profile (an unknown board): a
// generic crawl of a hostile or endless site must end on its own. At the
// default one request a second it is about an hour of crawling.
const (
	GenericMaxPages = 3000
	GenericMaxTime  = Duration(time.Hour)
)

// Budget bounds one call of Crawl.
type Budget struct {
	MaxDepth        int      `yaml:"max_depth"`          // link hops from a start URL; 0 means 20
	MaxPages        int      `yaml:"max_pages"`          // fetches this run; 0 means no limit
	MaxPagesPerHost int      `yaml:"max_pages_per_host"` // 0 means no limit
	MaxTime         Duration `yaml:"max_time"`           // 0 means no limit
}

// Retry says how failed fetches are retried.
type Retry struct {
	MaxTries  int      `yaml:"max_tries"`  // attempts per URL; 0 means 3, 1 means no retry
	BaseDelay Duration `yaml:"base_delay"` // first back-off; 0 means 1s
	MaxDelay  Duration `yaml:"max_delay"`  // back-off cap; 0 means 1m
	// MaxRetryAfter is the longest Retry-After honoured; 0 means 10m. A
	// host that asks for longer is left alone for the rest of the crawl:
	// its URLs stay queued for the next one, counted in
	// Summary.Skipped["retry_after"] and Summary.HostsDeferred.
	MaxRetryAfter Duration `yaml:"max_retry_after"`
}

// Traps tunes crawler-trap detection (trap.go says how each rule works).
type Traps struct {
	MaxRepeatedSegments int `yaml:"max_repeated_segments"` // times one path segment may occur; 0 means 2
	MaxCalendarPages    int `yaml:"max_calendar_pages"`    // distinct dates per URL shape; 0 means 30
	MaxURLLength        int `yaml:"max_url_length"`        // 0 means 2048
	MaxPathSegments     int `yaml:"max_path_segments"`     // 0 means 32
	// MaxPathGrowth is how many links in a row may each lead below the
	// page they are on (/a/ -> /a/x/ -> /a/x/y/ ...); 0 means 8.
	MaxPathGrowth int `yaml:"max_path_growth"`
}

// Config configures a Crawler. Its zero value, with Start set, crawls the
// start hosts politely: robots.txt obeyed, one request at a time per host,
// a second between requests, three tries.
type Config struct {
	Site         string     `yaml:"-"` // profile name, set by cmd
	Start        []string   `yaml:"start"`
	AllowedHosts []string   `yaml:"allowed_hosts"` // default: the start URLs' hosts
	Patterns     Patterns   `yaml:"patterns"`
	Politeness   Politeness `yaml:"politeness"`
	Charset      string     `yaml:"charset"` // force a charset ("gbk", "big5"); "" detects
	Budget       Budget     `yaml:"budget"`
	Retry        Retry      `yaml:"retry"`
	Traps        Traps      `yaml:"traps"`
	Timeout      Duration   `yaml:"timeout"`        // whole request; 0 means 30s
	MaxBodyBytes int64      `yaml:"max_body_bytes"` // 0 means 10 MiB; longer bodies are cut
	MaxRedirects int        `yaml:"max_redirects"`  // 0 means 5
	// DropParams are query parameters removed from URLs (tracking); a
	// trailing * matches a prefix. nil means DefaultDropParams.
	DropParams []string `yaml:"drop_params"`

	// Set by cmd, not by profiles.
	DataDir  string        `yaml:"-"` // embedded frontier lives here; "" means a temporary one
	Frontier string        `yaml:"-"` // "" embedded; "redis://host:6379/0[?prefix=p]" shared
	WARCDir  string        `yaml:"-"` // write every exchange as WARC/1.1 here
	Worker   string        `yaml:"-"` // name in a shared frontier; "" means host-pid
	Lease    time.Duration `yaml:"-"` // shared frontier: a URL held longer is reclaimed; 0 means 30s
	Grace    time.Duration `yaml:"-"` // shared frontier: idle time before a worker exits; 0 means 5s
	Log      *slog.Logger  `yaml:"-"`
	// AwaitAck makes a sent page count as done only when Ack is called for
	// it: scamhunt.Pipeline acknowledges a page once its listings are
	// indexed, so a crash between fetch and index loses nothing (the page
	// stays owed and is fetched again). Its links are queued at once all
	// the same. Without it a page is done once sent.
	AwaitAck bool `yaml:"-"`
	// AckWait bounds how long a stopping crawl waits for acknowledgements;
	// 0 means 2 minutes.
	AckWait time.Duration `yaml:"-"`
	// OnProgress, if set, is called with a snapshot at most every 500ms
	// while Crawl runs.
	OnProgress func(Summary) `yaml:"-"`
}

// DefaultContact is the contact URL put in the User-Agent.
const DefaultContact = "https://github.com/scamhunt/scamhunt"

// DefaultDropParams are the tracking parameters dropped when Config.DropParams is nil.
var DefaultDropParams = []string{"utm_*", "spm", "from", "fbclid", "gclid", "yclid", "_hsenc", "mc_eid"}

// Validate reports the first bad setting, naming its key.
func (c Config) Validate() error {
	var errs []error
	bad := func(key string, err error) { errs = append(errs, fmt.Errorf("%s: %w", key, err)) }
	for i, s := range c.Start {
		if _, err := Canonical(s, nil); err != nil {
			bad(fmt.Sprintf("start[%d]", i), err)
		}
	}
	for i, h := range c.AllowedHosts {
		if err := checkHost(h); err != nil {
			bad(fmt.Sprintf("allowed_hosts[%d]", i), err)
		}
	}
	for key, list := range map[string][]string{
		"patterns.list": c.Patterns.List, "patterns.pagination": c.Patterns.Pagination,
		"patterns.detail": c.Patterns.Detail, "patterns.ignore": c.Patterns.Ignore,
	} {
		for i, p := range list {
			if _, err := regexp.Compile(p); err != nil {
				bad(fmt.Sprintf("%s[%d]", key, i), err)
			}
		}
	}
	p := c.Politeness
	if p.Parallelism < 0 {
		bad("politeness.parallelism", errors.New("must not be negative"))
	}
	if p.RandomDelay < 0 {
		bad("politeness.random_delay", errors.New("must not be negative"))
	}
	if p.Contact != "" {
		if u, err := url.Parse(p.Contact); err != nil || u.Scheme == "" {
			bad("politeness.contact", fmt.Errorf("not an absolute URL: %q", p.Contact))
		}
	}
	if strings.ContainsAny(p.UserAgent, "\r\n") {
		bad("politeness.user_agent", errors.New("must be one line"))
	}
	if c.Charset != "" {
		if _, err := htmlindex.Get(c.Charset); err != nil {
			bad("charset", fmt.Errorf("unknown charset %q", c.Charset))
		}
	}
	nonNeg := map[string]int{
		"budget.max_depth": c.Budget.MaxDepth, "budget.max_pages": c.Budget.MaxPages,
		"budget.max_pages_per_host": c.Budget.MaxPagesPerHost, "retry.max_tries": c.Retry.MaxTries,
		"traps.max_repeated_segments": c.Traps.MaxRepeatedSegments, "traps.max_calendar_pages": c.Traps.MaxCalendarPages,
		"traps.max_url_length": c.Traps.MaxURLLength, "traps.max_path_segments": c.Traps.MaxPathSegments,
		"traps.max_path_growth": c.Traps.MaxPathGrowth, "max_redirects": c.MaxRedirects,
		"max_body_bytes": int(min(c.MaxBodyBytes, 1<<40)),
	}
	for key, v := range nonNeg {
		if v < 0 {
			bad(key, errors.New("must not be negative"))
		}
	}
	for key, d := range map[string]Duration{
		"budget.max_time": c.Budget.MaxTime, "retry.base_delay": c.Retry.BaseDelay,
		"retry.max_delay": c.Retry.MaxDelay, "retry.max_retry_after": c.Retry.MaxRetryAfter, "timeout": c.Timeout,
	} {
		if d < 0 {
			bad(key, errors.New("must not be negative"))
		}
	}
	if c.Lease < 0 || c.Grace < 0 {
		bad("lease/grace", errors.New("must not be negative"))
	}
	if c.Frontier != "" {
		if _, _, err := parseRedisURL(c.Frontier); err != nil {
			bad("frontier", err)
		}
	}
	if len(errs) > 0 {
		slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return fmt.Errorf("crawler config: %w", errors.Join(errs...))
	}
	return nil
}

func checkHost(h string) error {
	if h == "" || strings.ContainsAny(h, "/?#@ ") {
		return fmt.Errorf("not a host[:port]: %q", h)
	}
	host, port := h, ""
	if strings.Contains(h, ":") {
		var err error
		if host, port, err = net.SplitHostPort(h); err != nil {
			return fmt.Errorf("not a host[:port]: %q", h)
		}
		if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 {
			return fmt.Errorf("bad port in %q", h)
		}
	}
	if host == "" {
		return fmt.Errorf("not a host[:port]: %q", h)
	}
	return nil
}

// settings is a Config with every default filled in and patterns compiled.
type settings struct {
	Config
	hosts                          map[string]bool
	list, pagination, detail, skip []*regexp.Regexp
	obeyRobots                     bool
	agent                          string // robots.txt product token
	delay, randomDelay             time.Duration
	maxTime                        time.Duration
	baseDelay, maxDelay, timeout   time.Duration
	maxRetryAfter                  time.Duration
}

func (c Config) resolve() (*settings, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	s := &settings{Config: c, hosts: map[string]bool{}}
	if len(c.Start) == 0 {
		return nil, errors.New("crawler config: start: no start URL")
	}
	for _, h := range c.AllowedHosts {
		s.hosts[canonicalHost(h)] = true
	}
	if len(c.AllowedHosts) == 0 {
		for _, raw := range c.Start {
			u, _ := Canonical(raw, nil)
			pu, _ := url.Parse(u)
			s.hosts[pu.Host] = true
		}
	}
	s.list = mustCompile(c.Patterns.List)
	s.pagination = mustCompile(c.Patterns.Pagination)
	s.detail = mustCompile(c.Patterns.Detail)
	s.skip = mustCompile(c.Patterns.Ignore)
	p := &s.Politeness
	if p.Parallelism == 0 {
		p.Parallelism = 1
	}
	switch {
	case p.Delay == 0:
		s.delay = time.Second
	case p.Delay > 0:
		s.delay = p.Delay.Std()
	}
	s.randomDelay = p.RandomDelay.Std()
	s.obeyRobots = p.ObeyRobots == nil || *p.ObeyRobots
	if p.Contact == "" {
		p.Contact = DefaultContact
	}
	if p.UserAgent == "" {
		p.UserAgent = "scamhunt/0.1 (+" + p.Contact + ")"
	}
	s.agent = "scamhunt"
	if f := strings.FieldsFunc(p.UserAgent, func(r rune) bool { return r == '/' || r == ' ' }); len(f) > 0 {
		s.agent = strings.ToLower(f[0])
	}
	b := &s.Budget
	if b.MaxDepth == 0 {
		b.MaxDepth = 20
	}
	s.maxTime = b.MaxTime.Std()
	r := &s.Retry
	if r.MaxTries == 0 {
		r.MaxTries = 3
	}
	s.baseDelay, s.maxDelay = r.BaseDelay.Std(), r.MaxDelay.Std()
	if s.baseDelay == 0 {
		s.baseDelay = time.Second
	}
	if s.maxDelay == 0 {
		s.maxDelay = time.Minute
	}
	s.maxDelay = max(s.maxDelay, s.baseDelay)
	if s.maxRetryAfter = r.MaxRetryAfter.Std(); s.maxRetryAfter == 0 {
		s.maxRetryAfter = 10 * time.Minute
	}
	t := &s.Traps
	if t.MaxRepeatedSegments == 0 {
		t.MaxRepeatedSegments = 2
	}
	if t.MaxCalendarPages == 0 {
		t.MaxCalendarPages = 30
	}
	if t.MaxURLLength == 0 {
		t.MaxURLLength = 2048
	}
	if t.MaxPathSegments == 0 {
		t.MaxPathSegments = 32
	}
	if t.MaxPathGrowth == 0 {
		t.MaxPathGrowth = 8
	}
	s.timeout = c.Timeout.Std()
	if s.timeout == 0 {
		s.timeout = 30 * time.Second
	}
	if s.MaxBodyBytes == 0 {
		s.MaxBodyBytes = 10 << 20
	}
	if s.MaxRedirects == 0 {
		s.MaxRedirects = 5
	}
	if s.DropParams == nil {
		s.DropParams = DefaultDropParams
	}
	if s.Worker == "" {
		h, _ := os.Hostname()
		s.Worker = fmt.Sprintf("%s-%d", h, os.Getpid())
	}
	if s.Lease == 0 {
		s.Lease = 30 * time.Second
	}
	if s.Grace == 0 {
		s.Grace = 5 * time.Second
	}
	if s.Log == nil {
		s.Log = slog.New(slog.DiscardHandler)
	}
	return s, nil
}

func mustCompile(ps []string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(ps))
	for i, p := range ps {
		out[i] = regexp.MustCompile(p) // validated
	}
	return out
}

func matchAny(rs []*regexp.Regexp, s string) bool {
	for _, r := range rs {
		if r.MatchString(s) {
			return true
		}
	}
	return false
}
