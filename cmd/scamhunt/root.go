package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// globals are the flags every subcommand shares.
type globals struct {
	data      string
	backend   string
	meiliURL  string
	meiliName string
	logLevel  string
}

func newRoot() *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:   "scamhunt",
		Short: "Find scam ads on Chinese part-time job boards, with the evidence",
		Long: `scamhunt crawls 兼职 job boards, extracts every listing, flags fake ads
(刷单, 拜师, deposits, typing schemes, paid reviews, downlines) with the evidence
for each flag, indexes everything for search and serves it.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	pf := root.PersistentFlags()
	pf.StringVar(&g.data, "data", "./data", "data directory (index, frontier, overrides, crawl history)")
	pf.StringVar(&g.backend, "index", "bleve", "search backend: bleve (embedded) or meili")
	pf.StringVar(&g.meiliURL, "meili-url", "", "Meilisearch URL for --index meili (key from SCAMHUNT_MEILI_KEY)")
	pf.StringVar(&g.meiliName, "meili-index", "listings", "Meilisearch index name")
	pf.StringVar(&g.logLevel, "log-level", "info", "log level: debug, info, warn, error")
	root.AddCommand(
		newDemoCmd(g), newTestsiteCmd(g), newCrawlCmd(g), newSitesCmd(g),
		newExtractCmd(g), newClassifyCmd(g), newTrainCmd(g), newEvalCmd(g),
		newSearchCmd(g), newServeCmd(g), newLabelCmd(g), newReclassifyCmd(g),
		newExportCmd(g), newAuditCmd(g), newPasswdCmd(), newProfileCmd(g),
	)
	return root
}

// logger writes structured logs to w at the configured level.
func (g *globals) logger(w io.Writer) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(strings.ToUpper(g.logLevel))); err != nil {
		return nil, fmt.Errorf("--log-level %q: %w", g.logLevel, err)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: lv})), nil
}

func (g *globals) mustLogger() *slog.Logger {
	l, err := g.logger(os.Stderr)
	if err != nil {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return l
}
