package main

import (
	"context"
	"fmt"
	"io"
	"net"

	"github.com/spf13/cobra"

	"github.com/scamhunt/scamhunt/testsite"
)

func newDemoCmd(g *globals) *cobra.Command {
	var addr, boardAddr string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Start the demo board, crawl it into --data, then serve the search page",
		Long: `demo is the whole main job in one command: it serves the bundled demo
job board on loopback, crawls it (robots.txt obeyed), extracts, classifies
and indexes every listing into --data, then serves the search page and
prints its URL. Run it again and the crawl is a recrawl: unchanged pages
are not extracted again.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDemo(cmd.Context(), g, boardAddr, addr, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	ownsData(cmd)
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "search page listen address")
	cmd.Flags().StringVar(&boardAddr, "board-addr", "127.0.0.1:8079", "demo board listen address (a fixed port keeps listing IDs stable across runs)")
	return cmd
}

// listenOrAny listens on addr, or on any free loopback port if addr is taken.
func listenOrAny(addr string, stderr io.Writer) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		return ln, nil
	}
	fmt.Fprintf(stderr, "%s is taken (%v); using a free port\n", addr, err)
	return net.Listen("tcp", "127.0.0.1:0")
}

func runDemo(ctx context.Context, g *globals, boardAddr, addr string, stdout, stderr io.Writer) error {
	board, err := listenOrAny(boardAddr, stderr)
	if err != nil {
		return err
	}
	boardCtx, stopBoard := context.WithCancel(ctx)
	defer stopBoard()
	boardErr := make(chan error, 1)
	go func() { boardErr <- serveBoard(boardCtx, board, testsite.Config{}, stdout) }()

	f := &crawlFlags{prof: profileFlags{site: "demo"}, start: []string{"http://" + board.Addr().String() + "/"}}
	// One judge for the crawl and the server that follows.
	j, err := f.cls.judge(g)
	if err != nil {
		return err
	}
	sum, err := runCrawl(ctx, g, f, &j, stderr)
	if err != nil {
		return fmt.Errorf("demo crawl: %w", err)
	}
	sum.writeText(stdout)
	if ctx.Err() != nil {
		return nil
	}
	ln, err := listenOrAny(addr, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nscamhunt search page at http://%s/  (try 刷单, or a phone number; Ctrl-C stops)\n", ln.Addr())
	err = serveIndex(ctx, g, ln, f, &j, serveFlags{}, 0, stderr)
	stopBoard()
	<-boardErr
	return err
}
