package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/scamhunt/scamhunt/testsite"
	"github.com/scamhunt/scamhunt/web"
)

func newTestsiteCmd(*globals) *cobra.Command {
	var addr string
	var cfg testsite.Config
	cmd := &cobra.Command{
		Use:   "testsite",
		Short: "Serve the bundled demo job board on loopback",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			return serveBoard(cmd.Context(), ln, cfg, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8079", "listen address")
	cmd.Flags().IntVar(&cfg.Listings, "listings", 0, "number of listings (0: the demo board)")
	cmd.Flags().IntVar(&cfg.Edition, "edition", 0, "board edition (2: a later edition with removed and new listings)")
	return cmd
}

// serveBoard serves the demo board on ln until ctx ends.
func serveBoard(ctx context.Context, ln net.Listener, cfg testsite.Config, out io.Writer) error {
	b, err := testsite.New(cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "demo board at http://%s/\n", ln.Addr())
	return serveHTTP(ctx, ln, b.Handler())
}

// serveHTTP runs an HTTP server on ln until ctx ends, then shuts it down.
func serveHTTP(ctx context.Context, ln net.Listener, h http.Handler) error {
	return web.RunServer(ctx, &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}, ln)
}
