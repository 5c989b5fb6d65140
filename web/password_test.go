package web_test

import (
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt/web"
)

func TestHashPassword(t *testing.T) {
	h := reviewerHash(t)
	if !strings.HasPrefix(h, "pbkdf2-sha256$600000$") || strings.Contains(h, reviewerPassword) {
		t.Errorf("hash %q", h)
	}
	if err := (web.Config{Reviewers: map[string]string{"li": h}}).Validate(); err != nil {
		t.Errorf("the hash does not validate: %v", err)
	}
	for pw, want := range map[string]string{
		"short":                      "password too short: need at least 12 characters",
		"密码太短了":                      "password too short: need at least 12 characters",
		strings.Repeat("x", 1025):    "password too long: at most 1024 bytes",
		"\xff\xfe not utf-8 at all!": "password is not valid UTF-8",
	} {
		if _, err := web.HashPassword(pw); err == nil || err.Error() != want {
			t.Errorf("HashPassword(%.20q) error %v, want %q", pw, err, want)
		}
	}
}
