package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReviewersFile makes an account with `scamhunt passwd` and reads it
// back; a bad line is reported with the file and line.
func TestReviewersFile(t *testing.T) {
	line, _, err := run(t, "a long reviewer passphrase\n", "passwd", "王审核")
	if err != nil {
		t.Fatalf("passwd: %v", err)
	}
	if _, _, err := run(t, "short\n", "passwd", "li"); err == nil || !strings.Contains(err.Error(), "password too short") {
		t.Errorf("passwd with a short password: %v", err)
	}
	if _, _, err := run(t, "a long reviewer passphrase\n", "passwd", "admin"); err == nil || !strings.Contains(err.Error(), `reviewer name "admin"`) {
		t.Errorf("passwd for admin: %v", err)
	}
	dir := t.TempDir()
	write := func(body string) string {
		f := filepath.Join(dir, "reviewers.txt")
		if err := os.WriteFile(f, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return f
	}
	f := write("# the team\n\n" + line)
	m, err := readReviewers(f)
	if err != nil || len(m) != 1 || !strings.HasPrefix(m["王审核"], "pbkdf2-sha256$600000$") {
		t.Fatalf("readReviewers = %v, %v", m, err)
	}
	for body, want := range map[string]string{
		"# x\nno colon here\n":         "reviewers.txt:2: want NAME:HASH",
		line + line:                    "reviewers.txt:2: reviewer 王审核 listed twice",
		"li:pbkdf2-sha256$1$YWJj$YWJj": `reviewers.txt:1: reviewer li: password hash: iterations "1" out of range`,
	} {
		if _, err := readReviewers(write(body)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("readReviewers(%q) error %v, want %q", body, err, want)
		}
	}
	if _, err := readReviewers(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing reviewers file is no error")
	}
}
