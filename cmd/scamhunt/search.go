package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scamhunt/scamhunt"
)

func newSearchCmd(g *globals) *cobra.Command {
	var q scamhunt.Query
	var label, since, until string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "search [QUERY]",
		Short: "Search the index: words, a phone, QQ or WeChat in any written form",
		Example: `  scamhunt search 刷单
  scamhunt search --label scam --city 长春 日结
  scamhunt search --json "１３８-1234-5678"`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			q.Text = strings.Join(args, " ")
			q.Label = scamhunt.Label(label)
			if label != "" && !q.Label.Valid() {
				return fmt.Errorf("--label %q: want scam, suspicious or legit", label)
			}
			var err error
			if since != "" {
				if q.Since, err = parseDate(since); err != nil {
					return err
				}
			}
			if until != "" {
				if q.Until, err = parseDate(until); err != nil {
					return err
				}
			}
			_, idx, err := g.dir.open(cmd.Context(), g.stdLogger(cmd))
			if err != nil {
				return err
			}
			res, err := idx.Search(cmd.Context(), q)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetEscapeHTML(true)
				return enc.Encode(res)
			}
			writeHits(cmd.OutOrStdout(), res, q)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&asJSON, "json", false, `print {"total", "hits": [...]} as JSON`)
	fl.StringVar(&label, "label", "", "only this label: scam, suspicious, legit")
	fl.StringSliceVar(&q.Categories, "category", nil, "only these categories (any of)")
	fl.StringVar(&q.City, "city", "", "only this city (as shown, e.g. 长春)")
	fl.StringVar(&q.Site, "site", "", "only this site")
	fl.StringVar(&q.Contact, "contact", "", "only listings with this contact (any written form)")
	fl.StringVar(&since, "since", "", "posted on or after (2026-11-01)")
	fl.StringVar(&until, "until", "", "posted before")
	fl.StringVar(&q.Sort, "sort", "", "relevance (default), score or newest")
	fl.IntVar(&q.Limit, "limit", scamhunt.DefaultLimit, "hits per page")
	fl.IntVar(&q.Offset, "offset", 0, "hits to skip")
	usesData(cmd)
	return cmd
}

func writeHits(w io.Writer, res scamhunt.Result, q scamhunt.Query) {
	fmt.Fprintf(w, "%d listings match\n", res.Total)
	for i, h := range res.Hits {
		cats := make([]string, len(h.Categories))
		for j, c := range h.Categories {
			cats[j] = scamhunt.CategoryNames[c]
		}
		fmt.Fprintf(w, "\n%d. [%s %.2f] %s  (%s %s)\n   %s\n", q.Offset+i+1, h.Label, h.Score, oneLine(h.Title), h.City, h.ID, h.URL)
		if len(cats) > 0 {
			fmt.Fprintf(w, "   categories: %s\n", strings.Join(cats, ", "))
		}
		for j, r := range h.Reasons {
			if j == 3 {
				break
			}
			fmt.Fprintf(w, "   - %s (%s, %+.2f): %q\n", r.Rule, r.Field, r.Weight, oneLine(r.Match))
		}
	}
}

// oneLine keeps scraped text from moving the terminal around: control
// characters (escape sequences included) are dropped.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
}
