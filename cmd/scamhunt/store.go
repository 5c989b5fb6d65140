package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/audit"
	"github.com/scamhunt/scamhunt/index"
)

// openIndex opens the backend chosen by --index.
func (g *globals) openIndex(ctx context.Context) (index.Index, error) {
	switch g.backend {
	case "bleve", "":
		if err := os.MkdirAll(g.data, 0o755); err != nil {
			return nil, fmt.Errorf("data dir: %w", err)
		}
		return index.OpenBleve(filepath.Join(g.data, "index.bleve"))
	case "meili":
		cfg := index.MeiliConfig{URL: g.meiliURL, Key: os.Getenv("SCAMHUNT_MEILI_KEY"), Index: g.meiliName}
		if err := cfg.Validate(); err != nil {
			return nil, fmt.Errorf("--index meili: %w", err)
		}
		return index.OpenMeili(ctx, cfg)
	default:
		return nil, fmt.Errorf("--index %q: want bleve or meili", g.backend)
	}
}

// overrideLine is one line of DATA/overrides.jsonl, the operators' labels.
// The file is the record of truth: the index holds a copy, and the file
// re-applies them after a crawl or to a rebuilt index.
type overrideLine struct {
	ID string `json:"id"`
	scamhunt.Override
	Cleared bool `json:"cleared,omitempty"`
}

func (g *globals) overridesPath() string { return filepath.Join(g.data, "overrides.jsonl") }

// appendOverride records a human label (nil clears it).
func (g *globals) appendOverride(id string, o *scamhunt.Override) error {
	line := overrideLine{ID: id}
	if o == nil {
		line.Cleared = true
		line.At = time.Now()
	} else {
		line.Override = *o
	}
	return appendJSONL(g.overridesPath(), line)
}

// overrides reads the current human labels by listing ID.
func (g *globals) overrides() (map[string]*scamhunt.Override, error) {
	m := map[string]*scamhunt.Override{}
	err := readJSONL(g.overridesPath(), func(dec *json.Decoder) error {
		var l overrideLine
		if err := dec.Decode(&l); err != nil {
			return err
		}
		if l.Cleared {
			delete(m, l.ID)
		} else {
			o := l.Override
			m[l.ID] = &o
		}
		return nil
	})
	return m, err
}

// applyOverrides writes the file's human labels into the index, so they hold
// whatever re-crawls or re-classification did.
func (g *globals) applyOverrides(ctx context.Context, idx index.Index) (int, error) {
	m, err := g.overrides()
	if err != nil {
		return 0, err
	}
	n := 0
	for id, o := range m {
		if err := idx.SetOverride(ctx, id, o); err != nil {
			if errors.Is(err, scamhunt.ErrNotFound) {
				continue
			}
			return n, err
		}
		n++
	}
	return n, nil
}

func (g *globals) runsPath() string { return filepath.Join(g.data, "crawls.jsonl") }

// runs reads the crawl history.
func (g *globals) runs() ([]audit.Run, error) {
	var runs []audit.Run
	err := readJSONL(g.runsPath(), func(dec *json.Decoder) error {
		var r audit.Run
		if err := dec.Decode(&r); err != nil {
			return err
		}
		runs = append(runs, r)
		return nil
	})
	return runs, err
}

func appendJSONL(file string, v any) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	b, err := json.Marshal(v)
	if err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readJSONL calls next until the file is read; a missing file is empty.
func readJSONL(file string, next func(*json.Decoder) error) error {
	f, err := os.Open(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		if err := next(dec); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
	}
}

// writeFile creates file (and its directory) and fills it through a
// buffer; an error from write or from closing is returned.
func writeFile(file string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	err = write(w)
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
