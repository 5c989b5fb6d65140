package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/index"
	"github.com/scamhunt/scamhunt/store"
)

func newReindexCmd(g *globals) *cobra.Command {
	var cls classifierFlags
	cmd := &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search index from the listing store, classifier and human labels re-applied",
		Long: `The index is derived data: every listing a crawl extracted is kept in the
listing store (DATA/listings.db) and people's labels in DATA/overrides.jsonl.
reindex classifies every stored listing again, applies contact reputation
and the human labels, and writes a new index. A damaged index is moved
aside (index.bleve.broken-TIME) and kept; a sound one is replaced. Under a
running serve the index is rebuilt in place, while it serves.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			log := g.stdLogger(cmd)
			n, err := reindex(cmd.Context(), g, cls, log, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "index rebuilt: %d listings, %d verdicts changed, %d human labels\n", n.listings, n.judged.Changed, n.labels)
			return nil
		},
	}
	cls.add(cmd.Flags())
	usesData(cmd)
	return cmd
}

type reindexed struct {
	listings, labels int
	judged           judged
}

// reindex rebuilds the index from the store. Offline it writes a new Bleve
// index in place of the old; when the data dir's index is already open (a
// serve runs this) or remote (Meilisearch) every record is written again
// over it and listings the store does not have are deleted.
func reindex(ctx context.Context, g *globals, cls classifierFlags, log *slog.Logger, stderr io.Writer) (reindexed, error) {
	d := g.dir
	var res reindexed
	st, err := d.openStore()
	if err != nil {
		return res, err
	}
	d.mu.Lock()
	inPlace := d.idx != nil || (d.backend.backend != "bleve" && d.backend.backend != "")
	d.mu.Unlock()
	var old string
	if !inPlace {
		if old, err = setAside(ctx, d, st, log, stderr); err != nil {
			return res, err
		}
	}
	if n, err := st.Len(); err != nil {
		return res, err
	} else if n == 0 {
		return res, fmt.Errorf("the listing store %s is empty: crawl the board to fill it", d.file("listings.db"))
	}
	// Verdicts first, in the store alone; the index is written once after.
	rc, err := newReclassifier(g, cls, st, nil, log)
	if err != nil {
		return res, err
	}
	if err := st.SetMeta(metaClassifier, ""); err != nil {
		return res, err
	}
	if res.judged, err = rc.run(ctx); err != nil {
		return res, err
	}
	var idx index.Index
	if inPlace {
		if _, idx, err = d.open(ctx, log); err != nil {
			return res, err
		}
		if res.listings, err = d.rebuild(ctx, st, idx, log); err != nil {
			return res, err
		}
		if err := dropUnstored(ctx, st, idx); err != nil {
			return res, err
		}
	} else {
		// The index is missing now: open rebuilds it.
		if _, idx, err = d.open(ctx, log); err != nil {
			return res, err
		}
		if res.listings, err = idx.Count(ctx); err != nil {
			return res, err
		}
		if old != "" {
			if err := os.RemoveAll(old); err != nil {
				return res, err
			}
		}
	}
	ovs, err := d.overrides(log)
	if err != nil {
		return res, err
	}
	for id := range ovs {
		if _, ok, err := st.Head(id); err == nil && ok {
			res.labels++
		}
	}
	return res, nil
}

// setAside moves the Bleve index out of the way so a new one is built. A
// readable one goes to index.bleve.old (returned, to delete once the new
// one is built); one that cannot be read is kept as
// index.bleve.broken-TIME and reported. A data dir made before the store
// fills its store from a readable index first, or from an older
// scamhunt's index, which is then kept as index.bleve.schema-N-TIME.
func setAside(ctx context.Context, d *dataDir, st *store.Store, log *slog.Logger, stderr io.Writer) (string, error) {
	dir := d.indexDir()
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	b, err := index.OpenBleve(dir)
	if errors.Is(err, index.ErrLocked) {
		return "", err
	}
	if old := (*index.SchemaError)(nil); errors.As(err, &old) {
		// An older scamhunt's index: its listings go to the store first.
		return "", d.upgrade(ctx, st, old, log)
	}
	if err == nil {
		err = d.seed(ctx, st, b, log)
		if cerr := b.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return "", err
		}
		old := dir + ".old"
		if err := os.RemoveAll(old); err != nil {
			return "", err
		}
		return old, os.Rename(dir, old)
	}
	broken := dir + ".broken-" + time.Now().UTC().Format("20060102T150405")
	if err := os.Rename(dir, broken); err != nil {
		return "", err
	}
	fmt.Fprintf(stderr, "the index could not be read (%v); it is kept as %s\n", err, broken)
	return "", nil
}

// dropUnstored deletes from idx the listings the store does not have.
func dropUnstored(ctx context.Context, st *store.Store, idx index.Index) error {
	var drop []string
	err := idx.All(ctx, func(r scamhunt.Record) error {
		if _, ok, err := st.Head(r.Listing.ID); err != nil || ok {
			return err
		}
		drop = append(drop, r.Listing.ID)
		return nil
	})
	if err != nil || len(drop) == 0 {
		return err
	}
	return idx.Delete(ctx, drop)
}
