package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"time"

	"github.com/spf13/cobra"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/classify"
	"github.com/scamhunt/scamhunt/index"
)

// contactList reads an operator's allow or block list under the data dir;
// a missing file is an empty list.
func contactList(file string) ([]scamhunt.Contact, error) {
	data, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	cs, err := classify.ParseContactList(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return cs, nil
}

// reclassifyAll classifies every indexed listing again and applies contact
// reputation across the whole index (a gang shows as one contact on many
// listings), writing back the records whose verdict changed, then applies
// people's labels from the overrides file: they live beside the verdict and
// outlast every re-classification. It returns how many verdicts changed.
func reclassifyAll(ctx context.Context, g *globals, idx index.Index, cls judge, log *slog.Logger) (int, error) {
	allow, err := contactList(filepath.Join(g.data, "allow.txt"))
	if err != nil {
		return 0, err
	}
	block, err := contactList(filepath.Join(g.data, "block.txt"))
	if err != nil {
		return 0, err
	}
	var recs []scamhunt.Record
	if err := idx.All(ctx, func(r scamhunt.Record) error {
		recs = append(recs, r)
		return nil
	}); err != nil {
		return 0, err
	}
	rep := classify.NewReputation(recs, allow, block, classify.ReputationConfig{})
	var changed []scamhunt.Record
	now := time.Now()
	for _, r := range recs {
		v := rep.Adjust(r.Listing, cls.Classify(r.Listing))
		if reflect.DeepEqual(v, r.Verdict) && cls.current(r) {
			continue
		}
		// A verdict this classifier confirms is its verdict now: its
		// provenance says so.
		r.Verdict = v
		cls.stamp(&r, now)
		changed = append(changed, r)
	}
	for i := 0; i < len(changed); i += 500 {
		if err := idx.Upsert(ctx, changed[i:min(i+500, len(changed))]); err != nil {
			return 0, err
		}
	}
	if _, err := g.applyOverrides(ctx, idx); err != nil {
		return 0, err
	}
	log.Info("reclassified", "listings", len(recs), "changed", len(changed))
	return len(changed), nil
}

func newReclassifyCmd(g *globals) *cobra.Command {
	var cls classifierFlags
	cmd := &cobra.Command{
		Use:   "reclassify",
		Short: "Classify every indexed listing again (new rules or model), keeping human labels",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			idx, c, err := g.openWithClassifier(cmd.Context(), cls)
			if err != nil {
				return err
			}
			defer idx.Close()
			n, err := reclassifyAll(cmd.Context(), g, idx, c, g.mustLogger())
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d verdicts changed\n", n)
			return nil
		},
	}
	cls.add(cmd.Flags())
	return cmd
}
