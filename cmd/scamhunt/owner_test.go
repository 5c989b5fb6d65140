package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// TestLockDir: a second holder is refused at once with the first named; a
// released lock is free again; a stale owner.json (its process gone, the
// lock free) is replaced.
func TestLockDir(t *testing.T) {
	dir := t.TempDir()
	stale, _ := json.Marshal(owner{PID: 999999, Command: "scamhunt crawl --site gone", Started: time.Now().Add(-time.Hour)})
	if err := os.WriteFile(ownerPath(dir), stale, 0o644); err != nil {
		t.Fatal(err)
	}
	first, err := lockDir(dir, []string{"crawl", "--site", "demo"})
	if err != nil {
		t.Fatalf("lock with a stale owner.json: %v", err)
	}
	if o := readOwner(dir); o.PID != os.Getpid() || o.Command != "scamhunt crawl --site demo" {
		t.Errorf("owner.json says %+v, want this process", o)
	}

	_, err = lockDir(dir, []string{"search"})
	var busy *busyError
	if !errors.As(err, &busy) || !errors.Is(err, errBusy) {
		t.Fatalf("second lock: %v, want a busyError", err)
	}
	want := fmt.Sprintf("%s is in use by pid %d (scamhunt crawl --site demo) since ", dir, os.Getpid())
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q, want it to start %q", err, want)
	}

	if err := first.setSocket(dir + "/control.sock"); err != nil {
		t.Fatal(err)
	}
	if o := readOwner(dir); o.Socket != dir+"/control.sock" {
		t.Errorf("socket %q not recorded", o.Socket)
	}
	first.release()
	if _, err := os.Stat(ownerPath(dir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("owner.json left after release: %v", err)
	}
	again, err := lockDir(dir, []string{"search"})
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again.release()
}
