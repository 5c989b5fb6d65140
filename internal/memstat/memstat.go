// Package memstat reads the process's peak memory, for the benchmarks that
// promise bounded memory (a 100k-page crawl, a 100k-listing export). It is
// shared by several packages' benchmarks and is no API.
package memstat

import (
	"bufio"
	"errors"
	"os"
	"strconv"
	"strings"
)

// PeakRSS returns the process's peak resident set size (VmHWM) in bytes.
// It is process-wide and never falls, so a benchmark that reports it should
// run alone in its process.
func PeakRSS() (int64, error) { return status("VmHWM") }

// status reads one size field of /proc/self/status, in bytes.
func status(field string) (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0, err
			}
			return kb << 10, nil
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, errors.New("no " + field + " in /proc/self/status")
}
