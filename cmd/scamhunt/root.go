package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// globals are the flags every subcommand shares, and the data dir the
// command works on.
type globals struct {
	data      string
	backend   string
	meiliURL  string
	meiliName string
	logLevel  string

	args []string // the command line after the program name
	// cwd is where relative paths in arguments resolve; "" means this
	// process's. A serve running another process's command sets it to
	// that process's directory.
	cwd string
	// dir is the open data dir: locked by this command, or lent by the
	// serve that runs it (lent).
	dir  *dataDir
	lent bool
}

// Commands say how they use the data dir with this annotation: dataUse
// ("data": they read or write it, and run inside a serve that holds it)
// or dataOwn (serve and demo: they must own it).
const (
	dataKey = "scamhunt/data"
	dataUse = "use"
	dataOwn = "own"
)

func usesData(cmd *cobra.Command) { setAnnotation(cmd, dataUse) }
func ownsData(cmd *cobra.Command) { setAnnotation(cmd, dataOwn) }

func setAnnotation(cmd *cobra.Command, v string) {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	cmd.Annotations[dataKey] = v
}

func newRoot(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "scamhunt",
		Short: "Find scam ads on Chinese part-time job boards, with the evidence",
		Long: `scamhunt crawls 兼职 job boards, extracts every listing, flags fake ads
(刷单, 拜师, deposits, typing schemes, paid reviews, downlines) with the evidence
for each flag, indexes everything for search and serves it.

One process owns a data directory at a time. While ` + "`scamhunt serve`" + ` runs, the
other commands on its --data run inside it (same output, same exit status);
any other holder is named and the command stops.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return g.takeDataDir(cmd)
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&g.data, "data", "./data", "data directory (listing store, index, frontier, overrides, crawl history)")
	pf.StringVar(&g.backend, "index", "bleve", "search backend: bleve (embedded) or meili")
	pf.StringVar(&g.meiliURL, "meili-url", "", "Meilisearch URL for --index meili (key from SCAMHUNT_MEILI_KEY)")
	pf.StringVar(&g.meiliName, "meili-index", "listings", "Meilisearch index name")
	pf.StringVar(&g.logLevel, "log-level", "info", "log level: debug, info, warn, error")
	root.AddCommand(
		newDemoCmd(g), newTestsiteCmd(g), newCrawlCmd(g), newSitesCmd(g),
		newExtractCmd(g), newClassifyCmd(g), newTrainCmd(g), newEvalCmd(g),
		newSearchCmd(g), newServeCmd(g), newLabelCmd(g), newReclassifyCmd(g),
		newReindexCmd(g), newExportCmd(g), newAuditCmd(g), newPasswdCmd(), newProfileCmd(g),
	)
	return root
}

// exitCode is the exit status of a command another process ran for this
// one; it was reported there, so nothing more is printed.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// execute runs one command line and returns its exit status. It is main's
// body, and what a serve runs for a command sent to its control socket.
func execute(ctx context.Context, g *globals, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g.args = args
	root := newRoot(g)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if g.dir != nil && !g.lent {
		err = errors.Join(err, g.dir.close())
	}
	var code exitCode
	switch {
	case errors.As(err, &code):
		return int(code)
	case err != nil:
		fmt.Fprintln(stderr, "scamhunt:", err)
		return 1
	}
	return 0
}

// takeDataDir runs before every command. A command that uses the data dir
// takes its lock; if a serve holds it, the command is sent there and its
// exit status returned as an exitCode; any other holder is named.
func (g *globals) takeDataDir(cmd *cobra.Command) error {
	use := cmd.Annotations[dataKey]
	if g.lent {
		if use != dataUse {
			return fmt.Errorf("%s cannot run inside a serve", cmd.Name())
		}
		return nil
	}
	if use == "" {
		return nil
	}
	dir, err := filepath.Abs(g.file(g.data))
	if err != nil {
		return err
	}
	lock, err := lockDir(dir, g.args)
	var busy *busyError
	if errors.As(err, &busy) && busy.owner.Socket != "" && use == dataUse {
		code, err := forward(cmd.Context(), busy.owner, g.args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		if err != nil {
			return err
		}
		return exitCode(code)
	}
	if err != nil {
		return err
	}
	g.dir = &dataDir{path: dir, lock: lock, backend: indexFlags{backend: g.backend, meiliURL: g.meiliURL, meiliName: g.meiliName}}
	return nil
}

// file resolves a path given on the command line.
func (g *globals) file(p string) string {
	if p == "" || filepath.IsAbs(p) || g.cwd == "" {
		return p
	}
	return filepath.Join(g.cwd, p)
}

// logger writes structured logs to w at the configured level.
func (g *globals) logger(w io.Writer) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(strings.ToUpper(g.logLevel))); err != nil {
		return nil, fmt.Errorf("--log-level %q: %w", g.logLevel, err)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: lv})), nil
}

// stdLogger is logger for a command's stderr, with info level when the
// flag is bad (the command reports the flag where it matters).
func (g *globals) stdLogger(cmd *cobra.Command) *slog.Logger {
	l, err := g.logger(cmd.ErrOrStderr())
	if err != nil {
		return slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil))
	}
	return l
}
