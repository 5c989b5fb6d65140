package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/classify"
)

func readExamples(file string) ([]classify.Example, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ex, err := classify.ReadLabelled(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return ex, nil
}

// readAll reads the examples of several files, each weighted by w (0: 1).
func readAll(files []string, w float64) ([]classify.Example, error) {
	var all []classify.Example
	for _, file := range files {
		ex, err := readExamples(file)
		if err != nil {
			return nil, err
		}
		for i := range ex {
			ex[i].Weight = w
		}
		all = append(all, ex...)
	}
	return all, nil
}

// writeSubset writes the cross-validated figures of the scored texts that
// the files name by id, all of them and those of never-read source groups;
// their errors are not listed (the corpus sections list the read ones).
func writeSubset(w io.Writer, files []string, scored []classify.Scored, casesOf []string, caseWidth int) error {
	named, err := readAll(files, 0)
	if err != nil {
		return err
	}
	ids := make(map[string]bool, len(named))
	for _, e := range named {
		ids[e.Listing.ID] = true
	}
	var sub []classify.Scored
	for _, s := range scored {
		if ids[s.Listing.ID] {
			sub = append(sub, s)
		}
	}
	_, unread := classify.SplitRead(sub)
	fmt.Fprintf(w, "\n== the %d texts of --in named by %s (%d named), cross-validated\n\n", len(sub), strings.Join(files, ", "), len(ids))
	if len(sub) == 0 {
		return nil
	}
	if err := breakCases(sub, casesOf, caseWidth).WriteText(w, 0); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n== of those, the %d texts of never-read source groups\n\n", len(unread))
	if len(unread) == 0 {
		return nil
	}
	return breakCases(unread, casesOf, caseWidth).WriteText(w, 0)
}

func loadRules(file string) (*classify.Rules, error) {
	name, data, err := readConfig(file, "rules.yaml")
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	return classify.LoadRules(name, data)
}

func newTrainCmd(*globals) *cobra.Command {
	var in, synthetic []string
	var out, rulesFile string
	var syntheticWeight float64
	var opts classify.TrainOptions
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Train the model from labelled JSONL (deterministic)",
		Long: `Train the model from labelled JSONL (deterministic). The bundled model is
trained on the real corpus (classify/testdata/real) with the synthetic corpus
beside it, weighted down so it does not dominate, its honest ads also as
pasted texts (classify.Synthetic).`,
		Example: `  scamhunt train --in classify/testdata/real/scam.jsonl,classify/testdata/real/honest.jsonl \
      --synthetic classify/testdata/train.jsonl --out configs/model.json
  scamhunt export --format train --out labels.jsonl   # people's labels as training data`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			all, err := readAll(in, 0)
			if err != nil {
				return err
			}
			extra, err := readAll(synthetic, 0)
			if err != nil {
				return err
			}
			extra = classify.Synthetic(extra, syntheticWeight)
			all = append(all, extra...)
			if opts.Rules, err = loadRules(rulesFile); err != nil {
				return err
			}
			m, err := classify.Train(all, opts)
			if err != nil {
				return err
			}
			b, err := json.MarshalIndent(m, "", " ")
			if err != nil {
				return err
			}
			if err := os.WriteFile(out, append(b, '\n'), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "trained on %d examples (%d synthetic, weight %g); model written to %s\n",
				len(all), len(extra), syntheticWeight, out)
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&in, "in", nil, "labelled JSONL file(s), full weight")
	cmd.Flags().StringSliceVar(&synthetic, "synthetic", nil, "labelled JSONL file(s) of the synthetic corpus, weighted by --synthetic-weight")
	cmd.Flags().Float64Var(&syntheticWeight, "synthetic-weight", classify.DefaultSyntheticWeight, "loss weight of a synthetic example")
	cmd.Flags().StringVar(&out, "out", "configs/model.json", "model file to write")
	cmd.Flags().StringVar(&rulesFile, "rules", "", "rules file whose hits are model features (default: the bundled configs/rules.yaml)")
	cmd.Flags().IntVar(&opts.Epochs, "epochs", 0, "passes over the data (0: default)")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 0, "shuffling seed (0: default); the same data and seed give the same model")
	cmd.MarkFlagRequired("in")
	return cmd
}

func newEvalCmd(*globals) *cobra.Command {
	var in, synthetic, shared, fresh, subset []string
	var baseline string
	var cv bool
	var folds, cases, caseWidth int
	var casesOf []string
	var syntheticWeight float64
	var cls classifierFlags
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Measure the classifier on labelled JSONL, or cross-validate it on the real corpus",
		Long: `Measure the classifier on labelled JSONL: precision, recall and F1 (with
--baseline, of the keyword list instead).

With --cv, cross-validate on the real corpus given by --in: the texts are split
into folds by source (every text of one page, repository file or dataset in one
fold), a model is trained on the other folds plus the --synthetic corpus and
tested on each fold; recall is reported by source type, kind and scam type,
false flags by honest kind, each beside the --baseline keyword list on the same
texts: for all texts, then for the two fifths of source groups whose errors
are never read (classify.ReadGroup) and the three fifths that are, whose
missed scams and false flags are listed (--cases; --cases-of deposit,warning
lists only those scam types and honest kinds, --case-width runes of each). Each --shared file of honest ads is then scored by the bundled classifier
(which never saw it) beside the baseline. The --fresh files (real texts
gathered after the model was trained, never trained on) are scored by the
bundled classifier too, split as the corpus is into never-read and read
source groups; only the read groups' errors are listed. The texts of --in
that the --subset files name by id (the ../shared dev files: the sealed
evaluation set's own family) are reported apart, all and never-read groups.
Every share flagged carries a 95% interval: the wider of a Wilson interval
over the texts and a bootstrap over source groups (texts of one page are not
independent draws; over 500 groups, the cluster-robust normal interval).
Scam rows give the figures over all texts and over the texts with content:
those not marked "context": true, a line of a scam chat that carries no scam
element on its own (testdata/real/context.tsv says how they were annotated).`,
		Example: `  scamhunt eval --in classify/testdata/heldout.jsonl
  scamhunt eval --cv --in classify/testdata/real/scam.jsonl,classify/testdata/real/honest.jsonl \
      --synthetic classify/testdata/train.jsonl --baseline classify/testdata/keywords.txt \
      --shared ../shared/data/honest_58tongcheng.jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var kw *classify.Keywords
			if baseline != "" {
				data, err := os.ReadFile(baseline)
				if err != nil {
					return err
				}
				kw = classify.ParseKeywords(data)
			}
			ex, err := readAll(in, 0)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if !cv {
				var c scamhunt.Classifier = kw
				if kw == nil {
					if c, err = cls.load(); err != nil {
						return err
					}
				}
				return classify.Evaluate(c, ex).WriteText(w)
			}
			extra, err := readAll(synthetic, 0)
			if err != nil {
				return err
			}
			rules, err := loadRules(cls.rules)
			if err != nil {
				return err
			}
			opts := classify.CVOptions{Folds: folds, Train: classify.TrainOptions{Rules: rules},
				Extra: extra, ExtraWeight: syntheticWeight}
			if kw != nil {
				opts.Baseline = kw
			}
			scored, err := classify.CrossValidate(ex, opts)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "== cross-validation by source: %d real texts, %d folds, %d synthetic examples (weight %g) added to each training set\n\n",
				len(ex), cmp.Or(folds, 5), len(extra), syntheticWeight)
			read, unread := classify.SplitRead(scored)
			for _, part := range []struct {
				head   string
				scored []classify.Scored
				cases  int
			}{
				{"", scored, 0},
				{fmt.Sprintf("\n== the %d texts of never-read source groups (2/5 by hash: their errors are not listed, so rules are not written from them)\n\n", len(unread)), unread, 0},
				{fmt.Sprintf("\n== the %d texts of read source groups (3/5 by hash), with their errors\n\n", len(read)), read, cases},
			} {
				if len(part.scored) == 0 {
					continue
				}
				fmt.Fprint(w, part.head)
				if err := breakCases(part.scored, casesOf, caseWidth).WriteText(w, part.cases); err != nil {
					return err
				}
			}
			if len(subset) > 0 {
				if err := writeSubset(w, subset, scored, casesOf, caseWidth); err != nil {
					return err
				}
			}
			if len(shared)+len(fresh) == 0 {
				return nil
			}
			c, err := cls.load()
			if err != nil {
				return err
			}
			var base scamhunt.Classifier // nil, not a nil *Keywords, without --baseline
			if kw != nil {
				base = kw
			}
			if len(fresh) > 0 {
				fx, err := readAll(fresh, 0)
				if err != nil {
					return err
				}
				read, unread := classify.SplitRead(classify.Score(c, base, fx))
				fmt.Fprintf(w, "\n== the fresh set (%s: never trained on), bundled classifier: the %d texts of never-read source groups\n", strings.Join(fresh, ", "), len(unread))
				if err := breakCases(unread, casesOf, caseWidth).WriteText(w, 0); err != nil {
					return err
				}
				fmt.Fprintf(w, "\n== the fresh set: the %d texts of read source groups, with their errors\n", len(read))
				if err := breakCases(read, casesOf, caseWidth).WriteText(w, cases); err != nil {
					return err
				}
			}
			for _, f := range shared {
				sx, err := readExamples(f)
				if err != nil {
					return err
				}
				fmt.Fprintf(w, "\n== %s (never trained on), bundled classifier\n", f)
				if err := breakCases(classify.Score(c, base, sx), casesOf, caseWidth).WriteText(w, cases); err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&in, "in", nil, "labelled JSONL file(s) (classify input plus label and optional category)")
	cmd.Flags().StringVar(&baseline, "baseline", "", "keyword list (one word per line): score it instead or, with --cv, beside the classifier")
	cmd.Flags().BoolVar(&cv, "cv", false, "cross-validate on --in, grouped by source")
	cmd.Flags().IntVar(&folds, "folds", 0, "cross-validation folds (0: 5)")
	cmd.Flags().StringSliceVar(&synthetic, "synthetic", nil, "with --cv: synthetic corpus added to every training fold, never tested on")
	cmd.Flags().Float64Var(&syntheticWeight, "synthetic-weight", classify.DefaultSyntheticWeight, "with --cv: loss weight of a synthetic example")
	cmd.Flags().StringSliceVar(&shared, "shared", nil, "with --cv: files of honest texts to score with the bundled classifier")
	cmd.Flags().StringSliceVar(&fresh, "fresh", nil, "with --cv: files of real texts gathered after training (scam and honest) to score with the bundled classifier, by read and never-read source groups")
	cmd.Flags().StringSliceVar(&subset, "subset", nil, "with --cv: files naming texts of --in by id, whose cross-validated figures are reported apart")
	cmd.Flags().IntVar(&cases, "cases", 10, "with --cv: missed scam texts and false flags to list")
	cmd.Flags().StringSliceVar(&casesOf, "cases-of", nil, "with --cv: list only the cases of these scam types or honest kinds (deposit, warning, …)")
	cmd.Flags().IntVar(&caseWidth, "case-width", 40, "with --cv: runes of each listed case's text")
	cmd.MarkFlagRequired("in")
	cls.add(cmd.Flags())
	return cmd
}

// breakCases breaks scored texts down with the listed cases limited to
// the given categories and shown width runes wide.
func breakCases(scored []classify.Scored, categories []string, width int) classify.Breakdown {
	b := classify.Break(scored).CasesOf(categories...)
	b.CaseWidth = width
	return b
}
