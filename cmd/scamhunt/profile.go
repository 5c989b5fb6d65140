package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/extract"
)

func newProfileCmd(*globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "profile",
		Short: "Write a board's site profile: propose one from saved pages, check one against them",
		Long: `profile helps an operator write a site profile (docs/profiles.md) for a board:

  scamhunt profile suggest a.html b.html --url URL_A --url URL_B > board.yaml
  scamhunt profile check board.yaml --url URL_A a.html
  scamhunt crawl --config board.yaml`,
	}
	cmd.AddCommand(newProfileCheckCmd(), newProfileSuggestCmd())
	return cmd
}

// pageURLs pairs --url flags with page files: none (file:// URLs) or one
// per file.
func pageURLs(urls, files []string) ([]string, error) {
	switch len(urls) {
	case 0:
		return make([]string, len(files)), nil
	case len(files):
		return urls, nil
	}
	return nil, fmt.Errorf("%d --url for %d pages: give one per page, in order, or none", len(urls), len(files))
}

func newProfileCheckCmd() *cobra.Command {
	var urls []string
	var asJSON bool
	var fetched string
	cmd := &cobra.Command{
		Use:   "check FILE.yaml [--url URL]... PAGE.html...",
		Short: "Show field by field what a profile and the generic extractor each read from saved pages",
		Long: `check loads a site profile strictly (unknown keys and bad patterns are errors
with their line), extracts each saved page with it and without it, and shows
for every detail field the profile's selector, what it read, what the generic
extractor read (and how), and which of the two the listing took. Give each
page's URL with --url, in order, so the profile's URL patterns apply.`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			prof, err := loadSiteFile(args[0])
			if err != nil {
				return err
			}
			files := args[1:]
			us, err := pageURLs(urls, files)
			if err != nil {
				return err
			}
			at, err := fetchedAt(fetched)
			if err != nil {
				return err
			}
			ex, err := extract.New(prof.Extract)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			enc := json.NewEncoder(out)
			for i, file := range files {
				p, err := savedPage(prof.Name, file, us[i], at)
				if err != nil {
					return err
				}
				c, err := ex.Check(p)
				if err != nil {
					return fmt.Errorf("%s: %w", file, err)
				}
				if asJSON {
					if err := enc.Encode(checkOutput{File: file, URL: p.URL, Charset: p.Charset, Check: c}); err != nil {
						return err
					}
					continue
				}
				writeCheck(out, file, p, c)
			}
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&urls, "url", nil, "the URL each page was fetched from, in order (default: file:// paths)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "one JSON object per page instead of a table")
	cmd.Flags().StringVar(&fetched, "fetched", "", "fetch time, RFC 3339 (default: file modification time)")
	return cmd
}

// checkOutput is one line of `profile check --json`.
type checkOutput struct {
	File    string `json:"file"`
	URL     string `json:"url"`
	Charset string `json:"charset"`
	extract.Check
}

func fetchedAt(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, fmt.Errorf("--fetched: %w", err)
	}
	return t, nil
}

// writeCheck prints a Check as a table.
func writeCheck(w io.Writer, file string, p scamhunt.Page, c extract.Check) {
	fmt.Fprintf(w, "== %s (%s) %s\n", file, p.Charset, p.URL)
	fmt.Fprintf(w, "with the profile  %-7s %s\n", c.Kind, clean(c.Why, 200))
	fmt.Fprintf(w, "generic           %-7s %s\n", c.GenericKind, clean(c.GenericWhy, 200))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FIELD\tSELECTOR\tPROFILE READ\tGENERIC READ\tUSED")
	for _, f := range c.Fields {
		sel, read := f.Selector, strings.Join(f.Profile, " | ")
		switch {
		case sel == "":
			sel, read = "-", "-"
		case read == "":
			read = "(matched nothing)"
		}
		gen := f.Generic
		if gen == "" {
			gen = "-"
		} else if f.How != "" {
			gen += " [" + f.How + "]"
		}
		used := f.Used
		if used == "" {
			used = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", f.Field, clean(sel, 60), clean(read, 40), clean(gen, 50), used)
	}
	tw.Flush()
	fmt.Fprintln(w)
}

// clean makes scraped text safe and short for a terminal: control
// characters (escape sequences a hostile page may hold) dropped, at most n
// runes.
func clean(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\t' {
			return ' '
		}
		return r
	}, s)
	if r := []rune(s); len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return s
}

func newProfileSuggestCmd() *cobra.Command {
	var urls []string
	var name, out string
	cmd := &cobra.Command{
		Use:   "suggest PAGE.html... [--url URL]... [--name NAME] [--out FILE.yaml]",
		Short: "Propose a site profile from two or three saved detail pages of one board",
		Long: `suggest reads two or three saved detail pages (ads) of one board and proposes
a site profile: for every field the generic extractor reads on them, the CSS
selector that reads the same on all of them; the board's name as its page
titles repeat it; the detail URL pattern from the pages' URLs (give each with
--url, in order). Fields no selector agrees on are left to the generic
extractor, with what it read as a comment. Edit the proposal, then check it
with 'scamhunt profile check'.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, files []string) error {
			us, err := pageURLs(urls, files)
			if err != nil {
				return err
			}
			var pages []scamhunt.Page
			for i, file := range files {
				p, err := savedPage(name, file, us[i], time.Time{})
				if err != nil {
					return err
				}
				pages = append(pages, p)
			}
			s, err := extract.Suggest(pages)
			if err != nil {
				return err
			}
			if name == "" {
				name = "board"
				if u, err := url.Parse(pages[0].URL); err == nil && u.Hostname() != "" {
					name = u.Hostname()
				}
			}
			var b strings.Builder
			writeSuggestion(&b, name, files, pages, s)
			// What we propose must load as a profile.
			if _, err := decodeSite("suggestion", []byte(b.String())); err != nil {
				return fmt.Errorf("the proposed profile does not load (please report): %w", err)
			}
			if out == "" {
				_, err = io.WriteString(cmd.OutOrStdout(), b.String())
				return err
			}
			if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "profile proposed in %s; check it with: scamhunt profile check %s PAGE.html\n", out, out)
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&urls, "url", nil, "the URL each page was fetched from, in order (gives detail_url and crawl.start)")
	cmd.Flags().StringVar(&name, "name", "", "the profile's name (default: the pages' host)")
	cmd.Flags().StringVar(&out, "out", "", "write the profile here (default: standard output)")
	return cmd
}

// writeSuggestion writes a proposed site file: the keys Suggest filled, and
// as comments what each field read on each page.
func writeSuggestion(w io.Writer, name string, files []string, pages []scamhunt.Page, s extract.Suggestion) {
	fmt.Fprintf(w, "# Proposed by `scamhunt profile suggest` from %d saved pages:\n", len(files))
	for i, f := range files {
		fmt.Fprintf(w, "#   %s  %s\n", clean(f, 80), clean(pages[i].URL, 120))
	}
	fmt.Fprintf(w, "# Edit it (docs/profiles.md lists every key), check it with\n")
	fmt.Fprintf(w, "#   scamhunt profile check THIS.yaml --url URL PAGE.html\n")
	fmt.Fprintf(w, "# and crawl with --config THIS.yaml.\n")
	fmt.Fprintf(w, "name: %s\n", quote(name))
	fmt.Fprintf(w, "description: %s\n", quote("proposed from "+fmt.Sprint(len(files))+" saved pages"))
	p := s.Profile
	if p.DetailURL != "" {
		fmt.Fprintf(w, "# Detail pages, written once for the crawler and the extractor.\n")
		fmt.Fprintf(w, "detail_url: %s\n", quote(p.DetailURL))
	}
	if u, err := url.Parse(pages[0].URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		fmt.Fprintf(w, "crawl:\n  start: [%s]\n", quote(u.Scheme+"://"+u.Host+"/"))
	}
	fmt.Fprintf(w, "extract:\n")
	if p.SiteName != "" {
		fmt.Fprintf(w, "  # The board's name as its <title>s end; cut from generic titles.\n")
		fmt.Fprintf(w, "  site_name: %s\n", quote(p.SiteName))
	}
	fmt.Fprintf(w, "  detail:\n")
	for _, f := range s.Fields {
		var seen []string
		for _, v := range f.Values {
			seen = append(seen, clean(v, 30))
		}
		read := strings.Join(seen, " | ")
		if f.Selector != "" {
			fmt.Fprintf(w, "    %s: %s  # %s\n", f.Field, quote(f.Selector), read)
			continue
		}
		if f.Field == "title" && strings.Trim(read, " |") == "" {
			fmt.Fprintf(w, "    # title: the generic extractor found none on these pages; write its selector here\n")
			continue
		}
		if strings.Trim(read, " |") == "" {
			continue
		}
		fmt.Fprintf(w, "    # %s: no selector reads the same on every page; the generic extractor read: %s\n", f.Field, read)
	}
}

// quote writes a YAML single-quoted scalar.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
