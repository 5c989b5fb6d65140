package main

import (
	"encoding/json"
	"fmt"
	"os"

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

func newTrainCmd(*globals) *cobra.Command {
	var in []string
	var out, rulesFile string
	var opts classify.TrainOptions
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Train the model from labelled JSONL (deterministic)",
		Example: `  scamhunt train --in classify/testdata/train.jsonl --out configs/model.json
  scamhunt export --format train --out labels.jsonl   # people's labels as training data`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var all []classify.Example
			for _, file := range in {
				ex, err := readExamples(file)
				if err != nil {
					return err
				}
				all = append(all, ex...)
			}
			name, data, err := readConfig(rulesFile, "rules.yaml")
			if err != nil {
				return fmt.Errorf("rules: %w", err)
			}
			if opts.Rules, err = classify.LoadRules(name, data); err != nil {
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
			fmt.Fprintf(cmd.OutOrStdout(), "trained on %d examples; model written to %s\n", len(all), out)
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&in, "in", nil, "labelled JSONL file(s)")
	cmd.Flags().StringVar(&out, "out", "configs/model.json", "model file to write")
	cmd.Flags().StringVar(&rulesFile, "rules", "", "rules file whose hits are model features (default: the bundled configs/rules.yaml)")
	cmd.Flags().IntVar(&opts.Epochs, "epochs", 0, "passes over the data (0: default)")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 0, "shuffling seed (0: default); the same data and seed give the same model")
	cmd.MarkFlagRequired("in")
	return cmd
}

func newEvalCmd(*globals) *cobra.Command {
	var in, baseline string
	var cls classifierFlags
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Precision, recall and F1 of the classifier on labelled JSONL",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var c scamhunt.Classifier
			if baseline != "" {
				data, err := os.ReadFile(baseline)
				if err != nil {
					return err
				}
				c = classify.ParseKeywords(data)
			} else {
				cl, err := cls.load()
				if err != nil {
					return err
				}
				c = cl
			}
			ex, err := readExamples(in)
			if err != nil {
				return err
			}
			return classify.Evaluate(c, ex).WriteText(cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&in, "in", "", "labelled JSONL (classify input plus label and optional category)")
	cmd.Flags().StringVar(&baseline, "baseline", "", "score a keyword list (one word per line) instead, the baseline to beat")
	cmd.MarkFlagRequired("in")
	cls.add(cmd.Flags())
	return cmd
}
