package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/scamhunt/scamhunt/audit"
)

func newAuditCmd(g *globals) *cobra.Command {
	var since, out string
	var prof profileFlags
	cmd := &cobra.Command{
		Use:   "audit [--site NAME | --config FILE] --out report.html",
		Short: "Write an operator's audit report (HTML with charts, and a CSV of flagged listings)",
		Example: `  scamhunt audit --site demo --out out/report.html
  scamhunt audit --site demo --since 2026-11-01 --out out/report.html
  scamhunt audit --config myboard.yaml --out out/report.html   # the board that profile file names`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := g.file(out)
			runs, err := g.dir.runs()
			if err != nil {
				return err
			}
			p, _, err := prof.load()
			if err != nil {
				return err
			}
			opt := audit.Options{Site: p.Name, Runs: runs, Now: time.Now()}
			if since != "" {
				if opt.Since, err = parseDate(since); err != nil {
					return err
				}
			}
			_, idx, err := g.dir.open(cmd.Context(), g.stdLogger(cmd))
			if err != nil {
				return err
			}
			rep, err := audit.Build(cmd.Context(), idx, opt)
			if err != nil {
				return err
			}
			if err := writeFile(out, rep.WriteHTML); err != nil {
				return err
			}
			csvFile := strings.TrimSuffix(out, ".html") + ".csv"
			if err := writeFile(csvFile, rep.WriteCSV); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "audit written to %s and %s\n", out, csvFile)
			return nil
		},
	}
	prof.add(cmd.Flags())
	cmd.Flags().StringVar(&since, "since", "", "count as new what was first seen on or after this date (default: since the previous crawl)")
	cmd.Flags().StringVar(&out, "out", "report.html", "HTML report; the CSV goes beside it")
	usesData(cmd)
	return cmd
}
