package boltfile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
)

// Page layout of bbolt's file format version 2 (all integers in the
// machine's byte order): a 16-byte header (id u64, flags u16, count u16,
// overflow u32), then count elements of 16 bytes each. A branch element is
// (pos u32, ksize u32, child u64), a leaf element (flags u32, pos u32,
// ksize u32, vsize u32); pos counts from the element itself. A leaf
// element flagged as a bucket holds the bucket's root page (u64) and
// sequence (u64), followed, for an inline bucket (root 0), by a leaf page.
const (
	branchFlag     = 0x01
	leafFlag       = 0x02
	freelistFlag   = 0x10
	bucketLeafFlag = 0x01
	elemSize       = 16
	bucketHeader   = 16
	maxTreeDepth   = 64
)

// tree walks the page tree of a bbolt file without mapping it: every page
// reachable from the root is read with ReadAt and every element bounds-
// checked, so bbolt, which trusts these bounds blindly (sometimes on a
// goroutine of its own), finds nothing it could fault or panic on.
type tree struct {
	f        io.ReaderAt
	pageSize int64
	pages    uint64
	seen     map[uint64]bool
}

func (t *tree) page(id uint64) ([]byte, error) {
	if id < 2 || id >= t.pages {
		return nil, corrupt("page %d is outside the file's %d pages", id, t.pages)
	}
	if t.seen[id] {
		return nil, corrupt("page %d is reached twice", id)
	}
	t.seen[id] = true
	var h [pageHeader]byte
	if _, err := t.f.ReadAt(h[:], int64(id)*t.pageSize); err != nil {
		return nil, corrupt("page %d: %v", id, err)
	}
	ne := binary.NativeEndian
	if got := ne.Uint64(h[0:]); got != id {
		return nil, corrupt("page %d calls itself page %d", id, got)
	}
	overflow := uint64(ne.Uint32(h[12:]))
	if id+overflow >= t.pages {
		return nil, corrupt("page %d runs %d pages past the file's %d", id, overflow, t.pages)
	}
	for o := id + 1; o <= id+overflow; o++ {
		if t.seen[o] {
			return nil, corrupt("page %d overlaps page %d", id, o)
		}
		t.seen[o] = true
	}
	b := make([]byte, int64(1+overflow)*t.pageSize)
	if _, err := t.f.ReadAt(b, int64(id)*t.pageSize); err != nil {
		return nil, corrupt("page %d: %v", id, err)
	}
	return b, nil
}

// walk checks the tree under page id, depth levels down, whose keys must
// lie in [lo, hi) (nil: unbounded) and ascend.
func (t *tree) walk(id uint64, depth int, lo, hi []byte) error {
	if depth > maxTreeDepth {
		return corrupt("page tree deeper than %d levels", maxTreeDepth)
	}
	b, err := t.page(id)
	if err != nil {
		return err
	}
	ne := binary.NativeEndian
	flags, count := ne.Uint16(b[8:]), int(ne.Uint16(b[10:]))
	switch flags {
	case branchFlag:
		if count == 0 {
			return corrupt("branch page %d is empty", id)
		}
		if pageHeader+count*elemSize > len(b) {
			return corrupt("page %d: %d elements do not fit", id, count)
		}
		keys := make([][]byte, count+1)
		for i := range count {
			e := pageHeader + i*elemSize
			pos, ksize := ne.Uint32(b[e:]), ne.Uint32(b[e+4:])
			if err := within(b, e, pos, ksize, 0); err != nil {
				return corrupt("page %d element %d: %v", id, i, err)
			}
			keys[i] = b[e+int(pos) : e+int(pos)+int(ksize)]
			if err := order(keys[i], prevOr(keys, i, lo), hi, i == 0 && lo != nil); err != nil {
				return corrupt("page %d element %d: %v", id, i, err)
			}
		}
		keys[count] = hi
		for i := range count {
			e := pageHeader + i*elemSize
			if err := t.walk(ne.Uint64(b[e+8:]), depth+1, keys[i], keys[i+1]); err != nil {
				return err
			}
		}
		return nil
	case leafFlag:
		return t.leaf(b, fmt.Sprintf("page %d", id), depth, lo, hi)
	}
	return corrupt("page %d has flags %#x, want a branch or leaf page", id, flags)
}

// leaf checks the elements of the leaf page b, keys in [lo, hi) and
// ascending, and the buckets they hold.
func (t *tree) leaf(b []byte, name string, depth int, lo, hi []byte) error {
	ne := binary.NativeEndian
	count := int(ne.Uint16(b[10:]))
	if pageHeader+count*elemSize > len(b) {
		return corrupt("%s: %d elements do not fit", name, count)
	}
	for i := range count {
		e := pageHeader + i*elemSize
		flags, pos, ksize, vsize := ne.Uint32(b[e:]), ne.Uint32(b[e+4:]), ne.Uint32(b[e+8:]), ne.Uint32(b[e+12:])
		if err := within(b, e, pos, ksize, vsize); err != nil {
			return corrupt("%s element %d: %v", name, i, err)
		}
		key := b[e+int(pos) : e+int(pos)+int(ksize)]
		if err := order(key, lo, hi, i == 0); err != nil {
			return corrupt("%s element %d: %v", name, i, err)
		}
		lo = key
		if flags&bucketLeafFlag == 0 {
			continue
		}
		v := b[e+int(pos)+int(ksize) : e+int(pos)+int(ksize)+int(vsize)]
		if len(v) < bucketHeader {
			return corrupt("%s element %d: bucket header of %d bytes", name, i, len(v))
		}
		if root := ne.Uint64(v); root != 0 {
			if err := t.walk(root, depth+1, nil, nil); err != nil {
				return err
			}
			continue
		}
		inline := v[bucketHeader:]
		if len(inline) < pageHeader || ne.Uint16(inline[8:]) != leafFlag {
			return corrupt("%s element %d: inline bucket is not a leaf page", name, i)
		}
		if depth+1 > maxTreeDepth {
			return corrupt("buckets nested deeper than %d levels", maxTreeDepth)
		}
		if err := t.leaf(inline, fmt.Sprintf("%s element %d (inline bucket)", name, i), depth+1, nil, nil); err != nil {
			return err
		}
	}
	return nil
}

// within checks that a key of ksize and a value of vsize, pos bytes after
// the element at offset e, lie inside b.
func within(b []byte, e int, pos, ksize, vsize uint32) error {
	if end := uint64(e) + uint64(pos) + uint64(ksize) + uint64(vsize); end > uint64(len(b)) {
		return fmt.Errorf("key and value end at byte %d of a %d-byte page", end, len(b))
	}
	return nil
}

// freelist checks a stored free list (bbolt reads it when it opens the
// file): its page and the page IDs it lists fit in the file.
func (t *tree) freelist(id uint64) error {
	if id == noFreelist {
		return nil
	}
	b, err := t.page(id)
	if err != nil {
		return err
	}
	ne := binary.NativeEndian
	if flags := ne.Uint16(b[8:]); flags != freelistFlag {
		return corrupt("free list page %d has flags %#x", id, flags)
	}
	n, at := uint64(ne.Uint16(b[10:])), pageHeader
	if n == 0xFFFF { // the real count is in the first slot
		n, at = ne.Uint64(b[pageHeader:]), pageHeader+8
	}
	if uint64(at)+n*8 > uint64(len(b)) {
		return corrupt("free list page %d: %d IDs do not fit", id, n)
	}
	for i := range n {
		if free := ne.Uint64(b[uint64(at)+i*8:]); free < 2 || free >= t.pages {
			return corrupt("free list page %d lists page %d of %d", id, free, t.pages)
		}
	}
	return nil
}

// order checks that key comes after prev (or equals it, for the first key
// of a page under a branch key: mayEqual) and before hi; nil bounds are
// open.
func order(key, prev, hi []byte, mayEqual bool) error {
	if prev != nil {
		c := bytes.Compare(key, prev)
		if c < 0 || c == 0 && !mayEqual {
			return fmt.Errorf("key %q out of order after %q", key, prev)
		}
	}
	if hi != nil && bytes.Compare(key, hi) >= 0 {
		return fmt.Errorf("key %q not before %q", key, hi)
	}
	return nil
}

// prevOr is the key before keys[i], or lo for the first.
func prevOr(keys [][]byte, i int, lo []byte) []byte {
	if i == 0 {
		return lo
	}
	return keys[i-1]
}
