package crawler

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"path"
	"slices"
	"strings"

	"golang.org/x/net/idna"
)

// Canonical returns the form of an absolute http(s) URL that the frontier,
// Page.URL and listing IDs use, so one page reached by different links is
// fetched once: scheme and host lower-cased, default port, user info and
// fragment dropped, dot segments and repeated slashes removed,
// percent-encoding normalised (unreserved characters decoded, hex upper-case),
// session IDs removed (?PHPSESSID=..., ;jsessionid=...: see sessionParams),
// the query parameters named in drop removed (a trailing * matches a prefix)
// and the rest sorted.
func Canonical(raw string, drop []string) (string, error) {
	u, err := parseLoose(raw)
	if err != nil {
		return "", err
	}
	return canonicalURL(u, drop)
}

// parseLoose parses raw after removing what browsers ignore: surrounding
// spaces and ASCII tab/newline characters anywhere.
func parseLoose(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if strings.ContainsAny(raw, "\t\r\n") {
		raw = strings.NewReplacer("\t", "", "\r", "", "\n", "").Replace(raw)
	}
	u, err := url.Parse(fixPercents(raw))
	if err != nil {
		return nil, fmt.Errorf("parse url: %w", err)
	}
	return u, nil
}

// fixPercents escapes a '%' that does not start an escape, as browsers do
// ("100%" in a path), so such links still parse.
func fixPercents(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])) {
			b.WriteString("%25")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var errNotHTTP = errors.New("not an absolute http(s) URL")

func canonicalURL(u *url.URL, drop []string) (string, error) {
	scheme := strings.ToLower(u.Scheme)
	if (scheme != "http" && scheme != "https") || u.Host == "" || u.Opaque != "" {
		return "", fmt.Errorf("%w: %q", errNotHTTP, u.Redacted())
	}
	host, err := normHost(u.Host, scheme)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(len(u.Host) + len(u.RawPath) + len(u.Path) + len(u.RawQuery) + 16)
	b.WriteString(scheme)
	b.WriteString("://")
	b.WriteString(host)
	b.WriteString(canonicalPath(u.EscapedPath()))
	if q := canonicalQuery(u.RawQuery, drop); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String(), nil
}

// canonicalHost lower-cases a host[:port] and drops a trailing dot; it is
// how allowed hosts are compared with URL hosts.
func canonicalHost(h string) string {
	if n, err := normHost(h, ""); err == nil {
		return n
	}
	return strings.ToLower(h)
}

// normHost lower-cases the host, converts an internationalised name to
// its ASCII form and drops the scheme's default port.
func normHost(hostport, scheme string) (string, error) {
	host, port := hostport, ""
	if h, p, err := net.SplitHostPort(hostport); err == nil {
		host, port = h, p
	} else if strings.HasPrefix(hostport, "[") && strings.HasSuffix(hostport, "]") {
		host = hostport[1 : len(hostport)-1]
	}
	host = strings.TrimRight(strings.ToLower(host), ".")
	if !isASCII(host) {
		a, err := idna.Lookup.ToASCII(host)
		if err != nil {
			return "", fmt.Errorf("bad host %q: %w", hostport, err)
		}
		host = a
	}
	if host == "" || strings.ContainsAny(host, " %/?#@[]") {
		return "", fmt.Errorf("bad host %q", hostport)
	}
	if strings.Contains(host, ":") {
		// only an IPv6 address holds a colon once the port is off
		// ("http://]:" parsed with the host "]:")
		if _, err := netip.ParseAddr(host); err != nil {
			return "", fmt.Errorf("bad host %q", hostport)
		}
		host = "[" + host + "]"
	}
	if port == "" {
		return host, nil
	}
	for i := 0; i < len(port); i++ {
		if port[i] < '0' || port[i] > '9' {
			return "", fmt.Errorf("bad port in host %q", hostport)
		}
	}
	if port = strings.TrimLeft(port, "0"); port == "" {
		port = "0"
	}
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		return host, nil
	}
	return host + ":" + port, nil
}

func canonicalPath(escaped string) string {
	p := dropPathSessions(normEscapes(escaped, isPathChar))
	for strings.Contains(p, "//") {
		p = strings.ReplaceAll(p, "//", "/")
	}
	if p == "" || p[0] != '/' {
		p = "/" + p
	}
	trailing := strings.HasSuffix(p, "/") || strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..")
	p = path.Clean(p)
	if trailing && p != "/" {
		p += "/"
	}
	return p
}

func canonicalQuery(raw string, drop []string) string {
	if raw == "" {
		return ""
	}
	pairs := strings.Split(raw, "&")
	kept := pairs[:0]
	for _, kv := range pairs {
		if kv == "" {
			continue
		}
		k, v, hasEq := strings.Cut(kv, "=")
		k = normEscapes(k, isQueryChar)
		v = normEscapes(v, isQueryChar)
		if k == "" && v == "" {
			continue
		}
		if dropped(k, drop) || isSessionID(k, v) {
			continue
		}
		if hasEq {
			kept = append(kept, k+"="+v)
		} else {
			kept = append(kept, k)
		}
	}
	slices.SortStableFunc(kept, func(a, b string) int {
		ka, _, _ := strings.Cut(a, "=")
		kb, _, _ := strings.Cut(b, "=")
		if c := strings.Compare(ka, kb); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return strings.Join(kept, "&")
}

func dropped(key string, drop []string) bool {
	if len(drop) == 0 {
		return false
	}
	k, err := url.QueryUnescape(key)
	if err != nil {
		k = key
	}
	k = strings.ToLower(k)
	for _, d := range drop {
		d = strings.ToLower(d)
		if p, ok := strings.CutSuffix(d, "*"); ok {
			if strings.HasPrefix(k, p) {
				return true
			}
		} else if k == d {
			return true
		}
	}
	return false
}

const upperHex = "0123456789ABCDEF"

// normEscapes rewrites s so that unreserved characters are literal, other
// escapes use upper-case hex, and bytes that may not appear literally
// (keep reports which may) are escaped.
func normEscapes(s string, keep func(byte) bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' {
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				d := unhex(s[i+1])<<4 | unhex(s[i+2])
				if isUnreserved(d) {
					b.WriteByte(d)
				} else {
					b.WriteByte('%')
					b.WriteByte(upperHex[d>>4])
					b.WriteByte(upperHex[d&15])
				}
				i += 2
				continue
			}
			b.WriteString("%25")
			continue
		}
		if keep(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&15])
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func isSubDelim(c byte) bool {
	return strings.IndexByte("!$&'()*+,;=", c) >= 0
}

func isPathChar(c byte) bool {
	return isUnreserved(c) || isSubDelim(c) || c == ':' || c == '@' || c == '/'
}

// isQueryChar leaves '&' and '=' out: inside a key or value they are
// escaped so that splitting the canonical query is unambiguous.
func isQueryChar(c byte) bool {
	return (isUnreserved(c) || isSubDelim(c) || c == ':' || c == '@' || c == '/' || c == '?') && c != '&' && c != '='
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
