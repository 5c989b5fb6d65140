package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/scamhunt/scamhunt"
)

// overrideLine is one line of DATA/overrides.jsonl, the operators' labels.
// The file is the record of truth: the index holds a copy, and the file
// re-applies them to a rebuilt index.
type overrideLine struct {
	ID string `json:"id"`
	scamhunt.Override
	Cleared bool `json:"cleared,omitempty"`
}

// maxOverrideLine bounds one line of the overrides file; a longer one is
// reported and skipped like any other bad line.
const maxOverrideLine = 1 << 20

// badLine is a line of the overrides file that was skipped.
type badLine struct {
	File string
	Line int
	Err  error
}

func (b badLine) Error() string { return fmt.Sprintf("%s:%d: %v", b.File, b.Line, b.Err) }

// readOverrides reads the current human labels by listing ID from file (a
// missing file has none). A malformed line (a half-written append from a
// crash, a hand edit gone wrong) is skipped and passed to bad with its
// line number; the others apply in order.
func readOverrides(file string, bad func(badLine)) (map[string]*scamhunt.Override, error) {
	m := map[string]*scamhunt.Override{}
	f, err := os.Open(file)
	if errors.Is(err, os.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	for n := 1; ; n++ {
		line, err := readLine(r)
		if errors.Is(err, io.EOF) && len(line) == 0 {
			return m, nil
		}
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, errLongLine) {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if errors.Is(err, errLongLine) {
			bad(badLine{file, n, err})
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		l, perr := parseOverride(line)
		if perr != nil && errors.Is(err, io.EOF) {
			perr = fmt.Errorf("last line has no newline, cut short by a crash? %w", perr)
		}
		if perr != nil {
			bad(badLine{file, n, perr})
			continue
		}
		if l.Cleared {
			delete(m, l.ID)
		} else {
			o := l.Override
			m[l.ID] = &o
		}
	}
}

var errLongLine = fmt.Errorf("line longer than %d bytes", maxOverrideLine)

// readLine reads one line without its newline; a line past
// maxOverrideLine is consumed and reported as errLongLine. io.EOF with a
// line means the file's last line has no newline.
func readLine(r *bufio.Reader) ([]byte, error) {
	var line []byte
	long := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !long && len(line)+len(chunk) > maxOverrideLine {
			long, line = true, nil
		}
		if !long {
			line = append(line, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if long && (err == nil || errors.Is(err, io.EOF)) {
			return nil, errLongLine
		}
		return bytes.TrimSuffix(line, []byte("\n")), err
	}
}

// parseOverride decodes and checks one line.
func parseOverride(line []byte) (overrideLine, error) {
	var l overrideLine
	// Unknown keys are allowed: a later build may record more per label.
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&l); err != nil {
		return l, fmt.Errorf("malformed JSON: %w", err)
	}
	if dec.More() {
		return l, errors.New("more than one JSON value on the line")
	}
	switch {
	case l.ID == "":
		return l, errors.New("no listing id")
	case !l.Cleared && !l.Label.Valid():
		return l, fmt.Errorf("label %q is not scam, suspicious or legit", l.Label)
	}
	return l, nil
}

// logBadLine reports a skipped line of the overrides file.
func logBadLine(log *slog.Logger) func(badLine) {
	return func(b badLine) {
		log.Warn("overrides_line_skipped", "file", b.File, "line", b.Line, "err", b.Err)
	}
}

// appendOverride records a human label for id (nil clears it) as one line,
// written with one write call to a file opened for appending, then
// synced. If the file does not end in a newline (a crash cut the last
// append short), the new line starts with one, so the torn line stays
// alone and is reported on reading, never glued to this one.
func appendOverride(file, id string, o *scamhunt.Override) error {
	line := overrideLine{ID: id}
	if o == nil {
		line.Cleared = true
		line.At = time.Now().UTC()
	} else {
		line.Override = *o
	}
	b, err := json.Marshal(line)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_CREATE|os.O_APPEND|os.O_RDWR, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, fi.Size()-1); err != nil {
			return err
		}
		if last[0] != '\n' {
			b = append([]byte{'\n'}, b...)
		}
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}
