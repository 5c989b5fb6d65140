package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/scamhunt/scamhunt/classify"
)

func newClassifyCmd(*globals) *cobra.Command {
	var in, out string
	var cls classifierFlags
	cmd := &cobra.Command{
		Use:   "classify",
		Short: "Classify JSONL listings: one verdict per input line",
		Long: `classify reads JSONL listings ({"id", "title", "body"; optional "salary",
"company", "contacts", "city", "url"}) and writes one JSONL verdict per line:
{"id", "label", "score", "categories": [...], "reasons": [{"rule", "category",
"weight", "field", "match"}]}. A line that is not a JSON object is reported
on stderr with its number and skipped; the run fails at the end if any was.`,
		Example: `  scamhunt classify --in ads.jsonl > verdicts.jsonl
  echo '{"id":"1","title":"刷单兼职","body":"日赚300，加薇信 abc123"}' | scamhunt classify`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := cls.load()
			if err != nil {
				return err
			}
			r := cmd.InOrStdin()
			if in != "" && in != "-" {
				f, err := os.Open(in)
				if err != nil {
					return err
				}
				defer f.Close()
				r = f
			}
			w := cmd.OutOrStdout()
			if out != "" && out != "-" {
				f, err := os.Create(out)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			return classifyStream(c, r, w, cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&in, "in", "", "input JSONL (default stdin)")
	cmd.Flags().StringVar(&out, "out", "", "output JSONL (default stdout)")
	cls.add(cmd.Flags())
	return cmd
}

// classifyStream classifies line by line, so input of any size streams.
func classifyStream(c *classify.Classifier, r io.Reader, w io.Writer, stderr io.Writer) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	bad, n := 0, 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if len(line) == 0 {
			continue
		}
		var in classify.Input
		if err := json.Unmarshal(line, &in); err != nil {
			bad++
			fmt.Fprintf(stderr, "line %d: %v\n", n, err)
			continue
		}
		if err := enc.Encode(c.Classify(in.Listing())); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", n+1, err)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if bad > 0 {
		return errors.New(fmt.Sprint(bad, " bad input lines skipped"))
	}
	return nil
}
