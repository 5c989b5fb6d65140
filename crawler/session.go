package crawler

import (
	"hash/fnv"
	"net/url"
	"strings"
	"sync"
)

// sessionParams name the query and path parameters (;jsessionid=...) that
// carry a session ID: a site that puts a fresh one in every link makes
// every page a new URL, an endless crawl. Canonical drops them, as
// Heritrix's canonicaliser does, when the value looks like a token. A
// trailing * matches a prefix.
var sessionParams = []string{"jsessionid", "phpsessid", "aspsessionid*", "asp.net_sessionid", "sessionid", "session_id", "sessid", "sid"}

// minSessionToken is the shortest value taken for a session ID; shorter
// values of a parameter named sid are more likely a site or section ID.
const minSessionToken = 10

// isSessionID says whether the (escaped) parameter k=v carries a session ID.
func isSessionID(k, v string) bool {
	return len(v) >= minSessionToken && isToken(v) && dropped(k, sessionParams)
}

// isToken says whether v is made of the characters session tokens use.
func isToken(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !isUnreserved(c) {
			return false
		}
	}
	return true
}

// dropPathSessions removes ;name=value path parameters that carry a
// session ID from an escaped path.
func dropPathSessions(p string) string {
	if !strings.Contains(p, ";") {
		return p
	}
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		if !strings.Contains(seg, ";") {
			continue
		}
		parts := strings.Split(seg, ";")
		kept := parts[:1]
		for _, param := range parts[1:] {
			if k, v, _ := strings.Cut(param, "="); !isSessionID(k, v) {
				kept = append(kept, param)
			}
		}
		segs[i] = strings.Join(kept, ";")
	}
	return strings.Join(segs, "/")
}

// hasSessionID says whether a link, as written, carries a session ID that
// Canonical drops.
func hasSessionID(raw string) bool {
	low := strings.ToLower(raw)
	if !strings.Contains(low, "sess") && !strings.Contains(low, "sid=") {
		return false
	}
	u, err := parseLoose(raw)
	if err != nil {
		return false
	}
	if dropPathSessions(u.EscapedPath()) != u.EscapedPath() {
		return true
	}
	for _, kv := range strings.Split(u.RawQuery, "&") {
		if k, v, _ := strings.Cut(kv, "="); isSessionID(k, v) {
			return true
		}
	}
	return false
}

// maxVolatileShapes bounds the memory of volatile-parameter detection.
const maxVolatileShapes = 10000

// minVolatileToken is the shortest value taken for a volatile token, and
// such a value must mix letters and digits: a listing ID (?id=1234) that
// changes the page but not its template is never mistaken for one.
const minVolatileToken = 12

// volatile finds session IDs under names sessionParams does not know: a
// query parameter whose token value differs between two fetches of the same
// page while the page, read with every value of that parameter blanked out,
// is the same. Such a parameter is then dropped from that host's links.
type volatile struct {
	mu      sync.Mutex
	seen    map[string]volatileSeen    // host path ?other params # param -> first sighting
	learned map[string]map[string]bool // host -> parameters found volatile
}

type volatileSeen struct {
	value string
	hash  uint64
}

func newVolatile() *volatile {
	return &volatile{seen: map[string]volatileSeen{}, learned: map[string]map[string]bool{}}
}

// observe looks at a fetched page: u its canonical URL, body its text. It
// returns the parameters it has just learned are volatile.
func (v *volatile) observe(u *url.URL, body []byte) []string {
	if u.RawQuery == "" {
		return nil
	}
	pairs := strings.Split(u.RawQuery, "&")
	var found []string
	for i, kv := range pairs {
		k, val, _ := strings.Cut(kv, "=")
		if !volatileToken(val) {
			continue
		}
		others := strings.Join(append(append([]string(nil), pairs[:i]...), pairs[i+1:]...), "&")
		key := u.Host + u.EscapedPath() + "?" + others + "#" + k
		// The page is hashed only when the hash is kept or compared.
		v.mu.Lock()
		prev, ok := v.seen[key]
		switch {
		case !ok && len(v.seen) < maxVolatileShapes:
			v.seen[key] = volatileSeen{value: val, hash: blankedHash(body, k, val)}
		case ok && prev.value != val && !v.learned[u.Host][k] && prev.hash == blankedHash(body, k, val):
			if v.learned[u.Host] == nil {
				v.learned[u.Host] = map[string]bool{}
			}
			v.learned[u.Host][k] = true
			found = append(found, k)
		}
		v.mu.Unlock()
	}
	return found
}

// params returns the parameters found volatile on host.
func (v *volatile) params(host string) []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	var out []string
	for k := range v.learned[host] {
		out = append(out, k)
	}
	return out
}

// volatileToken says whether a query value looks like a generated token.
func volatileToken(v string) bool {
	if len(v) < minVolatileToken || !isToken(v) {
		return false
	}
	var letter, digit bool
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case '0' <= c && c <= '9':
			digit = true
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			letter = true
		}
	}
	return letter && digit
}

// blankedHash hashes body with the value of every k= in it, and the page's
// own value wherever else it appears, left out.
func blankedHash(body []byte, k, val string) uint64 {
	s := strings.ReplaceAll(string(body), val, "")
	h := fnv.New64a()
	for {
		i := strings.Index(s, k+"=")
		if i < 0 {
			break
		}
		h.Write([]byte(s[:i+len(k)+1]))
		s = s[i+len(k)+1:]
		j := 0
		for j < len(s) && isUnreserved(s[j]) {
			j++
		}
		s = s[j:]
	}
	h.Write([]byte(s))
	return h.Sum64()
}
