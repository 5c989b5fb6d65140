//go:build linux

package memstat

import (
	"syscall"
	"testing"
)

// TestPeakRSSGrows: 64 MiB of fresh pages, mapped outside the Go heap and
// touched, lift the peak to at least the resident size before them plus
// half of them, and the peak never falls. Fresh pages, not a Go buffer:
// heap memory freed by an earlier run (-count, -cpu) would be reused and
// leave the peak where it was.
func TestPeakRSSGrows(t *testing.T) {
	before, err := PeakRSS()
	if err != nil {
		t.Skip("no /proc on this system:", err)
	}
	resident, err := status("VmRSS")
	if err != nil {
		t.Fatal(err)
	}
	const size = 64 << 20
	buf, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(buf)
	for i := 0; i < len(buf); i += 4096 {
		buf[i] = 1
	}
	after, err := PeakRSS()
	if err != nil {
		t.Fatal(err)
	}
	if before <= 0 || after < before || after < resident+size/2 {
		t.Errorf("peak RSS %d -> %d after touching %d fresh bytes at a resident size of %d", before, after, size, resident)
	}
}

// TestStatusMissingField: a field /proc/self/status lacks is an error
// that names it, not a zero.
func TestStatusMissingField(t *testing.T) {
	if _, err := PeakRSS(); err != nil {
		t.Skip("no /proc on this system:", err)
	}
	if n, err := status("VmNoSuchField"); err == nil || n != 0 {
		t.Errorf("status(VmNoSuchField) = %d, %v; want an error", n, err)
	} else if got := err.Error(); got != "no VmNoSuchField in /proc/self/status" {
		t.Errorf("error %q does not name the field", got)
	}
}
