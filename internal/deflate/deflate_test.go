package deflate_test

import (
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
