package deflate

import (
	"bytes"
	"github.com/klauspost/compress/flate"
	"io"
	"sync"
)

var (
	writers = sync.Pool{New: func() any {
		w, _ := flate.NewWriter(nil, flate.BestSpeed)
		return w
	}}
	readers = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}
)

// Pack returns marker followed by the flate-compressed bytes that fill
// writes, or fill's error.
func Pack(marker byte, fill func(w io.Writer) error) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte(marker)
	w := writers.Get().(*flate.Writer)
	defer writers.Put(w)
	w.Reset(&buf)
	if err := fill(w); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Unpack calls read with the decompressed stream of data, a value Pack
// made without its marker byte, and returns read's error or the stream's.
func Unpack(data []byte, read func(r io.Reader) error) error {
	r := readers.Get().(io.ReadCloser)
	defer readers.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(data), nil); err != nil {
		return err
	}
	return read(r)
}
