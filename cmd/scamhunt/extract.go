package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/extract"
	"github.com/scamhunt/scamhunt/internal/charset"
)

// extractOutput is one line of `scamhunt extract`.
type extractOutput struct {
	File     string             `json:"file"`
	Kind     scamhunt.PageKind  `json:"kind"`
	Why      string             `json:"why"`
	Charset  string             `json:"charset"`
	Listings []scamhunt.Listing `json:"listings"`
	Error    string             `json:"error,omitempty"`
}

func newExtractCmd(*globals) *cobra.Command {
	var pageURL, fetched string
	var prof profileFlags
	cmd := &cobra.Command{
		Use:   "extract [--site NAME | --config FILE] [--url URL] FILE.html...",
		Short: "Show what the extractor reads from saved pages (for writing profiles)",
		Long: `extract prints one JSON object per file: {"file", "kind", "why", "listings"}.
Without --site or --config the generic extractor is used. The charset is detected as
for crawled pages (BOM, meta, sniffing). Relative dates resolve against
--fetched, or the file's modification time.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, files []string) error {
			p, ok, err := prof.load()
			if err != nil {
				return err
			}
			name := "file"
			if ok {
				name = p.Name
			}
			ex, err := extract.New(p.Extract)
			if err != nil {
				return err
			}
			at, err := fetchedAt(fetched)
			if err != nil {
				return err
			}
			enc := json.NewEncoder(cmd.OutOrStdout())
			failed := 0
			for _, file := range files {
				out := extractFile(ex, name, file, pageURL, at)
				if out.Error != "" {
					failed++
				}
				if err := enc.Encode(out); err != nil {
					return err
				}
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d files could not be read", failed, len(files))
			}
			return nil
		},
	}
	prof.add(cmd.Flags())
	cmd.Flags().StringVar(&pageURL, "url", "", "the URL the page was fetched from (default: file:// path)")
	cmd.Flags().StringVar(&fetched, "fetched", "", "fetch time, RFC 3339 (default: file modification time)")
	return cmd
}

// savedPage reads a saved page as a crawl would have fetched it: decoded by
// its declarations or sniffed, from pageURL (default: its file:// URL), at
// time at (default: the file's modification time).
func savedPage(site, file, pageURL string, at time.Time) (scamhunt.Page, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return scamhunt.Page{}, err
	}
	body, cs := charset.Decode(raw, "", "")
	if at.IsZero() {
		if fi, err := os.Stat(file); err == nil {
			at = fi.ModTime()
		}
	}
	if pageURL == "" {
		abs, _ := filepath.Abs(file)
		pageURL = "file://" + filepath.ToSlash(abs)
	}
	return scamhunt.Page{URL: pageURL, Site: site, Status: 200, Body: body, Charset: cs, FetchedAt: at, Hash: scamhunt.ContentHash(body)}, nil
}

func extractFile(ex *extract.Extractor, site, file, pageURL string, at time.Time) extractOutput {
	out := extractOutput{File: file, Listings: []scamhunt.Listing{}}
	p, err := savedPage(site, file, pageURL, at)
	if err != nil {
		out.Error = err.Error()
		return out
	}
	out.Charset = p.Charset
	res, err := ex.Extract(p)
	if err != nil {
		out.Error = err.Error()
		return out
	}
	out.Kind, out.Why = res.Kind, res.Why
	if res.Listings != nil {
		out.Listings = res.Listings
	}
	return out
}
