package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/dataset"
)

// parseDate accepts 2006-01-02 (Asia/Shanghai midnight) or RFC 3339.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, s, time.FixedZone("CST", 8*3600))
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: want 2006-01-02 or RFC 3339", s)
	}
	return t, nil
}

func newExportCmd(g *globals) *cobra.Command {
	var format, out, label, site, since, keyFile string
	var mask bool
	cmd := &cobra.Command{
		Use:   "export --format jsonl|csv|parquet|train --out PATH",
		Short: "Export listings with verdicts, reasons and human labels, with a data card",
		Long: `export streams every listing (filtered) to PATH and writes its data card
beside it as NAME.md (out/listings.parquet -> out/listings.md): sources,
crawl dates, counts, schema, what classified the rows (read from the rows),
label definitions, biases, personal-data handling.

With --mask-pii, phones, QQ, WeChat, e-mail and Telegram contacts in every
written form the classifier's contact finder reads, and contact names,
become keyed hashes, consistent within the export (clusters survive). The
key is random and written nowhere, unless --mask-key FILE gives one: then
releases masked with the same key share their hashes and can be linked.
Make a key once and keep it private (export never writes it):
  head -c 32 /dev/urandom > mask.key && chmod 600 mask.key

--format train writes the listings people labelled scam or legit as
labelled JSONL, the input of ` + "`scamhunt train`" + ` and ` + "`scamhunt eval`" + `; --mask-pii
masks it too.`,
		Example: `  scamhunt export --format parquet --out out/listings.parquet --mask-pii
  scamhunt export --format jsonl --out out/2026-12.jsonl --mask-pii --mask-key ~/private/mask.key
  scamhunt export --format csv --out out/scams.csv --label scam --since 2026-11-01
  scamhunt export --format train --out out/labels.jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out, keyFile := g.file(out), g.file(keyFile)
			opt := dataset.Options{
				Format:  dataset.Format(format),
				Filter:  dataset.Filter{Label: scamhunt.Label(label), Site: site},
				MaskPII: mask,
				Source:  "scamhunt crawls of job boards",
				Now:     time.Now().UTC(),
			}
			if since != "" {
				t, err := parseDate(since)
				if err != nil {
					return err
				}
				opt.Filter.Since = t
			}
			if cardPath(out) == out {
				return fmt.Errorf("--out %s: the data card would overwrite it; give the export its own extension", out)
			}
			if keyFile != "" {
				if !mask {
					return fmt.Errorf("--mask-key needs --mask-pii")
				}
				key, err := os.ReadFile(keyFile)
				if err != nil {
					return fmt.Errorf("--mask-key: %w", err)
				}
				opt.Key = key
			}
			if err := opt.Validate(); err != nil {
				return err
			}
			_, idx, err := g.dir.open(cmd.Context(), g.stdLogger(cmd))
			if err != nil {
				return err
			}
			var card dataset.Card
			if err := writeFile(out, func(w io.Writer) error {
				card, err = dataset.Export(cmd.Context(), idx, w, opt)
				return err
			}); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			cardFile := cardPath(out)
			if err := writeFile(cardFile, card.WriteMarkdown); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d listings exported to %s; data card %s\n", card.Rows, out, cardFile)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "jsonl", "jsonl, csv, parquet, or train (human labels as training data)")
	fl.StringVar(&out, "out", "", "output file; the data card goes beside it as NAME.md")
	fl.StringVar(&label, "label", "", "only this (effective) label")
	fl.StringVar(&site, "site", "", "only this site")
	fl.StringVar(&since, "since", "", "only listings first seen on or after this date")
	fl.BoolVar(&mask, "mask-pii", false, "replace personal data by keyed hashes")
	fl.StringVar(&keyFile, "mask-key", "", "file holding the masking key (16+ bytes), so releases share hashes; default a random key")
	cmd.MarkFlagRequired("out")
	usesData(cmd)
	return cmd
}

// cardPath is the data card of an export file: NAME.md beside NAME.ext, so
// exports in one directory each keep their own card.
func cardPath(out string) string {
	return strings.TrimSuffix(out, filepath.Ext(out)) + ".md"
}
