package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/scamhunt/scamhunt/internal/boltfile"
)

// checkBleve looks at a Bleve index directory's metadata before Bleve
// does: index_meta.json must be a JSON object naming its storage, and the
// scorch root (store/root.bolt), a bbolt file Bleve trusts blindly, must be
// whole. A missing directory passes (OpenBleve creates it).
func checkBleve(dir string) error {
	meta := filepath.Join(dir, "index_meta.json")
	b, err := os.ReadFile(meta)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if _, serr := os.Stat(dir); errors.Is(serr, os.ErrNotExist) {
			return nil
		}
		return corruptIndex(dir, meta, "missing")
	case err != nil:
		return fmt.Errorf("open bleve index %s: %w", dir, err)
	}
	var m struct {
		Storage string `json:"storage"`
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Storage == "" {
		why := "no storage named"
		if err != nil {
			why = err.Error()
		}
		return corruptIndex(dir, meta, why)
	}
	root := filepath.Join(dir, "store", "root.bolt")
	err = boltfile.Check(root, lockWait)
	if why, ok := boltfile.Reason(err); ok {
		return corruptIndex(dir, root, why)
	}
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("open bleve index %s: %w", dir, ErrLocked)
	case err != nil:
		return fmt.Errorf("open bleve index %s: %w", dir, err)
	}
	return nil
}

// openGuarded is bleve.OpenUsing with a panic on damaged data turned into
// the same error as checkBleve's.
func openGuarded(dir string, cfg map[string]any) (idx bleve.Index, err error) {
	gerr := boltfile.Guard(func() error {
		idx, err = bleve.OpenUsing(dir, cfg)
		return nil
	})
	if why, ok := boltfile.Reason(gerr); ok {
		return nil, corruptIndex(dir, dir, why)
	}
	if errors.Is(err, bleve.ErrorIndexMetaCorrupt) {
		return nil, corruptIndex(dir, filepath.Join(dir, "index_meta.json"), err.Error())
	}
	return idx, err
}

// CorruptError is a Bleve index whose metadata is damaged: File (under
// Dir) and why. The fix is to rebuild the index; a caller that knows how
// says so from the fields.
type CorruptError struct {
	Dir, File, Why string
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("bleve index %s is corrupt: %s: %s; delete %s and rebuild the index", e.Dir, e.File, e.Why, e.Dir)
}

func corruptIndex(dir, file, why string) error {
	return &CorruptError{Dir: dir, File: file, Why: why}
}
