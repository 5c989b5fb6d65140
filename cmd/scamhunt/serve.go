package main

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/audit"
	"github.com/scamhunt/scamhunt/index"
	"github.com/scamhunt/scamhunt/store"
	"github.com/scamhunt/scamhunt/web"
)

// The check form says when a pasted text holds nothing to judge.
var _ web.EvidenceChecker = checker{}

func newServeCmd(g *globals) *cobra.Command {
	var addr string
	var every time.Duration
	var sf serveFlags
	f := &crawlFlags{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the search page and JSON API over the index",
		Long: `Serve the search page, the check-an-ad form and the JSON API.
The admin area (/admin/: the review queue, /audit) is on when
SCAMHUNT_ADMIN_TOKEN is set (log in as "admin" with it; scripts send it as
Bearer to /api/admin/..., which also re-classifies and crawls now) or
--reviewers names reviewer accounts.

serve owns its data directory while it runs. The other commands given the
same --data (crawl, label, search, audit, reclassify, reindex, export) run
inside it: they are sent over DATA/control.sock, run against the open index
and print here what they would print alone. With --site, --config or
--start it also crawls that board: every --recrawl-every, and when an
operator POSTs /api/admin/crawl.`,
		Example: `  scamhunt serve --addr 127.0.0.1:8080
  scamhunt serve --site demo --start http://127.0.0.1:8079/ --recrawl-every 6h`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := sf.load(); err != nil {
				return err
			}
			if every < 0 {
				return fmt.Errorf("--recrawl-every %s is negative", every)
			}
			if every > 0 && !f.board() {
				return fmt.Errorf("--recrawl-every needs the board: --site, --config or --start")
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "scamhunt search page at http://%s/\n", ln.Addr())
			if os.Getenv("SCAMHUNT_ADMIN_TOKEN") != "" || len(sf.accounts) > 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "review queue at http://%s/admin/\n", ln.Addr())
			}
			return serveIndex(cmd.Context(), g, ln, f, nil, sf, every, cmd.ErrOrStderr())
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&addr, "addr", "127.0.0.1:8080", "listen address")
	fl.DurationVar(&every, "recrawl-every", 0, "crawl the board (--site, --config, --start) this often, e.g. 6h (0: only when asked)")
	f.prof.add(fl)
	fl.StringSliceVar(&f.start, "start", nil, "start URL(s) of the board to crawl")
	f.addBudget(fl, "stop each crawl")
	f.cls.add(fl)
	sf.add(fl)
	ownsData(cmd)
	return cmd
}

// serveFlags are the web server's own flags; load checks and reads them.
type serveFlags struct {
	trustProxy []string
	reviewers  string

	proxies  []netip.Prefix
	accounts map[string]string
}

func (f *serveFlags) add(fs *pflag.FlagSet) {
	fs.StringArrayVar(&f.trustProxy, "trust-proxy", nil, "a reverse proxy's address or CIDR (repeatable): only requests from it have X-Forwarded-For and X-Forwarded-Proto believed")
	fs.StringVar(&f.reviewers, "reviewers", "", "file of reviewer accounts, NAME:HASH lines from `scamhunt passwd`")
}

func (f *serveFlags) load() error {
	for _, s := range f.trustProxy {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return fmt.Errorf("--trust-proxy %q: want an address or a CIDR prefix", s)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		f.proxies = append(f.proxies, p.Masked())
	}
	if f.reviewers != "" {
		m, err := readReviewers(f.reviewers)
		if err != nil {
			return err
		}
		f.accounts = m
	}
	return nil
}

// board says whether the flags name a board to crawl.
func (f *crawlFlags) board() bool {
	return f.prof.site != "" || f.prof.config != "" || len(f.start) > 0
}

// serveIndex serves the web UI over the data dir's index on ln until ctx
// ends, takes other commands on the control socket, and crawls the board
// of f (if any) on schedule and on request, all with one judge: loaded, or
// f's when loaded is nil.
func serveIndex(ctx context.Context, g *globals, ln net.Listener, f *crawlFlags, loaded *judge, sf serveFlags, every time.Duration, stderr io.Writer) error {
	log, err := g.logger(stderr)
	if err != nil {
		return err
	}
	st, idx, err := g.dir.open(ctx, log)
	if err != nil {
		return err
	}
	var rc *reclassifier
	if loaded != nil {
		rc = &reclassifier{d: g.dir, st: st, idx: idx, cls: *loaded, log: log}
	} else if rc, err = newReclassifier(g, f.cls, st, idx, log); err != nil {
		return err
	}
	// Commands run for other processes and scheduled crawls use the data
	// dir: they are stopped and waited for before it is closed.
	ctx, stop := context.WithCancel(ctx)
	var bg sync.WaitGroup
	defer func() {
		stop()
		bg.Wait()
	}()
	wait, err := serveControl(ctx, g, log)
	if err != nil {
		return err
	}
	bg.Go(wait)
	cfg := web.Config{
		AdminToken: os.Getenv("SCAMHUNT_ADMIN_TOKEN"),
		Log:        log,
		Reclassify: func(ctx context.Context) (int, error) {
			res, err := rc.run(ctx)
			return res.Changed, err
		},
		NewSince: func(context.Context) (time.Time, error) {
			runs, err := g.dir.runs()
			return audit.Cutoff(runs, ""), err
		},
		Audit:          auditHandler(g, idx),
		AuditStyles:    []string{audit.StyleHash()},
		TrustedProxies: sf.proxies,
		Reviewers:      sf.accounts,
	}
	if f.board() {
		rec := &recrawler{g: g, f: *f, cls: rc.cls, log: log, out: stderr, wake: make(chan struct{}, 1)}
		bg.Go(func() { rec.loop(ctx, every) })
		cfg.CrawlNow = rec.now
	}
	srv, err := web.New(cfg, idx, checker{rc.cls.Classifier}, labeler{d: g.dir, st: st, idx: idx})
	if err != nil {
		return err
	}
	return srv.Serve(ctx, ln)
}

// recrawler crawls the served board in-process: on a schedule, and when
// an operator asks. One crawl runs at a time.
type recrawler struct {
	g       *globals
	f       crawlFlags
	cls     judge // the server's: a recrawl judges as its reclassifications do
	log     *slog.Logger
	out     io.Writer
	running atomic.Bool
	wake    chan struct{}
}

func (r *recrawler) loop(ctx context.Context, every time.Duration) {
	var tick <-chan time.Time
	if every > 0 {
		t := time.NewTicker(every)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
		case <-r.wake:
		}
		r.crawl(ctx)
	}
}

// now asks for a crawl; false means one is running or already asked for.
func (r *recrawler) now() bool {
	if r.running.Load() {
		return false
	}
	select {
	case r.wake <- struct{}{}:
		return true
	default:
		return false
	}
}

func (r *recrawler) crawl(ctx context.Context) {
	r.running.Store(true)
	defer r.running.Store(false)
	f := r.f
	r.log.Info("recrawl_start", "site", cmp.Or(f.prof.site, f.prof.config))
	sum, err := runCrawl(ctx, r.g, &f, &r.cls, r.out)
	if err != nil {
		r.log.Error("recrawl_failed", "err", err)
		return
	}
	r.log.Info("recrawl_done", "site", sum.Site, "fetched", sum.Crawl.Fetched, "unchanged", sum.Crawl.Unchanged,
		"indexed", sum.Pipeline.Indexed, "raised", sum.Raised, "removed", sum.Removed, "elapsed", sum.Elapsed)
}

// labeler records admin labels through the data dir: the index, the
// overrides file, and the mark that makes the next reclassification
// count them.
type labeler struct {
	d   *dataDir
	st  *store.Store
	idx index.Index
}

func (l labeler) SetOverride(ctx context.Context, id string, o *scamhunt.Override) error {
	return l.d.setLabel(ctx, l.st, l.idx, id, o)
}

// auditHandler renders the audit report of the whole index on each request.
func auditHandler(g *globals, idx index.Index) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		runs, err := g.dir.runs()
		if err != nil {
			http.Error(w, "crawl history unreadable", http.StatusInternalServerError)
			return
		}
		opt := audit.Options{Site: r.URL.Query().Get("site"), Runs: runs, Now: time.Now()}
		if s := r.URL.Query().Get("since"); s != "" {
			if opt.Since, err = parseDate(s); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
		}
		rep, err := audit.Build(r.Context(), idx, opt)
		if err != nil {
			http.Error(w, "audit failed", http.StatusInternalServerError)
			return
		}
		var buf bytes.Buffer
		if r.URL.Query().Get("format") == "csv" {
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			err = rep.WriteCSV(&buf)
		} else {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			err = rep.WriteHTML(&buf)
		}
		if err != nil {
			http.Error(w, "audit failed", http.StatusInternalServerError)
			return
		}
		io.Copy(w, &buf)
	})
}
