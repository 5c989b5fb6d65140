package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// One process writes a data directory at a time: it holds an flock on
// DATA/lock and describes itself in DATA/owner.json. A lock is never
// waited for; a second process reads owner.json and either hands its
// command to the owner (a serve, through its control socket) or says who
// holds the directory and stops.

// owner is what DATA/owner.json says of the process holding DATA/lock.
type owner struct {
	PID     int       `json:"pid"`
	Command string    `json:"command"`
	Started time.Time `json:"started"`
	Socket  string    `json:"control_socket,omitempty"` // a serve takes commands here
}

// errBusy is wrapped by busyError.
var errBusy = errors.New("data dir in use")

// busyError says who holds a data dir.
type busyError struct {
	dir   string
	owner owner // zero when owner.json could not be read
}

func (e *busyError) Error() string {
	if e.owner.PID == 0 {
		return fmt.Sprintf("%s is in use by another scamhunt process (its owner.json is unreadable)", e.dir)
	}
	return fmt.Sprintf("%s is in use by pid %d (%s) since %s", e.dir, e.owner.PID, e.owner.Command,
		e.owner.Started.Local().Format("2006-01-02 15:04:05"))
}

func (e *busyError) Unwrap() error { return errBusy }

// dirLock is a held DATA/lock.
type dirLock struct {
	f    *os.File
	dir  string
	self owner
}

func lockPath(dir string) string  { return filepath.Join(dir, "lock") }
func ownerPath(dir string) string { return filepath.Join(dir, "owner.json") }

// lockDir takes dir's lock without waiting and records this process as its
// owner. If another process holds it, the error is a *busyError naming it.
func lockDir(dir string, args []string) (*dirLock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	f, err := os.OpenFile(lockPath(dir), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("data dir lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &busyError{dir: dir, owner: readOwner(dir)}
		}
		return nil, fmt.Errorf("data dir lock: %w", err)
	}
	l := &dirLock{f: f, dir: dir, self: owner{PID: os.Getpid(), Command: commandLine(args), Started: time.Now().UTC()}}
	if err := l.write(); err != nil {
		l.release()
		return nil, err
	}
	return l, nil
}

// commandLine is how owner.json shows a command: program name and args.
func commandLine(args []string) string {
	return strings.Join(append([]string{"scamhunt"}, args...), " ")
}

// readOwner reads owner.json. The holder writes it just after taking the
// lock, so a missing or half-replaced file is read again for up to a
// second; the zero owner means it stayed unreadable.
func readOwner(dir string) owner {
	for range 10 {
		var o owner
		b, err := os.ReadFile(ownerPath(dir))
		if err == nil && json.Unmarshal(b, &o) == nil && o.PID != 0 {
			return o
		}
		time.Sleep(100 * time.Millisecond)
	}
	return owner{}
}

// write replaces owner.json atomically (a stale one from a crashed owner
// is simply overwritten: the free lock said it was stale).
func (l *dirLock) write() error {
	b, err := json.MarshalIndent(l.self, "", "  ")
	if err != nil {
		return err
	}
	tmp := ownerPath(l.dir) + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("owner file: %w", err)
	}
	if err := os.Rename(tmp, ownerPath(l.dir)); err != nil {
		return fmt.Errorf("owner file: %w", err)
	}
	return nil
}

// setSocket records the control socket commands may be sent to.
func (l *dirLock) setSocket(sock string) error {
	l.self.Socket = sock
	return l.write()
}

// release removes owner.json and frees the lock.
func (l *dirLock) release() {
	os.Remove(ownerPath(l.dir))
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
}
