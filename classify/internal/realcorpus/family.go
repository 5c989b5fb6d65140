package realcorpus

import (
	"net/url"
	"strings"
)

// Family names the site or repository a source belongs to, for the
// provenance table: a URL's host without "www.", or github.com/OWNER/REPO
// for a repository file (owner/repo/path@commit) or issue (owner/repo#n).
func Family(source string) string {
	if u, err := url.Parse(source); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	}
	s := strings.TrimPrefix(source, "github.com/")
	s, _, _ = strings.Cut(s, "@")
	s, _, _ = strings.Cut(s, "#")
	parts := strings.SplitN(s, "/", 3)
	if len(parts) >= 2 {
		return "github.com/" + parts[0] + "/" + parts[1]
	}
	return source
}
