package contact

import (
	"regexp"
	"slices"
	"strings"

	"github.com/scamhunt/scamhunt"
	"golang.org/x/text/width"
)

// The patterns run over the folded text (lower-case, narrow), so full-width
// and upper-case addresses match too.
var (
	// bigMailHosts are the big mail hosts, whose names make "#" or a
	// spelled-out "at" an address.
	bigMailHosts = []string{"qq", "163", "126", "139", "gmail", "sina", "foxmail", "outlook", "hotmail", "yahoo", "sohu", "yeah"}
	mailHosts    = func() map[string]bool {
		m := map[string]bool{}
		for _, h := range bigMailHosts {
			m[h] = true
		}
		return m
	}()
	emailRe = regexp.MustCompile(`[a-z0-9][a-z0-9._%+\-]*@[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.[a-z]{2,12}` +
		// "abc#qq.com": # for @ hides an address from filters; only the big mail hosts
		`|[a-z0-9][a-z0-9._\-]*#(?:` + strings.Join(bigMailHosts, "|") + `)\.(?:com\.cn|com|net|cn)`)
	// obfEmailRe is an address with "@" or "." written out to pass filters:
	// "abc123 at qq dot com", "abc123(at)qq.com", "abc123艾特qq点com". The
	// word "at" counts only with brackets around it, or with spaces around
	// it before one of the big mail hosts (mailHosts): English prose says
	// "look at me dot com" too.
	obfEmailRe = regexp.MustCompile(`([a-z0-9][a-z0-9._\-]{2,63})\s*([(\[{<]\s*(?:at|@)\s*[)\]}>]|\s+at\s+|\s*@\s*|艾特|圈a)\s*` +
		`([a-z0-9][a-z0-9\-]{0,62})\s*(?:[(\[{<]\s*(?:dot|\.)\s*[)\]}>]|\s+dot\s+|点|\.)\s*(com|net|org|cn|edu)\b`)
	urlRe = regexp.MustCompile(`(?:https?://[a-z0-9\-]+(?:\.[a-z0-9\-]+)*|www\.[a-z0-9\-]+(?:\.[a-z0-9\-]+)+)(?::[0-9]{1,5})?(?:[/?#][a-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*)?` +
		`|[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:com|cn|net|org|top|xyz|vip|cc|app|io|me|info|shop|site|club|online|ltd|link|fun|ink|work|biz|tv|hk|pro|live|store|tech|wang|asia|icu|life|cloud)` +
		`(?::[0-9]{2,5})?(?:/[a-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*)?`)
)

// web finds e-mail addresses, URLs and t.me links before anything else and
// marks them used, so digits inside them are never read as numbers.
func (sc *scanner) web() {
	if !sc.webCue() {
		return // every pattern here needs a cue: most ads have none
	}
	var f strings.Builder
	at := make([]int, 0, len(sc.r)+1) // rune index -> byte offset in f
	for _, c := range sc.r {
		at = append(at, f.Len())
		f.WriteRune(c)
	}
	at = append(at, f.Len())
	folded := f.String()
	runeAt := func(b int) int {
		i, _ := slices.BinarySearch(at, b)
		return i
	}
	for _, m := range emailRe.FindAllStringIndex(folded, -1) {
		s, e := runeAt(m[0]), runeAt(m[1])
		if p := sc.at(s - 1); isWord(p) || p == '.' || p == '-' {
			continue
		}
		sc.email(s, e)
	}
	for _, m := range obfEmails(folded) {
		s, e := runeAt(m[0]), runeAt(m[1])
		if p := sc.at(s - 1); isWord(p) || p == '.' || p == '-' || !sc.free(s, e) {
			continue
		}
		host := folded[m[6]:m[7]]
		if strings.TrimSpace(folded[m[4]:m[5]]) == "at" && !mailHosts[host] {
			continue
		}
		sc.emitEmail(folded[m[2]:m[3]]+"@"+host+"."+folded[m[8]:m[9]], s, e)
	}
	for _, m := range urlRe.FindAllStringIndex(folded, -1) {
		s, e := runeAt(m[0]), runeAt(m[1])
		if p := sc.at(s - 1); isWord(p) || strings.ContainsRune(".-@/", p) || !sc.free(s, e) {
			continue
		}
		for e > s && (strings.ContainsRune(".,;:!?'\"", sc.r[e-1]) || sc.r[e-1] == ')' && !strings.ContainsRune(string(sc.r[s:e-1]), '(')) {
			e--
		}
		if isWord(sc.at(e)) || sc.at(e) == '-' {
			continue
		}
		sc.url(s, e)
	}
}

func (sc *scanner) email(s, e int) {
	sc.emitEmail(strings.Replace(string(sc.r[s:e]), "#", "@", 1), s, e)
}

// emitEmail records the address v found at runes [s, e).
func (sc *scanner) emitEmail(v string, s, e int) {
	sc.emit(scamhunt.ContactEmail, v, s, e)
	sc.mark(s, e)
	// 56793216@qq.com is also QQ 56793216.
	if local, host, _ := strings.Cut(v, "@"); host == "qq.com" && len(local) >= 5 && len(local) <= 11 && local[0] != '0' && strings.Trim(local, "0123456789") == "" {
		sc.emit(scamhunt.ContactQQ, local, s, s+len(local))
	}
}

// url records a link as written, scheme and host lower-cased; a t.me link to
// a user is a Telegram handle.
func (sc *scanner) url(s, e int) {
	v := sc.ascii(s, e)
	scheme := ""
	if i := strings.Index(v, "://"); i >= 0 {
		scheme, v = strings.ToLower(v[:i+3]), v[i+3:]
	}
	host, path := v, ""
	if i := strings.IndexAny(v, "/?#"); i >= 0 {
		host, path = v[:i], v[i:]
	}
	host = strings.ToLower(host)
	sc.mark(s, e)
	switch strings.TrimPrefix(host, "www.") {
	case "t.me", "telegram.me", "telegram.dog":
		name, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
		if name = strings.ToLower(name); telegramHandle(name) && name != "joinchat" {
			sc.emit(scamhunt.ContactTelegram, name, s, e)
			return
		}
	}
	sc.emit(scamhunt.ContactURL, scheme+host+path, s, e)
}

// ascii is runes [s, e) as written where they are ASCII once narrowed (so a
// path keeps its case), and folded where they are not: the pattern matched
// the folded runes, so the result is ASCII even when a rune such as İ or the
// Kelvin sign folds to a letter of another length in bytes.
func (sc *scanner) ascii(s, e int) string {
	var b strings.Builder
	for i := s; i < e; i++ {
		c := sc.orig[i]
		if n := width.Narrow.String(string(c)); len(n) == 1 {
			b.WriteString(n)
			continue
		}
		b.WriteRune(sc.r[i])
	}
	return b.String()
}

// obfEmails runs obfEmailRe on text that has one of its "at" forms: the
// regexp backtracks, and most ads have none.
func obfEmails(folded string) [][]int {
	if !strings.Contains(folded, "at") && !strings.Contains(folded, "@") && !strings.Contains(folded, "艾特") && !strings.Contains(folded, "圈a") {
		return nil
	}
	return obfEmailRe.FindAllStringSubmatchIndex(folded, -1)
}

// webCue says whether the text has what every e-mail and URL pattern
// needs: ".", "@", "#", or a dot spelled out ("点", "dot").
func (sc *scanner) webCue() bool {
	for i, c := range sc.r {
		switch c {
		case '.', '@', '#', '点':
			return true
		case 'd':
			if sc.hasPrefix(i, "dot") {
				return true
			}
		}
	}
	return false
}
