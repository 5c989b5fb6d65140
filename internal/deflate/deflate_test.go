package deflate_test

import (
	"bytes"
	stdflate "compress/flate"
	"io"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt/internal/deflate"
)

func TestPackUnpack(t *testing.T) {
	text := strings.Repeat("http://board.test/beijing/chuandan/10908.html\n", 50)
	v, err := deflate.Pack(0x07, func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if v[0] != 0x07 {
		t.Errorf("marker %#x, want 0x07", v[0])
	}
	if len(v) >= len(text)/3 {
		t.Errorf("packed %d bytes of %d, want under a third", len(v), len(text))
	}
	var got []byte
	if err := deflate.Unpack(v[1:], func(r io.Reader) error {
		got, err = io.ReadAll(r)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if string(got) != text {
		t.Errorf("unpacked %q, want the packed text", got)
	}
	if err := deflate.Unpack([]byte{0xff, 0xfe, 0x00}, func(r io.Reader) error {
		_, err := io.ReadAll(r)
		return err
	}); err == nil {
		t.Error("Unpack of damaged data: no error")
	}
}

// FuzzUnpack: stored bytes that a crash or a disk damaged give an error,
// never a panic.
func FuzzUnpack(f *testing.F) {
	v, _ := deflate.Pack(1, func(w io.Writer) error {
		_, err := io.WriteString(w, "招聘 日结\nhttp://board.test/a.html")
		return err
	})
	f.Add(v[1:])
	f.Add([]byte{})
	f.Add([]byte{0xff, 0xfe, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		deflate.Unpack(data, func(r io.Reader) error {
			_, err := io.ReadAll(r)
			return err
		})
	})
}

// TestUnpackStandardDeflate reads what the standard library wrote: stores
// and frontiers made before Pack used klauspost/compress stay readable.
func TestUnpackStandardDeflate(t *testing.T) {
	text := strings.Repeat(`{"id":"a1b2","title":"周末发传单 日结120元"}`+"\n", 40)
	var buf bytes.Buffer
	w, err := stdflate.NewWriter(&buf, stdflate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(w, text); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var got []byte
	if err := deflate.Unpack(buf.Bytes(), func(r io.Reader) error {
		got, err = io.ReadAll(r)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if string(got) != text {
		t.Errorf("unpacked %d bytes, want the %d the standard library packed", len(got), len(text))
	}
}
