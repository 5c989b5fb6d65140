package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/audit"
	"github.com/scamhunt/scamhunt/index"
	"github.com/scamhunt/scamhunt/web"
)

func newServeCmd(g *globals) *cobra.Command {
	var addr string
	var cls classifierFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the search page and JSON API over the index",
		Long: `Serve the search page, the check-an-ad form and the JSON API.
Admin endpoints (re-label, re-classify, /audit) are on only when
SCAMHUNT_ADMIN_TOKEN is set.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
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
			return serveIndex(cmd.Context(), g, ln, idx, c)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen address")
	cls.add(cmd.Flags())
	return cmd
}

// serveIndex serves the web UI over idx on ln until ctx ends.
func serveIndex(ctx context.Context, g *globals, ln net.Listener, idx index.Index, c judge) error {
	log := g.mustLogger()
	cfg := web.Config{
		AdminToken: os.Getenv("SCAMHUNT_ADMIN_TOKEN"),
		Log:        log,
		Reclassify: func(ctx context.Context) (int, error) {
			return reclassifyAll(ctx, g, idx, c, log)
		},
		Audit: auditHandler(g, idx),
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
