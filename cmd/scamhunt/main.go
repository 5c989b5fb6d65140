// Command scamhunt crawls part-time job boards, flags scam ads with their
// evidence, indexes them for search, serves a search page and exports
// datasets. Run `scamhunt help` for the subcommands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first Ctrl-C or SIGTERM asks the command to stop cleanly; once
	// it is seen, a second one ends the process at once.
	context.AfterFunc(ctx, stop)
	code := execute(ctx, &globals{}, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
