package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/scamhunt/scamhunt/audit"
)

// runs reads the crawl history, crawls.jsonl: one line per crawl.
func (d *dataDir) runs() ([]audit.Run, error) {
	var runs []audit.Run
	err := readJSONL(d.file("crawls.jsonl"), func(dec *json.Decoder) error {
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
