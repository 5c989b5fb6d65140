package web

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Password hashes are "pbkdf2-sha256$ITERATIONS$SALT$KEY" with SALT and KEY
// in unpadded standard base64: PBKDF2-HMAC-SHA256 from the standard
// library, at OWASP's recommended cost.
const (
	hashScheme     = "pbkdf2-sha256"
	hashIterations = 600_000
	minIterations  = 100_000
	maxIterations  = 10_000_000
	saltBytes      = 16
	keyBytes       = 32
	minPassword    = 12
	maxPassword    = 1024
	maxReviewer    = 32 // runes in a reviewer's name
)

// AdminReviewer is the reviewer name of whoever logs in with the admin
// token, and of labels set through the Bearer-token API.
const AdminReviewer = "admin"

// HashPassword hashes a reviewer's password for Config.Reviewers. The
// password needs at least 12 characters.
func HashPassword(password string) (string, error) {
	if err := checkPasswordText(password); err != nil {
		return "", err
	}
	salt := make([]byte, saltBytes)
	_, _ = rand.Read(salt) // crypto/rand.Read never fails (it crashes the program instead)
	key, err := pbkdf2.Key(sha256.New, password, salt, hashIterations, keyBytes)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	enc := base64.RawStdEncoding
	return fmt.Sprintf("%s$%d$%s$%s", hashScheme, hashIterations, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

func checkPasswordText(password string) error {
	switch n := utf8.RuneCountInString(password); {
	case !utf8.ValidString(password):
		return errors.New("password is not valid UTF-8")
	case n < minPassword:
		return fmt.Errorf("password too short: need at least %d characters", minPassword)
	case len(password) > maxPassword:
		return fmt.Errorf("password too long: at most %d bytes", maxPassword)
	}
	return nil
}

// passwordHash is a parsed HashPassword result.
type passwordHash struct {
	iter      int
	salt, key []byte
}

func parseHash(h string) (passwordHash, error) {
	parts := strings.Split(h, "$")
	if len(parts) != 4 || parts[0] != hashScheme {
		return passwordHash{}, fmt.Errorf("want %s$ITERATIONS$SALT$KEY", hashScheme)
	}
	iter, err := strconv.Atoi(parts[1])
	if err != nil || iter < minIterations || iter > maxIterations {
		return passwordHash{}, fmt.Errorf("iterations %q out of range [%d, %d]", parts[1], minIterations, maxIterations)
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[2])
	if err != nil || len(salt) < 8 {
		return passwordHash{}, errors.New("salt is not base64 of 8 or more bytes")
	}
	key, err := base64.RawStdEncoding.DecodeString(parts[3])
	if err != nil || len(key) != keyBytes {
		return passwordHash{}, fmt.Errorf("key is not base64 of %d bytes", keyBytes)
	}
	return passwordHash{iter: iter, salt: salt, key: key}, nil
}

// matches reports whether password hashes to h's key.
func (h passwordHash) matches(password string) bool {
	if len(password) > maxPassword {
		return false
	}
	key, err := pbkdf2.Key(sha256.New, password, h.salt, h.iter, len(h.key))
	return err == nil && subtle.ConstantTimeCompare(key, h.key) == 1
}

// validReviewer checks a reviewer's name: 1 to 32 printable characters,
// no colon (the reviewers file's separator), no space at either end, not
// the admin token's name.
func validReviewer(name string) error {
	switch {
	case name == "" || !utf8.ValidString(name) || utf8.RuneCountInString(name) > maxReviewer:
		return fmt.Errorf("reviewer name %q: want 1 to %d characters", name, maxReviewer)
	case strings.TrimSpace(name) != name:
		return fmt.Errorf("reviewer name %q has leading or trailing space", name)
	case name == AdminReviewer:
		return fmt.Errorf("reviewer name %q is the admin token's", name)
	case strings.ContainsRune(name, ':'):
		return fmt.Errorf("reviewer name %q has a colon", name)
	}
	for _, r := range name {
		if !unicode.IsPrint(r) {
			return fmt.Errorf("reviewer name %q has an unprintable character", name)
		}
	}
	return nil
}
