package store

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Listing bodies live in a file of their own beside the bbolt file,
// records appended and read back with pread, never mapped. bbolt maps its
// whole file, and on Linux a read fault maps the page cache around the
// page read too (fault-around, whole large folios): with bodies in the
// bbolt file, the random reads of heads, carriers and dirty marks during a
// crawl mapped the bodies between them, and the crawl's resident set grew
// with the store. The bbolt file keeps what is read at random; the bodies
// file is written at its end and read only where a body is needed.
//
// A record is a frame: length (u32, big-endian), CRC-32C of the payload
// (u32), payload (formatFlate, then flate-compressed JSON). A head names
// its body by offset and length. A write transaction appends its bodies
// and syncs the file before bbolt commits, so a committed head never
// names a body that a crash lost; a crash before the commit leaves bytes
// no head names. Bodies rewritten leave their old frames behind: Open
// copies the live ones to a new file when the dead outweigh them.

// bodiesMagic starts every bodies file: offset 0 is never a body's.
var bodiesMagic = []byte("scamhunt listing bodies 1\n")

const frameHeader = 8

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Meta keys the store keeps for itself (Meta/SetMeta callers use plain
// names).
var (
	metaBodiesGen  = []byte("store.bodies_gen")  // decimal: the bodies file in use
	metaBodiesLive = []byte("store.bodies_live") // u64: bytes of its frames heads name
)

// bodyFile is the bodies file of generation gen.
func bodyFile(db string, gen uint64) string { return db + ".bodies." + strconv.FormatUint(gen, 10) }

type bodyLog struct {
	f    *os.File
	path string
	end  int64 // where the next frame goes: moved only by write transactions, which bbolt serialises
}

// openLog opens (creating if needed) a bodies file.
func openLog(path string) (*bodyLog, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	l := &bodyLog{f: f, path: path, end: st.Size()}
	if l.end == 0 {
		if _, err := f.WriteAt(bodiesMagic, 0); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return nil, err
		}
		l.end = int64(len(bodiesMagic))
		return l, syncDir(path)
	}
	head := make([]byte, len(bodiesMagic))
	if _, err := f.ReadAt(head, 0); err != nil || !bytes.Equal(head, bodiesMagic) {
		f.Close()
		return nil, fmt.Errorf("%s: not a listing bodies file", path)
	}
	return l, nil
}

func (l *bodyLog) close() error { return l.f.Close() }

// read returns the payload of the frame at off, n bytes long.
func (l *bodyLog) read(off int64, n uint32) ([]byte, error) {
	b := make([]byte, frameHeader+int(n))
	if _, err := l.f.ReadAt(b, off); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("%s at %d: %w", l.path, off, err)
	}
	p := b[frameHeader:]
	if binary.BigEndian.Uint32(b) != n || binary.BigEndian.Uint32(b[4:]) != crc32.Checksum(p, castagnoli) {
		return nil, fmt.Errorf("%s at %d: damaged body", l.path, off)
	}
	return p, nil
}

// frame appends payload as a frame to buf.
func frame(buf, payload []byte) []byte {
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(payload)))
	buf = binary.BigEndian.AppendUint32(buf, crc32.Checksum(payload, castagnoli))
	return append(buf, payload...)
}

// appender collects the bodies of one write transaction.
type appender struct {
	l    *bodyLog
	buf  []byte
	live int64 // change of the live bytes
}

// add places payload after what the transaction appended so far and
// returns where it will be.
func (a *appender) add(payload []byte) (int64, uint32) {
	off := a.l.end + int64(len(a.buf))
	a.buf = frame(a.buf, payload)
	a.live += int64(frameHeader + len(payload))
	return off, uint32(len(payload))
}

// flush writes and syncs the transaction's bodies; bbolt commits after.
func (a *appender) flush() error {
	if len(a.buf) == 0 {
		return nil
	}
	if _, err := a.l.f.WriteAt(a.buf, a.l.end); err != nil {
		return fmt.Errorf("%s: %w", a.l.path, err)
	}
	if err := a.l.f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", a.l.path, err)
	}
	a.l.end += int64(len(a.buf))
	return nil
}

// syncDir makes a file created or removed in path's directory durable.
func syncDir(path string) error {
	d, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// strayBodies lists the bodies files beside db other than generation gen:
// left by a compaction a crash interrupted, before or after its commit.
func strayBodies(db string, gen uint64) ([]string, error) {
	all, err := filepath.Glob(globEscape(db) + ".bodies.*")
	if err != nil {
		return nil, err
	}
	var stray []string
	for _, f := range all {
		g, err := strconv.ParseUint(strings.TrimPrefix(f, db+".bodies."), 10, 64)
		if err == nil && g != gen {
			stray = append(stray, f)
		}
	}
	return stray, nil
}

func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}

// compactDead is how many dead bytes the bodies file must hold, and more
// than its live ones, before Open copies the live ones to a new file.
const compactDead = 8 << 20

// openBodies opens the bodies file the store names, removes any a crash
// left behind, and starts a new one (compact) for an older store, whose
// bodies are still in bucket bodies, for a new store, and when dead
// frames outweigh live ones.
func (s *Store) openBodies() error {
	var gen, live uint64
	var inBucket bool
	err := s.dbView(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		gen, _ = strconv.ParseUint(string(m.Get(metaBodiesGen)), 10, 64)
		live, inBucket = liveBytes(m), tx.Bucket(bucketBodies) != nil
		return nil
	})
	if err != nil {
		return err
	}
	stray, err := strayBodies(s.path, gen)
	if err != nil {
		return err
	}
	for _, f := range stray {
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if gen == 0 || inBucket {
		return s.compact(gen)
	}
	path := bodyFile(s.path, gen)
	if _, err := os.Stat(path); err != nil && live > 0 {
		return fmt.Errorf("listing bodies: %w", err)
	}
	if s.log, err = openLog(path); err != nil {
		return err
	}
	if dead := s.log.end - int64(len(bodiesMagic)) - int64(live); dead > compactDead && dead > int64(live) {
		return s.compact(gen)
	}
	return nil
}

// compact copies every live body (from the bodies file of generation
// gen, or an older store's bucket bodies) into the file of generation
// gen+1 and points the heads at them, all in one transaction that also
// names the new file: a crash leaves either the old file in use (the new
// one is removed at the next Open) or the new one (the old one is). It
// holds the heads in memory for the transaction; it runs only at Open.
func (s *Store) compact(gen uint64) error {
	path := bodyFile(s.path, gen+1)
	nl, err := openLog(path)
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			nl.close()
			os.Remove(path)
		}
	}()
	if _, err := nl.f.Seek(nl.end, io.SeekStart); err != nil {
		return err
	}
	w := bufio.NewWriterSize(nl.f, 1<<20)
	end, live := nl.end, int64(0)
	err = s.dbUpdate(func(tx *bolt.Tx) error {
		t := &txn{tx: tx, log: s.log, file: s.path}
		type moved struct {
			id []byte
			h  head
		}
		var heads []moved
		c := tx.Bucket(bucketHeads).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var h head
			if err := json.Unmarshal(v, &h); err != nil {
				return fmt.Errorf("listing %s: %w", k, err)
			}
			p, err := t.rawBody(string(k), h)
			if err != nil {
				return err
			}
			fr := frame(nil, p)
			if _, err := w.Write(fr); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			h.Off, h.Len, h.Seq = end, uint32(len(p)), 0
			end, live = end+int64(len(fr)), live+int64(len(fr))
			heads = append(heads, moved{bytes.Clone(k), h})
		}
		if err := w.Flush(); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := nl.f.Sync(); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for _, m := range heads {
			if err := t.putHead(string(m.id), m.h); err != nil {
				return err
			}
		}
		if tx.Bucket(bucketBodies) != nil {
			if err := tx.DeleteBucket(bucketBodies); err != nil {
				return err
			}
		}
		m := tx.Bucket(bucketMeta)
		if err := m.Put(metaBodiesGen, []byte(strconv.FormatUint(gen+1, 10))); err != nil {
			return err
		}
		return m.Put(metaBodiesLive, binary.BigEndian.AppendUint64(nil, uint64(live)))
	})
	if err != nil {
		return fmt.Errorf("move listing bodies to %s: %w", path, err)
	}
	done = true
	nl.end = end
	old := s.log
	s.log = nl
	if old != nil {
		old.close()
		if err := os.Remove(old.path); err != nil {
			return err
		}
		return syncDir(old.path)
	}
	return nil
}
