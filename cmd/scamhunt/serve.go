package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/audit"
	"github.com/scamhunt/scamhunt/index"
	"github.com/scamhunt/scamhunt/web"
)

func newServeCmd(g *globals) *cobra.Command {
	var addr string
	var cls classifierFlags
	var sf serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the search page and JSON API over the index",
		Long: `Serve the search page, the check-an-ad form and the JSON API.
The admin area (/admin/: the review queue, /audit) is on when
SCAMHUNT_ADMIN_TOKEN is set (log in as "admin" with it; scripts send it as
Bearer to /api/admin/...) or --reviewers names reviewer accounts.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := sf.load(); err != nil {
				return err
			}
			idx, c, err := g.openWithClassifier(cmd.Context(), cls)
			if err != nil {
				return err
			}
			defer idx.Close()
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "scamhunt search page at http://%s/\n", ln.Addr())
			if os.Getenv("SCAMHUNT_ADMIN_TOKEN") != "" || len(sf.accounts) > 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "review queue at http://%s/admin/\n", ln.Addr())
			}
			return serveIndex(cmd.Context(), g, sf, ln, idx, c)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen address")
	cls.add(cmd.Flags())
	sf.add(cmd.Flags())
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

// serveIndex serves the web UI over idx on ln until ctx ends.
func serveIndex(ctx context.Context, g *globals, sf serveFlags, ln net.Listener, idx index.Index, c judge) error {
	log := g.mustLogger()
	cfg := web.Config{
		AdminToken: os.Getenv("SCAMHUNT_ADMIN_TOKEN"),
		Log:        log,
		Reclassify: func(ctx context.Context) (int, error) {
			return reclassifyAll(ctx, g, idx, c, log)
		},
		NewSince: func(context.Context) (time.Time, error) {
			runs, err := g.runs()
			return audit.Cutoff(runs, ""), err
		},
		Audit:          auditHandler(g, idx),
		AuditStyles:    []string{audit.StyleHash()},
		TrustedProxies: sf.proxies,
		Reviewers:      sf.accounts,
	}
	srv, err := web.New(cfg, idx, checker{c.Classifier}, labeler{g: g, idx: idx})
	if err != nil {
		return err
	}
	return srv.Serve(ctx, ln)
}

// labeler records admin labels in the index and in the overrides file.
type labeler struct {
	g   *globals
	idx index.Index
}

func (l labeler) SetOverride(ctx context.Context, id string, o *scamhunt.Override) error {
	if err := l.idx.SetOverride(ctx, id, o); err != nil {
		return err
	}
	return l.g.appendOverride(id, o)
}

// auditHandler renders the audit report of the whole index on each request.
func auditHandler(g *globals, idx index.Index) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		runs, err := g.runs()
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
