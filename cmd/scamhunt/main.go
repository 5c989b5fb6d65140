// Command scamhunt crawls part-time job boards, flags scam ads with their
// evidence, indexes them for search, serves a search page and exports
// datasets. Run `scamhunt help` for the subcommands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRoot().ExecuteContext(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "scamhunt:", err)
		os.Exit(1)
	}
}
