package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
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
	var format, out, label, site, since string
	var mask bool
	var cls classifierFlags
	cmd := &cobra.Command{
		Use:   "export --format jsonl|csv|parquet|train --out PATH",
		Short: "Export listings with verdicts, reasons and human labels, with a data card",
		Long: `export streams every listing (filtered) to PATH and writes a data card
(README.md) beside it: sources, crawl dates, counts, schema, label
definitions, biases, personal-data handling. With --mask-pii, phones, QQ,
WeChat, e-mail and contact names become keyed hashes, consistent within the
export (clusters survive); the key is random and written nowhere.

--format train writes the listings people labelled scam or legit as
labelled JSONL, the input of ` + "`scamhunt train`" + ` and ` + "`scamhunt eval`" + `.`,
		Example: `  scamhunt export --format parquet --out out/listings.parquet --mask-pii
  scamhunt export --format csv --out out/scams.csv --label scam --since 2026-11-01`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := g.file(out)
			if format == "train" {
				return exportTraining(cmd, g, out)
			}
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
			v, err := cls.resolved(g).version()
			if err != nil {
				return err
			}
			opt.ModelVersion = v + " (the classifier of the exporting build; verdicts date from the last crawl or reclassify)"
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
			cardFile := filepath.Join(filepath.Dir(out), "README.md")
			if err := writeFile(cardFile, card.WriteMarkdown); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "exported to %s; data card %s\n", out, cardFile)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "jsonl", "jsonl, csv, parquet, or train (human labels as training data)")
	fl.StringVar(&out, "out", "", "output file")
	fl.StringVar(&label, "label", "", "only this (effective) label")
	fl.StringVar(&site, "site", "", "only this site")
	fl.StringVar(&since, "since", "", "only listings first seen on or after this date")
	fl.BoolVar(&mask, "mask-pii", false, "replace personal data by keyed hashes")
	cls.add(fl)
	cmd.MarkFlagRequired("out")
	usesData(cmd)
	return cmd
}

// trainingLine is one human-labelled listing in the labelled JSONL that
// `scamhunt train` and `scamhunt eval` read.
type trainingLine struct {
	ID       string             `json:"id"`
	Title    string             `json:"title"`
	Body     string             `json:"body"`
	Salary   string             `json:"salary,omitempty"`
	Company  string             `json:"company,omitempty"`
	Contacts []scamhunt.Contact `json:"contacts,omitempty"`
	City     string             `json:"city,omitempty"`
	URL      string             `json:"url,omitempty"`
	Label    scamhunt.Label     `json:"label"`
	Category string             `json:"category,omitempty"`
}

// exportTraining writes people's scam/legit labels as training data.
func exportTraining(cmd *cobra.Command, g *globals, out string) error {
	_, idx, err := g.dir.open(cmd.Context(), g.stdLogger(cmd))
	if err != nil {
		return err
	}
	n := 0
	err = writeFile(out, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		return idx.All(cmd.Context(), func(r scamhunt.Record) error {
			if r.Override == nil || r.Override.Label == scamhunt.LabelSuspicious {
				return nil
			}
			l := r.Listing
			line := trainingLine{ID: l.ID, Title: l.Title, Body: l.Body, Salary: l.SalaryText, Company: l.Company,
				Contacts: l.Contacts, City: l.City, URL: l.URL, Label: r.Override.Label}
			if line.Label == scamhunt.LabelScam && len(r.Verdict.Categories) > 0 {
				line.Category = r.Verdict.Categories[0]
			}
			n++
			return enc.Encode(line)
		})
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "%d human-labelled listings written to %s\n", n, out)
	return nil
}
