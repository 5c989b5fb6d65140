package index_test

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/scamhunt/scamhunt/index"
)

// TestOpenBleveLocked: a second open of an index in use gives up with
// ErrLocked instead of waiting forever for the file lock.
func TestOpenBleveLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index.bleve")
	b, err := index.OpenBleve(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := index.OpenBleve(dir); !errors.Is(err, index.ErrLocked) {
		t.Errorf("second OpenBleve: %v, want ErrLocked", err)
	}
}
