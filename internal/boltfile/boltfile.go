package boltfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Error says why a file is not a whole bbolt database.
type Error struct{ Reason string }

func (e *Error) Error() string { return "corrupt: " + e.Reason }

func corrupt(format string, a ...any) error { return &Error{Reason: fmt.Sprintf(format, a...)} }

// The on-disk layout read here is bbolt's file format version 2: a 16-byte
// page header, then in pages 0 and 1 a meta record whose last field is an
// FNV-64a checksum of the fields before it.
const (
	magic        = 0xED0CDAED
	version      = 2
	pageHeader   = 16
	metaSize     = 64
	metaChecksum = 56 // offset of the checksum in the meta record
	minPageSize  = 512
	maxPageSize  = 1 << 20
	noFreelist   = ^uint64(0)
)

// meta is what Check reads of a meta page.
type meta struct {
	pageSize       uint32
	root, freelist uint64
	pages          uint64 // high-water mark: pages [0, pages) are in the file
	txid           uint64
}

// readMeta decodes the meta record at off, or says why it is not one.
func readMeta(f io.ReaderAt, off int64) (meta, error) {
	var b [pageHeader + metaSize]byte
	if _, err := f.ReadAt(b[:], off); err != nil {
		return meta{}, fmt.Errorf("meta page at %d: %w", off, err)
	}
	m := b[pageHeader:]
	le := binary.NativeEndian // bbolt writes its structs in the machine's byte order
	switch {
	case le.Uint32(m[0:]) != magic:
		return meta{}, fmt.Errorf("meta page at %d: not a bbolt meta page", off)
	case le.Uint32(m[4:]) != version:
		return meta{}, fmt.Errorf("meta page at %d: file format version %d, want %d", off, le.Uint32(m[4:]), version)
	}
	h := fnv.New64a()
	h.Write(m[:metaChecksum])
	if h.Sum64() != le.Uint64(m[metaChecksum:]) {
		return meta{}, fmt.Errorf("meta page at %d: checksum mismatch", off)
	}
	return meta{
		pageSize: le.Uint32(m[8:]),
		root:     le.Uint64(m[16:]),
		freelist: le.Uint64(m[32:]),
		pages:    le.Uint64(m[40:]),
		txid:     le.Uint64(m[48:]),
	}, nil
}

// layout reads both meta pages and checks the newest valid one against
// the file's size: a file cut short fails here, before anything maps it.
func layout(f *os.File) (meta, error) {
	st, err := f.Stat()
	if err != nil {
		return meta{}, err
	}
	size := st.Size()
	if size < 2*minPageSize {
		return meta{}, corrupt("%d bytes, shorter than two pages", size)
	}
	m0, err0 := readMeta(f, 0)
	ps := int64(m0.pageSize)
	if err0 == nil && (ps < minPageSize || ps > maxPageSize || ps&(ps-1) != 0) {
		err0 = fmt.Errorf("meta page at 0: page size %d", ps)
	}
	if err0 != nil {
		ps = int64(os.Getpagesize())
	}
	m1, err1 := readMeta(f, ps)
	if err1 == nil && int64(m1.pageSize) != ps {
		err1 = fmt.Errorf("meta page at %d: page size %d", ps, m1.pageSize)
	}
	var m meta
	switch {
	case err0 != nil && err1 != nil:
		return meta{}, corrupt("no valid meta page (%v; %v)", err0, err1)
	case err0 != nil:
		m = m1
	case err1 != nil || m0.txid >= m1.txid:
		m = m0
	default:
		m = m1
	}
	if need := int64(m.pages) * int64(m.pageSize); m.pages > uint64(size) || need > size {
		return meta{}, corrupt("truncated: %d bytes, but its %d pages need %d", size, m.pages, need)
	}
	if m.root < 2 || m.root >= m.pages || (m.freelist != noFreelist && (m.freelist < 2 || m.freelist >= m.pages)) {
		return meta{}, corrupt("meta page points outside the file (root %d, freelist %d, %d pages)", m.root, m.freelist, m.pages)
	}
	return m, nil
}

// Check reports whether the bbolt file at path is whole: its meta pages are
// valid, it is as long as they say, and every page reachable from the root
// is where it says it is and holds keys and values that fit in it. A
// missing or empty file passes (bbolt creates it). It reads the file under
// bbolt's shared lock, waiting up to timeout for a writer (bbolt's
// ErrTimeout then), so a crawl running on the file is never mistaken for
// damage. Damage is an *Error. It reads every reachable page, so its cost
// grows with the file.
func Check(path string, timeout time.Duration) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return err
	}
	if _, err := layout(f); err != nil {
		return err
	}
	return Guard(func() error {
		// Read-only, bbolt maps the file and checks the meta pages, but
		// reads no other page.
		db, err := bolt.Open(path, 0, &bolt.Options{ReadOnly: true, Timeout: timeout})
		if errors.Is(err, berrors.ErrTimeout) {
			return err
		}
		if err != nil {
			return corrupt("%v", err)
		}
		defer db.Close()
		m, err := layout(f) // again, now that no writer can be half-way
		if err != nil {
			return err
		}
		t := &tree{f: f, pageSize: int64(m.pageSize), pages: m.pages, seen: map[uint64]bool{}}
		if err := t.walk(m.root, 0, nil, nil); err != nil {
			return err
		}
		return t.freelist(m.freelist)
	})
}

// Guard runs fn and turns a panic or a memory fault inside it into an
// *Error. It covers only fn's own goroutine.
func Guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			err = corrupt("%v", p)
		}
	}()
	return fn()
}

// Reason is why err says a file is corrupt, and whether it does: an *Error,
// or bbolt's own verdict on a bad meta page.
func Reason(err error) (string, bool) {
	var e *Error
	switch {
	case errors.As(err, &e):
		return e.Reason, true
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrVersionMismatch):
		return err.Error(), true
	}
	return "", false
}

// Damage returns a copy of a file's bytes with data written at offset at
// (taken modulo the length plus one); data that would run past the end
// cuts the file there instead. It is how the fuzz targets of the bbolt
// files (frontier, listing store) damage a real file.
func Damage(file []byte, at uint32, data []byte) []byte {
	b := bytes.Clone(file)
	off := int(at) % (len(b) + 1)
	if off+len(data) > len(b) {
		return b[:off]
	}
	copy(b[off:], data)
	return b
}
