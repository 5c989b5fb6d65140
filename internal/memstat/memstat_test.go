package memstat_test

import (
	"testing"

	"github.com/scamhunt/scamhunt/internal/memstat"
)

func TestPeakRSSGrows(t *testing.T) {
	before, err := memstat.PeakRSS()
	if err != nil {
		t.Skip("no /proc on this system:", err)
	}
	buf := make([]byte, 64<<20)
	for i := range buf {
		buf[i] = byte(i)
	}
	after, err := memstat.PeakRSS()
	if err != nil {
		t.Fatal(err)
	}
	if before <= 0 || after < before+32<<20 {
		t.Errorf("peak RSS %d -> %d after touching 64 MiB", before, after)
	}
	_ = buf[len(buf)-1]
}
