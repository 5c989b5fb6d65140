package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scamhunt/scamhunt/web"
)

func newPasswdCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "passwd NAME",
		Short: "Make a reviewer account line for serve --reviewers (password read from stdin)",
		Long: `passwd hashes a reviewer's password (PBKDF2-HMAC-SHA256) and prints the
line NAME:HASH for the file that serve --reviewers reads. The password is
the first line of standard input, at least 12 characters; it is never an
argument, so it stays out of shell history and process lists.`,
		Example: `  read -rs PW; printf '%s\n' "$PW" | scamhunt passwd 王审核 >> reviewers.txt`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if fi, err := os.Stdin.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 && cmd.InOrStdin() == os.Stdin {
				return errors.New("pipe the password in (a typed one would echo): read -rs PW; printf '%s\\n' \"$PW\" | scamhunt passwd NAME")
			}
			line, err := bufio.NewReader(io.LimitReader(cmd.InOrStdin(), 4096)).ReadString('\n')
			if err != nil && !errors.Is(err, io.EOF) {
				return fmt.Errorf("read password: %w", err)
			}
			hash, err := web.HashPassword(strings.TrimRight(line, "\r\n"))
			if err != nil {
				return err
			}
			if err := (web.Config{Reviewers: map[string]string{args[0]: hash}}).Validate(); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s:%s\n", args[0], hash)
			return nil
		},
	}
}

// readReviewers reads a reviewers file: NAME:HASH lines from passwd, blank
// lines and # comments ignored. Errors name the file and line.
func readReviewers(file string) (map[string]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("--reviewers: %w", err)
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, hash, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want NAME:HASH (from scamhunt passwd)", file, n)
		}
		if _, dup := m[name]; dup {
			return nil, fmt.Errorf("%s:%d: reviewer %s listed twice", file, n, name)
		}
		m[name] = hash
		if err := (web.Config{Reviewers: map[string]string{name: hash}}).Validate(); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return m, nil
}
