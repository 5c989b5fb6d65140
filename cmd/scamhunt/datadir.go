package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/classify"
	"github.com/scamhunt/scamhunt/index"
	"github.com/scamhunt/scamhunt/store"
)

// dataDir is an open data directory: its lock (this process owns it), the
// listing store and the index, opened on first use. A serve lends it to
// the commands it runs for other processes, so they share one open index.
type dataDir struct {
	path    string // absolute
	lock    *dirLock
	backend indexFlags

	mu  sync.Mutex // guards opening
	st  *store.Store
	idx index.Index

	// write pairs store and index writes: a pipeline batch (store, then
	// index) holds it shared; a reclassification or reindex batch, which
	// reads the store and writes both, holds it alone.
	write  sync.RWMutex
	labels sync.Mutex // one label append at a time
	judge  sync.Mutex // one reclassification or reindex at a time

	ovMu  sync.Mutex
	ovs   map[string]*scamhunt.Override // the overrides file as last read
	ovKey string                        // its size and time then
}

// indexFlags choose the search backend.
type indexFlags struct {
	backend, meiliURL, meiliName string
}

func (d *dataDir) file(name string) string { return filepath.Join(d.path, name) }
func (d *dataDir) indexDir() string        { return d.file("index.bleve") }

// rebuildMarker exists while the index is being rebuilt; an index found
// with it was left half built and is rebuilt again.
func (d *dataDir) rebuildMarker() string { return d.file("index.rebuilding") }

// openStore opens the listing store.
func (d *dataDir) openStore() (*store.Store, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.st != nil {
		return d.st, nil
	}
	st, err := store.Open(d.file("listings.db"), store.Options{})
	if err != nil {
		return nil, err
	}
	d.st = st
	return st, nil
}

// openAsync starts open and returns a function that waits for it.
func (d *dataDir) openAsync(ctx context.Context, log *slog.Logger) func() (*store.Store, index.Index, error) {
	type result struct {
		st  *store.Store
		idx index.Index
		err error
	}
	done := make(chan result, 1)
	go func() {
		st, idx, err := d.open(ctx, log)
		done <- result{st, idx, err}
	}()
	wait := sync.OnceValue(func() result { return <-done })
	return func() (*store.Store, index.Index, error) {
		r := wait()
		return r.st, r.idx, r.err
	}
}

// open opens the store and the index. An index that is missing (deleted,
// or left half built) is rebuilt from the store first; one that cannot be
// read is an error naming the fix. A data dir made before the store
// existed has its store filled from the index once.
func (d *dataDir) open(ctx context.Context, log *slog.Logger) (*store.Store, index.Index, error) {
	st, err := d.openStore()
	if err != nil {
		return nil, nil, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.idx != nil {
		return st, d.idx, nil
	}
	idx, missing, err := d.openIndex(ctx)
	if old := (*index.SchemaError)(nil); errors.As(err, &old) {
		// An index an older scamhunt built: carry its records over to the
		// store, keep it aside, and rebuild.
		if err := d.upgrade(ctx, st, old, log); err != nil {
			return nil, nil, err
		}
		idx, missing, err = d.openIndex(ctx)
	}
	if err != nil {
		return nil, nil, err
	}
	if !missing {
		if err := d.seed(ctx, st, idx, log); err != nil {
			idx.Close()
			return nil, nil, err
		}
	} else if n, err := st.Len(); err != nil || n > 0 {
		if err == nil {
			log.Info("index_missing_rebuilding", "dir", d.indexDir(), "listings", n)
			_, err = d.rebuild(ctx, st, idx, log)
		}
		if err != nil {
			idx.Close()
			return nil, nil, fmt.Errorf("rebuild the missing index: %w", err)
		}
	}
	d.idx = idx
	return st, idx, nil
}

// openIndex opens the backend chosen by --index; missing says a Bleve
// index had to be created (or was left half built).
func (d *dataDir) openIndex(ctx context.Context) (idx index.Index, missing bool, err error) {
	switch d.backend.backend {
	case "bleve", "":
		dir := d.indexDir()
		if _, err := os.Stat(d.rebuildMarker()); err == nil {
			if err := os.RemoveAll(dir); err != nil {
				return nil, false, fmt.Errorf("half-built index: %w", err)
			}
		}
		if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
			missing = true
		}
		b, err := index.OpenBleve(dir)
		var corrupt *index.CorruptError
		switch {
		case errors.Is(err, index.ErrLocked):
			return nil, false, fmt.Errorf("%w (a scamhunt older than the data dir lock?)", err)
		case errors.As(err, new(*index.SchemaError)):
			return nil, false, err
		case errors.As(err, &corrupt):
			return nil, false, fmt.Errorf("the index %s is corrupt (%s: %s): run `scamhunt reindex --data %s` to rebuild it from the listing store (the damaged index is kept aside)", dir, corrupt.File, corrupt.Why, d.path)
		case err != nil && !missing:
			return nil, false, fmt.Errorf("the index %s cannot be read (%w): run `scamhunt reindex --data %s` to rebuild it from the listing store", dir, err, d.path)
		case err != nil:
			return nil, false, err
		}
		return b, missing, nil
	case "meili":
		cfg := index.MeiliConfig{URL: d.backend.meiliURL, Key: os.Getenv("SCAMHUNT_MEILI_KEY"), Index: d.backend.meiliName}
		if err := cfg.Validate(); err != nil {
			return nil, false, fmt.Errorf("--index meili: %w", err)
		}
		m, err := index.OpenMeili(ctx, cfg)
		return m, false, err
	default:
		return nil, false, fmt.Errorf("--index %q: want bleve or meili", d.backend.backend)
	}
}

// keepLabels writes to the overrides file, the labels' record of truth,
// the human labels an older index held that the file lacks, so a rebuild
// re-applies them.
func (d *dataDir) keepLabels(labels map[string]*scamhunt.Override, log *slog.Logger) error {
	if len(labels) == 0 {
		return nil
	}
	have, err := d.overrides(log)
	if err != nil {
		return err
	}
	ids := slices.Sorted(maps.Keys(labels))
	for _, id := range ids {
		if _, ok := have[id]; ok {
			continue
		}
		if err := appendOverride(d.file("overrides.jsonl"), id, labels[id]); err != nil {
			return err
		}
	}
	return nil
}

// upgrade carries the records of an index built by an older scamhunt into
// an empty store (a data dir from before the store, whose index is the only
// copy of what was crawled), then moves that index aside as
// index.bleve.schema-N-TIME, kept, so the caller builds a new one from the
// store. A store that already holds listings is the record of truth: the
// old index is only moved aside.
func (d *dataDir) upgrade(ctx context.Context, st *store.Store, old *index.SchemaError, log *slog.Logger) error {
	n, err := st.Len()
	if err != nil {
		return err
	}
	if n == 0 {
		oldRecords := func(ctx context.Context, fn func(scamhunt.Record) error) error {
			return index.OldRecords(ctx, old.Dir, fn)
		}
		if n, err = d.fill(ctx, st, oldRecords, log); err != nil {
			return fmt.Errorf("carry the listings of the old index %s over: %w", old.Dir, err)
		}
	}
	aside := fmt.Sprintf("%s.schema-%s-%s", old.Dir, cmp.Or(old.Got, "unknown"), time.Now().UTC().Format("20060102T150405"))
	if err := os.Rename(old.Dir, aside); err != nil {
		return fmt.Errorf("move the old index aside: %w", err)
	}
	log.Info("index_upgraded", "old_schema", old.Got, "listings", n, "kept_as", aside)
	return nil
}

// seed fills an empty store from the index once: a data dir from before
// the store keeps its listings. The verdicts are taken as they are; the
// first reclassification judges them again (the store knows no
// classifier yet).
func (d *dataDir) seed(ctx context.Context, st *store.Store, idx index.Index, log *slog.Logger) error {
	if done, err := st.Meta(metaSeeded); err != nil || done != "" {
		return err
	}
	if n, err := st.Len(); err != nil || n > 0 {
		if err == nil {
			err = st.SetMeta(metaSeeded, "1")
		}
		return err
	}
	n, err := d.fill(ctx, st, idx.All, log)
	if err != nil {
		return fmt.Errorf("fill the listing store from the index: %w", err)
	}
	if n > 0 {
		log.Info("store_filled_from_index", "listings", n)
	}
	return nil
}

// fill puts the records walk gives into the empty store st, keeps their
// human labels in the overrides file, and marks the store seeded. It
// returns how many it put.
func (d *dataDir) fill(ctx context.Context, st *store.Store, walk func(context.Context, func(scamhunt.Record) error) error, log *slog.Logger) (int, error) {
	n := 0
	labels := map[string]*scamhunt.Override{}
	err := pages(ctx, walk, batchSize, func(recs []scamhunt.Record) error {
		batch := make([]store.Record, len(recs))
		for i, r := range recs {
			batch[i] = storeRecord(r)
			if r.Override != nil {
				labels[r.Listing.ID] = r.Override
			}
		}
		n += len(batch)
		_, err := st.Put(ctx, batch)
		return err
	})
	if err == nil {
		err = d.keepLabels(labels, log)
	}
	if err == nil {
		err = st.SetMeta(metaSeeded, "1")
	}
	return n, err
}

// Store settings.
const (
	metaSeeded     = "seeded"     // the store was filled from an older index
	metaClassifier = "classifier" // maker of the verdicts (judge.fingerprint); "" when unknown or mixed
	metaLists      = "lists"      // hash of allow.txt and block.txt the verdicts were made with
)

// batchSize is how many records one store write holds; indexBatch how
// many one index write does (a Bleve batch waits for its segment to be
// synced to disk, so fewer, bigger ones).
const (
	batchSize  = 256
	indexBatch = 2048
)

// storeRecord is what the store keeps of an indexed record.
func storeRecord(r scamhunt.Record) store.Record {
	return store.Record{
		Listing: r.Listing, Base: r.Verdict, Verdict: r.Verdict, Provenance: r.Provenance, FirstSeen: r.FirstSeen, LastSeen: r.LastSeen,
		Removed: r.Removed, Contacts: classify.ContactKeys(r.Listing),
	}
}

// indexRecord is what the index holds of a stored record; o is the human
// label, if any (the index keeps its own when o is nil).
func indexRecord(r store.Record, o *scamhunt.Override) scamhunt.Record {
	return scamhunt.Record{Listing: r.Listing, Verdict: r.Verdict, Provenance: r.Provenance, Override: o, FirstSeen: r.FirstSeen, LastSeen: r.LastSeen, Removed: r.Removed}
}

// overrides reads the human labels, reporting bad lines to log. The file
// is read again only when it changed, so a bad line is reported once per
// change, not by every step of a command; the map is shared: read only.
func (d *dataDir) overrides(log *slog.Logger) (map[string]*scamhunt.Override, error) {
	file := d.file("overrides.jsonl")
	key := "missing"
	if fi, err := os.Stat(file); err == nil {
		key = fmt.Sprint(fi.Size(), fi.ModTime().UnixNano())
	}
	d.ovMu.Lock()
	defer d.ovMu.Unlock()
	if d.ovs != nil && key == d.ovKey {
		return d.ovs, nil
	}
	m, err := readOverrides(file, logBadLine(log))
	if err != nil {
		return nil, err
	}
	d.ovs, d.ovKey = m, key
	return m, nil
}

// setLabel records a human label (nil clears it) in the index and the
// overrides file, and marks the listing for the next reclassification:
// a person's scam label confirms the contacts it carries.
func (d *dataDir) setLabel(ctx context.Context, st *store.Store, idx index.Index, id string, o *scamhunt.Override) error {
	d.labels.Lock()
	defer d.labels.Unlock()
	if err := idx.SetOverride(ctx, id, o); err != nil {
		return err
	}
	if err := appendOverride(d.file("overrides.jsonl"), id, o); err != nil {
		return err
	}
	return st.MarkDirty(ctx, []string{id})
}

// replace writes stored records to the index as they are, with their
// human labels from the overrides file. It holds the label lock, so a
// label set meanwhile is not written over.
func (d *dataDir) replace(ctx context.Context, idx index.Index, recs []store.Record, log *slog.Logger) error {
	if len(recs) == 0 {
		return nil
	}
	d.labels.Lock()
	defer d.labels.Unlock()
	ovs, err := d.overrides(log)
	if err != nil {
		return err
	}
	out := make([]scamhunt.Record, len(recs))
	for i, r := range recs {
		out[i] = indexRecord(r, ovs[r.Listing.ID])
	}
	return idx.Replace(ctx, out)
}

// rebuild writes every stored listing into idx with the human labels of
// the overrides file; it returns how many. The rebuild marker stays if it
// is interrupted, so the next open starts it over.
func (d *dataDir) rebuild(ctx context.Context, st *store.Store, idx index.Index, log *slog.Logger) (int, error) {
	marker := d.backend.backend == "bleve" || d.backend.backend == ""
	if marker {
		if err := os.WriteFile(d.rebuildMarker(), nil, 0o644); err != nil {
			return 0, err
		}
	}
	n := 0
	err := pages(ctx, st.IDs, indexBatch, func(ids []string) error {
		d.write.Lock()
		defer d.write.Unlock()
		// Read under the lock: a crawl may have written since the walk.
		recs := make([]store.Record, 0, len(ids))
		for _, id := range ids {
			r, ok, err := st.Get(id)
			if err != nil {
				return err
			}
			if ok {
				recs = append(recs, r)
			}
		}
		n += len(recs)
		return d.replace(ctx, idx, recs, log)
	})
	if err != nil {
		return n, err
	}
	if marker {
		if err := os.Remove(d.rebuildMarker()); err != nil {
			return n, err
		}
	}
	log.Info("index_rebuilt", "listings", n)
	return n, nil
}

// close closes the index and the store and frees the lock.
func (d *dataDir) close() error {
	var errs []error
	if d.idx != nil {
		errs = append(errs, d.idx.Close())
	}
	if d.st != nil {
		errs = append(errs, d.st.Close())
	}
	if d.lock != nil {
		d.lock.release()
	}
	return errors.Join(errs...)
}
