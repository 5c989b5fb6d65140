package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/scamhunt/scamhunt"
)

func newLabelCmd(g *globals) *cobra.Command {
	var note string
	var clear bool
	cmd := &cobra.Command{
		Use:   "label ID scam|suspicious|legit",
		Short: "Confirm or override a listing's verdict (kept apart from the model's)",
		Example: `  scamhunt label 3f2a9c01d4e5b6a7 scam --note "victim report 2026-11-20"
  scamhunt label 3f2a9c01d4e5b6a7 --clear`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := args[0]
			var o *scamhunt.Override
			switch {
			case clear && len(args) == 1:
			case !clear && len(args) == 2:
				l := scamhunt.Label(args[1])
				if !l.Valid() {
					return fmt.Errorf("label %q: want scam, suspicious or legit", args[1])
				}
				o = &scamhunt.Override{Label: l, Note: note, At: time.Now().UTC()}
			default:
				return fmt.Errorf("give a label, or --clear without one")
			}
			st, idx, err := g.dir.open(cmd.Context(), g.stdLogger(cmd))
			if err != nil {
				return err
			}
			if err := g.dir.setLabel(cmd.Context(), st, idx, id, o); err != nil {
				return fmt.Errorf("label %s: %w", id, err)
			}
			if o == nil {
				fmt.Fprintf(cmd.OutOrStdout(), "%s: human label cleared\n", id)
			} else {
				fmt.Fprintf(cmd.OutOrStdout(), "%s: labelled %s\n", id, o.Label)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&note, "note", "", "why (kept with the label)")
	cmd.Flags().BoolVar(&clear, "clear", false, "remove the human label")
	usesData(cmd)
	return cmd
}
